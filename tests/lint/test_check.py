"""The linter as a whole: a consistent fiche is silent, the shipped catalogue is located."""

from __future__ import annotations

from pathlib import Path

from cpom_rules.compilation.catalogue import load_catalogue
from cpom_rules.lint import VERIFICATIONS, check
from cpom_rules.problemes import Niveau
from tests.lint.aides import CATALOGUE_STRATES, avertissements
from tests.spec.fabrique import FICHE, SPECS, remplacer


def test_fiche_coherente_sans_aucun_avertissement(tmp_path: Path) -> None:
    assert avertissements(tmp_path, {"CPOM_T_1.yaml": FICHE}) == []


def test_fiche_coherente_riche_sans_aucun_avertissement(tmp_path: Path) -> None:
    fiche = remplacer(
        FICHE,
        (
            '        2026-2029: {type: seuil, min: 20, texte: "≥ 20 %"}\n',
            '        2026-2028: {type: seuil, min: 20, texte: "≥ 20 %"}\n'
            '        2029: {type: seuil, min: 30, texte: "≥ 30 %", preuves: [plan_formation]}\n'
            "    total: {sens: valeur_finale, valeur: 30, texte: 30 % en 2029}\n"
            '    derogations:\n      "340780477": {motif: Fusion, sans_objet: oui}\n',
        ),
    )
    assert avertissements(tmp_path, {"CPOM_T_1.yaml": fiche}, CATALOGUE_STRATES) == []


def test_chaque_verification_est_lancee() -> None:
    assert len(VERIFICATIONS) == 6


def test_catalogue_livre_avertissements_localises() -> None:
    catalogue = load_catalogue(SPECS)
    problemes = check(catalogue)
    for probleme in problemes:
        assert probleme.niveau is Niveau.AVERTISSEMENT
        assert probleme.fichier is not None and Path(probleme.fichier).is_file()
        assert probleme.ligne is not None
        assert probleme.message
    # The printed tiers leave 500 beds uncovered, and the catalogue says so in its notes.
    lacunes = [p for p in problemes if p.code == "segments_lacune" and "lits = 500" in p.message]
    assert lacunes
