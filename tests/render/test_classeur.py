"""The streaming xlsx writer: what it writes is what openpyxl reads back, texts and numbers
exactly, with styles, widths, hidden columns, frozen panes and filters."""

from __future__ import annotations

import math
import time
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from cpom_rules.render.classeur import TEXTE_MAX, Classeur, Colonne, Style, lettre

openpyxl = pytest.importorskip("openpyxl")


def _ecrire(chemin: Path, colonnes: list[list[Any]], **options: Any) -> Any:
    """One sheet holding `colonnes` under a header row; the sheet read back by openpyxl."""
    with Classeur(str(chemin), **options) as sortie:
        disposition = [Colonne(10) for _ in colonnes]
        with sortie.feuille("Feuille", disposition, len(colonnes[0]) + 1, (1, 0)) as feuille:
            feuille.ecrire([([f"c{n}"], 0) for n in range(len(colonnes))])
            feuille.ecrire([(valeurs, 0) for valeurs in colonnes])
    return openpyxl.load_workbook(chemin)["Feuille"]


def _relue(feuille: Any, colonne: int = 0) -> list[Any]:
    return [ligne[colonne] for ligne in feuille.iter_rows(min_row=2, values_only=True)]


def test_lettres_des_colonnes() -> None:
    assert [lettre(n) for n in (0, 25, 26, 51, 52, 701, 702, 16_383)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
        "XFD",
    ]


def test_types_relus(tmp_path: Path) -> None:
    valeurs = [
        "texte",
        None,
        "",
        3,
        -2.5,
        True,
        False,
        np.float64(0.1),
        np.int64(2025),
        1e-06,
        1e16,
        math.nan,
    ]
    feuille = _ecrire(tmp_path / "t.xlsx", [valeurs], booleens=("oui", "non"))
    relues = _relue(feuille)
    assert relues == ["texte", None, None, 3, -2.5, "oui", "non", 0.1, 2025, 1e-06, 1e16, "nan"]
    assert feuille["A4"].data_type == "n" and feuille["A7"].data_type == "s"


def test_type_inconnu_refuse(tmp_path: Path) -> None:
    """The error that stops the writing is the one raised (abandoning the archive adds
    none)."""
    with pytest.raises(TypeError, match="A2") as erreur:
        _ecrire(tmp_path / "t.xlsx", [[object()]])
    assert erreur.value.__context__ is None


def test_textes_difficiles(tmp_path: Path) -> None:
    """Markup, Excel's own escapes, spaces at the ends, controls XML forbids, a text over
    Excel's limit (counted in UTF-16 units, as Excel does)."""
    long = "😀" * TEXTE_MAX  # 2 units each
    valeurs = ["<a & b>", "_x0041_", "  espaces  ", "a\x00b\x1fc\ud800", "ligne\nsuivante", long]
    relues = _relue(_ecrire(tmp_path / "t.xlsx", [valeurs]))
    assert relues[:5] == ["<a & b>", "_x0041_", "  espaces  ", "abc", "ligne\nsuivante"]
    assert relues[5] == "😀" * (TEXTE_MAX // 2)


def test_preparer_une_fois_par_texte(tmp_path: Path) -> None:
    vus: list[str] = []

    def preparer(texte: str) -> str:
        vus.append(texte)
        return texte.upper()

    relues = _relue(_ecrire(tmp_path / "t.xlsx", [["a", "b", "a", "a"]], preparer=preparer))
    assert relues == ["A", "B", "A", "A"]
    assert sorted(vus) == ["a", "b", "c0"]


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    textes=st.lists(st.text(max_size=40), min_size=1, max_size=20),
    nombres=st.lists(
        st.floats(allow_nan=False, allow_infinity=False) | st.integers(-(2**53), 2**53),
        min_size=1,
        max_size=20,
    ),
)
def test_aller_retour(tmp_path: Path, textes: list[str], nombres: list[float]) -> None:
    """Any text comes back as written (carriage returns too, less the characters XML 1.0
    cannot hold; an empty one as an empty cell), any number exactly."""
    taille = max(len(textes), len(nombres))
    textes += [""] * (taille - len(textes))
    nombres += [0] * (taille - len(nombres))
    feuille = _ecrire(tmp_path / "t.xlsx", [textes, nombres])
    propres = [
        "".join(c for c in t if c in "\t\n\r" or not (c < " " or "\ud800" <= c <= "\udfff"))
        for t in textes
    ]
    propres = ["".join(c for c in t if c not in "\ufffe\uffff") for t in propres]
    assert _relue(feuille, 0) == [p if t else None for t, p in zip(textes, propres, strict=True)]
    assert _relue(feuille, 1) == nombres


def test_styles_largeurs_volets_filtre(tmp_path: Path) -> None:
    chemin = tmp_path / "s.xlsx"
    with Classeur(str(chemin)) as sortie:
        gras = sortie.style(Style(gras=True, couleur_texte="FFFFFF", couleur_fond="1F3A60"))
        pourcent = sortie.style(Style(format_nombre="0.0%"))
        entier = sortie.style(Style(format_nombre="#,##0"))
        disposition = [Colonne(11), Colonne(36), Colonne(16, cachee=True)]
        with sortie.feuille("L'autre feuille", disposition, 3, (1, 2)) as feuille:
            feuille.ecrire([(["a"], gras), (["b"], gras), (["c"], gras)])
            feuille.ecrire([([0.5, 0.25], pourcent), ([1234, None], [entier, 0]), (["x", "y"], 0)])
        with sortie.feuille("Vide", [Colonne(8)], 1, (1, 0)) as feuille:
            feuille.ecrire([(["seul"], gras)])
    classeur = openpyxl.load_workbook(chemin)
    assert classeur.sheetnames == ["L'autre feuille", "Vide"]
    feuille = classeur["L'autre feuille"]
    assert feuille["A1"].font.bold and feuille["A1"].fill.fgColor.rgb == "FF1F3A60"
    assert feuille["A2"].number_format == "0.0%" and feuille["A2"].value == 0.5
    assert feuille["B2"].number_format == "#,##0" and feuille["B3"].value is None
    assert feuille["C2"].number_format == "General"
    assert feuille.freeze_panes == "C2"
    assert feuille.auto_filter.ref == "A1:C3"
    assert feuille.column_dimensions["B"].width > 36
    assert feuille.column_dimensions["C"].hidden and not feuille.column_dimensions["A"].hidden
    assert classeur["Vide"].freeze_panes == "A2" and classeur["Vide"].auto_filter.ref == "A1:A1"
    with zipfile.ZipFile(chemin) as archive:
        classeur_xml = archive.read("xl/workbook.xml").decode()
    assert "'L''autre feuille'!$A$1:$C$3" in classeur_xml


def test_erreurs_d_usage(tmp_path: Path) -> None:
    with Classeur(str(tmp_path / "e.xlsx")) as sortie:
        feuille = sortie.feuille("F", [Colonne(8), Colonne(8)], 2)
        with pytest.raises(ValueError, match="1 colonnes au lieu de 2"):
            feuille.ecrire([(["a"], 0)])
        with pytest.raises(ValueError, match="plus de 2 lignes"):
            feuille.ecrire([(["a", "b", "c"], 0), (["a", "b", "c"], 0)])
        with pytest.raises(RuntimeError):
            sortie.feuille("G", [Colonne(8)], 1)
        feuille.fermer()
        with pytest.raises(ValueError, match="lignes"):
            sortie.feuille("G", [Colonne(8)], 0)
        for nom in ("", "a/b", "x" * 32, "'cité"):
            with pytest.raises(ValueError, match="nom de feuille"):
                sortie.feuille(nom, [Colonne(8)], 1)


def test_memes_donnees_memes_octets(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No clock in the package: the same cells give the same file, byte for byte, a year
    apart."""
    monkeypatch.setattr(time, "time", lambda: 1.7e9)
    _ecrire(tmp_path / "a.xlsx", [["x", 1.5]])
    monkeypatch.setattr(time, "time", lambda: 1.7e9 + 365 * 86_400)
    _ecrire(tmp_path / "b.xlsx", [["x", 1.5]])
    assert (tmp_path / "a.xlsx").read_bytes() == (tmp_path / "b.xlsx").read_bytes()
