"""Raw tables as read from a file or an object, before any validation.

A `TableBrute` keeps every row with its source line number (1-based, header included for
files: the first data line of a CSV is line 2) so that every later problem can point at the
rows concerned. Column headers are matched without regard to case, accents, spaces or
underscores (``Année``, ``ANNEE`` and ``annee`` are the same column). Columns of different
lengths (a malformed dict of columns) are refused with `ErreurDonnees`.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
from numpy.typing import NDArray

from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme

ALIAS: dict[str, str] = {
    "finess": "finess",
    "n_finess": "finess",
    "no_finess": "finess",
    "num_finess": "finess",
    "numero_finess": "finess",
    "finess_et": "finess",
    "finess_ej": "finess",
    "raison_sociale": "raison_sociale",
    "nom": "raison_sociale",
    "etablissement": "raison_sociale",
    "indicateur": "indicateur",
    "code_indicateur": "indicateur",
    "fiche": "indicateur",
    "annee": "annee",
    "year": "annee",
    "variable": "variable",
    "valeur": "valeur",
    "value": "valeur",
    "commentaire": "commentaire",
    "commentaires": "commentaire",
    "preuves": "preuves",
    "preuves_fournies": "preuves",
}


def normaliser_entete(nom: object) -> str:
    """``Année`` → ``annee``, ``N° FINESS`` → ``n_finess``."""
    texte = unicodedata.normalize("NFKD", str(nom)).encode("ascii", "ignore").decode()
    caracteres = [c.lower() if c.isalnum() else "_" for c in texte]
    return "_".join(part for part in "".join(caracteres).split("_") if part)


class ColonneTexte(Sequence[str]):
    """A column of texts as pyarrow's CSV reader returns it, kept in Arrow memory.

    Validation only needs each column's distinct values and a code per row (`factoriser`,
    done by Arrow's dictionary encoding at C speed); a Python list is built only if a row is
    read one by one (the establishments table)."""

    def __init__(self, tableau: Any) -> None:
        self._tableau = tableau
        self._liste: list[str] | None = None

    def __len__(self) -> int:
        return len(self._tableau)

    def _valeurs(self) -> list[str]:
        if self._liste is None:
            self._liste = self._tableau.to_pylist()
        return self._liste

    def __getitem__(self, index: Any) -> Any:
        return self._valeurs()[index]

    def __iter__(self) -> Iterator[str]:
        return iter(self._valeurs())

    def __eq__(self, autre: object) -> bool:
        if isinstance(autre, ColonneTexte | list | tuple):
            return self._valeurs() == list(autre)
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable-like, as a list: unhashable

    def __repr__(self) -> str:
        return f"ColonneTexte({self._valeurs()!r})"

    def factoriser(self) -> tuple[NDArray[np.int64], list[str]]:
        """A code per row and the distinct texts, in order of first appearance."""
        encode = self._tableau.dictionary_encode()
        if hasattr(encode, "combine_chunks"):
            encode = encode.combine_chunks()
        return _entiers(encode.indices), encode.dictionary.to_pylist()


def _entiers(tableau: Any) -> NDArray[np.int64]:
    """The values of an Arrow integer array, read from its data buffer when it has no null:
    `to_numpy` would make pyarrow import pandas (0.2 s) whenever pandas is installed."""
    if not len(tableau):
        return np.zeros(0, dtype=np.int64)
    if tableau.null_count:
        return np.asarray(tableau.to_numpy(zero_copy_only=False), dtype=np.int64)
    donnees = np.frombuffer(tableau.buffers()[1], dtype=tableau.type.to_pandas_dtype())
    return donnees[tableau.offset : tableau.offset + len(tableau)].astype(np.int64)


@dataclass
class TableBrute:
    """Columns of raw values keyed by normalised header, with source line numbers."""

    source: str
    colonnes: dict[str, Sequence[Any] | NDArray[Any]]
    entetes: dict[str, str]
    lignes: NDArray[np.int64]
    problemes: list[Probleme] = field(default_factory=list)
    decimale: Literal[",", "."] | None = None  # declared decimal mark; None: detected

    def __len__(self) -> int:
        return len(self.lignes)

    def colonne(self, nom: str) -> Sequence[Any] | NDArray[Any] | None:
        """The column whose normalised header (or alias) is `nom`, if any."""
        return self.colonnes.get(nom)


def table_depuis_colonnes(
    source: str,
    colonnes: Mapping[str, Sequence[Any] | NDArray[Any]],
    lignes: NDArray[np.int64] | None = None,
    problemes: list[Probleme] | None = None,
) -> TableBrute:
    """Build a table from columns named as written; headers are normalised and aliased."""
    normalisees: dict[str, Sequence[Any] | NDArray[Any]] = {}
    entetes: dict[str, str] = {}
    problemes = list(problemes or [])
    for nom, valeurs in colonnes.items():
        cle = normaliser_entete(nom)
        cle = ALIAS.get(cle, cle)
        if cle in normalisees:
            problemes.append(
                probleme(
                    "colonne_en_double",
                    Niveau.AVERTISSEMENT,
                    fichier=source,
                    colonne_ignoree=nom,
                    colonne_gardee=entetes[cle],
                )
            )
            continue
        normalisees[cle] = valeurs
        entetes[cle] = str(nom)
    tailles = {len(valeurs) for valeurs in colonnes.values()}
    if len(tailles) > 1:
        raise ErreurDonnees(
            [
                probleme(
                    "fichier_illisible",
                    fichier=source,
                    detail="colonnes de longueurs différentes ("
                    + ", ".join(f"{nom} : {len(v)}" for nom, v in colonnes.items())
                    + ")",
                )
            ]
        )
    taille = tailles.pop() if tailles else 0
    if lignes is None:
        lignes = np.arange(1, taille + 1, dtype=np.int64)
    return TableBrute(source, normalisees, entetes, lignes, problemes)
