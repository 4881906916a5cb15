"""« 3 projets depuis 2025 » (`cumul`): the sum of the yearly values reaches a minimum,
decided by its known part when that already suffices (`kleene`)."""

from __future__ import annotations

from fractions import Fraction

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import (
    Genre,
    Verdict,
    conclure,
    incompatible,
    priorite_valeur,
)
from cpom_rules.evaluation.kleene import mesure_positive, minimum_kleene, somme_kleene
from cpom_rules.evaluation.rendu import operande, symbole
from cpom_rules.evaluation.trace import Cellule, Comparaison, Detail, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import Cumul


class GenreCumul(Genre[Cumul]):
    modele = Cumul

    def evaluer(self, cible: Cumul, cellules: Cellules) -> Verdict:
        valeur = cellules.valeur()
        if not isinstance(valeur, c.Nombres):
            return incompatible(cellules)
        depuis = cible.depuis or cellules.contexte.fiche.periode.debut
        debut = cellules.contexte.index_annee(depuis)
        termes = [
            cellules.valeur_annee(y)
            for y in range(debut if debut is not None else cellules.y, cellules.y + 1)
        ]
        positive = mesure_positive(cellules.compilee)
        somme = somme_kleene(termes, cellules.n, positive)
        seuil = c.etendre(c.Nombres.constante(cible.min), (cellules.n,))
        statut, raison = conclure(minimum_kleene(somme, seuil, positive), cellules.n)
        statut, raison = priorite_valeur(statut, raison, valeur)
        verdict = Verdict.seuil(statut, raison, seuil, cellules.n)
        verdict.evaluee = somme
        return verdict

    def detailler(self, cible: Cumul, cellule: Cellule) -> Detail:
        comparaison = Comparaison(
            "cumul",
            cellule.cible_mesure.libelle,
            cellule.evaluee,
            ">=",
            Fraction(cible.min),
            issue=cellule.issue,
            depuis=cible.depuis or cellule.debut_periode,
        )
        return Detail(comparaison)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        """``cumul 2025-2027 : 2 ≥ cible 1``, or the target when the sum is unknown."""
        comparaison = trace.comparaison
        assert comparaison is not None
        seuil = operande(comparaison.seuil, trace.unite, langue)
        if comparaison.valeur is None:
            return phrase(
                "cumul_inconnu", langue, depuis=comparaison.depuis, annee=trace.annee, seuil=seuil
            )
        return phrase(
            "cumul",
            langue,
            depuis=comparaison.depuis,
            annee=trace.annee,
            valeur=operande(comparaison.valeur, trace.unite, langue),
            operateur=symbole(comparaison),
            seuil=seuil,
        )
