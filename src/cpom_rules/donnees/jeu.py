"""A validated dataset: every variable as an (établissements × années) grid.

Establishments are sorted by FINESS, years are contiguous, so the result of an evaluation
does not depend on the order of the input rows. Each grid cell remembers the source line it
came from; every input row is either in a cell or named by a reported problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cpom_rules.formules.colonnes import Colonne
from cpom_rules.problemes import Probleme


@dataclass(frozen=True)
class Grille:
    """One variable of one indicator over (établissements × années), with source lines (0: none)."""

    colonne: Colonne
    lignes: NDArray[np.int64]


@dataclass(frozen=True)
class Donnees:
    """What `load_dataset` returns and `evaluate` consumes."""

    finess: NDArray[np.object_]
    raisons_sociales: NDArray[np.object_]
    attributs: Mapping[str, Colonne]
    annees: tuple[int, ...]
    variables: Mapping[tuple[str, str], Grille]
    preuves: Mapping[str, NDArray[np.uint64]]  # fiche → evidence provided, as masks (CodesPreuves)
    commentaires: Mapping[tuple[str, str, int], str] = field(default_factory=dict)
    problemes: tuple[Probleme, ...] = ()
    sources: tuple[str, str] = ("", "")
    annees_avec_mesures: frozenset[int] = frozenset()
    # Where each measures row came from when the rows were read from workbooks (row i ↔
    # ``emplacements[i - 1]``, « suivi.xlsx, Suivi 2025!C4 »): traces cite the cell.
    emplacements: tuple[str, ...] = ()

    @property
    def nombre_etablissements(self) -> int:
        return len(self.finess)

    def index_etablissement(self, finess: str) -> int | None:
        """Position of an establishment in the grids, or None."""
        position = int(np.searchsorted(self.finess, finess))
        if position < len(self.finess) and self.finess[position] == finess:
            return position
        return None

    def index_annee(self, annee: int) -> int | None:
        """Column of a year in the grids, or None when outside."""
        if not self.annees or not self.annees[0] <= annee <= self.annees[-1]:
            return None
        return annee - self.annees[0]
