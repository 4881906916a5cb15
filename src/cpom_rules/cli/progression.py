"""A quiet progress display for long runs: shown on a terminal, silent in pipes and CI."""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO


class Progression:
    """Prints « étape… 1,2 s » lines on stderr when it is a terminal; otherwise nothing."""

    def __init__(self, flux: TextIO | None = None) -> None:
        self.flux = flux or sys.stderr
        self.actif = self.flux.isatty()

    @contextmanager
    def etape(self, libelle: str) -> Iterator[None]:
        """Announce a step, then say how long it took."""
        if not self.actif:
            yield
            return
        debut = time.perf_counter()
        self.flux.write(f"\r\033[2K⏳ {libelle}…")
        self.flux.flush()
        yield
        duree = f"{time.perf_counter() - debut:.1f}".replace(".", ",")
        self.flux.write(f"\r\033[2K✓ {libelle} ({duree} s)\n")
        self.flux.flush()
