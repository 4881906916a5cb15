"""`evaluate` and `Resultats` (evaluation/resultats.py): the shipped CPOM_OS_12 worked example
as a golden test, the record fields, counts, rollups, JSON and DataFrame outputs."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.evaluation.resultats import CHAMPS, FORMAT, VERSION_FORMAT
from tests.evaluation.fabrique import (
    F1,
    F2,
    F3,
    F4,
    etablissement_occitanie,
    evaluer,
    ligne,
    une_mesure,
    x,
)
from tests.evaluation.fabrique import os_1_et_12 as copier_os_1_et_12

OS_12 = "CPOM_OS_12"


@pytest.fixture(scope="module")
def catalogue_os_12(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    return copier_os_1_et_12(tmp_path_factory.mktemp("occitanie")).restreindre([OS_12])


def _mammographies(finess: str, par_annee: dict[int, tuple[Any, Any]]) -> list[dict[str, Any]]:
    lignes = []
    for annee, (mammographies, echographies) in par_annee.items():
        for variable, valeur in (
            ("nb_mammographies_bilaterales", mammographies),
            ("nb_mammographies_depistage", 0),
            ("nb_mammographies_unilaterales", 0),
            ("nb_echographies", echographies),
        ):
            lignes.append(
                {
                    "finess": finess,
                    "indicateur": OS_12,
                    "annee": annee,
                    "variable": variable,
                    "valeur": valeur,
                }
            )
    return lignes


SERIE = {2024: 740, 2025: 762, 2026: 800, 2027: 840, 2028: 882, 2029: 926}


def test_os_12_exemple_de_la_fiche(catalogue_os_12: Catalogue) -> None:
    """740 → 762 → 800 → 840 → 882 → 926: every year exactly at its rounded target."""
    mesures = _mammographies(F1, {a: (v, 100 + a - 2024) for a, v in SERIE.items()})
    donnees = load_dataset(catalogue_os_12, [etablissement_occitanie(F1, "CH", 350)], mesures)
    resultats = evaluate(catalogue_os_12, donnees)
    assert resultats.annees == (2025, 2026, 2027, 2028, 2029)
    mammographies = [
        (r["annee"], r["statut"], r["valeur"], r["valeur_reference"], r["cible_valeur"], r["ecart"])
        for r in resultats.to_records()
        if r["mesure"] == "mammographies"
    ]
    assert mammographies == [
        (2025, "atteint", 762, 740, 762, 0),
        (2026, "atteint", 800, 762, 800, 0),
        (2027, "atteint", 840, 800, 840, 0),
        (2028, "atteint", 882, 840, 882, 0),
        (2029, "atteint", 926, 882, 926, 0),
    ]
    assert ligne(resultats, F1, 2025, "mammographies")["segment"] == "ch"
    assert ligne(resultats, F1, 2025, "mammographies")["cible"] == "Mammos : + 3 % / 2024"
    assert ligne(resultats, F1, 2029, "mammographies")["explication"] == (
        "CPOM_OS_12 — 2029 — Cible attendue pour les CH — Nombre total annuel de mammographies : "
        "valeur 926 ≥ cible 926 (882 en 2028 × 1,05, arrondi de 926,1 à 926) → atteint"
    )
    echographies = [r["statut"] for r in resultats.to_records() if r["mesure"] == "echographies"]
    assert echographies == ["atteint"] * 5
    [bilan] = resultats.bilans_records()
    assert {k: bilan[k] for k in ("mesure", "sens_total", "valeur", "cible_valeur", "statut")} == {
        "mesure": "mammographies",
        "sens_total": "variation_cumulee",
        "valeur": 926,
        "cible_valeur": 925,
        "statut": "atteint",
    }


def test_os_12_un_acte_sous_la_cible(catalogue_os_12: Catalogue) -> None:
    mesures = _mammographies(F1, {2024: (740, 50), 2025: (761, 50)})
    donnees = load_dataset(catalogue_os_12, [etablissement_occitanie(F1, "CHU", 1800)], mesures)
    resultats = evaluate(catalogue_os_12, donnees, [2025])
    mammographies = ligne(resultats, F1, 2025, "mammographies")
    assert (mammographies["statut"], mammographies["cible_valeur"], mammographies["ecart"]) == (
        "non_atteint",
        762,
        -1,
    )
    assert ligne(resultats, F1, 2025, "echographies")["statut"] == "non_atteint"  # 50 > 50 is false


def test_os_12_perimetre_et_sans_objet(catalogue_os_12: Catalogue) -> None:
    etablissements = [
        etablissement_occitanie(F1, "clinique", 90),
        etablissement_occitanie(F2, "CHS", 200),
        {**etablissement_occitanie(F3, "CH", 200), "categorie": ""},
    ]
    mesures = _mammographies(F1, {2025: (10, 3)})
    resultats = evaluate(catalogue_os_12, load_dataset(catalogue_os_12, etablissements, mesures))
    statuts = {(r["finess"], r["raison"]) for r in resultats.to_records()}
    assert statuts == {
        (F1, "sans_objet"),
        (F2, "hors_perimetre"),
        (F3, "perimetre_indetermine"),
    }


# --- records and rollups ---------------------------------------------------------------------
def _petit() -> Resultats:
    cat = une_mesure(
        {"type": "increment", "valeur": 5},
        total={"sens": "somme_increments", "valeur": 25},
    )
    return evaluer(
        cat,
        {F1: x(100, 105, 109), F2: x(None, 5), F3: x(1, 0)},
        annees=[2025, 2026],
        autres_finess=[F4],
    )


def test_champs_des_lignes() -> None:
    resultats = _petit()
    lignes = resultats.to_records()
    assert len(lignes) == len(resultats) == 8
    assert all(tuple(r) == CHAMPS for r in lignes)
    assert [r["finess"] for r in lignes] == sorted(r["finess"] for r in lignes)
    r = ligne(resultats, F1, 2026)
    assert r["raison_sociale"] == f"Établissement {F1}"
    assert (r["statut"], r["valeur"], r["valeur_reference"], r["cible_valeur"], r["ecart"]) == (
        "non_atteint",
        109,
        105,
        110,
        -1,
    )
    sans_explication = resultats.to_records(explications=False)
    assert all("explication" not in r for r in sans_explication)


def test_statuts_et_repr() -> None:
    resultats = _petit()
    assert resultats.statuts() == {
        "atteint": 1,
        "non_atteint": 2,
        "non_applicable": 0,
        "donnees_manquantes": 4,
        "non_evaluable": 1,
    }
    assert repr(resultats) == "<Resultats 8 lignes, 4 établissements, années 2025-2026>"


def test_syntheses() -> None:
    resultats = _petit()
    par_etablissement = {s["finess"]: s for s in resultats.synthese_etablissements()}
    assert par_etablissement[F1]["total"]["atteint"] == 1
    assert par_etablissement[F1]["total"]["taux_atteinte"] == 50.0
    assert par_etablissement[F4]["total"]["taux_atteinte"] is None
    assert par_etablissement[F1]["par_annee"][2026]["non_atteint"] == 1
    [annee_2025, annee_2026] = resultats.synthese_fiches()
    assert (annee_2025["annee"], annee_2025["segment"]) == (2025, "tous")
    assert annee_2025["distribution"]["n"] == 3
    assert annee_2025["distribution"]["max"] == 105
    assert annee_2026["distribution"]["n"] == 1


def test_json() -> None:
    resultats = _petit()
    document = json.loads(resultats.to_json(indent=1))
    assert (document["format"], document["version"]) == (FORMAT, VERSION_FORMAT)
    assert document["annees"] == [2025, 2026]
    assert document["nombre_etablissements"] == 4
    assert document["statuts"] == resultats.statuts()
    assert len(document["resultats"]) == 8
    assert {b["raison"] for b in document["bilans"]} == {"periode_incomplete"}
    codes = {p["code"] for p in document["problemes"]}
    assert "etablissement_sans_mesure" in codes
    assert document["nombre_problemes"]["avertissement"] >= 1


def test_dataframe() -> None:
    cadre = _petit().to_frame()
    assert len(cadre) == 8
    assert {"progression_absolue", "progression_relative", "progression_points"} <= set(cadre)
    assert "progression" not in cadre and "explication" not in cadre
    assert cadre["preuves_attendues"].tolist() == [""] * 8


def test_annees_restreintes_gardent_le_chainage() -> None:
    cat = une_mesure({"type": "variation_relative", "pourcentage": 10, "chainage": "cible"})
    tout = evaluer(cat, {F1: x(100, 100, 100, 200)}, annees=[2025, 2026, 2027])
    seule = evaluer(cat, {F1: x(100, 100, 100, 200)}, annees=[2027])
    assert seule.to_records() == [r for r in tout.to_records() if r["annee"] == 2027]
    assert ligne(seule, annee=2027)["cible_valeur"] == pytest.approx(133.1)


def test_valeurs_arrondies_a_six_decimales() -> None:
    cat = une_mesure({"type": "seuil", "min": 0}, formule={"expression": "x / 3"})
    r = ligne(evaluer(cat, {F1: x(None, 1)}))
    assert r["valeur"] == 0.333333
    assert all(not isinstance(v, float) or math.isfinite(v) for v in r.values())


def test_aucun_etablissement() -> None:
    cat = une_mesure({"type": "seuil", "min": 1}, total={"sens": "somme", "valeur": 5})
    donnees = load_dataset(cat, {"finess": []}, [])
    resultats = evaluate(cat, donnees)
    assert (len(resultats), resultats.to_records(), resultats.bilans_records()) == (0, [], [])
    assert json.loads(resultats.to_json())["nombre_etablissements"] == 0
    assert resultats.synthese_fiches() == [] and resultats.synthese_etablissements() == []
