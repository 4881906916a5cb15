"""Readings: a retained reading that departs from the printed text is flagged.

A fiche declares its alternative readings (`lectures:`); one marked `litterale` is what the
fiche prints, so the retained reading (the coded targets) departs from the text: the ARS
should settle it before the contractual evaluation (`evaluate --lectures` shows its impact).
"""

from __future__ import annotations

from collections.abc import Iterator

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.lint.lieux import lieu_fiche
from cpom_rules.problemes import Niveau, Probleme


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    for fiche in catalogue.fiches.values():
        lieu = lieu_fiche(catalogue, fiche.code)
        for code, lecture in fiche.lectures.items():
            if lecture.litterale:
                lieu.signaler(
                    "lecture_non_litterale",
                    ("lectures", code),
                    niveau=Niveau.AVERTISSEMENT,
                    de_la_cle=True,
                    indicateur=fiche.code,
                    lecture=code,
                    libelle=lecture.libelle,
                    retenue=lecture.retenue or "voir les notes",
                )
        yield from lieu.problemes
