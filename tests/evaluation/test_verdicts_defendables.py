"""Issue #9, « Why »: each case where a verdict could not be defended line by line, reproduced.

Explanations must state the comparison as it came out, results without a verdict carry no
number they did not compute, and the period reviews (bilans) follow docs/semantique.md.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from cpom_rules import Resultats, evaluate, load_catalogue, load_dataset
from tests.conftest import SPECS
from tests.evaluation.fabrique import F1, evaluer, ligne, une_mesure, x

EXEMPLES = SPECS.parent.parent / "examples"


@pytest.fixture(scope="module")
def exemple() -> Resultats:
    catalogue = load_catalogue(SPECS)
    donnees = load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv")
    return evaluate(catalogue, donnees)


def test_ct_07_non_atteint_dit_la_comparaison_telle_quelle(exemple: Resultats) -> None:
    """CT_07 « 5 » par période de tension : 11 instances pour 3 périodes = 3,67 < 5."""
    texte = exemple.expliquer("344530274", "CPOM_CT_07", 2025)
    assert "3,67 < cible 5" in texte
    assert "≥" not in texte
    assert texte.endswith("→ non atteint")


def test_os_13_pas_d_arrondi_sans_arrondi_declare(exemple: Resultats) -> None:
    """OS_13 déclare « +3 % par an » sans règle d'arrondi : rien n'est arrondi."""
    texte = exemple.expliquer("091459800", "CPOM_OS_13", 2025)
    assert "arrondi" not in texte
    assert "33,92\u00a0% < cible" in texte


def test_pas_de_nom_de_classe_ni_de_code_interne(exemple: Resultats) -> None:
    trace = exemple.trace("091459800", "CPOM_OS_13", 2025)
    assert trace.genre == "variation_relative"
    assert not re.search(r"\b[A-Z][a-z]+[A-Z]\w+", str(trace.to_dict()))
    texte = exemple.expliquer("091459800", "CPOM_OS_11", 2025, "taux_adnp")
    assert "taux_adnp" not in texte


def test_cumul_dit_la_valeur_cumulee(exemple: Resultats) -> None:
    """CT_2 : la cellule 2026 vaut 1 dans l'année, 2 en cumul depuis 2025 ; l'écart porte sur 2."""
    trace = exemple.trace("091459800", "CPOM_CT_2", 2026)
    assert trace.comparaison is not None
    assert (trace.comparaison.quantite, trace.comparaison.valeur) == ("cumul", 2)
    assert "cumul 2025-2026 : 2 ≥ cible 0" in exemple.expliquer("091459800", "CPOM_CT_2", 2026)


def test_reference_nulle_ne_porte_pas_de_nombre() -> None:
    """« +10 % » sur une référence nulle : ni cible calculée, ni écart (OS_9)."""
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10})
    r = ligne(evaluer(cat, {F1: x(0, 5)}), annee=2025)
    assert (r["statut"], r["raison"]) == ("non_evaluable", "reference_nulle")
    assert (r["cible_valeur"], r["ecart"], r["valeur_comparee"]) == (None, None, None)


def test_cumul_manquant_ne_porte_pas_de_nombre() -> None:
    cat = une_mesure({"type": "cumul", "min": 5})
    r = ligne(evaluer(cat, {F1: x(None, 1, None, 1)}), annee=2027)
    assert r["statut"] == "donnees_manquantes"
    assert (r["valeur_comparee"], r["ecart"]) == (None, None)


@pytest.mark.parametrize("reference", [2024, "initiale"])
def test_bilan_variation_cumulee_reference_nulle(reference: Any) -> None:
    """OS_12 / OS_15 : 2024 = 0 et 2029 = 0, « +25 % sur la période » n'a pas de sens."""
    cat = une_mesure(
        {"type": "variation_relative", "pourcentage": 5},
        total={"sens": "variation_cumulee", "valeur": 25, "reference": reference},
    )
    resultats = evaluer(cat, {F1: x(0, 0, 0, 0, 0, 0)})
    bilan = resultats.bilans_records()[0]
    assert (bilan["statut"], bilan["raison"]) == ("non_evaluable", "reference_nulle")
    assert bilan["cible_valeur"] is None


def test_kleene_pour_un_cumul() -> None:
    """CT_2 intermédiaires 2027 « 1 » en cumul depuis 2025 : 0 / – / 1 fait déjà 1."""
    cat = une_mesure({"type": "cumul", "min": 1, "depuis": 2025})
    r = ligne(evaluer(cat, {F1: x(None, 0, None, 1)}), annee=2027)
    assert (r["statut"], r["raison"]) == ("atteint", None)


def test_kleene_pour_une_somme_sur_la_periode() -> None:
    cat = une_mesure({"type": "seuil", "min": 1}, total={"sens": "somme", "valeur": 100})
    bilan = evaluer(cat, {F1: x(None, 50, None, 50, 50, 50)}).bilans_records()[0]
    assert (bilan["statut"], bilan["raison"]) == ("atteint", None)


def test_echeance_oui_sans_preuve() -> None:
    """Une échéance « au plus tard fin 2028 » répondue « oui » sans la preuve exigée :
    comme un jalon, la preuve manque et le dit."""
    cat = une_mesure(
        {"type": "echeance", "annee": 2028, "preuves": ["charte"]},
        type_variable="booleen",
        unite="oui/non",
        fiche_autres={"preuves": {"charte": {"libelle": "Charte signée"}}},
    )
    r = ligne(evaluer(cat, {F1: x(None, "oui")}), annee=2025)
    assert (r["statut"], r["raison"]) == ("donnees_manquantes", "preuves_manquantes")
    assert r["preuves_manquantes"] == ["charte"]


def _os_5(demarche: list[str], actions: list[Any]) -> Resultats:
    catalogue = load_catalogue(SPECS).restreindre(["CPOM_OS_5"])
    etablissement = {
        "finess": F1,
        "raison_sociale": "Établissement engagé",
        "categorie": "CH",
        "lits": 300,
        "statut": "public",
        "departement": "34",
        "activites": "MCO",
        "engage_sante_environnementale": "non",
        "engage_produits_ecoresponsables": "oui",
        "engage_communication_rh": "non",
    }
    mesures = [
        {"finess": F1, "indicateur": "CPOM_OS_5", "annee": 2025 + i, "variable": v, "valeur": n}
        for i in range(5)
        for v, n in (
            ("action_structuree", demarche[i]),
            ("nb_actions_complementaires", actions[i]),
            ("integration_politique", "oui"),
        )
    ]
    return evaluate(catalogue, load_dataset(catalogue, [etablissement], mesures))


def test_os_5_total_exige_l_action_structuree() -> None:
    """« Minimum 1 action structurée et 4 actions complémentaires au bout des 5 ans »."""
    sans = _os_5(["non"] * 5, [0, 2, 2, 0, 0]).bilans_records()[0]
    assert (sans["statut"], sans["raison"]) == ("non_atteint", None)
    avec = _os_5(["oui", "non", "non", "non", "non"], [0, 2, 2, 0, 0]).bilans_records()[0]
    assert (avec["statut"], avec["raison"]) == ("atteint", None)


def test_os_5_les_actions_de_2025_sont_demandees_en_2025() -> None:
    """The 2025 target is the structured action; the total still sums the 2025 actions: their
    absence is reported in 2025, not first seen in the 2029 bilan."""
    resultats = _os_5(["oui"] * 5, ["", 2, 2, 0, 0])
    r = ligne(resultats, annee=2025, mesure="actions_complementaires")
    assert (r["statut"], r["raison"]) == ("donnees_manquantes", "valeur_manquante")
    r = ligne(resultats, annee=2028, mesure="actions_complementaires")
    assert r["statut"] == "atteint"
