"""A quiet progress display for long runs: shown on a terminal, silent in pipes and CI.

Steps say how long they took; long loops (a dossier per establishment) show a bar with
their count, redrawn at most every `INTERVALLE` seconds.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TextIO

from cpom_rules.messages import Langue


class Progression:
    """Prints « étape… 1,2 s » lines on stderr when it is a terminal; otherwise nothing.
    Durations are written the reader's way: « 1,2 s », « 1.2 s » in English."""

    def __init__(self, flux: TextIO | None = None, langue: Langue = "fr") -> None:
        self.flux = flux or sys.stderr
        self.langue = langue
        self.actif = self.flux.isatty()

    @contextmanager
    def etape(self, libelle: str) -> Iterator[list[str]]:
        """Announce a step, then say how long it took; what the step appends to the list it
        is given (« 280 établissements ») is printed with the duration."""
        comptes: list[str] = []
        if not self.actif:
            yield comptes
            return
        debut = time.perf_counter()
        self.flux.write(f"\r\033[2K⏳ {libelle}…")
        self.flux.flush()
        yield comptes
        duree = f"{time.perf_counter() - debut:.1f}"
        if self.langue == "fr":
            duree = duree.replace(".", ",")
        detail = "".join(f", {c}" for c in comptes)
        self.flux.write(f"\r\033[2K✓ {libelle} ({duree} s{detail})\n")
        self.flux.flush()

    def compteur(self, libelle: str) -> Callable[[int, int], None]:
        """A callback `avancer(fait, total)` drawing « libelle ▕████░░▏ 12/280 »."""
        dernier = [0.0]

        def avancer(fait: int, total: int) -> None:
            if not self.actif:
                return
            maintenant = time.perf_counter()
            if fait < total and maintenant - dernier[0] < INTERVALLE:
                return
            dernier[0] = maintenant
            plein = round(LARGEUR_BARRE * fait / max(total, 1))
            barre = "█" * plein + "░" * (LARGEUR_BARRE - plein)
            fin = "\n" if fait >= total else ""
            self.flux.write(f"\r\033[2K⏳ {libelle} ▕{barre}▏ {fait}/{total}{fin}")
            self.flux.flush()

        return avancer


INTERVALLE = 0.2  # seconds between two redraws of a progress bar
LARGEUR_BARRE = 24
