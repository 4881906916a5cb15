"""« Taux et nombre » (`et`), « taux et/ou nombre » (`ou`): Kleene combination of the
conditions' verdicts, each recorded with its own outcome for the trace."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, evaluer
from cpom_rules.evaluation.rendu import operande
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Branche, Cellule, Detail, Lot, Operande, Trace
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import CibleBase, Et, Ou
from cpom_rules.spec.description import texte_cible


def combiner(verdicts: list[Verdict], conjonction: bool) -> Verdict:
    """Kleene combination of the conditions' statuses; `non_applicable` conditions are neutral."""
    statuts = np.stack([v.statut for v in verdicts])
    raisons = np.stack([v.raison for v in verdicts])
    decisif, oppose = (
        (Statut.NON_ATTEINT, Statut.ATTEINT)
        if conjonction
        else (Statut.ATTEINT, Statut.NON_ATTEINT)
    )
    un_decisif = (statuts == decisif).any(axis=0)
    neutres = statuts == Statut.NON_APPLICABLE
    tous_opposes = ((statuts == oppose) | neutres).all(axis=0) & (statuts == oppose).any(axis=0)
    tous_neutres = neutres.all(axis=0)
    inconnus = (statuts == Statut.DONNEES_MANQUANTES) | (statuts == Statut.NON_EVALUABLE)
    premier_inconnu = np.argmax(inconnus, axis=0)
    colonnes = np.arange(statuts.shape[1])
    statut = np.where(
        un_decisif,
        np.int8(decisif),
        np.where(
            tous_opposes,
            np.int8(oppose),
            np.where(
                tous_neutres, np.int8(Statut.NON_APPLICABLE), statuts[premier_inconnu, colonnes]
            ),
        ),
    ).astype(np.int8)
    raison = np.where(
        un_decisif | tous_opposes,
        np.int8(Raison.AUCUNE),
        np.where(tous_neutres, raisons[0], raisons[premier_inconnu, colonnes]),
    ).astype(np.int8)
    # Evidence: every condition's for « et »; for « ou », only that of the conditions that
    # met it (the branch not taken needs no proof), else all.
    masques = np.stack(
        [
            v.preuves if v.preuves is not None else np.zeros(len(statut), dtype=np.uint64)
            for v in verdicts
        ]
    )
    toutes = np.bitwise_or.reduce(masques, axis=0)
    if conjonction:
        preuves = toutes
    else:
        gagnantes = np.bitwise_or.reduce(
            np.where(statuts == Statut.ATTEINT, masques, np.uint64(0)), axis=0
        )
        preuves = np.where(statut == Statut.ATTEINT, gagnantes, toutes)
    premier = verdicts[0]
    return Verdict(
        statut,
        raison,
        premier.cible_valeur,
        premier.reference,
        premier.annee_reference,
        premier.evaluee,
        preuves.astype(np.uint64),
        tuple(verdicts),
    )


def _evaluer(cible: CibleBase, cellules: Cellules, conjonction: bool) -> Verdict:
    verdicts = [
        evaluer(condition, cellules.pour(condition.mesure)) for condition in cible.sous_cibles()
    ]
    return combiner(verdicts, conjonction)


def _detailler(cible: CibleBase, cellule: Cellule, conjonction: bool) -> Detail:
    branches = []
    for condition, (statut, raison) in zip(cible.sous_cibles(), cellule.branches, strict=False):
        mesure = cellule.lire(condition.mesure or cellule.cible_mesure.code)
        branches.append(
            Branche(
                mesure.code,
                mesure.libelle,
                texte_cible(condition, mesure.unite),
                mesure.valeur,
                mesure.unite,
                statut,
                raison,
            )
        )
    return Detail(branches=tuple(branches), conjonction=conjonction)


def _expliquer(trace: Trace, langue: Langue) -> str:
    """The target, then each branch with its value and its own outcome."""
    return _mots(
        trace.cible,
        ((b.libelle, b.valeur, b.unite, b.cible, b.statut) for b in trace.branches),
        langue,
    )


def _rediger(cible: CibleBase, lot: Lot, langue: Langue) -> list[str]:
    """`_expliquer` for every cell of `lot`, from the branches' recorded outcomes."""
    texte = texte_cible(cible, lot.unite)
    conditions = [
        (lot.lire(condition.mesure or lot.code), condition) for condition in cible.sous_cibles()
    ]
    conditions_textes = [texte_cible(condition, m.unite) for m, condition in conditions]
    return [
        _mots(
            texte,
            (
                (m.libelle, m.valeurs[j], m.unite, condition_texte, statut)
                for (m, _), condition_texte, (statut, _) in zip(
                    conditions, conditions_textes, branches, strict=False
                )
            ),
            langue,
        )
        for j, branches in enumerate(lot.branches)
    ]


def _mots(
    cible: str | None, branches: Iterable[tuple[str, Operande, str, str, str]], langue: Langue
) -> str:
    """``≥ 1 des 2 [libellé 3 : ≥ 2 → atteint ; …]``."""
    mots = " ; ".join(
        f"{libelle} {operande(valeur, unite, langue)} : {condition} → {phrase(statut, langue)}"
        for libelle, valeur, unite, condition, statut in branches
    )
    return f"{cible} [{mots}]"


class GenreEt(Genre[Et]):
    modele = Et

    def evaluer(self, cible: Et, cellules: Cellules) -> Verdict:
        return _evaluer(cible, cellules, conjonction=True)

    def detailler(self, cible: Et, cellule: Cellule) -> Detail:
        return _detailler(cible, cellule, conjonction=True)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _expliquer(trace, langue)

    def rediger(self, cible: Et, lot: Lot, langue: Langue) -> list[str]:
        return _rediger(cible, lot, langue)


class GenreOu(Genre[Ou]):
    modele = Ou

    def evaluer(self, cible: Ou, cellules: Cellules) -> Verdict:
        return _evaluer(cible, cellules, conjonction=False)

    def detailler(self, cible: Ou, cellule: Cellule) -> Detail:
        return _detailler(cible, cellule, conjonction=False)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _expliquer(trace, langue)

    def rediger(self, cible: Ou, lot: Lot, langue: Langue) -> list[str]:
        return _rediger(cible, lot, langue)
