"""The printed 5-year total against the yearly targets (ADVERSARIAL B.16)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.lint.aides import avertissements, codes, fiche_avec_table

NOMBRE = ('    unite: "%"\n', "    unite: actions\n")


def _fiche(table: str, total: str) -> str:
    return fiche_avec_table(table + total, NOMBRE)


def test_total_10_avec_5_par_an_signale(tmp_path: Path) -> None:
    fiche = _fiche(
        "      tous:\n        2025-2029: {type: seuil, min: 5}\n",
        "    total: {sens: somme, valeur: 10, texte: Total 10 actions}\n",
    )
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["total_incoherent"]
    probleme = problemes[0]
    assert (
        probleme.message
        == "total 10 (Total 10 actions) incohérent avec les cibles annuelles (somme, segment tous : 25)"
    )
    assert probleme.chemin == "mesures.taux_formes.total.valeur"
    assert (probleme.ligne, probleme.colonne) == (25, 34)
    assert "notes" in probleme.conseil


@pytest.mark.parametrize(
    ("table", "total"),
    [
        ("      tous:\n        2025-2029: {type: seuil, min: 5}\n", "{sens: somme, valeur: 25}"),
        (
            "      tous:\n        2025-2029: {type: increment, valeur: 2}\n",
            "{sens: somme_increments, valeur: 10}",
        ),
        (
            "      tous:\n        2025: {type: seuil, min: 10}\n        2026-2029: {type: seuil, min: 30}\n",
            "{sens: valeur_finale, valeur: 30}",
        ),
        (
            "      tous:\n        2025: {type: variation_relative, pourcentage: 3}\n        2026-2029: {type: variation_relative, pourcentage: 5}\n",
            "{sens: variation_cumulee, valeur: 25}",
        ),
        (
            "      tous:\n        2025-2029: {type: seuil, min: 2, periodicite: trimestre}\n",
            "{sens: somme, valeur: 40}",
        ),
        (
            "      tous:\n        2025-2029: {type: seuil, min: 5}\n",
            "{sens: qualitatif, valeur: 1}",
        ),
        (
            "      tous:\n        2025: pas_de_cible\n        2026-2029: {type: seuil, min: 5}\n",
            "{sens: somme, valeur: 20}",
        ),
    ],
    ids=[
        "somme",
        "increments",
        "valeur_finale",
        "variation_cumulee",
        "trimestres",
        "qualitatif",
        "annee_sans_cible",
    ],
)
def test_totaux_coherents_ne_disent_rien(tmp_path: Path, table: str, total: str) -> None:
    fiche = _fiche(table, f"    total: {total}\n")
    assert "total_incoherent" not in codes(avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}))


@pytest.mark.parametrize(
    ("table", "total", "calcule"),
    [
        (
            "      tous:\n        2025-2029: {type: increment, valeur: 2}\n",
            "{sens: somme_increments, valeur: 12}",
            "10",
        ),
        (
            "      tous:\n        2025-2029: {type: seuil, min: 20}\n",
            "{sens: valeur_finale, valeur: 30}",
            "20",
        ),
        (
            "      tous:\n        2025-2029: {type: variation_relative, pourcentage: 5}\n",
            "{sens: variation_cumulee, valeur: 25}",
            "27,63",
        ),
    ],
)
def test_totaux_incoherents_selon_leur_sens(
    tmp_path: Path, table: str, total: str, calcule: str
) -> None:
    fiche = _fiche(table, f"    total: {total}\n")
    problemes = avertissements(tmp_path, {"CPOM_T_1.yaml": fiche})
    assert codes(problemes) == ["total_incoherent"]
    assert problemes[0].message.endswith(f": {calcule})")
