"""Targets per quarter, month or week within a less frequent collection."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.aides import avertissements, codes, fiche_avec_table


def test_cible_par_trimestre_en_collecte_annuelle(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: seuil, min: 2, periodicite: trimestre}\n"
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["cible_infra_annuelle"]
    assert problemes[0].message == "cible par trimestre alors que la collecte est annuelle"
    assert problemes[0].conseil.startswith("la cible est convertie en valeur annuelle (× 4)")
    assert problemes[0].chemin == "mesures.taux_formes.cibles.tous.2025-2029.periodicite"


def test_signalee_une_fois_par_cellule_meme_dans_un_composite(tmp_path: Path) -> None:
    fiche = fiche_avec_table(
        "      tous:\n        2025-2029: {type: ou, conditions: [{type: seuil, min: 2, periodicite: mois}, {type: seuil, min: 1, periodicite: semaine}]}\n"
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["cible_infra_annuelle"]
    assert "par mois" in problemes[0].message


@pytest.mark.parametrize(
    ("frequence", "periodicite"),
    [
        ("trimestrielle", "trimestre"),
        ("mensuelle", "trimestre"),
        ("annuelle", "annee"),
        ("continue", "semaine"),
    ],
)
def test_periodicite_compatible_avec_la_collecte(
    tmp_path: Path, frequence: str, periodicite: str
) -> None:
    fiche = fiche_avec_table(
        f"      tous:\n        2025-2029: {{type: seuil, min: 2, periodicite: {periodicite}}}\n",
        ("frequence: annuelle", f"frequence: {frequence}"),
    )
    assert "cible_infra_annuelle" not in codes(avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}))
