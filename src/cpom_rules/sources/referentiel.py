"""Load the declared mapping ``referentiels.yaml`` (models in `cpom_rules.spec.referentiel`).

It ships next to a catalogue, in its ``sources/`` folder, so that the catalogue loader never
takes it for a fiche; it is validated like the spec files (located problems).
"""

from __future__ import annotations

from pathlib import Path

from cpom_rules.problemes import ErreurSpec, erreurs
from cpom_rules.spec.chargement import read_model
from cpom_rules.spec.referentiel import (
    DEPARTEMENTS_OUTRE_MER,
    Categorie,
    Lits,
    Referentiel,
    Region,
    TypeSph,
)


def load_referentiel(chemin: str | Path) -> Referentiel:
    """Read and validate a ``referentiels.yaml``; raise `ErreurSpec` with located problems."""
    referentiel, _document, problemes = read_model(Path(chemin), Referentiel)
    if referentiel is None or erreurs(problemes):
        raise ErreurSpec(erreurs(problemes) or problemes)
    return referentiel


__all__ = [
    "DEPARTEMENTS_OUTRE_MER",
    "Categorie",
    "Lits",
    "Referentiel",
    "Region",
    "TypeSph",
    "load_referentiel",
]
