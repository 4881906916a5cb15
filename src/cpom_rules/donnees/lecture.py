"""Read establishment and measure tables from files or in-memory objects (the I/O boundary).

Accepted: CSV (``;``, ``,`` or tab separated, UTF-8 with or without BOM, else Windows-1252
with a warning), JSON (a list of objects), ``.xlsx`` (extra ``excel``), a list of dicts, a
dict of columns, or a pandas DataFrame (extra ``pandas``). Malformed rows are reported with
their line number, never dropped silently.
"""

from __future__ import annotations

import codecs
import csv
import io
import itertools
import json
import math
import operator
import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence, Sized
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import numpy as np

from cpom_rules.donnees.nombres import Convention
from cpom_rules.donnees.tables import ColonneTexte, TableBrute, table_depuis_colonnes
from cpom_rules.fichiers import FichierRefuse, TropGros, lire_octets, verifier_ordinaire
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme

MAX_OCTETS_DONNEES = 2**31
"""2 GiB: forty times the national campaign's measures file (≈ 50 MB for a million rows)."""

SourceTable = (
    str | Path | TableBrute | Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]] | Any
)


def read_table(
    source: SourceTable, nom: str | None = None, *, decimale: Convention = None
) -> TableBrute:
    """Read one table from a path or an object; raise `ErreurDonnees` if it cannot be read.

    `decimale` (``","`` or ``"."``) declares the decimal mark of the file, which settles
    ``2.000`` or ``1,234``; by default it is detected from the file's other numbers."""
    table = _lire(source, nom)
    if decimale is not None:
        table.decimale = decimale
    return table


def _lire(source: SourceTable, nom: str | None) -> TableBrute:
    if isinstance(source, TableBrute):
        return source
    if isinstance(source, str | Path):
        return _lire_fichier(Path(source))
    if hasattr(source, "columns") and hasattr(source, "to_numpy"):
        return _lire_dataframe(source, nom or "<DataFrame>")
    if isinstance(source, Mapping):
        nom = nom or "<colonnes>"
        if not all(
            isinstance(v, Sized)
            and isinstance(v, Iterable)
            and not isinstance(v, str | bytes | Mapping)
            for v in source.values()
        ):
            raise ErreurDonnees(
                [
                    probleme(
                        "fichier_illisible",
                        fichier=nom,
                        detail="un dictionnaire de colonnes associe à chaque nom une liste de valeurs",
                    )
                ]
            )
        return table_depuis_colonnes(nom, {str(k): list(v) for k, v in source.items()})
    if isinstance(source, Sequence) and not isinstance(source, str | bytes):
        return _lire_enregistrements(
            cast(Sequence[Mapping[str, Any]], source), nom or "<enregistrements>"
        )
    raise ErreurDonnees(
        [probleme("format_inconnu", fichier=nom, extension=type(source).__name__, excel="")]
    )


def _lire_fichier(chemin: Path) -> TableBrute:
    nom = str(chemin)
    extension = chemin.suffix.lower()
    try:
        verifier_ordinaire(chemin)  # before opening: a FIFO would block, /dev/zero never end
        if extension in (".csv", ".txt", ".tsv"):
            return lire_csv(lire_octets(chemin, MAX_OCTETS_DONNEES), nom)
        if extension == ".json":
            return _lire_json(lire_octets(chemin, MAX_OCTETS_DONNEES), nom)
        if extension == ".xlsx":
            return _lire_excel(chemin, nom)
    except FileNotFoundError as exc:
        raise ErreurDonnees(
            [probleme("fichier_introuvable", fichier=nom, emplacement=nom)]
        ) from exc
    except TropGros as exc:
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_trop_gros",
                    fichier=nom,
                    taille=f"> {MAX_OCTETS_DONNEES}",
                    maximum=MAX_OCTETS_DONNEES,
                )
            ]
        ) from exc
    except FichierRefuse as exc:
        raise ErreurDonnees([probleme("fichier_illisible", fichier=nom, detail=exc.motif)]) from exc
    except OSError as exc:
        raise ErreurDonnees(
            [probleme("fichier_illisible", fichier=nom, detail=exc.strerror or str(exc))]
        ) from exc
    raise ErreurDonnees(
        [
            probleme(
                "format_inconnu", fichier=nom, extension=extension or "(aucune)", excel=", .xlsx"
            )
        ]
    )


def decoder(brut: bytes, nom: str) -> tuple[str, list[Probleme]]:
    """The text of a file as Excel and other tools write it.

    UTF-16 with a BOM (Excel's « Texte Unicode »); UTF-8 with or without BOM; a UTF-8 file
    with a few Windows-1252 bytes (a line pasted from an old export) keeps UTF-8 and names
    each odd byte with its line; a file with no valid UTF-8 accent at all is Windows-1252,
    with a warning saying so."""
    if brut.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return brut.decode("utf-16"), []
        except UnicodeDecodeError as exc:
            raise ErreurDonnees(
                [
                    probleme(
                        "fichier_illisible", fichier=nom, detail=f"UTF-16 invalide ({exc.reason})"
                    )
                ]
            ) from exc
    try:
        return brut.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        pass
    if not _UTF8_ACCENT.search(brut):
        return brut.decode("cp1252", errors="replace"), [
            probleme("encodage_latin1", Niveau.AVERTISSEMENT, fichier=nom)
        ]
    # Mostly UTF-8: decode each invalid byte as Windows-1252, and say where it was.
    morceaux: list[str] = []
    problemes: list[Probleme] = []
    debut = 3 if brut.startswith(codecs.BOM_UTF8) else 0
    while True:
        try:
            morceaux.append(brut[debut:].decode("utf-8"))
            break
        except UnicodeDecodeError as exc:
            fin = debut + exc.start
            morceaux.append(brut[debut:fin].decode("utf-8"))
            octet = brut[fin : fin + 1]
            lu = octet.decode("cp1252", errors="replace")
            morceaux.append(lu)
            ligne = brut[:fin].count(b"\n") + 1
            problemes.append(
                probleme(
                    "encodage_mixte",
                    Niveau.AVERTISSEMENT,
                    fichier=nom,
                    lignes=[ligne],
                    octet=f"{octet[0]:02X}",
                    lu=lu,
                )
            )
            debut = fin + 1
    return "".join(morceaux), problemes


_RETOUR_SEUL = re.compile(b"\r(?!\n)")
# an ASCII character other than a space (a body of only non-ASCII text goes to the Python
# reader, which knows every Unicode space)
_NON_BLANC = re.compile(rb"[^\s\x80-\xff]")
_UTF8_ACCENT = re.compile(rb"[\xc2-\xf4][\x80-\xbf]+")


def _separateur(texte: str) -> tuple[str, str, int]:
    """The separator, the text from the header on, and the number of lines skipped: Excel's
    ``sep=;`` first line is honoured; otherwise the most frequent of ``;``, ``,`` and tab in
    the header."""
    premiere = texte.split("\n", 1)[0]
    indication = re.fullmatch(r'"?sep=(.)"?[;,\t]*\r?', premiere, flags=re.IGNORECASE)
    if indication:
        return indication.group(1), texte.split("\n", 1)[1] if "\n" in texte else "", 1
    return max((";", ",", "\t"), key=premiere.count), texte, 0


def lire_csv(brut: bytes, nom: str) -> TableBrute:
    """Parse CSV bytes (see `decoder` and `_separateur`); empty trailing columns are dropped
    with a note; rows are named by their line in the file."""
    # The common file (UTF-8 without BOM nor ``sep=`` line) is parsed from its own bytes,
    # never decoded whole in Python: pyarrow checks the UTF-8 of every field, and a file it
    # refuses is decoded below, odd bytes named. A national file is hundreds of MB.
    boms = (codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
    essaye = False
    if not brut.startswith(boms) and (separateur := _separateur_des_octets(brut)) is not None:
        rapide = _lire_csv_arrow(brut, separateur, 0, nom, [])
        if rapide is not None:
            return rapide
        essaye = True
    texte, problemes = decoder(brut, nom)
    separateur, texte, sautees = _separateur(texte)
    # the same bytes again would give the same answer: only a BOM, a sep= line or a repair
    # makes the text differ from the file
    if not (essaye and not problemes and not sautees):
        rapide = _lire_csv_arrow(texte.encode("utf-8"), separateur, sautees, nom, problemes)
        if rapide is not None:
            return rapide
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entete = next(lecteur)
    except StopIteration:
        raise ErreurDonnees([probleme("table_vide", fichier=nom)]) from None
    lignes: list[int] = []
    rangees: list[list[str]] = []
    largeur = _largeur_utile(entete)
    if largeur < len(entete):
        problemes.append(_colonnes_vides(entete, largeur, nom))
        entete = entete[:largeur]
    # a quoted field may span lines: a row is named by its first
    debut = lecteur.line_num + 1 + sautees
    try:
        for lue in lecteur:
            ligne, debut = debut, lecteur.line_num + 1 + sautees
            if not lue or all(not c.strip() for c in lue):
                continue
            # the trailing separators of the empty columns are not fields
            rangee = lue[:largeur] if not any(c.strip() for c in lue[largeur:]) else lue
            if len(rangee) != largeur:
                problemes.append(
                    probleme(
                        "ligne_malformee",
                        fichier=nom,
                        lignes=[ligne],
                        trouve=len(rangee),
                        attendu=largeur,
                    )
                )
                continue
            rangees.append(rangee)
            lignes.append(ligne)
    except csv.Error as exc:
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible",
                    fichier=nom,
                    ligne=lecteur.line_num + sautees,
                    detail=str(exc),
                )
            ]
        ) from exc
    if not rangees and not any(p.code == "ligne_malformee" for p in problemes):
        raise ErreurDonnees([probleme("table_sans_ligne", fichier=nom, entetes=", ".join(entete))])
    colonnes = _par_colonne(entete, nom, problemes, _de_rangees(rangees))
    return table_depuis_colonnes(nom, colonnes, np.array(lignes, dtype=np.int64), problemes)


def _largeur_utile(entete: Sequence[str]) -> int:
    """The number of columns once the untitled trailing ones (« a;b;c;;; ») are dropped."""
    largeur = len(entete)
    while largeur and not entete[largeur - 1].strip():
        largeur -= 1
    return largeur


def _colonnes_vides(entete: Sequence[str], largeur: int, nom: str) -> Probleme:
    return probleme(
        "colonnes_vides_ignorees", Niveau.AVERTISSEMENT, fichier=nom, nombre=len(entete) - largeur
    )


def _separateur_des_octets(brut: bytes) -> str | None:
    """The separator read from the first line of `brut`, or None when that line is not
    UTF-8 or is Excel's ``sep=`` line (the file then goes through `decoder`)."""
    fin = brut.find(b"\n")
    try:
        premiere = brut[: fin if fin >= 0 else len(brut)].decode("utf-8")
    except UnicodeDecodeError:
        return None
    separateur, _, sautees = _separateur(premiere)
    return None if sautees else separateur


def _lire_csv_arrow(
    contenu: bytes,
    separateur: str,
    sautees: int,
    nom: str,
    problemes: list[Probleme],
) -> TableBrute | None:
    """The table read by pyarrow's C parser from UTF-8 `contenu`, or None when the file
    needs the Python reader to keep every row's line number and report its defects: a
    quoted field spanning lines, blank lines, rows of another width, blank rows, bytes that
    are not UTF-8. Exports (eCARS, SAE, Excel) almost never have any, so the common file is
    read at C speed."""
    # The bytes after the header are never copied: the checks below search `contenu` from
    # `debut`.
    fin = contenu.find(b"\n")
    if fin < 0:
        return None
    try:
        premiere = contenu[:fin].decode("utf-8")
    except UnicodeDecodeError:
        return None
    debut = fin + 1
    entete = premiere.rstrip("\r").split(separateur)
    largeur = _largeur_utile(entete)
    # Blank lines are not searched here: pyarrow keeps them as rows of empty cells
    # (ignore_empty_lines=False), which the check of blank rows below sends to the Python
    # reader — one pass less over the text.
    if (
        '"' in premiere
        or not _NON_BLANC.search(contenu, debut)
        or _RETOUR_SEUL.search(contenu, debut)
        or largeur == 0
    ):
        return None
    import pyarrow as pa  # noqa: PLC0415  (heavy import, only for files)
    from pyarrow import compute as pc  # noqa: PLC0415
    from pyarrow import csv as pa_csv  # noqa: PLC0415

    noms = [f"c{i}" for i in range(len(entete))]
    try:
        table = pa_csv.read_csv(
            pa.py_buffer(contenu),
            # one thread: on a shared 2-core machine, threads cost more than they bring
            read_options=pa_csv.ReadOptions(
                column_names=noms, block_size=1 << 24, use_threads=False, skip_rows=1
            ),
            parse_options=pa_csv.ParseOptions(delimiter=separateur, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types=dict.fromkeys(noms, pa.string()),
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except pa.ArrowInvalid:  # a row of another width, a byte that is not UTF-8…: the Python
        return None  # reader names its line
    if table.num_rows != contenu.count(b"\n", debut) + (not contenu.endswith(b"\n")):
        return None  # a quoted field spans lines: row numbers are no longer line numbers
    # kept in the reader's chunks: every use below works on chunked arrays, a copy of the
    # whole file into one chunk per column is not needed
    colonnes = [table.column(i) for i in range(len(entete))]
    longueurs = [pc.max(pc.utf8_length(c)).as_py() or 0 for c in colonnes]
    if any(longueurs[largeur:]):
        return None  # a value under an untitled trailing column: the row is malformed
    if max(longueurs) > csv.field_size_limit():
        return None  # the Python reader refuses such a field with its line
    vides = _vides(colonnes[0])
    for colonne in colonnes[1:largeur]:
        if not pc.any(vides).as_py():
            break
        vides = pc.and_(vides, _vides(colonne))
    if pc.any(vides).as_py():
        return None  # a row of separators only, which the Python reader skips
    if largeur < len(entete):
        problemes.append(_colonnes_vides(entete, largeur, nom))
    retenues = _par_colonne(entete[:largeur], nom, problemes, lambda i: ColonneTexte(colonnes[i]))
    lignes = np.arange(2 + sautees, 2 + sautees + table.num_rows, dtype=np.int64)
    return table_depuis_colonnes(nom, retenues, lignes, problemes)


def _vides(colonne: Any) -> Any:
    """True where the text of an Arrow string array is empty. (Comparing the length with a
    Python 0 would convert the 0, and pyarrow imports pandas, 0.2 s, on its first
    conversion of a Python value.)"""
    import pyarrow as pa  # noqa: PLC0415  (heavy import, only for files)
    from pyarrow import compute as pc  # noqa: PLC0415

    return pc.invert(pc.cast(pc.utf8_length(colonne), pa.bool_()))


def _par_colonne(
    entete: Sequence[str],
    nom: str,
    problemes: list[Probleme],
    extraire: Callable[[int], Sequence[Any]],
) -> dict[str, Sequence[Any]]:
    """The columns by header (`extraire(i)`: the i-th column); a header written twice keeps
    its first column, and says so."""
    colonnes: dict[str, Sequence[Any]] = {}
    for i, titre in enumerate(entete):
        if titre in colonnes:
            problemes.append(
                probleme(
                    "colonne_en_double",
                    Niveau.AVERTISSEMENT,
                    fichier=nom,
                    colonne_ignoree=titre,
                    colonne_gardee=titre,
                )
            )
            continue
        colonnes[titre] = extraire(i)
    return colonnes


def _de_rangees(rangees: Sequence[Sequence[Any]]) -> Callable[[int], list[Any]]:
    return lambda i: [r[i] if i < len(r) else None for r in rangees]


def _lire_json(brut: bytes, nom: str) -> TableBrute:
    texte, problemes = decoder(brut, nom)
    try:
        # ``NaN`` and ``Infinity`` are not JSON: keep them as the texts they are, which the
        # value readers refuse, rather than as floats that would pass for empty cells.
        donnees = json.loads(texte, parse_constant=str, object_pairs_hook=_SansDoublon())
    except RecursionError:  # 100,000 nested « [ »: no table is nested more than three deep
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible",
                    fichier=nom,
                    detail="imbrication JSON trop profonde (une liste d'objets plats est attendue)",
                )
            ]
        ) from None
    except _CleEnDouble as exc:
        raise ErreurDonnees(
            [probleme("cle_json_en_double", fichier=nom, cle=exc.cle, rang=exc.rang)]
        ) from None
    except json.JSONDecodeError as exc:
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible",
                    fichier=nom,
                    ligne=exc.lineno,
                    colonne=exc.colno,
                    detail=exc.msg,
                )
            ]
        ) from exc
    if not isinstance(donnees, list) or not all(isinstance(e, dict) for e in donnees):
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible", fichier=nom, detail="une liste d'objets JSON est attendue"
                )
            ]
        )
    table = _lire_enregistrements(donnees, nom)
    table.problemes[:0] = problemes
    return table


class _CleEnDouble(Exception):
    def __init__(self, cle: str, rang: int) -> None:
        super().__init__(cle)
        self.cle, self.rang = cle, rang


class _SansDoublon:
    """A JSON object hook refusing a key written twice in one object (``json`` keeps the
    last silently); objects are numbered in the order they close, which for a list of flat
    records is their rank."""

    def __init__(self) -> None:
        self.rang = 0

    def __call__(self, paires: list[tuple[str, Any]]) -> dict[str, Any]:
        self.rang += 1
        objet = dict(paires)
        if len(objet) != len(paires):
            vues: set[str] = set()
            for cle, _ in paires:
                if cle in vues:
                    raise _CleEnDouble(cle, self.rang)
                vues.add(cle)
        return objet


def _lire_enregistrements(enregistrements: Sequence[Mapping[str, Any]], nom: str) -> TableBrute:
    if not all(isinstance(enregistrement, Mapping) for enregistrement in enregistrements):
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible",
                    fichier=nom,
                    detail="chaque enregistrement doit être un dictionnaire",
                )
            ]
        )
    # Keys and columns are gathered at C speed: a million records is a common national file.
    cles = dict.fromkeys(itertools.chain.from_iterable(enregistrements))
    colonnes = {
        str(cle): list(map(operator.methodcaller("get", cle), enregistrements)) for cle in cles
    }
    return table_depuis_colonnes(nom, colonnes)


def _lire_dataframe(cadre: Any, nom: str) -> TableBrute:
    colonnes = {str(c): cadre[c].to_numpy() for c in cadre.columns}
    return table_depuis_colonnes(nom, colonnes)


def erreurs_classeur() -> tuple[type[Exception], ...]:
    """What openpyxl raises on a file that is no workbook (a renamed CSV, a damaged download)."""
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415  (optional extra)

    return (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError)


def classeur_illisible(nom: str, exc: Exception) -> ErreurDonnees:
    return ErreurDonnees(
        [probleme("fichier_illisible", fichier=nom, detail=f"classeur Excel illisible ({exc})")]
    )


def ouvrir_classeur(chemin: Path, nom: str, *, flux: bool = True) -> Any:
    """The workbook's cached values, opened by openpyxl (streamed unless `flux` is False: merged
    cells need the whole model); a missing extra or an unreadable file is a located problem."""
    try:
        import openpyxl  # noqa: PLC0415  (optional extra)
    except ImportError as exc:
        raise ErreurDonnees(
            [
                probleme(
                    "format_inconnu",
                    fichier=nom,
                    extension=".xlsx (pip install cpom_rules[excel])",
                    excel="",
                )
            ]
        ) from exc
    try:
        return openpyxl.load_workbook(chemin, read_only=flux, data_only=True)
    except erreurs_classeur() as exc:
        raise classeur_illisible(nom, exc) from exc


def _lire_excel(chemin: Path, nom: str) -> TableBrute:
    classeur = ouvrir_classeur(chemin, nom)
    try:
        feuille = classeur.worksheets[0]
        # Trust the cells present, not the declared dimension: a stray cell at XFD1048576
        # must not make us walk a million empty rows of 16,384 columns.
        feuille.reset_dimensions()
        rangees = [
            (ligne, valeurs)
            for ligne, cellules in enumerate(feuille.iter_rows(), start=1)
            if (valeurs := tuple(_valeur_cellule(c) for c in cellules)) or ligne == 1
        ]
        classeur.close()
        formules = (
            _formules_sans_valeur(chemin, dict(rangees), nom) if _a_des_formules(chemin) else []
        )
    except erreurs_classeur() as exc:
        raise classeur_illisible(nom, exc) from exc
    table = _table_excel(rangees, nom)
    table.problemes.extend(formules)
    return table


def _a_des_formules(chemin: Path) -> bool:
    """True when a sheet of the workbook holds a formula (``<f>`` elements), read cheaply."""
    with zipfile.ZipFile(chemin) as archive:
        for info in archive.infolist():
            if info.filename.startswith("xl/worksheets/") and info.filename.endswith(".xml"):
                with archive.open(info) as flux:
                    while bloc := flux.read(1 << 20):
                        if b"<f>" in bloc or b"<f " in bloc:
                            return True
    return False


def _formules_sans_valeur(
    chemin: Path, valeurs: dict[int, tuple[Any, ...]], nom: str
) -> list[Probleme]:
    """The formula cells whose cached value is absent (a workbook written by a program and
    never opened in Excel): read as empty, they would pass for missing data unnoticed."""
    import openpyxl  # noqa: PLC0415  (optional extra)
    from openpyxl.utils import get_column_letter  # noqa: PLC0415

    classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=False)
    feuille = classeur.worksheets[0]
    feuille.reset_dimensions()
    problemes = []
    for ligne, cellules in enumerate(feuille.iter_rows(), start=1):
        lues = valeurs.get(ligne, ())
        for i, cellule in enumerate(cellules):
            formule = getattr(cellule, "value", None)
            if (
                isinstance(formule, str)
                and formule.startswith("=")
                and (i >= len(lues) or lues[i] is None)
            ):
                problemes.append(
                    probleme(
                        "formule_sans_valeur",
                        fichier=nom,
                        lignes=[ligne],
                        colonne_excel=get_column_letter(i + 1),
                        formule=formule,
                    )
                )
    classeur.close()
    return problemes


def _valeur_cellule(cellule: Any) -> Any:
    """A cell's value as the reader of its column expects it: a percent-formatted number
    (shows « 57 % », stores 0.57) becomes the text ``57 %``, so a rate reads 57 and any other
    variable refuses the « % » instead of silently reading 0.57."""
    valeur = getattr(cellule, "value", None)
    if (
        isinstance(valeur, int | float)
        and not isinstance(valeur, bool)
        and "%" in (getattr(cellule, "number_format", "") or "")
        and math.isfinite(valeur)
    ):
        return format(Decimal(repr(valeur)).scaleb(2).normalize(), "f") + " %"
    return valeur


def _table_excel(rangees: list[tuple[int, tuple[Any, ...]]], nom: str) -> TableBrute:
    """The table of a sheet's rows (source line, values): header first, empty rows skipped,
    a cell right of the header reported rather than read."""
    from openpyxl.utils import get_column_letter  # noqa: PLC0415  (optional extra)

    if not rangees or rangees[0][0] != 1:
        raise ErreurDonnees([probleme("table_vide", fichier=nom)])
    entete = [str(c) if c is not None else f"colonne_{i + 1}" for i, c in enumerate(rangees[0][1])]
    problemes: list[Probleme] = []
    donnees = []
    for ligne, rangee in rangees[1:]:
        pleines = [i for i, c in enumerate(rangee) if c is not None and str(c).strip()]
        for i in (i for i in pleines if i >= len(entete)):
            problemes.append(
                probleme(
                    "cellule_hors_entete",
                    Niveau.AVERTISSEMENT,
                    fichier=nom,
                    lignes=[ligne],
                    valeur=rangee[i],
                    colonne_excel=get_column_letter(i + 1),
                )
            )
        if any(i < len(entete) for i in pleines):
            donnees.append((ligne, rangee))
    colonnes = _par_colonne(entete, nom, problemes, _de_rangees([r for _, r in donnees]))
    return table_depuis_colonnes(
        nom, colonnes, np.array([n for n, _ in donnees], dtype=np.int64), problemes
    )
