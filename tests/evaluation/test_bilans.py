"""The 5-year totals (evaluation/bilans.py), one test per declared meaning, each at its
threshold, plus completeness and scope."""

from __future__ import annotations

from typing import Any

import pytest

from cpom_rules import Resultats
from tests.evaluation.fabrique import F1, F2, evaluer, une_mesure, x


def _bilan(resultats: Resultats, finess: str = F1) -> dict[str, Any]:
    return next(b for b in resultats.bilans_records() if b["finess"] == finess)


def _resultat(
    cible: Any, total: dict[str, Any], valeurs: dict[int, dict[str, Any]], **autres: Any
) -> dict[str, Any]:
    cat = une_mesure(cible, total=total, **autres)
    return _bilan(evaluer(cat, {F1: valeurs}))


SEUIL = {"type": "seuil", "min": 1}


@pytest.mark.parametrize(
    ("finale", "statut"), [(30, "atteint"), ("29,99", "non_atteint"), ("", "donnees_manquantes")]
)
def test_valeur_finale(finale: Any, statut: str) -> None:
    bilan = _resultat(
        SEUIL, {"sens": "valeur_finale", "valeur": 30}, x(None, 10, 15, 20, 25, finale)
    )
    assert bilan["statut"] == statut
    assert bilan["sens_total"] == "valeur_finale"
    assert bilan["periode"] == "2025-2029"
    if statut != "donnees_manquantes":
        assert bilan["cible_valeur"] == 30


@pytest.mark.parametrize(("derniere", "statut"), [(20, "atteint"), (19, "non_atteint")])
def test_somme(derniere: int, statut: str) -> None:
    bilan = _resultat(SEUIL, {"sens": "somme", "valeur": 100}, x(999, 20, 20, 20, 20, derniere))
    assert (bilan["statut"], bilan["valeur"], bilan["cible_valeur"]) == (
        statut,
        80 + derniere,
        100,
    )


def test_somme_avec_une_annee_manquante() -> None:
    """Kleene (docs/semantique.md §3): 200 known already reach 100; they do not reach 300."""
    bilan = _resultat(SEUIL, {"sens": "somme", "valeur": 300}, x(None, 50, None, 50, 50, 50))
    assert (bilan["statut"], bilan["raison"]) == ("donnees_manquantes", "valeur_manquante")
    bilan = _resultat(SEUIL, {"sens": "somme", "valeur": 100}, x(None, 50, None, 50, 50, 50))
    assert (bilan["statut"], bilan["raison"]) == ("atteint", None)


def test_somme_par_trimestre() -> None:
    """A total of 10 « per quarter » levels over 5 years is 40 in yearly values."""
    total = {"sens": "somme", "valeur": 10, "periodicite": "trimestre"}
    cible = {"type": "seuil", "min": 2, "periodicite": "trimestre"}
    assert _resultat(cible, total, x(None, 8, 8, 8, 8, 8))["statut"] == "atteint"
    bilan = _resultat(cible, total, x(None, 8, 8, 8, 8, 7))
    assert (bilan["statut"], bilan["cible_valeur"]) == ("non_atteint", 40)


@pytest.mark.parametrize(("derniere", "statut"), [(125, "atteint"), (124, "non_atteint")])
def test_somme_increments(derniere: int, statut: str) -> None:
    total = {"sens": "somme_increments", "valeur": 25}
    bilan = _resultat(
        {"type": "increment", "valeur": 5}, total, x(100, 105, 110, 115, 120, derniere)
    )
    assert (bilan["statut"], bilan["valeur"]) == (statut, derniere - 100)


def test_somme_increments_sans_valeur_initiale() -> None:
    total = {"sens": "somme_increments", "valeur": 25}
    bilan = _resultat({"type": "increment", "valeur": 5}, total, x(None, 105, 110, 115, 120, 125))
    assert (bilan["statut"], bilan["raison"]) == ("donnees_manquantes", "valeur_manquante")


@pytest.mark.parametrize(
    ("mode", "finale", "statut"),
    [
        (None, "925,75", "atteint"),  # 740.6 × 1.25 = 925.75 exactly
        (None, "925,74", "non_atteint"),
        ("demi_superieur", 926, "atteint"),  # 925.75 → 926
        ("demi_superieur", 925, "non_atteint"),
        ("inferieur", 925, "atteint"),  # 925.75 → 925
    ],
)
def test_variation_cumulee(mode: str | None, finale: Any, statut: str) -> None:
    total = {"sens": "variation_cumulee", "valeur": 25}
    autres = {"arrondi": {"decimales": 0, "mode": mode}} if mode else {}
    bilan = _resultat(
        {"type": "variation_relative", "pourcentage": 5},
        total,
        x("740,6", 800, 840, 880, 900, finale),
        **autres,
    )
    assert bilan["statut"] == statut


def test_variation_cumulee_reference_fixe() -> None:
    total = {"sens": "variation_cumulee", "valeur": 10, "reference": 2025}
    bilan = _resultat(SEUIL, total, x(1, 200, 1, 1, 1, 220))
    assert (bilan["statut"], bilan["cible_valeur"]) == ("atteint", 220)


def test_variation_cumulee_sans_reference() -> None:
    total = {"sens": "variation_cumulee", "valeur": 25}
    bilan = _resultat(SEUIL, total, x(None, 1, 1, 1, 1, 200))
    assert (bilan["statut"], bilan["raison"]) == ("donnees_manquantes", "valeur_manquante")


@pytest.mark.parametrize(
    ("valeurs", "statut", "raison"),
    [
        ((5, 5, 5, 5, 5), "atteint", None),
        ((5, 0, 5, 5, 5), "non_atteint", None),
        ((5, "", 5, 5, 5), "donnees_manquantes", "valeur_manquante"),
        ((5, "", 0, 5, 5), "non_atteint", None),
    ],
)
def test_qualitatif(valeurs: tuple[Any, ...], statut: str, raison: str | None) -> None:
    bilan = _resultat(SEUIL, {"sens": "qualitatif"}, x(None, *valeurs))
    assert (bilan["statut"], bilan["raison"]) == (statut, raison)


def test_qualitatif_sans_aucune_cible() -> None:
    bilan = _resultat("pas_de_cible", {"sens": "qualitatif"}, x(None, 1, 1, 1, 1, 1))
    assert (bilan["statut"], bilan["raison"]) == ("non_applicable", "pas_de_cible")


def test_total_sans_valeur_est_qualitatif() -> None:
    bilan = _resultat(SEUIL, {"sens": "somme"}, x(None, 1, 1, 0, 1, 1))
    assert bilan["statut"] == "non_atteint"


def test_somme_en_baisse() -> None:
    total = {"sens": "somme_increments", "valeur": -10}
    cible = {"type": "increment", "valeur": -2}
    assert _resultat(cible, total, x(50, 48, 46, 44, 42, 40), sens="baisse")["statut"] == "atteint"
    assert _resultat(cible, total, x(50, 48, 46, 44, 42, 41), sens="baisse")["statut"] == (
        "non_atteint"
    )


def test_periode_incomplete() -> None:
    cat = une_mesure(SEUIL, total={"sens": "valeur_finale", "valeur": 1})
    resultats = evaluer(cat, {F1: x(None, 5, 5, 5, 5, 5)}, annees=[2025, 2026, 2027])
    bilan = _bilan(resultats)
    assert (bilan["statut"], bilan["raison"]) == ("donnees_manquantes", "periode_incomplete")


def test_perimetre_et_segment_decident_du_bilan() -> None:
    cat = une_mesure(
        SEUIL,
        total={"sens": "valeur_finale", "valeur": 1},
        segment="grands",
        fiche_autres={"perimetre": {"condition": "categorie == 'CH'"}},
    )
    resultats = evaluer(
        cat,
        {F1: x(None, 5, 5, 5, 5, 5), F2: x(None, 5, 5, 5, 5, 5)},
        attributs={F1: {"lits": 10, "categorie": "CHU"}, F2: {"categorie": "CH"}},
    )
    assert (_bilan(resultats, F1)["statut"], _bilan(resultats, F1)["raison"]) == (
        "non_applicable",
        "hors_perimetre",
    )
    assert (_bilan(resultats, F2)["statut"], _bilan(resultats, F2)["raison"]) == (
        "non_evaluable",
        "segment_indetermine",
    )


def test_pas_de_bilan_sans_total() -> None:
    resultats = evaluer(une_mesure(SEUIL), {F1: x(None, 1)})
    assert resultats.bilans_records() == []
