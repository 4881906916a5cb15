"""Targets computed from a reference (N-1, a fixed year, the initial value): « +5 »
(`increment`), « +2 points » (`variation_points`), « +10 % » (`variation_relative`),
« progression positive » (`progression`)."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from functools import cache
from typing import ClassVar

import numpy as np

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.genres.base import (
    C,
    Genre,
    Verdict,
    conclure,
    imposer,
    incompatible,
    operateur_sens,
    priorite_valeur,
)
from cpom_rules.evaluation.rendu import comparaison_simple, nom, nombre, operande, symbole
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import (
    Calcul,
    Cellule,
    Comparaison,
    Detail,
    Operateur,
    Quantite,
    Trace,
)
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue, phrase
from cpom_rules.spec.cibles import Increment, Progression, VariationPoints, VariationRelative


def par_reference(
    cellules: Cellules,
    reference: str,
    calcul: Callable[[c.Nombres], c.Nombres],
    strict: bool = False,
    chainage: bool = False,
) -> Verdict:
    """Compare the value with a threshold computed from the reference, in the measure's
    direction; a missing reference (with a known value) is `reference_absente`."""
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Nombres):
        return incompatible(cellules)
    ref, annee_ref = cellules.reference(reference, chainage)
    cible = calcul(ref)
    hausse = cellules.compilee.modele.sens == "hausse"
    statut, raison = conclure(c.comparer(valeur, cible, operateur_sens(hausse, strict)), cellules.n)
    ref_absente = (ref.absence != 0) & (valeur.absence == 0)
    statut = np.where(ref_absente, np.int8(Statut.NON_EVALUABLE), statut).astype(np.int8)
    raison = np.where(ref_absente, np.int8(Raison.REFERENCE_ABSENTE), raison).astype(np.int8)
    statut, raison = priorite_valeur(statut, raison, valeur)
    return Verdict(statut, raison, cible, ref, annee_ref)


def _comparaison(cellule: Cellule, operateur: Operateur, seuil: Fraction | None) -> Comparaison:
    mesure = cellule.cible_mesure
    quantite: Quantite = "autre_mesure" if cellule.autre_mesure else "valeur"
    return Comparaison(
        quantite, mesure.libelle, mesure.valeur, operateur, seuil, issue=cellule.issue
    )


def _sens(cellule: Cellule, strict: bool = False) -> Operateur:
    return ">" if strict and cellule.hausse else "<" if strict else ">=" if cellule.hausse else "<="


class _AvecPas(Genre[C]):
    """A step added to the reference: « +5 » (`increment`), « +2 points » (`variation_points`)."""

    points: ClassVar[bool] = False

    def pas(self, cible: C) -> Decimal:
        raise NotImplementedError  # pragma: no cover - both kinds override it

    def evaluer(self, cible: C, cellules: Cellules) -> Verdict:
        pas = c.Nombres.constante(self.pas(cible))
        reference = getattr(cible, "reference", "n_moins_1")  # both kinds declare one
        return par_reference(cellules, reference, lambda ref: c.additionner(ref, pas))

    def detailler(self, cible: C, cellule: Cellule) -> Detail:
        calcul = Calcul(
            cellule.reference,
            cellule.annee_reference,
            "valeur",
            pas=Fraction(self.pas(cible)),
            points=self.points,
        )
        return Detail(_comparaison(cellule, _sens(cellule), cellule.cible_valeur), calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        return _avec_pas(trace, langue)


class GenreIncrement(_AvecPas[Increment]):
    modele = Increment

    def pas(self, cible: Increment) -> Decimal:
        return cible.valeur


class GenreVariationPoints(_AvecPas[VariationPoints]):
    modele = VariationPoints
    points = True

    def pas(self, cible: VariationPoints) -> Decimal:
        return cible.points


def _avec_pas(trace: Trace, langue: Langue) -> str:
    """``valeur 104 < cible 105 (100 en 2024 + 5)``."""
    texte = comparaison_simple(trace, langue)
    calcul = trace.calcul
    if calcul is None or calcul.base is None or calcul.pas is None:
        return texte
    pas = f"{'+' if calcul.pas >= 0 else '−'} {operande(abs(calcul.pas), '', langue)}"
    if calcul.points:
        pas = phrase("points", langue, pas=pas)
    detail = phrase(
        "depuis_reference",
        langue,
        base=operande(calcul.base, trace.unite, langue),
        annee=calcul.annee_base,
        pas=pas,
    )
    return f"{texte} ({detail})"


@cache
def _coefficient(pourcentage: Decimal) -> Fraction:
    """``1 + pourcentage / 100``, exact (asked once per explained cell: computed once)."""
    return (100 + Fraction(pourcentage)) / 100


class GenreVariationRelative(Genre[VariationRelative]):
    modele = VariationRelative

    def evaluer(self, cible: VariationRelative, cellules: Cellules) -> Verdict:
        coefficient = c.Nombres.constante(_coefficient(cible.pourcentage))
        verdict = par_reference(
            cellules,
            cible.reference,
            lambda ref: cellules.arrondir(c.multiplier(ref, coefficient)),
            chainage=cible.chainage == "cible",
        )
        # A relative change from zero has no meaning: say so instead of comparing with 0.
        nulle = (
            (verdict.reference.absence == 0)
            & (verdict.reference.num == 0)
            & (verdict.statut <= Statut.NON_ATTEINT)
        )
        imposer(verdict, nulle, Statut.NON_EVALUABLE, Raison.REFERENCE_NULLE)
        return verdict

    def detailler(self, cible: VariationRelative, cellule: Cellule) -> Detail:
        coefficient = _coefficient(cible.pourcentage)
        base = cellule.reference
        exacte = base * coefficient if base is not None else None
        calcul = Calcul(
            base,
            cellule.annee_reference,
            "cible" if cible.chainage == "cible" else "valeur",
            coefficient=coefficient,
            exacte=exacte,
            arrondi_declare=cellule.arrondi,
            arrondi_applique=cellule.arrondi is not None
            and exacte is not None
            and exacte != cellule.cible_valeur,
        )
        return Detail(_comparaison(cellule, _sens(cellule), cellule.cible_valeur), calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        """``taux 33,92 % < cible 34,6 % (33,59 % en 2024 × 1,03)``; the rounding only if one
        applied."""
        texte = comparaison_simple(trace, langue)
        calcul = trace.calcul
        if calcul is None or calcul.base is None or calcul.coefficient is None:
            return texte
        detail = phrase(
            "coefficient",
            langue,
            cible_de=phrase("cible_de", langue) if calcul.nature_base == "cible" else "",
            base=operande(calcul.base, trace.unite, langue),
            annee=calcul.annee_base,
            coefficient=nombre(calcul.coefficient, langue, 4),
        )
        if calcul.arrondi_applique and trace.comparaison is not None:
            detail += ", " + phrase(
                "arrondi",
                langue,
                exacte=nombre(calcul.exacte, langue, 4),
                seuil=operande(trace.comparaison.seuil, trace.unite, langue),
            )
        return f"{texte} ({detail})"


class GenreProgression(Genre[Progression]):
    modele = Progression

    def evaluer(self, cible: Progression, cellules: Cellules) -> Verdict:
        return par_reference(
            cellules, cible.reference, lambda ref: ref, strict=not cible.stabilisation_acceptee
        )

    def detailler(self, cible: Progression, cellule: Cellule) -> Detail:
        operateur = _sens(cellule, strict=not cible.stabilisation_acceptee)
        calcul = Calcul(cellule.reference, cellule.annee_reference, "valeur")
        return Detail(_comparaison(cellule, operateur, cellule.reference), calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        comparaison, calcul = trace.comparaison, trace.calcul
        assert comparaison is not None and calcul is not None
        return phrase(
            "progression",
            langue,
            nom=nom(trace, langue),
            valeur=operande(comparaison.valeur, trace.unite, langue),
            operateur=symbole(comparaison),
            base=operande(calcul.base, trace.unite, langue),
            annee=calcul.annee_base,
        )
