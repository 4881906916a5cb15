"""Hangs and crashes on special or hostile files (issue #10 Why 13): refused before reading,
bounded while reading, never a hang, a MemoryError or a RecursionError."""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

from cpom_rules import ErreurDonnees
from cpom_rules.cli.commandes import check_specs
from cpom_rules.donnees.lecture import read_table
from cpom_rules.spec.source import read_yaml_file
from tests.conftest import SPECS


def _refus(chemin: Path) -> str:
    debut = time.monotonic()
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert time.monotonic() - debut < 5
    [p] = erreur.value.problemes
    return p.message


def test_r13_lien_vers_dev_zero_refuse(tmp_path: Path) -> None:
    lien = tmp_path / "mesures.csv"
    lien.symlink_to("/dev/zero")
    assert "pas un fichier ordinaire" in _refus(lien)
    yaml_lien = tmp_path / "CPOM_OS_1.yaml"
    yaml_lien.symlink_to("/dev/zero")
    document, problemes = read_yaml_file(yaml_lien)
    assert document is None and "pas un fichier ordinaire" in problemes[0].message


def test_r13_fifo_dans_le_dossier_des_fiches_ne_bloque_pas(tmp_path: Path) -> None:
    dossier = tmp_path / "specs"
    shutil.copytree(SPECS, dossier)
    os.mkfifo(dossier / "CPOM_OS_99.yaml")
    debut = time.monotonic()
    _, problemes = check_specs(dossier)
    assert time.monotonic() - debut < 10
    [p] = [p for p in problemes if p.fichier and p.fichier.endswith("CPOM_OS_99.yaml")]
    assert "pas un fichier ordinaire" in p.message


def test_r13_fifo_en_donnees_refuse(tmp_path: Path) -> None:
    tube = tmp_path / "mesures.csv"
    os.mkfifo(tube)
    assert "pas un fichier ordinaire" in _refus(tube)


def test_r13_json_imbrique_100000_niveaux(tmp_path: Path) -> None:
    chemin = tmp_path / "mesures.json"
    chemin.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "imbrication JSON trop profonde" in _refus(chemin)


def test_r13_taille_verifiee_en_lisant(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from cpom_rules.donnees import lecture

    chemin = tmp_path / "mesures.csv"
    chemin.write_text("finess;valeur\n" + "1;2\n" * 100, encoding="utf-8")
    monkeypatch.setattr(lecture, "MAX_OCTETS_DONNEES", 50)
    assert "trop volumineux" in _refus(chemin)


def test_r13_xlsx_cellule_egaree_en_xfd1048576(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["finess", "indicateur", "annee", "variable", "valeur"])
    feuille.append(["340780477", "CPOM_OS_1", 2025, "professionnels_formes", 3])
    feuille["XFD1048576"] = "égarée"
    chemin = tmp_path / "mesures.xlsx"
    classeur.save(chemin)
    debut = time.monotonic()
    table = read_table(chemin)
    assert time.monotonic() - debut < 5
    assert list(table.lignes) == [2]
    [p] = table.problemes
    assert p.code == "cellule_hors_entete" and "XFD" in p.message and p.lignes == (1048576,)
