"""Result statuses and the machine-readable reasons that qualify them.

`atteint` / `non_atteint` are verdicts on the target. The three other statuses say why
there is no verdict: `non_applicable` (nothing was due), `donnees_manquantes` (something
the establishment must provide is missing) and `non_evaluable` (the data cannot support a
verdict: a zero denominator, a missing N-1 value, an invalid value, an undetermined tier).
"""

from __future__ import annotations

from enum import IntEnum

import numpy as np
from numpy.typing import NDArray

from cpom_rules.formules.colonnes import Absence


class Statut(IntEnum):
    """The status of one result."""

    ATTEINT = 1
    NON_ATTEINT = 2
    NON_APPLICABLE = 3
    DONNEES_MANQUANTES = 4
    NON_EVALUABLE = 5

    @property
    def texte(self) -> str:
        """``atteint``, ``non_atteint``… as written in outputs."""
        return self.name.lower()


class Raison(IntEnum):
    """Why a result has the status it has (``aucune`` for plain verdicts)."""

    AUCUNE = 0
    HORS_PERIMETRE = 1
    SANS_OBJET = 2
    PAS_DE_CIBLE = 3
    AVANT_ECHEANCE = 4
    PERIMETRE_INDETERMINE = 5
    SEGMENT_INDETERMINE = 6
    VALEUR_MANQUANTE = 7
    REFERENCE_ABSENTE = 8
    DENOMINATEUR_NUL = 9
    DONNEE_INVALIDE = 10
    DEPASSEMENT_CAPACITE = 11
    CIBLE_CHOISIE_ABSENTE = 12
    PREUVES_MANQUANTES = 13
    REFERENCE_NULLE = 14
    CIBLE_INCOMPATIBLE = 15
    PERIODE_INCOMPLETE = 16

    @property
    def texte(self) -> str | None:
        """``denominateur_nul``…, or None for `AUCUNE`."""
        return None if self is Raison.AUCUNE else self.name.lower()


STATUT_PAR_TEXTE = {s.texte: s for s in Statut}
RAISON_PAR_TEXTE = {r.texte: r for r in Raison if r.texte}
# The texts by integer code, for arrays read cell by cell (no enum call per cell).
TEXTE_STATUT = {int(s): s.texte for s in Statut}
TEXTE_RAISON = {int(r): r.texte for r in Raison}

# The status and reason a value absence leads to.
_PAR_ABSENCE: dict[int, tuple[Statut, Raison]] = {
    Absence.MANQUANTE: (Statut.DONNEES_MANQUANTES, Raison.VALEUR_MANQUANTE),
    Absence.INVALIDE: (Statut.NON_EVALUABLE, Raison.DONNEE_INVALIDE),
    Absence.DENOMINATEUR_NUL: (Statut.NON_EVALUABLE, Raison.DENOMINATEUR_NUL),
    Absence.DEPASSEMENT: (Statut.NON_EVALUABLE, Raison.DEPASSEMENT_CAPACITE),
}
_STATUT_ABSENCE = np.zeros(8, dtype=np.int8)
_RAISON_ABSENCE = np.zeros(8, dtype=np.int8)
for _absence, (_statut, _raison) in _PAR_ABSENCE.items():
    _STATUT_ABSENCE[_absence] = _statut
    _RAISON_ABSENCE[_absence] = _raison


def depuis_absence(absence: NDArray[np.uint8]) -> tuple[NDArray[np.int8], NDArray[np.int8]]:
    """The (status, reason) of each absent cell (0 where the value is present)."""
    return _STATUT_ABSENCE[absence], _RAISON_ABSENCE[absence]
