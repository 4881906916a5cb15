"""Read establishment and measure tables from files or in-memory objects (the I/O boundary).

Accepted: CSV (``;``, ``,`` or tab separated, UTF-8 with or without BOM, else Windows-1252
with a warning), JSON (a list of objects), ``.xlsx`` (extra ``excel``), a list of dicts, a
dict of columns, or a pandas DataFrame (extra ``pandas``). Malformed rows are reported with
their line number, never dropped silently.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
import math
import operator
import zipfile
from collections.abc import Iterable, Mapping, Sequence, Sized
from decimal import Decimal
from pathlib import Path
from typing import Any, cast

import numpy as np

from cpom_rules.donnees.tables import TableBrute, table_depuis_colonnes
from cpom_rules.fichiers import FichierRefuse, TropGros, lire_octets, verifier_ordinaire
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme

MAX_OCTETS_DONNEES = 2**31
"""2 GiB: forty times the national campaign's measures file (≈ 50 MB for a million rows)."""

SourceTable = (
    str | Path | TableBrute | Sequence[Mapping[str, Any]] | Mapping[str, Sequence[Any]] | Any
)


def read_table(source: SourceTable, nom: str | None = None) -> TableBrute:
    """Read one table from a path or an object; raise `ErreurDonnees` if it cannot be read."""
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
    """UTF-8 (BOM allowed); otherwise Windows-1252, with a warning saying so."""
    try:
        return brut.decode("utf-8-sig"), []
    except UnicodeDecodeError:
        return brut.decode("cp1252", errors="replace"), [
            probleme("encodage_latin1", Niveau.AVERTISSEMENT, fichier=nom)
        ]


def lire_csv(brut: bytes, nom: str) -> TableBrute:
    """Parse CSV bytes; the separator is the most frequent of ``;``, ``,`` and tab in the header."""
    texte, problemes = decoder(brut, nom)
    premiere = texte.split("\n", 1)[0]
    separateur = max((";", ",", "\t"), key=premiere.count)
    lecteur = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entete = next(lecteur)
    except StopIteration:
        raise ErreurDonnees([probleme("table_vide", fichier=nom)]) from None
    lignes: list[int] = []
    rangees: list[list[str]] = []
    largeur = len(entete)
    debut = lecteur.line_num + 1  # a quoted field may span lines: a row is named by its first
    try:
        for rangee in lecteur:
            ligne, debut = debut, lecteur.line_num + 1
            if not rangee or all(not c.strip() for c in rangee):
                continue
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
            [probleme("fichier_illisible", fichier=nom, ligne=lecteur.line_num, detail=str(exc))]
        ) from exc
    colonnes = _par_colonne(entete, rangees, nom, problemes)
    return table_depuis_colonnes(nom, colonnes, np.array(lignes, dtype=np.int64), problemes)


def _par_colonne(
    entete: Sequence[str], rangees: Sequence[Sequence[Any]], nom: str, problemes: list[Probleme]
) -> dict[str, list[Any]]:
    """The columns by header; a header written twice keeps its first column, and says so."""
    colonnes: dict[str, list[Any]] = {}
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
        colonnes[titre] = [r[i] if i < len(r) else None for r in rangees]
    return colonnes


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


def _lire_excel(chemin: Path, nom: str) -> TableBrute:
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
    from openpyxl.utils.exceptions import InvalidFileException  # noqa: PLC0415

    try:
        classeur = openpyxl.load_workbook(chemin, read_only=True, data_only=True)
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
    except (zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, OSError) as exc:
        # Not an Excel workbook (a renamed CSV, a damaged download…): say so, never a traceback.
        raise ErreurDonnees(
            [probleme("fichier_illisible", fichier=nom, detail=f"classeur Excel illisible ({exc})")]
        ) from exc
    return _table_excel(rangees, nom)


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
    colonnes = _par_colonne(entete, [r for _, r in donnees], nom, problemes)
    return table_depuis_colonnes(
        nom, colonnes, np.array([n for n, _ in donnees], dtype=np.int64), problemes
    )
