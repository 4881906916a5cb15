"""Spec files as users name and write them (issue #10 Why 14): ``*.YAML`` fiches are read,
and a case file's values outside the period or invalid attributes are errors, not ignored."""

from __future__ import annotations

import shutil
from pathlib import Path

from cpom_rules.cli.commandes import check_specs
from tests.conftest import SPECS


def _copie(tmp_path: Path) -> Path:
    dossier = tmp_path / "specs"
    shutil.copytree(SPECS, dossier)
    return dossier


def test_fiche_en_majuscules_lue(tmp_path: Path) -> None:
    dossier = _copie(tmp_path)
    (dossier / "CPOM_OS_1.yaml").rename(dossier / "CPOM_OS_1.YAML")
    (dossier / "CPOM_OS_1.cas.yaml").rename(dossier / "CPOM_OS_1.CAS.YAML")
    catalogue, problemes = check_specs(dossier)
    assert catalogue is not None and "CPOM_OS_1" in catalogue.fiches
    assert not [p for p in problemes if p.niveau == "erreur"]


def _cas(dossier: Path, ajout: str) -> None:
    chemin = dossier / "CPOM_OS_1.cas.yaml"
    chemin.write_text(chemin.read_text(encoding="utf-8") + ajout, encoding="utf-8")


def test_cas_valeurs_hors_periode_en_erreur(tmp_path: Path) -> None:
    dossier = _copie(tmp_path)
    _cas(
        dossier,
        "\n  - nom: Hors période\n    valeurs:\n      2031: {professionnels_formes: 1}\n"
        "    attendu: []\n",
    )
    _, problemes = check_specs(dossier)
    [p] = [p for p in problemes if p.code == "annee_hors_periode"]
    assert p.fichier is not None and p.fichier.endswith("CPOM_OS_1.cas.yaml")
    assert "2031" in p.message and p.ligne is not None


def test_cas_attribut_invalide_en_erreur(tmp_path: Path) -> None:
    dossier = _copie(tmp_path)
    _cas(
        dossier,
        '\n  - nom: Lits en lettres\n    etablissement: {lits: "huit cents"}\n    attendu: []\n',
    )
    _, problemes = check_specs(dossier)
    [p] = [p for p in problemes if p.code == "cas_attribut_invalide"]
    assert "huit cents" in p.message and "lits" in p.message and p.ligne is not None
