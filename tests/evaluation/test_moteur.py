"""The engine (evaluation/moteur.py): precedence of scope, derogations and segments, years
evaluated, evidence expected, establishments without data."""

from __future__ import annotations

from typing import Any

import pytest

from cpom_rules import ErreurCpom, ErreurUsage, evaluate
from cpom_rules.evaluation.moteur import annees_a_evaluer
from tests.evaluation.fabrique import (
    F1,
    F2,
    F3,
    catalogue,
    evaluer,
    fiche,
    jeu,
    ligne,
    statut,
    x,
)


def _avec_derogations(derogations: dict[str, Any], **fiche_autres: Any) -> Any:
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "x"},
            "unite": "actes",
            "cibles": {
                "grands": {"2025-2029": {"type": "seuil", "min": 100}},
                "petits": {"2025-2029": {"type": "seuil", "min": 10}},
            },
            "derogations": derogations,
        }
    }
    return catalogue(fiche(mesures=mesures, **fiche_autres))


def test_derogation_sans_objet() -> None:
    cat = _avec_derogations({F1: {"motif": "activité transférée", "sans_objet": True}})
    resultats = evaluer(cat, {F1: x(None, 0), F2: x(None, 0)})
    assert statut(resultats, F1) == ("non_applicable", "sans_objet")
    assert ligne(resultats, F1)["applicable"] is False
    assert "sans objet (activité transférée)" in ligne(resultats, F1)["explication"]
    assert statut(resultats, F2) == ("non_atteint", None)


def test_derogation_sans_objet_meme_sans_segment() -> None:
    cat = _avec_derogations({F1: {"motif": "fermeture", "sans_objet": "oui"}})
    resultats = evaluer(cat, {F1: x(None, 0)}, attributs={F1: {}})
    assert statut(resultats, F1) == ("non_applicable", "sans_objet")


def test_derogation_cibles_propres() -> None:
    derogation = {
        "motif": "montée en charge",
        "cibles": {"2026-2027": {"type": "seuil", "min": 3}},
    }
    cat = _avec_derogations({F1: derogation})
    resultats = evaluer(cat, {F1: x(None, 5, 5, 5, 5), F2: x(None, 5, 5, 5, 5)})
    assert [ligne(resultats, F1, a)["statut"] for a in (2025, 2026, 2027, 2028)] == [
        "non_atteint",
        "atteint",
        "atteint",
        "non_atteint",
    ]
    assert ligne(resultats, F1, 2026)["cible_valeur"] == 3
    assert f"dérogation {F1}" in ligne(resultats, F1, 2026)["explication"]
    assert ligne(resultats, F2, 2026)["statut"] == "non_atteint"


def test_derogation_cibles_propres_sans_segment_determine() -> None:
    derogation = {"motif": "cas particulier", "cibles": {"2025": {"type": "seuil", "min": 1}}}
    cat = _avec_derogations({F1: derogation})
    resultats = evaluer(cat, {F1: x(None, 5, 5)}, attributs={F1: {}})
    assert statut(resultats, F1, 2025) == ("atteint", None)
    assert statut(resultats, F1, 2026) == ("non_evaluable", "segment_indetermine")


def test_le_perimetre_prime_sur_la_derogation() -> None:
    cat = _avec_derogations(
        {F1: {"motif": "x", "cibles": {"2025": {"type": "seuil", "min": 1}}}},
        perimetre={"condition": "categorie == 'CH'"},
    )
    resultats = evaluer(cat, {F1: x(None, 5)}, attributs={F1: {"lits": 5, "categorie": "CHU"}})
    assert statut(resultats, F1) == ("non_applicable", "hors_perimetre")


def test_derogation_pour_un_finess_absent_des_donnees() -> None:
    cat = _avec_derogations({F3: {"motif": "x", "sans_objet": True}})
    resultats = evaluer(cat, {F1: x(None, 50)})
    assert statut(resultats, F1) == ("atteint", None)
    assert {r["finess"] for r in resultats.to_records()} == {F1}


def test_etablissement_sans_mesure_reste_dans_les_resultats() -> None:
    cat = _avec_derogations({})
    resultats = evaluer(cat, {F1: x(None, 50)}, autres_finess=[F2])
    lignes = [r for r in resultats.to_records() if r["finess"] == F2]
    assert len(lignes) == 5
    assert {(r["statut"], r["raison"]) for r in lignes} == {
        ("donnees_manquantes", "valeur_manquante")
    }
    assert "x non renseigné(s)" in lignes[0]["explication"]


def test_annees_par_defaut_jusqu_a_la_derniere_annee_de_donnees() -> None:
    cat = _avec_derogations({})
    donnees = jeu(cat, {F1: x(5, 5, 5), F2: x(None, 5)})
    resultats = evaluate(cat, donnees)
    assert resultats.annees == (2025, 2026)
    assert sorted({r["annee"] for r in resultats.to_records()}) == [2025, 2026]
    assert annees_a_evaluer(cat, jeu(cat, {F1: {2024: {"x": 1}}}), None) == (2025,)


@pytest.mark.parametrize("annees", [[2024], [2030], [], [2025, 2031]])
def test_annees_hors_periode(annees: list[int]) -> None:
    cat = _avec_derogations({})
    donnees = jeu(cat, {F1: x(None, 5)})
    with pytest.raises(ErreurUsage) as erreur:
        evaluate(cat, donnees, annees)
    assert isinstance(erreur.value, ErreurCpom)
    assert "2025-2029" in str(erreur.value)


def test_annees_choisies_non_contigues() -> None:
    cat = _avec_derogations({})
    resultats = evaluate(cat, jeu(cat, {F1: x(None, 50, 5, 50)}), [2027, 2025])
    assert resultats.annees == (2025, 2027)
    assert [r["statut"] for r in resultats.to_records()] == ["atteint", "atteint"]


def test_fiche_avec_sa_propre_periode() -> None:
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "x"},
            "unite": "actes",
            "cibles": {"tous": {"2026-2028": {"type": "increment", "valeur": 1}}},
        }
    }
    cat = catalogue(fiche(mesures=mesures, periode={"debut": 2026, "fin": 2028}))
    resultats = evaluer(cat, {F1: x(None, 1, 2, 3, 4, 5)})
    assert sorted({r["annee"] for r in resultats.to_records()}) == [2026, 2027, 2028]
    assert statut(resultats, F1, 2026) == ("atteint", None)  # N-1 = 2025 is read


def test_preuves_attendues_par_annee() -> None:
    mesures = {
        "m": {
            "libelle": "M",
            "formule": {"expression": "x"},
            "unite": "actes",
            "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 1}}},
        }
    }
    preuves = {"bilan": {"libelle": "Bilan annuel", "annees": [2026]}}
    cat = catalogue(fiche(mesures=mesures, preuves=preuves))
    resultats = evaluer(cat, {F1: x(None, 5, 5)}, preuves={(F1, 2025): "bilan"})
    assert ligne(resultats, F1, 2025)["preuves_attendues"] == []
    assert ligne(resultats, F1, 2026)["preuves_attendues"] == ["bilan"]
    assert ligne(resultats, F1, 2026)["preuves_manquantes"] == ["bilan"]
    # Evidence only changes the status of a milestone.
    assert ligne(resultats, F1, 2026)["statut"] == "atteint"


def test_plusieurs_fiches_et_mesures() -> None:
    mesure_a = {
        "libelle": "A",
        "formule": {"expression": "x"},
        "unite": "actes",
        "cibles": {"tous": {"2025-2029": {"type": "seuil", "min": 1}}},
    }
    mesure_b = {**mesure_a, "libelle": "B", "formule": {"expression": "x * 2"}}
    cat = catalogue(
        fiche("CPOM_T_1", mesures={"a": mesure_a, "b": mesure_b}),
        fiche("CPOM_T_2", mesures={"a": mesure_a}),
    )
    resultats = evaluer(cat, {F1: x(None, 1)}, annees=[2025])
    assert [(r["indicateur"], r["mesure"]) for r in resultats.to_records()] == [
        ("CPOM_T_1", "a"),
        ("CPOM_T_1", "b"),
        ("CPOM_T_2", "a"),
    ]
    assert ligne(resultats, mesure="b")["valeur"] == 2
    # The second fiche has no measure in the dataset: missing, not zero.
    assert [r["statut"] for r in resultats.to_records()][-1] == "donnees_manquantes"
    assert "— B :" in ligne(resultats, mesure="b")["explication"]
