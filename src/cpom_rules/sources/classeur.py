"""Sheets as grids of raw cell values, from an ``.xlsx`` workbook or a CSV file.

A merged cell holds its value in its top-left cell only; `Feuille.entete` fills a header
row across each merged range so that a title spanning several columns names each of them.
Cells are named in A1 notation (``2025!C7``), a CSV file being one sheet named after it.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

from cpom_rules.donnees.lecture import decoder, ouvrir_classeur
from cpom_rules.problemes import ErreurDonnees, probleme


def lettre(colonne: int) -> str:
    """Column letters of a 1-based column number: 1 → A, 28 → AB."""
    lettres = ""
    while colonne:
        colonne, reste = divmod(colonne - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


@dataclass
class Feuille:
    """One sheet: its name and rows of raw values (row 1 first), with merged ranges."""

    nom: str
    lignes: list[list[object]]
    fusions: list[tuple[int, int, int, int]] = field(default_factory=list)  # r1, c1, r2, c2

    def cellule(self, ligne: int, colonne: int) -> str:
        """``Feuille!C7`` for 1-based row and column."""
        return f"{self.nom}!{lettre(colonne)}{ligne}"

    def valeur(self, ligne: int, colonne: int) -> object:
        if 1 <= ligne <= len(self.lignes) and 1 <= colonne <= len(self.lignes[ligne - 1]):
            return self.lignes[ligne - 1][colonne - 1]
        return None

    def largeur(self) -> int:
        return max((len(rangee) for rangee in self.lignes), default=0)

    def entete(self, ligne: int) -> list[str]:
        """The texts of header row `ligne`, a merged cell's text repeated over its range."""
        textes = [_texte(self.valeur(ligne, c)) for c in range(1, self.largeur() + 1)]
        for r1, c1, r2, c2 in self.fusions:
            if r1 <= ligne <= r2:
                for c in range(c1, min(c2, len(textes)) + 1):
                    textes[c - 1] = _texte(self.valeur(r1, c1))
        return textes


def _texte(valeur: object) -> str:
    return " ".join(str(valeur).split()) if valeur is not None else ""


def read_classeur(chemin: str | Path, *, fusions: bool = True) -> list[Feuille]:
    """Every sheet of a workbook (``.xlsx``) or the one sheet of a CSV file; without
    `fusions` merged ranges are not read (faster: the workbook is streamed)."""
    chemin = Path(chemin)
    nom = str(chemin)
    if not chemin.is_file():
        raise ErreurDonnees([probleme("fichier_introuvable", fichier=nom, emplacement=nom)])
    if chemin.suffix.lower() in (".csv", ".txt", ".tsv"):
        texte, _ = decoder(chemin.read_bytes(), nom)
        premiere = texte.split("\n", 1)[0]
        separateur = max((";", ",", "\t"), key=premiere.count)
        try:
            lignes: list[list[object]] = [
                list(r) for r in csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
            ]
        except csv.Error as exc:
            raise ErreurDonnees(
                [probleme("fichier_illisible", fichier=nom, detail=str(exc))]
            ) from exc
        return [Feuille(chemin.stem, lignes)]
    if chemin.suffix.lower() != ".xlsx":
        raise ErreurDonnees(
            [probleme("format_inconnu", fichier=nom, extension=chemin.suffix, excel=", .xlsx")]
        )
    return _lire_xlsx(chemin, nom, fusions)


def _lire_xlsx(chemin: Path, nom: str, fusions: bool) -> list[Feuille]:
    classeur = ouvrir_classeur(chemin, nom, flux=not fusions)
    feuilles = []
    for onglet in classeur.worksheets:
        lignes = [list(rangee) for rangee in onglet.iter_rows(values_only=True)]
        plages = (
            [
                (p.min_row, p.min_col, p.max_row, p.max_col) for p in onglet.merged_cells.ranges
            ]  # a streamed sheet has none
            if fusions
            else []
        )
        feuilles.append(Feuille(onglet.title, lignes, plages))
    classeur.close()
    return feuilles
