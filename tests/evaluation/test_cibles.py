"""One evaluator per target kind (evaluation/genres/): each verdict, each reason, and the
case exactly at the threshold, through the public API on catalogues built in code."""

from __future__ import annotations

from typing import Any

import pytest

from tests.evaluation.fabrique import (
    F1,
    TAUX_FORMULE,
    TAUX_VARIABLES,
    catalogue,
    evaluer,
    fiche,
    ligne,
    mesure,
    une_mesure,
    verdict,
    x,
)

ATTEINT = ("atteint", None)
NON_ATTEINT = ("non_atteint", None)
MANQUANT = ("donnees_manquantes", "valeur_manquante")


# --- seuil ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("cible", "valeur", "attendu"),
    [
        ({"min": 10}, "10", ATTEINT),
        ({"min": 10}, "9,99", NON_ATTEINT),
        ({"min": 10, "min_inclus": False}, "10", NON_ATTEINT),
        ({"min": 10, "min_inclus": False}, "10,01", ATTEINT),
        ({"max": 5}, "5", ATTEINT),
        ({"max": 5}, "5,01", NON_ATTEINT),
        ({"max": 5, "max_inclus": "non"}, "5", NON_ATTEINT),
        ({"max": 5, "max_inclus": "non"}, "4,99", ATTEINT),
        ({"min": 2, "max": 4}, "2", ATTEINT),
        ({"min": 2, "max": 4}, "4", ATTEINT),
        ({"min": 2, "max": 4}, "1,99", NON_ATTEINT),
        ({"min": 2, "max": 4}, "4,01", NON_ATTEINT),
        ({"min": 10}, "", MANQUANT),
        ({"min": 10}, "NA", MANQUANT),
        ({"min": 10}, "abc", ("non_evaluable", "donnee_invalide")),
    ],
)
def test_seuil(cible: dict[str, Any], valeur: str, attendu: tuple[str, str | None]) -> None:
    cat = une_mesure({"type": "seuil", **cible})
    assert verdict(cat, x(None, valeur)) == attendu


@pytest.mark.parametrize(
    ("periodicite", "par_an", "valeur", "attendu"),
    [
        ("trimestre", 8, "8", "atteint"),
        ("trimestre", 8, "7", "non_atteint"),
        ("semestre", 4, "4", "atteint"),
        ("mois", 24, "23", "non_atteint"),
        ("semaine", 104, "104", "atteint"),
    ],
)
def test_seuil_par_periode_converti_en_annee(
    periodicite: str, par_an: int, valeur: str, attendu: str
) -> None:
    cat = une_mesure({"type": "seuil", "min": 2, "periodicite": periodicite})
    resultat = ligne(evaluer(cat, {F1: x(None, valeur)}))
    assert resultat["statut"] == attendu
    assert resultat["cible_valeur"] == par_an
    assert f"× {par_an // 2}" in resultat["explication"]


def test_seuil_max_par_trimestre() -> None:
    cat = une_mesure({"type": "seuil", "max": 3, "periodicite": "trimestre"})
    assert verdict(cat, x(None, 12)) == ATTEINT
    assert verdict(cat, x(None, 13)) == NON_ATTEINT


def test_seuil_sur_une_mesure_oui_non_est_incompatible() -> None:
    cat = une_mesure({"type": "seuil", "min": 1}, type_variable="booleen")
    assert verdict(cat, x(None, "oui")) == ("non_evaluable", "cible_incompatible")


# --- oui_non -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("attendu_cible", "reponse", "attendu"),
    [
        ("oui", "oui", ATTEINT),
        ("oui", "O", ATTEINT),
        ("oui", "Non", NON_ATTEINT),
        ("oui", "n", NON_ATTEINT),
        ("non", "non", ATTEINT),
        ("non", "OUI", NON_ATTEINT),
        ("oui", "", MANQUANT),
        ("oui", "peut-être", ("non_evaluable", "donnee_invalide")),
    ],
)
def test_oui_non(attendu_cible: str, reponse: str, attendu: tuple[str, str | None]) -> None:
    cat = une_mesure({"type": "oui_non", "attendu": attendu_cible}, type_variable="booleen")
    assert verdict(cat, x(None, reponse)) == attendu


def test_oui_non_sur_un_nombre_est_incompatible() -> None:
    cat = une_mesure({"type": "oui_non"})
    assert verdict(cat, x(None, 1)) == ("non_evaluable", "cible_incompatible")


# --- increment -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("valeurs", "attendu"),
    [
        ((100, 105), ATTEINT),
        ((100, "104,99"), NON_ATTEINT),
        ((100, 200), ATTEINT),
        ((None, 105), ("non_evaluable", "reference_absente")),
        ((100, None), MANQUANT),
        ((None, None), MANQUANT),
        (("x", 105), ("non_evaluable", "reference_absente")),
    ],
)
def test_increment(valeurs: tuple[Any, Any], attendu: tuple[str, str | None]) -> None:
    cat = une_mesure({"type": "increment", "valeur": 5})
    assert verdict(cat, x(*valeurs)) == attendu


def test_increment_champs_du_resultat() -> None:
    cat = une_mesure({"type": "increment", "valeur": 5})
    resultat = ligne(evaluer(cat, {F1: x(100, 104)}))
    assert resultat["valeur_reference"] == 100
    assert resultat["annee_reference"] == 2024
    assert resultat["cible_valeur"] == 105
    assert resultat["ecart"] == -1
    assert resultat["progression"] == {"absolue": 4.0, "relative": 4.0, "points": None}


def test_increment_en_baisse() -> None:
    cat = une_mesure({"type": "increment", "valeur": -5}, sens="baisse")
    assert verdict(cat, x(100, 95)) == ATTEINT
    assert verdict(cat, x(100, 96)) == NON_ATTEINT


def test_increment_par_rapport_a_une_annee_fixe() -> None:
    """``reference: 2024`` is the first column of the grid: it must still be found."""
    cat = une_mesure({"type": "increment", "valeur": 5, "reference": 2024})
    resultats = evaluer(cat, {F1: x(100, 105, 103, 110)})
    assert [ligne(resultats, annee=a)["statut"] for a in (2025, 2026, 2027)] == [
        "atteint",
        "non_atteint",
        "atteint",
    ]
    assert ligne(resultats, annee=2026)["valeur_reference"] == 100
    assert ligne(resultats, annee=2026)["annee_reference"] == 2024


def test_increment_par_rapport_a_une_annee_fixe_de_la_periode() -> None:
    cat = une_mesure(
        {"2025": "pas_de_cible", "2026-2029": {"type": "increment", "valeur": 5, "reference": 2025}}
    )
    resultats = evaluer(cat, {F1: x(None, 100, 104, 105)})
    assert ligne(resultats, annee=2026)["statut"] == "non_atteint"
    assert ligne(resultats, annee=2027)["statut"] == "atteint"


def test_increment_par_rapport_a_la_valeur_initiale() -> None:
    cat = une_mesure({"type": "increment", "valeur": 10, "reference": "initiale"})
    resultats = evaluer(cat, {F1: x(None, 50, 55, 60)})
    assert ligne(resultats, annee=2025)["raison"] == "reference_absente"
    assert ligne(resultats, annee=2026)["statut"] == "non_atteint"
    assert ligne(resultats, annee=2027)["statut"] == "atteint"
    assert ligne(resultats, annee=2027)["annee_reference"] == 2025


# --- variation_relative ----------------------------------------------------------------------
def test_variation_relative_exacte_au_seuil() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10})
    assert verdict(cat, x(100, 110)) == ATTEINT
    assert verdict(cat, x(100, "109,99")) == NON_ATTEINT
    assert verdict(cat, x("0,7", "0,77")) == ATTEINT  # 0.7 × 1.1 is 0.77000000000000002 in float


def test_variation_relative_en_baisse() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": -10}, sens="baisse")
    assert verdict(cat, x(100, 90)) == ATTEINT
    assert verdict(cat, x(100, "90,01")) == NON_ATTEINT


def test_variation_relative_depuis_zero_est_non_evaluable() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10})
    assert verdict(cat, x(0, 5)) == ("non_evaluable", "reference_nulle")
    assert verdict(cat, x(None, 5)) == ("non_evaluable", "reference_absente")
    assert verdict(cat, x(0, None)) == MANQUANT


# 770 × 1,05 = 808,5: a computed target exactly at .5
@pytest.mark.parametrize(
    ("mode", "cible", "atteint_avec_808"),
    [
        ("demi_superieur", 809, False),
        ("demi_pair", 808, True),
        ("inferieur", 808, True),
        ("superieur", 809, False),
    ],
)
def test_variation_relative_arrondi_de_808_5(mode: str, cible: int, atteint_avec_808: bool) -> None:
    cat = une_mesure(
        {"type": "variation_relative", "pourcentage": 5},
        arrondi={"decimales": 0, "mode": mode},
    )
    a_808 = ligne(evaluer(cat, {F1: x(770, 808)}))
    assert a_808["cible_valeur"] == cible
    assert a_808["statut"] == ("atteint" if atteint_avec_808 else "non_atteint")
    assert f"× 1,05, arrondi de 808,5 à {cible})" in a_808["explication"]
    assert ligne(evaluer(cat, {F1: x(770, cible)}))["statut"] == "atteint"
    assert ligne(evaluer(cat, {F1: x(770, cible - 1)}))["statut"] == "non_atteint"


def test_variation_relative_sans_arrondi_compare_la_cible_exacte() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 5})
    assert ligne(evaluer(cat, {F1: x(770, "808,5")}))["cible_valeur"] == 808.5
    assert verdict(cat, x(770, "808,5")) == ATTEINT
    assert verdict(cat, x(770, 808)) == NON_ATTEINT


@pytest.mark.parametrize(
    ("mode", "cible"),
    [("demi_superieur", 80.9), ("demi_pair", 80.8), ("inferieur", 80.8), ("superieur", 80.9)],
)
def test_arrondi_a_une_decimale(mode: str, cible: float) -> None:
    # 77 × 1.05 = 80.85
    cat = une_mesure(
        {"type": "variation_relative", "pourcentage": 5},
        arrondi={"decimales": 1, "mode": mode},
    )
    assert ligne(evaluer(cat, {F1: x(77, 80)}))["cible_valeur"] == cible


@pytest.mark.parametrize(
    ("chainage", "cible_2026", "statut_2026"),
    [("valeur", 115.5, "atteint"), ("cible", 121, "non_atteint")],
)
def test_variation_relative_chainage(chainage: str, cible_2026: float, statut_2026: str) -> None:
    """2025 misses its target (105 < 110); 2026 is chained on the value 105 or the target 110."""
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10, "chainage": chainage})
    resultats = evaluer(cat, {F1: x(100, 105, 118)})
    assert ligne(resultats, annee=2025)["statut"] == "non_atteint"
    assert ligne(resultats, annee=2025)["cible_valeur"] == 110
    assert ligne(resultats, annee=2026)["cible_valeur"] == cible_2026
    assert ligne(resultats, annee=2026)["statut"] == statut_2026


def test_chainage_sur_cible_quand_n_moins_1_manque() -> None:
    """With ``chainage: cible``, a missing N-1 value does not matter once N-1 has a target."""
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10, "chainage": "cible"})
    resultats = evaluer(cat, {F1: x(100, None, 121)})
    assert ligne(resultats, annee=2025)["raison"] == "valeur_manquante"
    assert ligne(resultats, annee=2026)["statut"] == "atteint"
    assert ligne(resultats, annee=2026)["valeur_reference"] == 110


def test_chainage_sur_cible_calcule_meme_si_l_annee_demandee_est_tardive() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10, "chainage": "cible"})
    resultats = evaluer(cat, {F1: x(100, 105, 118, 133)}, annees=[2027])
    assert [r["annee"] for r in resultats.to_records()] == [2027]
    assert ligne(resultats, annee=2027)["cible_valeur"] == 133.1


# --- variation_points ------------------------------------------------------------------------
def _taux(*paires: tuple[Any, Any]) -> dict[int, dict[str, Any]]:
    return {2024 + i: {"num": n, "den": d} for i, (n, d) in enumerate(paires)}


@pytest.mark.parametrize(
    ("paires", "attendu"),
    [
        (((40, 100), (42, 100)), ATTEINT),
        (((40, 100), ("41,99", 100)), NON_ATTEINT),
        (((2, 5), (21, 50)), ATTEINT),  # 40 % → 42 %
        (((40, 100), (0, 0)), ("non_evaluable", "denominateur_nul")),
        (((0, 0), (42, 100)), ("non_evaluable", "reference_absente")),
    ],
)
def test_variation_points(paires: tuple[Any, ...], attendu: tuple[str, str | None]) -> None:
    cat = une_mesure(
        {"type": "variation_points", "points": 2},
        formule=TAUX_FORMULE,
        unite="%",
        variables=TAUX_VARIABLES,
    )
    assert verdict(cat, _taux(*paires)) == attendu


def test_variation_points_progression_en_points() -> None:
    cat = une_mesure(
        {"type": "variation_points", "points": 2},
        formule=TAUX_FORMULE,
        unite="%",
        variables=TAUX_VARIABLES,
    )
    resultat = ligne(evaluer(cat, {F1: _taux((40, 100), (43, 100))}))
    assert resultat["progression"]["points"] == 3
    assert resultat["ecart"] == 1


# --- progression ---------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("stabilisation", "sens", "valeurs", "attendu"),
    [
        (False, "hausse", (100, 101), ATTEINT),
        (False, "hausse", (100, 100), NON_ATTEINT),
        (False, "hausse", (100, "100,01"), ATTEINT),
        (True, "hausse", (100, 100), ATTEINT),
        (True, "hausse", (100, "99,99"), NON_ATTEINT),
        (False, "baisse", (100, 99), ATTEINT),
        (False, "baisse", (100, 100), NON_ATTEINT),
        (True, "baisse", (100, 100), ATTEINT),
        (True, "baisse", (100, 101), NON_ATTEINT),
        (False, "hausse", (None, 100), ("non_evaluable", "reference_absente")),
    ],
)
def test_progression(
    stabilisation: bool, sens: str, valeurs: tuple[Any, Any], attendu: tuple[str, str | None]
) -> None:
    cat = une_mesure({"type": "progression", "stabilisation_acceptee": stabilisation}, sens=sens)
    assert verdict(cat, x(*valeurs)) == attendu


# --- cumul ---------------------------------------------------------------------------------
def test_cumul_depuis_le_debut_de_periode() -> None:
    cat = une_mesure({"type": "cumul", "min": 100})
    resultats = evaluer(cat, {F1: x(1000, 40, 60, 0)})
    assert ligne(resultats, annee=2025)["statut"] == "non_atteint"
    assert ligne(resultats, annee=2026)["statut"] == "atteint"  # 40 + 60 = 100, at the threshold
    assert "cumul 2025-2026 : 100 ≥ cible 100" in ligne(resultats, annee=2026)["explication"]
    assert ligne(resultats, annee=2027)["statut"] == "atteint"
    assert ligne(resultats, annee=2026)["ecart"] == 0


def test_cumul_juste_sous_le_seuil() -> None:
    cat = une_mesure({"type": "cumul", "min": 100})
    assert verdict(cat, x(None, 40, 59), annee=2026) == NON_ATTEINT


def test_cumul_depuis_une_annee_avant_la_periode() -> None:
    cat = une_mesure({"type": "cumul", "min": 100, "depuis": 2024})
    assert verdict(cat, x(50, 50)) == ATTEINT


def test_cumul_avec_une_annee_manquante() -> None:
    """Kleene: a missing earlier year cannot lower a sum of counts; the known part decides
    when it already reaches the minimum, the year's own value is always needed."""
    cat = une_mesure({"type": "cumul", "min": 100})
    assert verdict(cat, x(None, None, 200), annee=2026) == ATTEINT
    assert verdict(cat, x(None, None, 99), annee=2026) == MANQUANT
    assert verdict(cat, x(None, 50, None), annee=2026) == MANQUANT


def test_cumul_kleene_exige_une_mesure_positive() -> None:
    """With a subtraction in the formula an unknown term could be negative: no early verdict."""
    cat = une_mesure(
        {"type": "cumul", "min": 100},
        variables={
            "x": {"libelle": "x", "type": "nombre"},
            "y": {"libelle": "y", "type": "nombre"},
        },
        formule={"expression": "x - y"},
    )
    valeurs = {2025: {"x": 5}, 2026: {"x": 300, "y": 0}}
    assert verdict(cat, valeurs, annee=2026) == MANQUANT


# --- cible_choisie -----------------------------------------------------------------------------
CHOIX = {
    "x": {"libelle": "Valeur", "type": "nombre"},
    "choix": {"libelle": "Cible choisie", "type": "nombre", "obligatoire": False},
}


def _choisie(plancher: int | None = None, sens: str = "hausse") -> Any:
    cible: dict[str, Any] = {"type": "cible_choisie", "variable": "choix"}
    if plancher is not None:
        cible["plancher"] = plancher
    return une_mesure(cible, variables=CHOIX, sens=sens)


@pytest.mark.parametrize(
    ("valeurs", "attendu"),
    [
        ({"x": 12, "choix": 12}, ATTEINT),
        ({"x": "11,9", "choix": 12}, NON_ATTEINT),
        ({"x": 12}, ("donnees_manquantes", "cible_choisie_absente")),
        ({"x": 12, "choix": ""}, ("donnees_manquantes", "cible_choisie_absente")),
        ({"choix": 12}, MANQUANT),
        ({}, MANQUANT),
    ],
)
def test_cible_choisie(valeurs: dict[str, Any], attendu: tuple[str, str | None]) -> None:
    assert verdict(_choisie(), {2025: valeurs}) == attendu


def test_cible_choisie_reste_valable_les_annees_suivantes() -> None:
    resultats = evaluer(_choisie(), {F1: {2025: {"x": 10, "choix": 12}, 2026: {"x": 12}}})
    assert ligne(resultats, annee=2026)["statut"] == "atteint"
    assert ligne(resultats, annee=2026)["cible_valeur"] == 12
    assert ligne(resultats, annee=2026)["annee_reference"] == 2025


def test_cible_choisie_la_plus_recente_l_emporte() -> None:
    resultats = evaluer(
        _choisie(), {F1: {2025: {"x": 10, "choix": 12}, 2026: {"x": 12, "choix": 15}}}
    )
    assert ligne(resultats, annee=2026)["statut"] == "non_atteint"
    assert ligne(resultats, annee=2026)["cible_valeur"] == 15


def test_cible_choisie_sous_le_plancher() -> None:
    resultats = evaluer(_choisie(plancher=10), {F1: {2025: {"x": 9, "choix": 5}}})
    assert ligne(resultats)["statut"] == "non_atteint"
    assert ligne(resultats)["cible_valeur"] == 10
    alertes = [p for p in resultats.problemes if p.code == "cible_choisie_sous_plancher"]
    assert alertes and all(dict(p.params)["finess"] == F1 for p in alertes)
    assert "plancher 10" in alertes[0].message
    # The numbers of a problem are written in the reader's language.
    demi = evaluer(_choisie(plancher=10), {F1: {2025: {"x": 9, "choix": "5,5"}}})
    alerte = next(p for p in demi.problemes if p.code == "cible_choisie_sous_plancher")
    assert "cible choisie 5,5 inférieure au plancher 10" in alerte.texte("fr")
    assert "chosen target 5.5 below the floor 10" in alerte.texte("en")
    assert verdict(_choisie(plancher=10), {2025: {"x": 10, "choix": 5}}) == ATTEINT
    assert verdict(_choisie(plancher=10), {2025: {"x": 14, "choix": 15}}) == NON_ATTEINT


def test_cible_choisie_en_baisse() -> None:
    """For a measure to lower, the chosen level is a ceiling: at or below it is met."""
    cat = _choisie(sens="baisse")
    assert verdict(cat, {2025: {"x": 8, "choix": 8}}) == ATTEINT
    assert verdict(cat, {2025: {"x": 7, "choix": 8}}) == ATTEINT
    assert verdict(cat, {2025: {"x": 9, "choix": 8}}) == NON_ATTEINT
    explication = ligne(evaluer(cat, {F1: {2025: {"x": 7, "choix": 8}}}))["explication"]
    assert "valeur 7 ≤ cible choisie 8" in explication


# --- k_parmi_n -----------------------------------------------------------------------------
def _k_parmi_n(k: int = 2) -> Any:
    variables = {f"v{i}": {"libelle": f"Action {i}", "type": "booleen"} for i in "abc"}
    mesures: dict[str, Any] = {
        f"{i}": {"libelle": f"Action {i}", "formule": {"expression": f"v{i}"}, "unite": "oui/non"}
        for i in "abc"
    }
    mesures["synthese"] = mesure(
        {"type": "k_parmi_n", "k": k, "elements": ["a", "b", "c"]},
        formule={"expression": "compte(a, b, c)"},
        unite="actions",
    )
    return catalogue(fiche(variables=variables, mesures=mesures))


@pytest.mark.parametrize(
    ("reponses", "attendu"),
    [
        (("oui", "oui", "non"), ATTEINT),
        (("oui", "oui", ""), ATTEINT),  # already 2: the unknown one cannot change it
        (("oui", "non", "non"), NON_ATTEINT),
        (("non", "non", ""), NON_ATTEINT),  # at most 1 even if the unknown one is yes
        (("oui", "non", ""), MANQUANT),
        (("oui", "non", "bof"), ("non_evaluable", "donnee_invalide")),
        (("oui", "oui", "oui"), ATTEINT),
    ],
)
def test_k_parmi_n(reponses: tuple[str, str, str], attendu: tuple[str, str | None]) -> None:
    valeurs = {2025: {f"v{i}": r for i, r in zip("abc", reponses, strict=True)}}
    assert verdict(_k_parmi_n(), valeurs) == attendu


def test_k_parmi_n_compte_affiche() -> None:
    resultats = evaluer(_k_parmi_n(), {F1: {2025: {"va": "oui", "vb": "non", "vc": "oui"}}})
    resultat = ligne(resultats)
    assert resultat["cible_valeur"] == 2
    assert (
        "2 ≥ 2 attendus sur 3 (Action a oui, Action b non, Action c oui)" in resultat["explication"]
    )


def test_k_parmi_n_tous_exiges() -> None:
    cat = _k_parmi_n(k=3)
    assert verdict(cat, {2025: {"va": "oui", "vb": "oui", "vc": "non"}}) == NON_ATTEINT
    assert verdict(cat, {2025: {"va": "oui", "vb": "oui", "vc": "oui"}}) == ATTEINT


# --- jalon ---------------------------------------------------------------------------------
def _jalon(preuves: tuple[str, ...] = ("rapport",)) -> Any:
    return une_mesure(
        {"type": "jalon", "libelle": "Plan adopté", "preuves": list(preuves)},
        variables={"x": {"libelle": "Plan adopté", "type": "jalon"}},
        unite="jalon",
        fiche_autres={
            "preuves": {
                "rapport": {"libelle": "Rapport"},
                "deliberation": {"libelle": "Délibération"},
            }
        },
    )


def test_jalon_avec_preuve() -> None:
    resultats = evaluer(_jalon(), {F1: x(None, "oui")}, preuves={(F1, 2025): "rapport"})
    assert ligne(resultats)["statut"] == "atteint"
    assert ligne(resultats)["preuves_attendues"] == ["rapport"]
    assert ligne(resultats)["preuves_manquantes"] == []


def test_jalon_sans_preuve() -> None:
    resultats = evaluer(_jalon(), {F1: x(None, "oui")})
    assert (ligne(resultats)["statut"], ligne(resultats)["raison"]) == (
        "donnees_manquantes",
        "preuves_manquantes",
    )
    assert ligne(resultats)["preuves_manquantes"] == ["rapport"]
    assert "preuves manquantes : rapport" in ligne(resultats)["explication"]


def test_jalon_preuves_partielles() -> None:
    cat = _jalon(("rapport", "deliberation"))
    resultats = evaluer(cat, {F1: x(None, "oui")}, preuves={(F1, 2025): "rapport"})
    assert ligne(resultats)["raison"] == "preuves_manquantes"
    assert ligne(resultats)["preuves_manquantes"] == ["deliberation"]
    resultats = evaluer(cat, {F1: x(None, "oui")}, preuves={(F1, 2025): "rapport|deliberation"})
    assert ligne(resultats)["statut"] == "atteint"


def test_jalon_sans_preuve_exigee() -> None:
    assert verdict(_jalon(()), x(None, "oui")) == ATTEINT


def test_jalon_non_realise_ou_non_declare() -> None:
    assert verdict(_jalon(), x(None, "non"), preuves={(F1, 2025): "rapport"}) == NON_ATTEINT
    assert verdict(_jalon(), x(None, "")) == MANQUANT


# --- echeance ------------------------------------------------------------------------------
ECHEANCE = {"type": "echeance", "annee": 2027}


@pytest.mark.parametrize(
    ("annee", "reponse", "attendu"),
    [
        (2025, "non", ("non_applicable", "avant_echeance")),
        (2025, "", ("non_applicable", "avant_echeance")),
        (2025, "oui", ATTEINT),
        (2026, "non", ("non_applicable", "avant_echeance")),
        (2027, "oui", ATTEINT),
        (2027, "non", NON_ATTEINT),
        (2027, "", MANQUANT),
        (2028, "non", NON_ATTEINT),
        (2029, "oui", ATTEINT),
    ],
)
def test_echeance(annee: int, reponse: str, attendu: tuple[str, str | None]) -> None:
    cat = une_mesure(ECHEANCE, type_variable="booleen", unite="oui/non")
    assert verdict(cat, {annee: {"x": reponse}}, annee=annee) == attendu


# --- sans_objet, pas_de_cible --------------------------------------------------------------
def test_sans_objet() -> None:
    cat = une_mesure({"type": "sans_objet", "motif": "pas de radiologie"})
    resultat = ligne(evaluer(cat, {F1: x(None, 5)}))
    assert (resultat["statut"], resultat["raison"]) == ("non_applicable", "sans_objet")
    assert resultat["applicable"] is False
    assert "sans objet (pas de radiologie)" in resultat["explication"]


def test_pas_de_cible() -> None:
    cat = une_mesure("pas_de_cible")
    resultat = ligne(evaluer(cat, {F1: x(None, 5)}))
    assert (resultat["statut"], resultat["raison"]) == ("non_applicable", "pas_de_cible")
    assert resultat["applicable"] is True
    assert verdict(cat, x(None, None)) == ("non_applicable", "pas_de_cible")


@pytest.mark.parametrize(
    ("valeur", "attendu"),
    [
        (5, ("non_applicable", "pas_de_cible")),
        (None, MANQUANT),
        ("", MANQUANT),
        ("cinq", ("non_evaluable", "donnee_invalide")),
    ],
)
def test_pas_de_cible_avec_recueil_attendu(valeur: Any, attendu: tuple[str, str | None]) -> None:
    cat = une_mesure({"type": "pas_de_cible", "recueil_attendu": True})
    valeurs = x(None, valeur) if valeur is not None else {}
    assert verdict(cat, valeurs) == attendu


# --- et / ou -------------------------------------------------------------------------------
def _composite(type_: str, seconde: dict[str, Any] | None = None) -> Any:
    variables = {
        "a": {"libelle": "A", "type": "nombre"},
        "b": {"libelle": "B", "type": "nombre"},
    }
    mesures = {
        "ma": mesure(
            {
                "type": type_,
                "conditions": [
                    {"type": "seuil", "min": 10},
                    seconde or {"type": "seuil", "min": 5, "mesure": "mb"},
                ],
            },
            formule={"expression": "a"},
        ),
        "mb": {"libelle": "B", "formule": {"expression": "b"}, "unite": "actes"},
    }
    return catalogue(fiche(variables=variables, mesures=mesures))


@pytest.mark.parametrize(
    ("type_", "a", "b", "attendu"),
    [
        ("et", 10, 5, ATTEINT),
        ("et", 10, 4, NON_ATTEINT),
        ("et", 9, 5, NON_ATTEINT),
        ("et", 10, None, MANQUANT),
        ("et", 9, None, NON_ATTEINT),  # false and unknown is false
        ("et", 10, "z", ("non_evaluable", "donnee_invalide")),
        ("ou", 10, 4, ATTEINT),
        ("ou", 9, 5, ATTEINT),
        ("ou", 9, 4, NON_ATTEINT),
        ("ou", 10, None, ATTEINT),  # true or unknown is true
        ("ou", 9, None, MANQUANT),
        ("ou", None, None, MANQUANT),
    ],
)
def test_composites_kleene(type_: str, a: Any, b: Any, attendu: tuple[str, str | None]) -> None:
    valeurs = {k: v for k, v in (("a", a), ("b", b)) if v is not None}
    assert verdict(_composite(type_), {2025: valeurs}, mesure="ma") == attendu


@pytest.mark.parametrize("type_", ["et", "ou"])
def test_composite_condition_non_applicable_neutre(type_: str) -> None:
    cat = _composite(type_, {"type": "pas_de_cible"})
    assert verdict(cat, {2025: {"a": 10}}, mesure="ma") == ATTEINT
    assert verdict(cat, {2025: {"a": 9}}, mesure="ma") == NON_ATTEINT
    assert verdict(cat, {2025: {}}, mesure="ma") == MANQUANT


def test_composite_toutes_conditions_non_applicables() -> None:
    variables = {"a": {"libelle": "A", "type": "nombre"}}
    cible = {"type": "ou", "conditions": [{"type": "sans_objet"}, {"type": "sans_objet"}]}
    cat = catalogue(
        fiche(variables=variables, mesures={"ma": mesure(cible, formule={"expression": "a"})})
    )
    assert verdict(cat, {2025: {"a": 1}}) == ("non_applicable", "sans_objet")


def test_composite_explication_detaille_les_conditions() -> None:
    resultats = evaluer(_composite("et"), {F1: {2025: {"a": 12, "b": 3}}})
    explication = ligne(resultats, mesure="ma")["explication"]
    # Each branch named by its label (never the measure's code), with its own outcome.
    assert "Mesure de test 12 : ≥ 10 → atteint" in explication
    assert "B 3 : ≥ 5 → non atteint" in explication
    assert explication.endswith("→ non atteint")


# --- measures referencing other measures -----------------------------------------------------
def test_mesure_calculee_a_partir_d_autres_mesures() -> None:
    variables = {
        "a": {"libelle": "A", "type": "nombre"},
        "b": {"libelle": "B", "type": "nombre"},
    }
    mesures = {
        "total": mesure({"type": "seuil", "min": 10}, formule={"expression": "ma + mb"}),
        "part": mesure(
            {"type": "seuil", "min": 50},
            formule={"numerateur": "ma", "denominateur": "total", "facteur": 100},
            unite="%",
        ),
        "ma": {"libelle": "A", "formule": {"expression": "a"}, "unite": "actes"},
        "mb": {"libelle": "B", "formule": {"expression": "b * 2"}, "unite": "actes"},
    }
    cat = catalogue(fiche(variables=variables, mesures=mesures))
    resultats = evaluer(cat, {F1: {2025: {"a": 5, "b": "2,5"}}})
    assert ligne(resultats, mesure="total")["valeur"] == 10
    assert ligne(resultats, mesure="total")["statut"] == "atteint"
    assert ligne(resultats, mesure="part")["valeur"] == 50
    assert ligne(resultats, mesure="part")["statut"] == "atteint"
    manquant = evaluer(cat, {F1: {2025: {"a": 5}}})
    assert statut_de(manquant, "total") == MANQUANT
    assert statut_de(manquant, "part") == MANQUANT


def statut_de(resultats: Any, mesure_: str) -> tuple[str, str | None]:
    r = ligne(resultats, mesure=mesure_)
    return r["statut"], r["raison"]


def test_cible_portant_sur_une_autre_mesure() -> None:
    variables = {
        "a": {"libelle": "A", "type": "nombre"},
        "b": {"libelle": "B", "type": "nombre"},
    }
    mesures = {
        "ma": mesure({"type": "seuil", "min": 3, "mesure": "mb"}, formule={"expression": "a"}),
        "mb": {"libelle": "B", "formule": {"expression": "b"}, "unite": "actes"},
    }
    cat = catalogue(fiche(variables=variables, mesures=mesures))
    assert verdict(cat, {2025: {"a": 0, "b": 3}}) == ATTEINT
    assert verdict(cat, {2025: {"a": 100, "b": 2}}) == NON_ATTEINT


# --- evidence of yes/no answers and of « ou » ------------------------------------------------
def _deux_jalons() -> Any:
    """Two yes/no tracks (pharmacie, biologie), each with its own evidence, joined by « ou »."""
    return catalogue(
        fiche(
            variables={
                "pharma": {"libelle": "Jalon pharmacie", "type": "jalon"},
                "bio": {"libelle": "Jalon biologie", "type": "jalon"},
            },
            mesures={
                "pharmacie": {
                    "libelle": "Pharmacie",
                    "formule": {"expression": "pharma"},
                    "unite": "jalon",
                },
                "biologie": {
                    "libelle": "Biologie",
                    "formule": {"expression": "bio"},
                    "unite": "jalon",
                },
                "fonctions": mesure(
                    {
                        "type": "ou",
                        "conditions": [
                            {
                                "type": "jalon",
                                "libelle": "Pharmacie",
                                "mesure": "pharmacie",
                                "preuves": ["volet_pharmacie"],
                            },
                            {
                                "type": "jalon",
                                "libelle": "Biologie",
                                "mesure": "biologie",
                                "preuves": ["volet_biologie"],
                            },
                        ],
                    },
                    formule={"expression": "pharma or bio"},
                    unite="jalon",
                ),
            },
            preuves={
                "volet_pharmacie": {"libelle": "Volet pharmacie"},
                "volet_biologie": {"libelle": "Volet biologie"},
            },
        )
    )


def test_ou_n_attend_que_les_preuves_de_la_branche_atteinte() -> None:
    resultats = evaluer(
        _deux_jalons(),
        {F1: {2025: {"pharma": "non", "bio": "oui"}}},
        preuves={(F1, 2025): "volet_biologie"},
    )
    assert ligne(resultats)["statut"] == "atteint"
    assert ligne(resultats)["preuves_attendues"] == ["volet_biologie"]
    assert ligne(resultats)["preuves_manquantes"] == []


def test_ou_non_atteint_attend_toutes_les_preuves() -> None:
    resultats = evaluer(_deux_jalons(), {F1: {2025: {"pharma": "non", "bio": "non"}}})
    assert ligne(resultats)["statut"] == "non_atteint"
    assert ligne(resultats)["preuves_attendues"] == ["volet_pharmacie", "volet_biologie"]


def test_oui_non_avec_preuve_exigee() -> None:
    cat = une_mesure(
        {"type": "oui_non", "attendu": "oui", "preuves": ["copie"]},
        type_variable="booleen",
        unite="oui/non",
        fiche_autres={"preuves": {"copie": {"libelle": "Copie de la charte signée"}}},
    )
    sans = ligne(evaluer(cat, {F1: x(None, "oui")}))
    assert (sans["statut"], sans["raison"], sans["preuves_manquantes"]) == (
        "donnees_manquantes",
        "preuves_manquantes",
        ["copie"],
    )
    assert (
        ligne(evaluer(cat, {F1: x(None, "oui")}, preuves={(F1, 2025): "copie"}))["statut"]
        == "atteint"
    )
    # A « non » is a verdict on its own: no evidence changes it.
    assert ligne(evaluer(cat, {F1: x(None, "non")}))["statut"] == "non_atteint"


def test_cible_sur_une_autre_mesure_compare_sa_valeur() -> None:
    """The gap and the explanation of a target aimed at another measure use that measure."""
    cat = catalogue(
        fiche(
            variables={
                "ok": {"libelle": "Démarche engagée", "type": "booleen"},
                "n": {"libelle": "Nombre d'actions", "type": "nombre"},
            },
            mesures={
                "principale": mesure(
                    {"type": "seuil", "min": 2, "mesure": "compte"},
                    formule={"expression": "ok"},
                    unite="oui/non",
                ),
                "compte": {
                    "libelle": "Nombre d'actions",
                    "formule": {"expression": "n"},
                    "unite": "actions",
                },
            },
        )
    )
    resultat = ligne(evaluer(cat, {F1: {2025: {"ok": "oui", "n": 3}}}))
    assert (resultat["statut"], resultat["cible_valeur"], resultat["ecart"]) == ("atteint", 2, 1)
