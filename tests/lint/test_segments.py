"""Gaps and overlaps between segment conditions (ADVERSARIAL B.12)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.aides import (
    CATALOGUE_STRATES,
    TABLE_STRATES,
    avertissements,
    codes,
    fiche_avec_table,
)
from tests.spec.fabrique import CATALOGUE, remplacer


def test_strates_imprimees_laissent_500_lits_sans_cible(tmp_path: Path) -> None:
    problemes = avertissements(
        tmp_path, {"CPOM_T_1.yaml": fiche_avec_table(TABLE_STRATES)}, CATALOGUE_STRATES
    )
    assert codes(problemes) == ["segments_lacune"]
    probleme = problemes[0]
    assert probleme.message == (
        "les segments grands, intermediaires, petits (fiche CPOM_T_1) ne couvrent pas : lits = 500"
    )
    assert "segment_indetermine" in probleme.conseil
    assert Path(probleme.fichier or "").name == "CPOM_T_1.yaml"
    assert (probleme.ligne, probleme.colonne) == (22, 5)  # the `cibles:` key of the measure


def test_strates_sans_trou_ne_disent_rien(tmp_path: Path) -> None:
    catalogue = remplacer(
        CATALOGUE_STRATES,
        ("condition: lits > 500", "condition: lits >= 500"),
        ("100 <= lits <= 499", "100 <= lits < 500"),
    )
    assert (
        avertissements(tmp_path, {"CPOM_T_1.yaml": fiche_avec_table(TABLE_STRATES)}, catalogue)
        == []
    )


@pytest.mark.parametrize(
    ("grands", "intermediaires", "attendus"),
    [
        (
            "lits >= 500",
            "lits > 100",
            {
                "segments_lacune": "lits = 100",
                "segments_chevauchement": "lits = 500, lits = 501, lits = 1001",
            },
        ),
        (
            "lits >= 100",
            "100 <= lits <= 499",
            {"segments_chevauchement": "lits = 100, lits = 101, lits = 498, lits = 499"},
        ),
    ],
)
def test_conditions_qui_se_chevauchent(
    tmp_path: Path, grands: str, intermediaires: str, attendus: dict[str, str]
) -> None:
    catalogue = remplacer(
        CATALOGUE_STRATES,
        ("condition: lits > 500", f"condition: {grands}"),
        ("100 <= lits <= 499", intermediaires),
    )
    problemes = avertissements(
        tmp_path, {"CPOM_T_1.yaml": fiche_avec_table(TABLE_STRATES)}, catalogue
    )
    verbe = {"segments_lacune": "ne couvrent pas", "segments_chevauchement": "se chevauchent pour"}
    assert {p.code: p.message for p in problemes} == {
        code: f"les segments grands, intermediaires, petits (fiche CPOM_T_1) {verbe[code]} : {valeurs}"
        for code, valeurs in attendus.items()
    }


def test_chevauchement_et_lacune_ensemble(tmp_path: Path) -> None:
    catalogue = remplacer(
        CATALOGUE_STRATES,
        ("condition: lits > 500", "condition: lits > 600"),
        ("condition: lits < 100", "condition: lits < 200"),
    )
    problemes = avertissements(
        tmp_path, {"CPOM_T_1.yaml": fiche_avec_table(TABLE_STRATES)}, catalogue
    )
    assert sorted(codes(problemes)) == ["segments_chevauchement", "segments_lacune"]
    messages = {p.code: p.message.split(" : ")[1] for p in problemes}
    assert messages == {
        "segments_lacune": "lits = 500, lits = 599, lits = 600",
        "segments_chevauchement": "lits = 100, lits = 101, lits = 199",
    }


def test_segments_partages_signales_une_fois_dans_le_catalogue(tmp_path: Path) -> None:
    fiche = fiche_avec_table(TABLE_STRATES)
    problemes = avertissements(
        tmp_path,
        {"CPOM_T_1.yaml": fiche, "CPOM_T_2.yaml": remplacer(fiche, ("CPOM_T_1", "CPOM_T_2"))},
        CATALOGUE_STRATES,
    )
    assert codes(problemes) == ["segments_lacune"]
    assert "(fiches CPOM_T_1, CPOM_T_2)" in problemes[0].message
    assert Path(problemes[0].fichier or "").name == "catalogue.yaml"
    assert problemes[0].ligne == 13  # the `segments:` key


def test_perimetre_exclut_les_cas_hors_champ(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      grands:\n        2025-2029: {type: seuil, min: 30}\n"
        "      intermediaires:\n        2025-2029: {type: seuil, min: 20}\n",
        ("variables:\n", "perimetre:\n  condition: lits >= 100\nvariables:\n"),
    )
    catalogue = remplacer(
        CATALOGUE_STRATES,
        ("condition: lits > 500", "condition: lits >= 500"),
        ("100 <= lits <= 499", "100 <= lits < 500"),
    )
    assert avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}, catalogue) == []


def test_segments_sur_valeurs_enumerees(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      chu:\n        2025-2029: {type: seuil, min: 30}\n"
        "      ch:\n        2025-2029: {type: seuil, min: 20}\n",
        (
            "variables:\n",
            "segments:\n  chu:\n    libelle: CHU\n    condition: categorie == 'CHU'\n"
            "  ch:\n    libelle: CH\n    condition: categorie in ('CHU', 'CH')\nvariables:\n",
        ),
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert sorted(codes(problemes)) == ["segments_chevauchement", "segments_lacune"]
    messages = " ".join(p.message for p in problemes)
    assert "categorie = clinique" in messages  # covered by no segment
    assert "categorie = CHU" in messages  # covered by both


def test_segment_unique_sans_condition_ne_dit_rien(tmp_path: Path) -> None:
    assert (
        avertissements(
            tmp_path,
            {
                "CPOM_T_1.yaml": fiche_avec_table(
                    "      tous:\n        2025-2029: {type: seuil, min: 10}\n"
                )
            },
            CATALOGUE,
        )
        == []
    )
