"""One sheet of the Excel workbook: its columns (header, number format, width, status
colours, hidden codes), the cell styles, and the writing of rows given block by block,
column by column, through `render.classeur`.

Guarantees: every sheet has a bold frozen header row, an auto-filter and column widths;
numbers stay numbers, with French-looking formats (``12,5 %``, ``1 234``) left to Excel's
locale; texts go through `securite.neutraliser` (once per distinct text), so a value
starting with ``=``, ``+``, ``-`` or ``@`` stays inert once edited too; control characters
Excel refuses are removed rather than failing the export.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from cpom_rules import libelles
from cpom_rules.messages import Langue
from cpom_rules.render import classeur
from cpom_rules.render.classeur import Cellules, Classeur, Style
from cpom_rules.render.excel_anglais import ANGLAIS
from cpom_rules.render.securite import neutraliser

# Excel number formats (the separators follow the reader's locale: ``1 234,5`` in French).
FORMAT_TAUX = '0.0" %"'  # a value already in percent: 12.5 → 12,5 %
FORMAT_POURCENTAGE = "0.0%"  # a fraction shown as percent: 0.125 → 12,5 %
FORMAT_POINTS = '+0.0" pt";-0.0" pt";0" pt"'
FORMAT_VARIATION = '+0.0" %";-0.0" %";0" %"'
FORMAT_ENTIER = "#,##0"
FORMAT_DECIMAL = "#,##0.00"
FORMAT_ANNEE = "0"
LARGEUR_MAX = 60
LIGNES_MESUREES = 300  # rows looked at to size a column

_ENTETE = Style(
    gras=True, couleur_texte="FFFFFF", couleur_fond="1F3A60", retour_ligne=True, en_haut=True
)
# Characters an xlsx file cannot hold (C0 controls but tab, line feed and carriage return).
_ILLEGAUX = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
LIGNES_PAR_BLOC = 20_000  # rows of a dict-built sheet turned into cells at once

# Status colours of the HTML report (background, text), for the status cells.
COULEURS_STATUTS = {
    "atteint": ("DFF3EA", "0D5C45"),
    "non_atteint": ("FDE7D9", "8F3504"),
    "donnees_manquantes": ("FFF4C2", "6B5200"),
    "non_evaluable": ("ECE6F6", "4B2E83"),
    "non_applicable": ("EEF0F3", "4A5561"),
}


class Styles:
    """The workbook's cell styles, by use, each declared once to the writer.

    Excel puts the reader's separators in a number; the literal ``" %"`` after a value in
    percent is the workbook's own, so an English workbook writes it ``"%"`` (``12.5%``).
    """

    def __init__(self, sortie: Classeur, langue: Langue = "fr") -> None:
        self._sortie = sortie
        self._langue = langue
        self.entete = sortie.style(_ENTETE)
        self.statuts = {
            code: sortie.style(
                Style(gras=code == "non_atteint", couleur_texte=texte, couleur_fond=fond)
            )
            for code, (fond, texte) in COULEURS_STATUTS.items()
        }
        self._nombres: dict[str | None, int] = {None: 0}

    def nombre(self, format_: str | None) -> int:
        if format_ not in self._nombres:
            ecrit = format_
            if format_ is not None and self._langue == "en":
                ecrit = format_.replace('" %"', '"%"')
            self._nombres[format_] = self._sortie.style(Style(format_nombre=ecrit))
        return self._nombres[format_]


@dataclass(frozen=True)
class Colonne:
    """A sheet column: key in the row dicts, French header, number format (None: text).

    `format` is one number format, or one chosen per cell by the unit. `couleur_statut` names the row key holding a status code: the cell takes its colours.
    A `cachee` column holds codes for machines, hidden from the reader.
    """

    cle: str
    entete: str
    format: str | SelonUnite | None = None
    largeur: int | None = None
    couleur_statut: str | None = None
    cachee: bool = False


def colonnes_codes(*cles: str) -> tuple[Colonne, ...]:
    """Hidden columns ``statut (code)``… holding the codes of the rows' `cle`_code keys."""
    return tuple(Colonne(f"{cle}_code", f"{cle} (code)", largeur=16, cachee=True) for cle in cles)


def en_mots(ligne: dict[str, Any], langue: Langue = "fr") -> None:
    """Replace the status and reason codes of a row by words, keeping the codes."""
    for cle in ("statut", "raison"):
        if cle in ligne:
            ligne[f"{cle}_code"] = ligne[cle]
    if ligne.get("statut"):
        ligne["statut"] = libelles.titre_statut(ligne["statut"], langue)
    ligne["raison"] = libelles.raison(ligne.get("raison"), langue)


@dataclass(frozen=True)
class SelonUnite:
    """A number format chosen per cell: `taux` for a measure in %, else whole numbers
    without decimals and others with two."""

    taux: str

    def styles(
        self, valeurs: Sequence[Any], unites: Sequence[str] | str, styles: Styles
    ) -> list[int] | int:
        """The style of each cell (one for all when every row is in %)."""
        taux, entier, decimal = (
            styles.nombre(f) for f in (self.taux, FORMAT_ENTIER, FORMAT_DECIMAL)
        )
        if unites == "%":
            return taux
        if isinstance(unites, str):
            return [_entier_ou_decimal(v, entier, decimal) for v in valeurs]

        def style(valeur: Any, unite: str) -> int:
            genre = _entier_ou_decimal(valeur, entier, decimal)
            return taux if genre and unite == "%" else genre

        return [style(v, u) for v, u in zip(valeurs, unites, strict=True)]


def _entier_ou_decimal(valeur: Any, entier: int, decimal: int) -> int:
    """`entier` for a whole number, `decimal` for another, 0 for what is not a number."""
    if type(valeur) is float or isinstance(valeur, np.floating):
        return entier if float(valeur).is_integer() else decimal
    if isinstance(valeur, int | np.integer) and not isinstance(valeur, bool):
        return entier
    return 0


def texte(valeur: str) -> str:
    """A text Excel will store as text and never run."""
    return str(neutraliser(_ILLEGAUX.sub("", valeur)))


def _largeur(colonne: Colonne, lignes: Sequence[dict[str, Any]]) -> int:
    if colonne.largeur is not None:
        return colonne.largeur
    echantillon = (len(str(r.get(colonne.cle) or "")) for r in lignes[:LIGNES_MESUREES])
    return max(8, min(LARGEUR_MAX, max([len(colonne.entete), *echantillon]) + 2))


def mot(texte: str, langue: Langue) -> str:
    """A sheet name or header in `langue` (the French one is the key)."""
    return texte if langue == "fr" else ANGLAIS.get(texte, texte)


Bloc = tuple[list[Sequence[Any]], Sequence[str] | str, dict[str, Sequence[Any]]]
"""Some rows of a sheet: the values of each column, the unit of each row (or one for all),
and the status code of each row under the keys the status-coloured columns name."""


def ajouter_feuille(
    sortie: Classeur,
    styles: Styles,
    titre: str,
    colonnes: Sequence[Colonne],
    lignes: Sequence[dict[str, Any]],
    figees: tuple[int, int] = (1, 0),
    langue: Langue = "fr",
) -> None:
    """One sheet of row dicts: styled frozen header, typed cells, widths, auto-filter."""
    ecrire_feuille(
        sortie,
        styles,
        titre,
        colonnes,
        len(lignes),
        _blocs_de_lignes(colonnes, lignes),
        figees,
        langue,
        [_largeur(c, lignes) for c in colonnes],
    )


def _blocs_de_lignes(
    colonnes: Sequence[Colonne], lignes: Sequence[dict[str, Any]]
) -> Iterator[Bloc]:
    couleurs = {c.couleur_statut for c in colonnes if c.couleur_statut}
    for debut in range(0, len(lignes), LIGNES_PAR_BLOC):
        morceau = lignes[debut : debut + LIGNES_PAR_BLOC]
        yield (
            [[_simple(ligne.get(c.cle)) for ligne in morceau] for c in colonnes],
            [ligne.get("unite") or "" for ligne in morceau],
            {cle: [ligne.get(cle) for ligne in morceau] for cle in couleurs},
        )


def _simple(valeur: Any) -> Any:
    """A value the writer takes: texts, booleans and numbers as they are, others as text."""
    if valeur is None or isinstance(valeur, str | bool | int | float | np.number):
        return valeur
    return str(valeur)


def ecrire_feuille(
    sortie: Classeur,
    styles: Styles,
    titre: str,
    colonnes: Sequence[Colonne],
    nombre_lignes: int,
    blocs: Iterable[Bloc],
    figees: tuple[int, int],
    langue: Langue,
    largeurs: Sequence[int] | None = None,
) -> None:
    """A sheet of `nombre_lignes` rows given block by block, column by column."""
    disposition = [
        classeur.Colonne(largeur, c.cachee)
        for c, largeur in zip(
            colonnes, largeurs or [c.largeur or 12 for c in colonnes], strict=True
        )
    ]
    with sortie.feuille(mot(titre, langue), disposition, nombre_lignes + 1, figees) as feuille:
        entetes = [([mot(c.entete, langue)], styles.entete) for c in colonnes]
        feuille.ecrire(entetes)
        for valeurs, unites, statuts in blocs:
            feuille.ecrire(
                [
                    _cellules(c, v, unites, statuts.get(c.couleur_statut or ""), styles)
                    for c, v in zip(colonnes, valeurs, strict=True)
                ]
            )


def _cellules(
    colonne: Colonne,
    valeurs: Sequence[Any],
    unites: Sequence[str] | str,
    statuts: Sequence[Any] | None,
    styles: Styles,
) -> Cellules:
    """The cells of one column: its values (texts, booleans and numbers are written by the
    writer) with the column's number format or status colours."""
    format_ = colonne.format
    if statuts is not None:
        couleurs = styles.statuts
        return valeurs, [couleurs.get(s, 0) if s else 0 for s in statuts]
    if isinstance(format_, SelonUnite):
        return valeurs, format_.styles(valeurs, unites, styles)
    return valeurs, styles.nombre(format_)
