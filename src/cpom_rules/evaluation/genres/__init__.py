"""The target kinds, one class per kind (see `base`), registered when their module is
imported. The registry is checked against the spec's discriminated union: a kind added to
the union without its class here fails at import, not silently at evaluation."""

from __future__ import annotations

from cpom_rules.evaluation.genres import (  # noqa: F401  (importing registers the kinds)
    cible_choisie,
    composites,
    cumul,
    k_parmi_n,
    neutres,
    references,
    reponses,
    seuil,
)
from cpom_rules.evaluation.genres.base import REGISTRE, Genre, Verdict, evaluer, genre_de
from cpom_rules.spec.cibles import MODELES


def verifier_registre() -> None:
    """Every target class of the union has its kind (extra test-only kinds are allowed)."""
    manquants = [m.__name__ for m in MODELES if m not in REGISTRE]
    if manquants:
        raise TypeError(f"genres de cible sans évaluation : {', '.join(manquants)}")


verifier_registre()

__all__ = ["REGISTRE", "Genre", "Verdict", "evaluer", "genre_de", "verifier_registre"]
