"""ADVERSARIAL D (numbers and semantics): exact verdicts at thresholds, rounding of computed
targets, zero denominators and invalid numbers never reaching an output as inf or NaN."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from cpom_rules import Resultats, load_dataset
from cpom_rules.render.export_csv import render_csv
from tests.evaluation.fabrique import (
    CODE,
    F1,
    F2,
    TAUX_FORMULE,
    TAUX_VARIABLES,
    enregistrements,
    etablissements,
    evaluer,
    ligne,
    une_mesure,
    verdict,
    x,
)


def _taux(cible: Any, **autres: Any) -> Any:
    return une_mesure(cible, formule=TAUX_FORMULE, unite="%", variables=TAUX_VARIABLES, **autres)


def _flottants(objet: Any) -> list[float]:
    if isinstance(objet, float):
        return [objet]
    if isinstance(objet, dict):
        return [f for v in objet.values() for f in _flottants(v)]
    if isinstance(objet, list | tuple):
        return [f for v in objet for f in _flottants(v)]
    return []


def sorties_finies(resultats: Resultats) -> None:
    """No inf or NaN in records, JSON (strict) or CSV."""
    assert all(math.isfinite(f) for f in _flottants(resultats.to_records()))
    assert all(math.isfinite(f) for f in _flottants(resultats.bilans_records()))

    def refuser(constante: str) -> Any:
        raise AssertionError(f"constante JSON non finie : {constante}")

    document = json.loads(resultats.to_json(), parse_constant=refuser)
    assert all(math.isfinite(f) for f in _flottants(document))
    csv = render_csv(resultats).lower()
    for mot in ("nan", "inf"):
        assert not any(mot in cellule.split() for cellule in csv.replace(";", " ; ").split(";"))


# --- D.24 zero denominator ------------------------------------------------------------------
@pytest.mark.parametrize(("num", "den"), [(0, 0), (5, 0), ("0", "0,0")])
def test_d24_denominateur_nul(num: Any, den: Any) -> None:
    cat = _taux({"type": "seuil", "min": 0}, total={"sens": "valeur_finale", "valeur": 0})
    valeurs = {a: {"num": num, "den": den} for a in range(2024, 2030)}
    resultats = evaluer(cat, {F1: valeurs, F2: valeurs})
    for r in resultats.to_records():
        assert (r["statut"], r["raison"]) == ("non_evaluable", "denominateur_nul")
        assert r["valeur"] is None and r["ecart"] is None
        assert "dénominateur nul" in r["explication"]
    assert {b["raison"] for b in resultats.bilans_records()} == {"denominateur_nul"}
    sorties_finies(resultats)


def test_d24_reference_nulle_sans_infini_dans_la_progression() -> None:
    cat = une_mesure({"type": "increment", "valeur": 1})
    resultats = evaluer(cat, {F1: x(0, 5)})
    r = ligne(resultats)
    assert r["statut"] == "atteint"
    assert r["progression"] == {"absolue": 5.0, "relative": None, "points": None}
    sorties_finies(resultats)


# --- D.25 rate exactly at its threshold -------------------------------------------------------
@pytest.mark.parametrize(
    ("num", "den", "seuil"),
    [(57, 100, 57), (57, 570, 10), (1, 3, "33,3"), ("0,1", "0,3", "33,3")],
)
def test_d25_taux_exact_au_seuil(num: Any, den: Any, seuil: Any) -> None:
    assert 57 / 100 * 100 != 57  # float would miss it (56.99999999999999)
    cat = _taux({"type": "seuil", "min": seuil})
    assert verdict(cat, {2025: {"num": num, "den": den}}) == ("atteint", None)


def test_d25_juste_sous_le_seuil() -> None:
    cat = _taux({"type": "seuil", "min": 57})
    assert verdict(cat, {2025: {"num": "56,99999", "den": 100}}) == ("non_atteint", None)


def test_d25_somme_decimale_exacte() -> None:
    cat = une_mesure(
        {"type": "seuil", "min": "0,3"},
        formule={"expression": "a + b"},
        variables={
            "a": {"libelle": "a", "type": "nombre"},
            "b": {"libelle": "b", "type": "nombre"},
        },
    )
    assert 0.1 + 0.2 != 0.3
    assert verdict(cat, {2025: {"a": "0,1", "b": "0,2"}}) == ("atteint", None)
    assert ligne(evaluer(cat, {F1: {2025: {"a": "0,1", "b": "0,2"}}}))["ecart"] == 0


# --- D.26 increase exactly at a relative target -------------------------------------------------
@pytest.mark.parametrize(
    ("avant", "apres", "pourcentage"),
    [(100, 110, 10), ("0,7", "0,77", 10), (3, "3,3", 10), (1000, 1033, "3,3")],
)
def test_d26_variation_relative_exacte(avant: Any, apres: Any, pourcentage: Any) -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": pourcentage})
    assert verdict(cat, x(avant, apres)) == ("atteint", None)


def test_d26_float_aurait_manque() -> None:
    assert 100 * 1.1 != 110


# --- D.27 rounding of computed targets ----------------------------------------------------------
@pytest.mark.parametrize(
    ("mode", "cible"),
    [("demi_superieur", 809), ("demi_pair", 808), ("inferieur", 808), ("superieur", 809)],
)
def test_d27_meme_arrondi_annuel_et_bilan(mode: str, cible: int) -> None:
    """770 × 1,05 = 808,5 in the yearly target and in the 5-year total alike."""
    cat = une_mesure(
        {"type": "variation_relative", "pourcentage": 5, "reference": 2024},
        arrondi={"decimales": 0, "mode": mode},
        total={"sens": "variation_cumulee", "valeur": 5},
    )
    resultats = evaluer(cat, {F1: x(770, 808, 808, 808, 808, 808)})
    assert ligne(resultats, annee=2029)["cible_valeur"] == cible
    bilan = resultats.bilans_records()[0]
    assert bilan["cible_valeur"] == cible
    attendu = "atteint" if cible == 808 else "non_atteint"
    assert ligne(resultats, annee=2029)["statut"] == attendu
    assert bilan["statut"] == attendu


# --- D.28 missing N-1 or baseline -----------------------------------------------------------------
@pytest.mark.parametrize(
    "cible",
    [
        {"type": "increment", "valeur": 1},
        {"type": "variation_relative", "pourcentage": 1},
        {"type": "progression"},
        {"type": "progression", "reference": 2024},
        {"type": "progression", "reference": "initiale"},
    ],
)
def test_d28_reference_absente(cible: dict[str, Any]) -> None:
    resultats = evaluer(une_mesure(cible), {F1: x(None, 10_000)})
    r = ligne(resultats)
    assert (r["statut"], r["raison"]) == ("non_evaluable", "reference_absente")
    assert "valeur de référence absente" in r["explication"]
    assert r["progression"] is None


# --- D.29 NaN, inf, -0, 1e309 -----------------------------------------------------------------
@pytest.mark.parametrize(
    "brut",
    [
        "NaN",
        "nan",
        "inf",
        "-inf",
        "Infinity",
        "-0",
        "-0,0",
        "1e309",
        "1E3",
        float("inf"),
        -0.0,
        1e309,
    ],
)
def test_d29_nombres_non_finis_rejetes(brut: Any) -> None:
    cat = une_mesure({"type": "seuil", "min": 0})
    resultats = evaluer(cat, {F1: x(None, brut)})
    r = ligne(resultats)
    assert (r["statut"], r["raison"]) == ("non_evaluable", "donnee_invalide")
    assert "donnée invalide (voir les problèmes de données)" in r["explication"]
    problemes = [p for p in resultats.problemes if p.code == "valeur_donnees_invalide"]
    assert len(problemes) == 1 and problemes[0].lignes == (1,)
    sorties_finies(resultats)


def test_d29_nan_d_un_json_est_rejete(tmp_path: Any) -> None:
    """A JSON ``NaN`` literal is not an empty cell: it is reported like the text « NaN »."""
    cat = une_mesure({"type": "seuil", "min": 0})
    chemin = tmp_path / "mesures.json"
    chemin.write_text(
        '[{"finess": "340780477", "indicateur": "CPOM_T_1", "annee": 2025, '
        '"variable": "x", "valeur": NaN}]',
        encoding="utf-8",
    )
    donnees = load_dataset(cat, etablissements([F1]), chemin)
    erreurs = [p for p in donnees.problemes if p.niveau == "erreur"]
    assert [p.code for p in erreurs] == ["valeur_donnees_invalide"]
    assert erreurs[0].lignes == (1,)


# --- D.30 negative counts, numerator above denominator ---------------------------------------------
def test_d30_effectif_negatif() -> None:
    cat = une_mesure({"type": "seuil", "min": 0})
    resultats = evaluer(cat, {F1: x(None, -5)})
    assert statut_raison(resultats) == ("non_evaluable", "donnee_invalide")
    probleme = next(p for p in resultats.problemes if p.code == "valeur_donnees_invalide")
    assert "valeur négative" in probleme.message


def test_d30_numerateur_superieur_au_denominateur() -> None:
    cat = _taux({"type": "seuil", "min": 10})
    mesures = enregistrements(
        {F1: {2025: {"num": 120, "den": 100}, 2026: {"num": 100, "den": 100}}}
    )
    donnees = load_dataset(cat, etablissements([F1]), mesures)
    from cpom_rules import evaluate

    resultats = evaluate(cat, donnees, [2025, 2026])
    assert statut_raison(resultats, 2025) == ("non_evaluable", "donnee_invalide")
    assert statut_raison(resultats, 2026) == ("atteint", None)  # exactly 100 % is fine
    probleme = next(p for p in resultats.problemes if p.code == "numerateur_superieur")
    assert probleme.lignes == (1, 2)
    assert "120" in probleme.message and "100" in probleme.message
    assert CODE in probleme.message and F1 in probleme.message
    sorties_finies(resultats)


def test_d30_taux_saisi_au_dela_de_100() -> None:
    cat = une_mesure({"type": "seuil", "min": 10}, type_variable="taux", unite="%")
    resultats = evaluer(cat, {F1: x(None, "100,5 %")})
    assert statut_raison(resultats) == ("non_evaluable", "donnee_invalide")
    assert verdict(cat, x(None, "100 %")) == ("atteint", None)


def statut_raison(resultats: Resultats, annee: int = 2025) -> tuple[str, str | None]:
    r = ligne(resultats, annee=annee)
    return r["statut"], r["raison"]
