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
class Changement:
    """One establishment whose verdicts differ under the alternative reading."""

    finess: str
    raison_sociale: str
    differences: tuple[str, ...]  # « 2026 taux : atteint → non_atteint », « bilan : … »


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


def _statuts(resultats: Resultats) -> dict[tuple[str, str], str]:
    """(finess, « année mesure » or « bilan mesure ») → status."""
    statuts: dict[tuple[str, str], str] = {}
    finess = resultats.donnees.finess
    for bloc in resultats.blocs:
        for a, annee in enumerate(bloc.annees):
            colonne = bloc.statut[:, a]
            for e in range(len(colonne)):
                statuts[(str(finess[e]), f"{annee} {bloc.mesure.code}")] = Statut(
                    int(colonne[e])
                ).texte
    for bilan in resultats.bilans:
        for e in range(len(bilan.statut)):
            statuts[(str(finess[e]), f"bilan {bilan.bloc.mesure.code}")] = Statut(
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
            par_etablissement: dict[str, list[str]] = {}
            for cle, statut in retenue.items():
                autre = alternative.get(cle)
                if autre is not None and autre != statut:
                    par_etablissement.setdefault(cle[0], []).append(
                        f"{cle[1]} : {statut} → {autre}"
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
