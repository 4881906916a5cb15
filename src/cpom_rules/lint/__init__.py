"""The linter: warnings where a fiche is inconsistent in itself (``cpom-rules check``).

Each module checks one family and returns located problems; `check` runs them all. What
can never be evaluated (an unknown name, a year outside the period…) is an error of the
compile step instead; what the linter reports can be evaluated but deserves a reading
recorded in the fiche's ``notes``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.lint import lectures, periodicite, segments, textes, totaux, unites
from cpom_rules.problemes import Probleme

VERIFICATIONS: tuple[Callable[[Catalogue], Iterable[Probleme]], ...] = (
    segments.verifier,
    totaux.verifier,
    unites.verifier,
    periodicite.verifier,
    textes.verifier,
    lectures.verifier,
)


def check(catalogue: Catalogue) -> list[Probleme]:
    """Every warning of every check, in reading order of the checks."""
    return [probleme for verification in VERIFICATIONS for probleme in verification(catalogue)]


__all__ = ["VERIFICATIONS", "check"]
