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
from cpom_rules.evaluation.rendu import (
    comparaison_mots,
    comparaison_simple,
    nom,
    nom_valeur,
    nombre,
    operande,
    symbole,
    symbole_issu,
)
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.evaluation.trace import (
    Calcul,
    Cellule,
    Comparaison,
    Detail,
    Lot,
    Operande,
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
    return _sens_hausse(cellule.hausse, strict)


def _sens_hausse(hausse: bool, strict: bool) -> Operateur:
    return ">" if strict and hausse else "<" if strict else ">=" if hausse else "<="


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
        calcul = trace.calcul
        texte = comparaison_simple(trace, langue)
        if calcul is None or calcul.base is None or calcul.pas is None:
            return texte
        return _avec_pas(
            texte, calcul.base, calcul.annee_base, calcul.pas, calcul.points, trace.unite, langue
        )

    def rediger(self, cible: C, lot: Lot, langue: Langue) -> list[str]:
        pas = Fraction(self.pas(cible))
        return [
            texte
            if base is None
            else _avec_pas(texte, base, annee, pas, self.points, lot.unite, langue)
            for texte, base, annee in zip(
                _comparaisons(lot, langue), lot.references, lot.annees_reference, strict=True
            )
        ]


class GenreIncrement(_AvecPas[Increment]):
    modele = Increment

    def pas(self, cible: Increment) -> Decimal:
        return cible.valeur


class GenreVariationPoints(_AvecPas[VariationPoints]):
    modele = VariationPoints
    points = True

    def pas(self, cible: VariationPoints) -> Decimal:
        return cible.points


def _avec_pas(
    texte: str,
    base: Fraction,
    annee: int | None,
    pas: Fraction,
    points: bool,
    unite: str,
    langue: Langue,
) -> str:
    """``valeur 104 < cible 105 (100 en 2024 + 5)``."""
    signe = f"{'+' if pas >= 0 else '−'} {operande(abs(pas), '', langue)}"
    if points:
        signe = phrase("points", langue, pas=signe)
    detail = phrase(
        "depuis_reference", langue, base=operande(base, unite, langue), annee=annee, pas=signe
    )
    return f"{texte} ({detail})"


def _comparaisons(lot: Lot, langue: Langue, strict: bool = False) -> list[str]:
    """`comparaison_simple` of each cell of `lot`, against its computed target."""
    nom_ = nom_valeur(lot.unite, False, langue)
    operateur = _sens_hausse(lot.hausse, strict)
    return [
        comparaison_mots(nom_, valeur, symbole_issu(operateur, issue), seuil, lot.unite, langue)
        for valeur, issue, seuil in zip(lot.valeurs, lot.issues, lot.cibles_valeur, strict=True)
    ]


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
            arrondi_applique=_arrondi_applique(cellule.arrondi, exacte, cellule.cible_valeur),
        )
        return Detail(_comparaison(cellule, _sens(cellule), cellule.cible_valeur), calcul)

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        """``taux 33,92 % < cible 34,6 % (33,59 % en 2024 × 1,03)``; the rounding only if one
        applied."""
        texte = comparaison_simple(trace, langue)
        calcul, comparaison = trace.calcul, trace.comparaison
        if calcul is None or calcul.base is None or calcul.coefficient is None:
            return texte
        arrondi = None
        if calcul.arrondi_applique and comparaison is not None:
            arrondi = (calcul.exacte, comparaison.seuil)
        return _avec_coefficient(
            texte,
            calcul.nature_base == "cible",
            calcul.base,
            calcul.annee_base,
            calcul.coefficient,
            arrondi,
            trace.unite,
            langue,
        )

    def rediger(self, cible: VariationRelative, lot: Lot, langue: Langue) -> list[str]:
        coefficient = _coefficient(cible.pourcentage)
        textes = []
        for texte, base, annee, seuil in zip(
            _comparaisons(lot, langue),
            lot.references,
            lot.annees_reference,
            lot.cibles_valeur,
            strict=True,
        ):
            if base is None:
                textes.append(texte)
                continue
            exacte = base * coefficient
            arrondi = (exacte, seuil) if _arrondi_applique(lot.arrondi, exacte, seuil) else None
            textes.append(
                _avec_coefficient(
                    texte,
                    cible.chainage == "cible",
                    base,
                    annee,
                    coefficient,
                    arrondi,
                    lot.unite,
                    langue,
                )
            )
        return textes


def _arrondi_applique(
    arrondi: str | None, exacte: Fraction | None, cible_valeur: Fraction | None
) -> bool:
    """A declared rounding changed the target (an explanation says so only then)."""
    return arrondi is not None and exacte is not None and exacte != cible_valeur


def _avec_coefficient(
    texte: str,
    cible_de: bool,
    base: Fraction,
    annee: int | None,
    coefficient: Fraction,
    arrondi: tuple[Fraction | None, Operande] | None,
    unite: str,
    langue: Langue,
) -> str:
    """The comparison, then ``(33,59 % en 2024 × 1,03[, arrondi de … à …])``."""
    detail = phrase(
        "coefficient",
        langue,
        cible_de=phrase("cible_de", langue) if cible_de else "",
        base=operande(base, unite, langue),
        annee=annee,
        coefficient=nombre(coefficient, langue, 4),
    )
    if arrondi is not None:
        exacte, seuil = arrondi
        detail += ", " + phrase(
            "arrondi",
            langue,
            exacte=nombre(exacte, langue, 4),
            seuil=operande(seuil, unite, langue),
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
        return _progression(
            nom(trace, langue),
            comparaison.valeur,
            symbole(comparaison),
            calcul.base,
            calcul.annee_base,
            trace.unite,
            langue,
        )

    def rediger(self, cible: Progression, lot: Lot, langue: Langue) -> list[str]:
        nom_ = nom_valeur(lot.unite, False, langue)
        operateur = _sens_hausse(lot.hausse, not cible.stabilisation_acceptee)
        return [
            _progression(
                nom_, valeur, symbole_issu(operateur, issue), base, annee, lot.unite, langue
            )
            for valeur, issue, base, annee in zip(
                lot.valeurs, lot.issues, lot.references, lot.annees_reference, strict=True
            )
        ]


def _progression(
    nom_: str,
    valeur: Operande,
    operateur: str,
    base: Fraction | None,
    annee: int | None,
    unite: str,
    langue: Langue,
) -> str:
    """``valeur 12 > 10 en 2024``: the value against its reference."""
    return phrase(
        "progression",
        langue,
        nom=nom_,
        valeur=operande(valeur, unite, langue),
        operateur=operateur,
        base=operande(base, unite, langue),
        annee=annee,
    )
