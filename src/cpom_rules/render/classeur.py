"""A streaming xlsx writer for tables: typed cells, a few cell styles, frozen header, filter.

Why our own: the results sheet of a national campaign is ~9 million cells. XlsxWriter spends
~3.3 µs per cell in Python whatever the calling code does (30 s for that sheet alone,
measured); the Rust-backed wrappers on PyPI are young one-author packages or cannot style a
single cell. A table needs only a small, fixed part of SpreadsheetML (ECMA-376 Part 1, §18),
which this module writes directly: each column of a block of rows is turned into XML by one
loop over its values, texts are stored once in the shared-string table (a status, a name or
a fiche code repeated 465,000 times costs one index per cell), and the sheet goes to the
compressed archive as it is made (memory is bounded by the block and the distinct texts).

Guarantees: the package has the parts Excel, LibreOffice, openpyxl and calamine expect
(content types, relationships, workbook, styles, shared strings, sheets) in the element
order of the schema; every text is valid XML (characters XML 1.0 forbids are removed, texts
longer than Excel's 32,767 characters cut) and is read back as written (``_xHHHH_``
sequences, which Excel would decode, are escaped); numbers are written in their shortest
exact form; a value of another type is a programming error (TypeError).
"""

from __future__ import annotations

import contextlib
import math
import numbers
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from itertools import repeat
from types import TracebackType
from typing import IO, Any
from xml.sax.saxutils import escape, quoteattr

TEXTE_MAX = 32_767  # Excel's limit for one cell, in UTF-16 code units
LIGNES_MAX = 1_048_576
COLONNES_MAX = 16_384

_PRINCIPAL = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_RELATIONS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PAQUET = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES = "http://schemas.openxmlformats.org/package/2006/content-types"
_TYPE_OFFICE = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_DECLARATION = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

# Characters XML 1.0 cannot hold (C0 controls but tab, line feed, carriage return; lone
# surrogates; the two non-characters U+FFFE and U+FFFF).
_HORS_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# Excel decodes ``_x0041_`` in a text as « A »: a literal one is escaped as ``_x005F_x0041_``.
_ECHAPPEMENT_EXCEL = re.compile("(_x[0-9A-Fa-f]{4}_)")

_NOM_INTERDIT = re.compile(r"[\[\]:*?/\\]")  # characters a sheet name cannot hold
_RETOUR = {"\r": "&#13;"}

# Number formats Excel knows by number (a custom one is declared from 164 on).
_FORMATS_INTEGRES = {"General": 0, "0": 1, "0.00": 2, "#,##0": 3, "#,##0.00": 4, "0%": 9}
_FORMATS_INTEGRES |= {"0.00%": 10}


@dataclass(frozen=True)
class Style:
    """The look of a cell: number format, bold, colours (``RRGGBB``), wrapped, top-aligned."""

    format_nombre: str | None = None
    gras: bool = False
    couleur_texte: str | None = None
    couleur_fond: str | None = None
    retour_ligne: bool = False
    en_haut: bool = False


@dataclass(frozen=True)
class Colonne:
    """Layout of a sheet column: width in characters (as Excel counts them), hidden or not."""

    largeur: float
    cachee: bool = False


Cellules = tuple[Sequence[Any], Sequence[int] | int]
"""One column of a block of rows: its values (None, str, int or float) and the style number
of each cell (or one number for all)."""


def lettre(numero: int) -> str:
    """The letters of a column numbered from 0: A, …, Z, AA, …"""
    lettres = ""
    numero += 1
    while numero:
        numero, reste = divmod(numero - 1, 26)
        lettres = chr(65 + reste) + lettres
    return lettres


def _nombre(valeur: Any) -> str | None:
    """The XML of a number (numpy's too), None for a value that is not a finite one."""
    if isinstance(valeur, bool) or not isinstance(valeur, numbers.Real):
        return None
    if isinstance(valeur, numbers.Integral):
        return str(int(valeur))
    # float.__repr__: the shortest exact form, also for numpy's float64 (whose own repr is
    # « np.float64(…) »).
    flottant = float(valeur)
    return float.__repr__(flottant) if math.isfinite(flottant) else None


class _Textes(dict[str, int]):
    """The shared-string table: a text's number, given on first sight."""

    def __missing__(self, texte: str) -> int:
        numero = self[texte] = len(self)
        return numero


class Classeur:
    """An xlsx package being written to `flux` (a binary file): styles are declared with
    `style`, sheets written one after the other with `feuille`, everything else at `fermer`.

    Each distinct text goes through `preparer` once, when the shared strings are written;
    booleans are written as the texts `booleens` (true, false).
    """

    def __init__(
        self,
        flux: IO[bytes] | str,
        preparer: Callable[[str], str] = str,
        booleens: tuple[str, str] = ("TRUE", "FALSE"),
    ) -> None:
        self._archive = zipfile.ZipFile(flux, "w", zipfile.ZIP_DEFLATED, compresslevel=1)
        self._textes = _Textes()
        self._preparer = preparer
        self.booleens = booleens
        self._styles: dict[Style, int] = {Style(): 0}
        self._attributs = [""]  # the ` s="n"` of the cells of each style
        self._feuilles: list[tuple[str, str | None]] = []  # name, auto-filter range
        self._ouverte: Feuille | None = None

    def style(self, style: Style) -> int:
        """The number of `style`, to give with the cells that take it."""
        numero = self._styles.setdefault(style, len(self._styles))
        if numero == len(self._attributs):
            self._attributs.append(f' s="{numero}"')
        return numero

    def feuille(
        self,
        nom: str,
        colonnes: Sequence[Colonne],
        lignes: int,
        figees: tuple[int, int] = (0, 0),
        filtre: bool = True,
    ) -> Feuille:
        """A new sheet of `lignes` rows (header included) over `colonnes`, with the first
        `figees` (rows, columns) frozen and an auto-filter on the first row; write its rows
        with `Feuille.ecrire`, in order, then close it (a ``with`` block does)."""
        if self._ouverte is not None:
            raise RuntimeError("une feuille est déjà en cours d'écriture")
        if not 0 < len(nom) <= 31 or _NOM_INTERDIT.search(nom) or nom.startswith("'"):
            raise ValueError(f"nom de feuille refusé par Excel : {nom!r}")
        if not 0 < len(colonnes) <= COLONNES_MAX or not 0 < lignes <= LIGNES_MAX:
            raise ValueError(f"feuille {nom!r} : {lignes} lignes × {len(colonnes)} colonnes")
        numero = len(self._feuilles) + 1
        fin = f"{lettre(len(colonnes) - 1)}{lignes}"
        self._feuilles.append(
            (nom, f"$A$1:${fin.rstrip('0123456789')}${lignes}" if filtre else None)
        )
        flux = self._archive.open(f"xl/worksheets/sheet{numero}.xml", "w")
        self._ouverte = Feuille(self, flux, len(colonnes), lignes, f"A1:{fin}" if filtre else None)
        flux.write(_entete_feuille(numero == 1, f"A1:{fin}", colonnes, figees).encode())
        return self._ouverte

    def _fermee(self, feuille: Feuille) -> None:
        if self._ouverte is feuille:
            self._ouverte = None

    def fermer(self) -> None:
        """Write the shared parts and close the archive."""
        if self._ouverte is not None:
            self._ouverte.fermer()

        def ecrire(nom: str, texte: str) -> None:
            # Dated like the streamed parts (1980-01-01): the same results, the same bytes.
            self._archive.writestr(zipfile.ZipInfo(nom), texte, zipfile.ZIP_DEFLATED, 1)

        ecrire("[Content_Types].xml", self._types())
        ecrire("_rels/.rels", _relations([("officeDocument", "xl/workbook.xml")]))
        ecrire("xl/workbook.xml", self._classeur())
        parties = [
            ("worksheet", f"worksheets/sheet{n}.xml") for n in range(1, len(self._feuilles) + 1)
        ]
        parties += [("styles", "styles.xml"), ("sharedStrings", "sharedStrings.xml")]
        ecrire("xl/_rels/workbook.xml.rels", _relations(parties))
        ecrire("xl/styles.xml", _styles(list(self._styles)))
        with self._archive.open("xl/sharedStrings.xml", "w") as flux:
            nombre = len(self._textes)
            flux.write(f'{_DECLARATION}<sst xmlns="{_PRINCIPAL}" uniqueCount="{nombre}">'.encode())
            morceau: list[str] = []
            for texte in self._textes:
                morceau.append(_element_texte(self._preparer(texte)))
                if len(morceau) >= 10_000:
                    flux.write("".join(morceau).encode())
                    morceau.clear()
            flux.write(("".join(morceau) + "</sst>").encode())
        self._textes.clear()
        self._archive.close()

    def __enter__(self) -> Classeur:
        return self

    def __exit__(
        self,
        type_: type[BaseException] | None,
        exc: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if type_ is None:
            self.fermer()
            return
        # Abandoned on an error: the unfinished file is the caller's to delete, and nothing
        # raised while letting it go may hide the error that stopped the writing.
        with contextlib.suppress(Exception):
            if self._ouverte is not None:
                self._ouverte.abandonner()
            self._archive.close()

    def _types(self) -> str:
        surcharges = [
            ("/xl/workbook.xml", f"{_TYPE_OFFICE}.sheet.main+xml"),
            ("/xl/styles.xml", f"{_TYPE_OFFICE}.styles+xml"),
            ("/xl/sharedStrings.xml", f"{_TYPE_OFFICE}.sharedStrings+xml"),
            *(
                (f"/xl/worksheets/sheet{n}.xml", f"{_TYPE_OFFICE}.worksheet+xml")
                for n in range(1, len(self._feuilles) + 1)
            ),
        ]
        return (
            f'{_DECLARATION}<Types xmlns="{_TYPES}">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="{p}" ContentType="{t}"/>' for p, t in surcharges)
            + "</Types>"
        )

    def _classeur(self) -> str:
        feuilles = "".join(
            f'<sheet name={quoteattr(nom)} sheetId="{n}" r:id="rId{n}"/>'
            for n, (nom, _) in enumerate(self._feuilles, start=1)
        )
        # Excel keeps each sheet's filter range in a hidden name; without it, it may rebuild it.
        noms = "".join(
            '<definedName name="_xlnm._FilterDatabase" '
            f'localSheetId="{n}" hidden="1">{escape(_reference(nom))}!{plage}</definedName>'
            for n, (nom, plage) in enumerate(self._feuilles)
            if plage is not None
        )
        return (
            f'{_DECLARATION}<workbook xmlns="{_PRINCIPAL}" xmlns:r="{_RELATIONS}">'
            '<bookViews><workbookView activeTab="0"/></bookViews>'
            f"<sheets>{feuilles}</sheets>"
            + (f"<definedNames>{noms}</definedNames>" if noms else "")
            + '<calcPr calcId="124519" fullCalcOnLoad="1"/></workbook>'
        )


class Feuille:
    """A sheet being written, block of rows after block of rows (see `Classeur.feuille`)."""

    def __init__(
        self, classeur: Classeur, flux: IO[bytes], colonnes: int, lignes: int, filtre: str | None
    ) -> None:
        self._classeur, self._flux = classeur, flux
        self._lettres = [lettre(n) for n in range(colonnes)]
        self._prevues, self._ecrites = lignes, 0
        self._filtre = filtre

    def ecrire(self, colonnes: Sequence[Cellules]) -> None:
        """Write the next rows, given column by column (every column of the sheet, each with
        the same number of values)."""
        if len(colonnes) != len(self._lettres):
            raise ValueError(f"{len(colonnes)} colonnes au lieu de {len(self._lettres)}")
        taille = len(colonnes[0][0])
        if self._ecrites + taille > self._prevues:
            raise ValueError(f"plus de {self._prevues} lignes")
        numeros = [str(n) for n in range(self._ecrites + 1, self._ecrites + taille + 1)]
        cellules = [
            self._cellules(lettre_, numeros, valeurs, styles)
            for lettre_, (valeurs, styles) in zip(self._lettres, colonnes, strict=True)
        ]
        lignes = [
            f'<row r="{n}">{"".join(c)}</row>'
            for n, c in zip(numeros, zip(*cellules, strict=True), strict=True)
        ]
        self._flux.write("".join(lignes).encode())
        self._ecrites += taille

    def _cellules(
        self, lettre_: str, numeros: list[str], valeurs: Sequence[Any], styles: Sequence[int] | int
    ) -> list[str]:
        """The XML of one column's cells; None and the empty text leave the cell empty."""
        if len(valeurs) != len(numeros):
            raise ValueError(
                f"colonne {lettre_} : {len(valeurs)} valeurs au lieu de {len(numeros)}"
            )
        textes, attributs = self._classeur._textes, self._classeur._attributs
        if isinstance(styles, int):
            par_cellule: Iterable[str] = repeat(attributs[styles])
        else:
            par_cellule = [attributs[s] for s in styles]
        sortie = []
        # The hot loop (9 million cells for a national campaign): exact types tested first.
        for numero, valeur, attribut in zip(numeros, valeurs, par_cellule, strict=False):
            genre = type(valeur)
            if genre is str:
                if valeur:
                    sortie.append(
                        f'<c r="{lettre_}{numero}"{attribut} t="s"><v>{textes[valeur]}</v></c>'
                    )
                else:
                    sortie.append("")
            elif valeur is None:
                sortie.append("")
            elif genre is float and math.isfinite(valeur):
                sortie.append(f'<c r="{lettre_}{numero}"{attribut}><v>{valeur!r}</v></c>')
            elif genre is int:
                sortie.append(f'<c r="{lettre_}{numero}"{attribut}><v>{valeur}</v></c>')
            else:
                sortie.append(self._cellule(f"{lettre_}{numero}", valeur, attribut))
        return sortie

    def _cellule(self, reference: str, valeur: Any, attribut: str) -> str:
        if valeur is None or valeur == "":
            return ""
        if isinstance(valeur, bool):
            valeur = self._classeur.booleens[0 if valeur else 1]
        if isinstance(valeur, str):
            numero = self._classeur._textes[valeur]
            return f'<c r="{reference}"{attribut} t="s"><v>{numero}</v></c>'
        if (texte := _nombre(valeur)) is not None:
            return f'<c r="{reference}"{attribut}><v>{texte}</v></c>'
        if isinstance(valeur, numbers.Real):  # nan, inf: shown as such, Excel has no number
            return self._cellule(reference, str(float(valeur)), attribut)
        raise TypeError(f"cellule {reference} : {type(valeur).__name__} {valeur!r}")

    def fermer(self) -> None:
        """End the sheet (the rows not written stay empty)."""
        if self._flux.closed:
            return
        fin = "</sheetData>"
        if self._filtre is not None:
            fin += f'<autoFilter ref="{self._filtre}"/>'
        fin += '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" '
        fin += 'footer="0.3"/></worksheet>'
        self._flux.write(fin.encode())
        self._flux.close()
        self._classeur._fermee(self)

    def __enter__(self) -> Feuille:
        return self

    def abandonner(self) -> None:
        """Stop the sheet where it is (on an error: the workbook will not be finished)."""
        self._flux.close()
        self._classeur._fermee(self)

    def __exit__(self, type_: type[BaseException] | None, *_: object) -> None:
        if type_ is None:
            self.fermer()
        else:
            self.abandonner()


def _reference(nom: str) -> str:
    """A sheet name as formulas quote it."""
    return "'" + nom.replace("'", "''") + "'"


def _largeur(caracteres: float) -> float:
    """The stored width of a column `caracteres` wide (Excel adds the cell padding)."""
    return (int(caracteres * 7 + 0.5) + 5) / 7 if caracteres > 1 else caracteres


def _entete_feuille(
    active: bool, etendue: str, colonnes: Sequence[Colonne], figees: tuple[int, int]
) -> str:
    lignes, cols = figees
    vue = '<sheetView tabSelected="1" workbookViewId="0">' if active else ""
    vue = vue or '<sheetView workbookViewId="0">'
    if lignes or cols:
        volet = {(True, True): "bottomRight", (True, False): "bottomLeft"}.get(
            (bool(lignes), bool(cols)), "topRight"
        )
        coin = f"{lettre(cols)}{lignes + 1}"
        vue += (
            "<pane"
            + (f' xSplit="{cols}"' if cols else "")
            + (f' ySplit="{lignes}"' if lignes else "")
            + f' topLeftCell="{coin}" activePane="{volet}" state="frozen"/>'
            f'<selection pane="{volet}" activeCell="{coin}" sqref="{coin}"/>'
        )
    vue += "</sheetView>"
    largeurs = "".join(
        f'<col min="{n}" max="{n}" width="{_largeur(c.largeur)}" customWidth="1"'
        + (' hidden="1"' if c.cachee else "")
        + "/>"
        for n, c in enumerate(colonnes, start=1)
    )
    return (
        f'{_DECLARATION}<worksheet xmlns="{_PRINCIPAL}" xmlns:r="{_RELATIONS}">'
        f'<dimension ref="{etendue}"/><sheetViews>{vue}</sheetViews>'
        f'<sheetFormatPr defaultRowHeight="15"/><cols>{largeurs}</cols><sheetData>'
    )


def _element_texte(texte: str) -> str:
    texte = _HORS_XML.sub("", texte)
    if len(texte) > TEXTE_MAX // 2 and len(utf16 := texte.encode("utf-16-le")) > 2 * TEXTE_MAX:
        texte = utf16[: 2 * TEXTE_MAX].decode("utf-16-le", errors="ignore")  # Excel counts so
    texte = _ECHAPPEMENT_EXCEL.sub(r"_x005F\1", texte)
    garder = ' xml:space="preserve"' if texte != texte.strip() else ""
    # A carriage return as a reference: a literal one would be read as a line feed.
    return f"<si><t{garder}>{escape(texte, _RETOUR)}</t></si>"


def _relations(cibles: list[tuple[str, str]]) -> str:
    elements = "".join(
        f'<Relationship Id="rId{n}" '
        f'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/{type_}" '
        f'Target="{cible}"/>'
        for n, (type_, cible) in enumerate(cibles, start=1)
    )
    return f'{_DECLARATION}<Relationships xmlns="{_PAQUET}">{elements}</Relationships>'


def _styles(styles: list[Style]) -> str:
    """styles.xml: one cell format (xf) per style, fonts, fills and number formats shared."""
    formats: dict[str, int] = {}
    polices: dict[tuple[bool, str | None], int] = {(False, None): 0}
    fonds: dict[str | None, int] = {None: 0, "gray125": 1}
    xfs = []
    for style in styles:
        code = style.format_nombre or "General"
        numero = _FORMATS_INTEGRES.get(code)
        if numero is None:
            numero = formats.setdefault(code, 164 + len(formats))
        police = polices.setdefault((style.gras, style.couleur_texte), len(polices))
        fond = fonds.setdefault(style.couleur_fond, len(fonds))
        attributs = f'numFmtId="{numero}" fontId="{police}" fillId="{fond}" borderId="0" xfId="0"'
        attributs += ' applyNumberFormat="1"' if numero else ""
        attributs += ' applyFont="1"' if police else ""
        attributs += ' applyFill="1"' if fond else ""
        alignement = ""
        if style.retour_ligne or style.en_haut:
            attributs += ' applyAlignment="1"'
            alignement = (
                "<alignment"
                + (' vertical="top"' if style.en_haut else "")
                + (' wrapText="1"' if style.retour_ligne else "")
                + "/>"
            )
        xfs.append(f"<xf {attributs}>{alignement}</xf>" if alignement else f"<xf {attributs}/>")
    nombres = "".join(
        f"<numFmt numFmtId={quoteattr(str(n))} formatCode={quoteattr(c)}/>"
        for c, n in formats.items()
    )
    elements_polices = "".join(
        "<font>"
        + ("<b/>" if gras else "")
        + '<sz val="11"/>'
        + (f'<color rgb="FF{couleur}"/>' if couleur else '<color theme="1"/>')
        + '<name val="Calibri"/><family val="2"/><scheme val="minor"/></font>'
        for gras, couleur in polices
    )
    elements_fonds = '<fill><patternFill patternType="none"/></fill>'
    elements_fonds += '<fill><patternFill patternType="gray125"/></fill>'
    elements_fonds += "".join(
        f'<fill><patternFill patternType="solid"><fgColor rgb="FF{c}"/>'
        '<bgColor indexed="64"/></patternFill></fill>'
        for c in list(fonds)[2:]
    )
    return (
        f'{_DECLARATION}<styleSheet xmlns="{_PRINCIPAL}">'
        + (f'<numFmts count="{len(formats)}">{nombres}</numFmts>' if formats else "")
        + f'<fonts count="{len(polices)}">{elements_polices}</fonts>'
        f'<fills count="{len(fonds)}">{elements_fonds}</fills>'
        '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
        '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/>'
        f'</cellStyleXfs><cellXfs count="{len(xfs)}">{"".join(xfs)}</cellXfs>'
        '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
        '<dxfs count="0"/><tableStyles count="0"/></styleSheet>'
    )


__all__ = ["Cellules", "Classeur", "Colonne", "Feuille", "Style", "lettre"]
