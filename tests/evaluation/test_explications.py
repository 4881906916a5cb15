"""Explanations and traces (evaluation/explications.py, tracer.py): the sentence shape
« fiche — année — segment : comparaison → statut (raison) », on built and shipped fiches."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

import pytest

from cpom_rules import Catalogue, ErreurUsage, evaluate, load_dataset
from tests.evaluation.fabrique import (
    F1,
    F2,
    TAUX_FORMULE,
    TAUX_VARIABLES,
    etablissement_occitanie,
    evaluer,
    ligne,
    une_mesure,
    x,
)
from tests.evaluation.fabrique import os_1_et_12 as copier_os_1_et_12


@pytest.fixture(scope="module")
def os_1_et_12(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return copier_os_1_et_12(tmp_path_factory.mktemp("occitanie"))


def test_os_1_phrase_attendue(os_1_et_12: Catalogue) -> None:
    mesures = [
        {"finess": F1, "indicateur": "CPOM_OS_1", "annee": 2027, "variable": v, "valeur": n}
        for v, n in (("professionnels_formes", 213), ("professionnels_total", 1000))
    ]
    donnees = load_dataset(os_1_et_12, [etablissement_occitanie(F1, "CH", 300)], mesures)
    resultats = evaluate(os_1_et_12.restreindre(["CPOM_OS_1"]), donnees, [2027])
    attendu = (
        "CPOM_OS_1 — 2027 — Pour tous les établissements : "
        "taux 21,3\u00a0% ≥ cible 20\u00a0% → atteint"
    )
    assert resultats.expliquer(F1, "CPOM_OS_1", 2027) == attendu
    assert ligne(resultats, annee=2027)["explication"] == attendu
    trace = resultats.trace(F1, "CPOM_OS_1", 2027)
    variable = next(v for v in trace.variables if v.nom == "professionnels_formes")
    assert (variable.valeur, variable.ligne_source) == ("213", 1)
    assert variable.libelle == os_1_et_12.fiche("CPOM_OS_1").variables[variable.nom].libelle
    assert (trace.statut, trace.raison, trace.genre) == ("atteint", None, "seuil")
    assert trace.preuves.manquantes == ("plan_formation",)


def test_os_1_non_atteint_et_manquant(os_1_et_12: Catalogue) -> None:
    mesures = [
        {"finess": F1, "indicateur": "CPOM_OS_1", "annee": 2027, "variable": v, "valeur": n}
        for v, n in (("professionnels_formes", 199), ("professionnels_total", 1000))
    ]
    etablissements = [
        etablissement_occitanie(F1, "CH", 300),
        etablissement_occitanie(F2, "CH", 300),
    ]
    donnees = load_dataset(os_1_et_12, etablissements, mesures)
    resultats = evaluate(os_1_et_12.restreindre(["CPOM_OS_1"]), donnees, [2027])
    assert resultats.expliquer(F1, "CPOM_OS_1", 2027).endswith(
        "taux 19,9\u00a0% < cible 20\u00a0% → non atteint"
    )
    assert resultats.expliquer(F2, "CPOM_OS_1", 2027) == (
        "CPOM_OS_1 — 2027 — Pour tous les établissements : cible ≥ 20 % → données manquantes "
        "(valeur manquante : professionnels_formes, professionnels_total non renseigné(s))"
    )


def test_expliquer_une_cellule_inconnue(os_1_et_12: Catalogue) -> None:
    donnees = load_dataset(os_1_et_12, [etablissement_occitanie(F1, "CH", 300)], [])
    resultats = evaluate(os_1_et_12.restreindre(["CPOM_OS_1"]), donnees, [2025])
    with pytest.raises(ErreurUsage, match="FINESS"):
        resultats.expliquer(F2, "CPOM_OS_1", 2025)
    with pytest.raises(ErreurUsage, match="indicateur"):
        resultats.expliquer(F1, "CPOM_OS_99", 2025)
    with pytest.raises(ErreurUsage, match="2026"):
        resultats.expliquer(F1, "CPOM_OS_1", 2026)
    with pytest.raises(ErreurUsage, match="mesure"):
        resultats.trace(F1, "CPOM_OS_1", 2025, mesure="inconnue")


# --- sentence shape per kind of result ----------------------------------------------------------
@pytest.mark.parametrize(
    ("cible", "valeurs", "fin"),
    [
        ({"type": "seuil", "min": 10}, x(None, 12), "valeur 12 ≥ cible 10 → atteint"),
        (
            {"type": "seuil", "max": 10, "max_inclus": False},
            x(None, 10),
            "valeur 10 ≥ cible 10 → non atteint",
        ),
        ({"type": "seuil", "min": 2, "max": 4}, x(None, 3), "valeur 3 entre 2 et 4 → atteint"),
        (
            {"type": "increment", "valeur": 5},
            x(100, 104),
            "valeur 104 < cible 105 (100 en 2024 + 5) → non atteint",
        ),
        (
            {"type": "increment", "valeur": 5},
            x(None, 104),
            "cible +5 par rapport à N-1 → non évaluable (valeur de référence absente (2024))",
        ),
        (
            {"type": "progression"},
            x("1 234,5", 1300),
            "valeur 1\u202f300 > 1\u202f234,5 en 2024 → atteint",
        ),
        (
            {"type": "progression", "stabilisation_acceptee": True},
            x(5, 5),
            "valeur 5 ≥ 5 en 2024 → atteint",
        ),
        (
            {"type": "variation_relative", "pourcentage": 10},
            x(100, 110),
            "valeur 110 ≥ cible 110 (100 en 2024 × 1,1) → atteint",
        ),
        (
            {"type": "variation_relative", "pourcentage": 10},
            x(0, 1),
            "→ non évaluable (référence nulle : une variation relative n'a pas de sens)",
        ),
        ({"type": "cumul", "min": 3}, x(None, 3), "cumul 2025-2025 : 3 ≥ cible 3 → atteint"),
        (
            "pas_de_cible",
            x(None, 3),
            "pas de cible (valeur : 3) → non applicable (pas de cible cette année)",
        ),
        (
            {"type": "sans_objet", "motif": "fermé"},
            x(None, 3),
            "sans objet (fermé) → non applicable (sans objet)",
        ),
    ],
)
def test_phrases(cible: Any, valeurs: dict[int, Any], fin: str) -> None:
    explication = ligne(evaluer(une_mesure(cible), {F1: valeurs}))["explication"]
    assert explication.startswith("CPOM_T_1 — 2025 — Pour tous les établissements : ")
    assert explication.endswith(fin)


def test_phrase_taux_et_denominateur_nul() -> None:
    cat = une_mesure(
        {"type": "seuil", "min": 50},
        formule=TAUX_FORMULE,
        unite="%",
        variables=TAUX_VARIABLES,
    )
    resultats = evaluer(cat, {F1: {2025: {"num": 1, "den": 3}}, F2: {2025: {"num": 0, "den": 0}}})
    assert ligne(resultats, F1)["explication"].endswith(
        "taux 33,33\u00a0% < cible 50\u00a0% → non atteint"
    )
    assert ligne(resultats, F2)["explication"].endswith(
        "cible ≥ 50\u00a0% → non évaluable (dénominateur nul)"
    )


def test_phrase_oui_non_et_echeance() -> None:
    cat = une_mesure({"type": "oui_non"}, type_variable="booleen")
    assert ligne(evaluer(cat, {F1: x(None, "non")}))["explication"].endswith(
        "réponse « non », attendu « oui » → non atteint"
    )
    cat = une_mesure({"type": "echeance", "annee": 2027}, type_variable="booleen")
    assert ligne(evaluer(cat, {F1: x(None, "non")}))["explication"].endswith(
        "réponse « non », « oui » attendu au plus tard fin 2027 → non applicable "
        "(échéance pas encore atteinte)"
    )


def test_phrase_segment_indetermine() -> None:
    cat = une_mesure({"type": "seuil", "min": 1}, segment="grands")
    explication = ligne(evaluer(cat, {F1: x(None, 3)}, attributs={F1: {}}))["explication"]
    assert explication == (
        "CPOM_T_1 — 2025 — segment indéterminé : segment indéterminé : un attribut nécessaire "
        "au segment est manquant ou invalide → non évaluable"
    )


def test_trace_complete() -> None:
    cat = une_mesure(
        {"type": "variation_relative", "pourcentage": 5},
        arrondi={"decimales": 0, "mode": "demi_pair"},
    )
    resultats = evaluer(cat, {F1: x(770, 808)})
    trace = resultats.trace(F1, "CPOM_T_1", 2025)
    calcul, comparaison = trace.calcul, trace.comparaison
    assert calcul is not None and comparaison is not None
    assert (calcul.arrondi_declare, calcul.arrondi_applique) == ("0:demi_pair", True)
    assert (calcul.base, calcul.annee_base, calcul.coefficient) == (770, 2024, Fraction(21, 20))
    assert (calcul.exacte, comparaison.seuil) == (Fraction(1617, 2), 808)
    assert (comparaison.valeur, comparaison.operateur, comparaison.issue) == (808, ">=", True)
    assert trace.variables[0].ligne_source == 2
    assert resultats.expliquer(F1, "CPOM_T_1", 2025).endswith(
        "valeur 808 ≥ cible 808 (770 en 2024 × 1,05, arrondi de 808,5 à 808) → atteint"
    )
    assert resultats.expliquer(F1, "CPOM_T_1", 2025, langue="en").endswith(
        "value 808 ≥ target 808 (770 in 2024 × 1.05, rounded from 808.5 to 808) → met"
    )
    assert trace.segment == "tous" and trace.origine_cible == "tous"
    assert trace.to_dict()["calcul"]["exacte"] == 808.5
