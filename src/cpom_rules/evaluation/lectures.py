"""The impact of each declared alternative reading on a dataset: which establishments'
verdicts would change, year by year and for the bilan, if the ARS chose it.

Each alternative is evaluated on its fiche alone (`evaluate` is pure and a fiche is small),
and compared result by result with the retained reading.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from cpom_rules.compilation.catalogue import Catalogue, choisir_lectures
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.evaluation.statuts import Statut


@dataclass(frozen=True)
class Difference:
    """One verdict that differs: of a measure in a year, or of its bilan (`annee` None)."""

    mesure: str
    annee: int | None
    avant: str  # status codes: the retained reading's, then the alternative's
    apres: str


@dataclass(frozen=True)
class Changement:
    """One establishment whose verdicts differ under the alternative reading."""

    finess: str
    raison_sociale: str
    differences: tuple[Difference, ...]


@dataclass(frozen=True)
class ImpactLecture:
    """What choosing one alternative reading of one fiche would change."""

    indicateur: str
    lecture: str
    libelle: str
    retenue: str | None
    litterale: bool
    etablissements: int
    changements: tuple[Changement, ...]


Cle = tuple[str, int | None, str]  # (finess, year or None for the bilan, measure)


def _statuts(resultats: Resultats) -> dict[Cle, str]:
    """(finess, year or None for the bilan, measure) → status."""
    statuts: dict[Cle, str] = {}
    finess = resultats.donnees.finess
    for bloc in resultats.blocs:
        for a, annee in enumerate(bloc.annees):
            colonne = bloc.statut[:, a]
            for e in range(len(colonne)):
                statuts[(str(finess[e]), annee, bloc.mesure.code)] = Statut(int(colonne[e])).texte
    for bilan in resultats.bilans:
        for e in range(len(bilan.statut)):
            statuts[(str(finess[e]), None, bilan.bloc.mesure.code)] = Statut(
                int(bilan.statut[e])
            ).texte
    return statuts


def impact_lectures(
    catalogue: Catalogue, donnees: Donnees, annees: Iterable[int] | None = None
) -> list[ImpactLecture]:
    """For every declared alternative reading, the establishments whose verdicts change."""
    choisies = tuple(annees) if annees is not None else None
    impacts = []
    for fiche in catalogue.fiches.values():
        if not fiche.lectures:
            continue
        seule = catalogue.restreindre([fiche.code])
        retenue = _statuts(evaluate(seule, donnees, choisies))
        for code, lecture in fiche.lectures.items():
            alternative = _statuts(
                evaluate(choisir_lectures(seule, {fiche.code: code}), donnees, choisies)
            )
            par_etablissement: dict[str, list[Difference]] = {}
            for (etablissement, annee, mesure), statut in retenue.items():
                autre = alternative.get((etablissement, annee, mesure))
                if autre is not None and autre != statut:
                    par_etablissement.setdefault(etablissement, []).append(
                        Difference(mesure, annee, statut, autre)
                    )
            noms = {
                str(f): str(n)
                for f, n in zip(donnees.finess, donnees.raisons_sociales, strict=True)
            }
            impacts.append(
                ImpactLecture(
                    fiche.code,
                    code,
                    lecture.libelle,
                    lecture.retenue,
                    lecture.litterale,
                    donnees.nombre_etablissements,
                    tuple(
                        Changement(f, noms[f], tuple(d))
                        for f, d in sorted(par_etablissement.items())
                    ),
                )
            )
    return impacts
