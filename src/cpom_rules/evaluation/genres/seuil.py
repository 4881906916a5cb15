"""« ≥ 20 % », « ≤ 5 », « entre 2 et 4 », « 2 par trimestre »: a level to reach."""

from __future__ import annotations

from fractions import Fraction

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import Genre, Verdict, conclure, incompatible
from cpom_rules.evaluation.rendu import (
    comparaison_mots,
    comparaison_simple,
    nom,
    nom_valeur,
    operande,
    symbole_issu,
)
from cpom_rules.evaluation.trace import (
    Calcul,
    Cellule,
    Comparaison,
    Detail,
    Lot,
    Operateur,
    Trace,
)
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import PERIODES_PAR_AN, Seuil
from cpom_rules.spec.description import texte_cible


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
        nom_ = nom(trace, langue)
        if comparaison.operateur == "entre":
            return _entre(nom_, comparaison, trace.unite, langue)
        calcul = trace.calcul
        return _par_periode(
            comparaison_simple(trace, langue),
            trace.cible,
            calcul.facteur_periode if calcul is not None else 1,
            langue,
        )

    def rediger(self, cible: Seuil, lot: Lot, langue: Langue) -> list[str]:
        operateur = _operateur(cible)
        nom_ = nom_valeur(lot.unite, False, langue)
        if operateur == "entre":
            # The same comparisons as `detailler` records, one per cell.
            assert cible.min is not None and cible.max is not None
            facteur = PERIODES_PAR_AN[cible.periodicite]
            minimum, maximum = Fraction(cible.min) * facteur, Fraction(cible.max) * facteur
            return [
                _entre(
                    nom_,
                    Comparaison("valeur", lot.libelle, valeur, "entre", minimum, maximum, issue),
                    lot.unite,
                    langue,
                )
                for valeur, issue in zip(lot.valeurs, lot.issues, strict=True)
            ]
        texte = texte_cible(cible, lot.unite)
        facteur = PERIODES_PAR_AN[cible.periodicite]
        return [
            _par_periode(
                comparaison_mots(
                    nom_, valeur, symbole_issu(operateur, issue), seuil, lot.unite, langue
                ),
                texte,
                facteur,
                langue,
            )
            for valeur, issue, seuil in zip(lot.valeurs, lot.issues, lot.cibles_valeur, strict=True)
        ]


def _entre(nom_: str, comparaison: Comparaison, unite: str, langue: Langue) -> str:
    """``valeur 3 entre 2 et 4``, or ``hors de 2 – 4`` when it did not hold."""
    return phrase(
        "entre" if comparaison.issue is not False else "hors",
        langue,
        nom=nom_,
        valeur=operande(comparaison.valeur, unite, langue),
        min=operande(comparaison.seuil, unite, langue),
        max=operande(comparaison.seuil_max, unite, langue),
    )


def _par_periode(texte: str, cible: str | None, facteur: int, langue: Langue) -> str:
    """The comparison, with the conversion of a per-period target to the year."""
    if facteur <= 1:
        return texte
    return f"{texte} ({phrase('par_periode', langue, texte=cible, facteur=facteur)})"
