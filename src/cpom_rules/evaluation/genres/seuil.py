"""« ≥ 20 % », « ≤ 5 », « entre 2 et 4 », « 2 par trimestre »: a level to reach."""

from __future__ import annotations

from fractions import Fraction

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, conclure, incompatible
from cpom_rules.evaluation.rendu import comparaison_simple, nom, operande
from cpom_rules.evaluation.trace import Calcul, Cellule, Comparaison, Detail, Operateur, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import PERIODES_PAR_AN, Seuil


def _operateur(cible: Seuil) -> Operateur:
    if cible.min is not None and cible.max is not None:
        return "entre"
    if cible.min is not None:
        return ">=" if cible.min_inclus else ">"
    return "<=" if cible.max_inclus else "<"


class GenreSeuil(Genre[Seuil]):
    modele = Seuil

    def evaluer(self, cible: Seuil, cellules: Cellules) -> Verdict:
        valeur = cellules.valeur()
        if not isinstance(valeur, c.Nombres):
            return incompatible(cellules)
        facteur = PERIODES_PAR_AN[cible.periodicite]
        tests = []
        seuil = None
        if cible.min is not None:
            seuil = c.Nombres.constante(Fraction(cible.min) * facteur)
            tests.append(c.comparer(valeur, seuil, ">=" if cible.min_inclus else ">"))
        if cible.max is not None:
            plafond = c.Nombres.constante(Fraction(cible.max) * facteur)
            seuil = seuil or plafond
            tests.append(c.comparer(valeur, plafond, "<=" if cible.max_inclus else "<"))
        assert seuil is not None
        statut, raison = conclure(c.et(*tests), cellules.n)
        return Verdict.seuil(statut, raison, seuil, cellules.n)

    def detailler(self, cible: Seuil, cellule: Cellule) -> Detail:
        facteur = PERIODES_PAR_AN[cible.periodicite]
        operateur = _operateur(cible)
        mesure = cellule.cible_mesure
        seuil, maximum = cellule.cible_valeur, None
        if operateur == "entre":
            assert cible.min is not None and cible.max is not None
            seuil, maximum = Fraction(cible.min) * facteur, Fraction(cible.max) * facteur
        comparaison = Comparaison(
            "autre_mesure" if cellule.autre_mesure else "valeur",
            mesure.libelle,
            mesure.valeur,
            operateur,
            seuil,
            maximum,
            cellule.issue,
        )
        borne = cible.min if cible.min is not None else cible.max
        assert borne is not None
        calcul = (
            Calcul(Fraction(borne), None, "valeur", facteur_periode=facteur)
            if facteur > 1
            else None
        )
        return Detail(comparaison, calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        comparaison = trace.comparaison
        assert comparaison is not None
        if comparaison.operateur == "entre":
            return phrase(
                "entre" if comparaison.issue is not False else "hors",
                langue,
                nom=nom(trace, langue),
                valeur=operande(comparaison.valeur, trace.unite, langue),
                min=operande(comparaison.seuil, trace.unite, langue),
                max=operande(comparaison.seuil_max, trace.unite, langue),
            )
        texte = comparaison_simple(trace, langue)
        calcul = trace.calcul
        if calcul is not None and calcul.facteur_periode > 1:
            conversion = phrase(
                "par_periode", langue, texte=trace.cible, facteur=calcul.facteur_periode
            )
            texte += f" ({conversion})"
        return texte
