"""Alternative readings (`lectures:`) of ambiguous fiches: list them, and pick one at run time.

A fiche may declare, next to its retained reading, the other reading(s) of an ambiguous
cell or total, as data (`Fiche.lectures`). `choisir_lectures` rebuilds the catalogue with
the chosen alternative of some fiches (``--lecture CPOM_OS_9=points``); the impact of each
alternative on a dataset is computed by `cpom_rules.evaluation.lectures`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from cpom_rules.messages import rendre
from cpom_rules.problemes import ErreurUsage
from cpom_rules.spec.chargement import Catalogue, build_catalogue
from cpom_rules.spec.fiche import Lecture


def lectures_declarees(catalogue: Catalogue) -> list[tuple[str, str, Lecture]]:
    """Every declared alternative reading: (fiche, code, lecture), in fiche order."""
    return [
        (fiche.code, code, lecture)
        for fiche in catalogue.fiches.values()
        for code, lecture in fiche.lectures.items()
    ]


def choisir_lectures(catalogue: Catalogue, choix: Mapping[str, str]) -> Catalogue:
    """The catalogue with, for each fiche of `choix`, the named alternative reading."""
    fiches = dict(catalogue.fiches)
    for indicateur, code in choix.items():
        fiche = fiches.get(indicateur)
        if fiche is None or code not in fiche.lectures:
            possibles = ", ".join(fiche.lectures) if fiche else "—"
            message, conseil = rendre(
                "lecture_inconnue",
                {"lecture": code, "indicateur": indicateur, "possibles": possibles or "—"},
            )
            raise ErreurUsage(f"{message} ({conseil})")
        fiches[indicateur] = fiche.avec_lecture(code)
    # Compiled again from the models (the alternative's targets are checked like any), the
    # files and locations of the retained catalogue kept for messages.
    reconstruit = build_catalogue(catalogue.definition, fiches.values())
    return replace(catalogue, fiches=reconstruit.fiches, regles=reconstruit.regles)
