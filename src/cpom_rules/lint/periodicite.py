"""Targets per quarter, month or week within an annual collection.

The engine converts such a target into a yearly one (× 4, × 12, × 52); the conversion is a
reading the fiche does not spell out, so it is flagged once per measure.
"""

from __future__ import annotations

from collections.abc import Iterator

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.lint.lieux import cibles_ecrites, lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.cibles import PERIODES_PAR_AN, toutes_les_cibles

_PAR_AN_COLLECTE = {
    "annuelle": 1,
    "semestrielle": 2,
    "trimestrielle": 4,
    "mensuelle": 12,
    "continue": 365,
}


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    for fiche in catalogue.regles.fiches.values():
        lieu = lieu_fiche(catalogue, fiche.code)
        frequence = fiche.fiche.collecte.frequence
        for mesure in fiche.mesures.values():
            for _, _, cible, chemin in cibles_ecrites(mesure):
                infra = [
                    x.periode()
                    for x in toutes_les_cibles(cible)
                    if PERIODES_PAR_AN[x.periode()] > _PAR_AN_COLLECTE[frequence]
                ]
                if infra:
                    periodicite = infra[0]
                    lieu.signaler(
                        "cible_infra_annuelle",
                        (*chemin, "periodicite"),
                        niveau=Niveau.AVERTISSEMENT,
                        periodicite=periodicite,
                        frequence=frequence,
                        facteur=PERIODES_PAR_AN[periodicite],
                    )
                    break
        yield from lieu.problemes
