"""« À fixer par l'établissement, au moins 10 % » (`cible_choisie`): the level the
establishment declared (its latest declaration up to N), never below the floor."""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import (
    Genre,
    Verdict,
    conclure,
    incompatible,
    operateur_sens,
    priorite_valeur,
)
from cpom_rules.evaluation.rendu import nom, nom_valeur, operande, symbole, symbole_issu
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import Calcul, Cellule, Comparaison, Detail, Lot, Operande, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import CibleChoisie


class GenreCibleChoisie(Genre[CibleChoisie]):
    modele = CibleChoisie

    def evaluer(self, cible: CibleChoisie, cellules: Cellules) -> Verdict:
        valeur = cellules.valeur()
        if not isinstance(valeur, c.Nombres):
            return incompatible(cellules)
        choisie, annee_choix = cellules.cible_choisie(cible.variable)
        effective = choisie
        if cible.plancher is not None:
            plancher = c.Nombres.constante(cible.plancher)
            sous = c.comparer(choisie, plancher, "<").vrais
            for i in np.flatnonzero(sous).tolist():
                e = int(cellules.e[i])
                cellules.contexte.signaler(
                    "cible_choisie_sous_plancher",
                    indicateur=cellules.contexte.fiche.code,
                    annee=cellules.annee,
                    finess=cellules.contexte.donnees.finess[e],
                    choisie=choisie.fraction(i),
                    plancher=Fraction(cible.plancher),
                )
            effective = c.extremum([choisie, c.etendre(plancher, (cellules.n,))], plus_grand=True)
            effective = c.Nombres(effective.num, effective.den, choisie.absence)
        # The chosen level is reached from the measure's direction: at least it (hausse),
        # at most (baisse).
        hausse = cellules.compilee.modele.sens == "hausse"
        statut, raison = conclure(c.comparer(valeur, effective, operateur_sens(hausse)), cellules.n)
        absente = choisie.absence != 0
        statut = np.where(absente, np.int8(Statut.DONNEES_MANQUANTES), statut).astype(np.int8)
        raison = np.where(absente, np.int8(Raison.CIBLE_CHOISIE_ABSENTE), raison).astype(np.int8)
        statut, raison = priorite_valeur(statut, raison, valeur)
        return Verdict(statut, raison, effective, c.Nombres.absents((cellules.n,)), annee_choix)

    def detailler(self, cible: CibleChoisie, cellule: Cellule) -> Detail:
        mesure = cellule.cible_mesure
        comparaison = Comparaison(
            "autre_mesure" if cellule.autre_mesure else "valeur",
            mesure.libelle,
            mesure.valeur,
            ">=" if cellule.hausse else "<=",
            cellule.cible_valeur,
            issue=cellule.issue,
        )
        plancher = Fraction(cible.plancher) if cible.plancher is not None else None
        calcul = Calcul(cellule.cible_valeur, cellule.annee_reference, "choisie", plancher=plancher)
        return Detail(comparaison, calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        comparaison, calcul = trace.comparaison, trace.calcul
        assert comparaison is not None and calcul is not None
        return _choisie(
            nom(trace, langue),
            comparaison.valeur,
            symbole(comparaison),
            comparaison.seuil,
            calcul.annee_base,
            calcul.plancher,
            trace.unite,
            langue,
        )

    def rediger(self, cible: CibleChoisie, lot: Lot, langue: Langue) -> list[str]:
        nom_ = nom_valeur(lot.unite, False, langue)
        operateur = ">=" if lot.hausse else "<="
        plancher = Fraction(cible.plancher) if cible.plancher is not None else None
        return [
            _choisie(
                nom_,
                valeur,
                symbole_issu(operateur, issue),
                seuil,
                annee,
                plancher,
                lot.unite,
                langue,
            )
            for valeur, issue, seuil, annee in zip(
                lot.valeurs, lot.issues, lot.cibles_valeur, lot.annees_reference, strict=True
            )
        ]


def _choisie(
    nom_: str,
    valeur: Operande,
    operateur: str,
    seuil: Operande,
    annee: int | None,
    plancher: Fraction | None,
    unite: str,
    langue: Langue,
) -> str:
    """``valeur 12 < cible choisie 15 (choisie en 2025, plancher 10)``."""
    texte = (
        f"{nom_} {operande(valeur, unite, langue)} {operateur} {phrase('cible_choisie', langue)} "
        f"{operande(seuil, unite, langue)}"
    )
    details = []
    if annee:
        details.append(phrase("choisie", langue, annee=annee))
    if plancher is not None:
        details.append(phrase("plancher", langue, plancher=operande(plancher, unite, langue)))
    return f"{texte} ({', '.join(details)})" if details else texte
