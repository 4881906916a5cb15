"""The 5-year total (*bilan sur la période*), read according to its declared meaning.

- ``valeur_finale``: the value of the last year reaches the total (``3/3 documents``);
- ``somme``: the yearly values add up to the total (per-quarter totals are converted to years);
- ``somme_increments``: the last value minus the value before the period reaches the total;
- ``variation_cumulee``: the last value against the reference, ``+25 %`` over the period;
- ``qualitatif`` (or no number): every yearly target with a verdict was met.

The bilan needs the period's last year: before that it is `donnees_manquantes`
(`periode_incomplete`). Establishments out of scope for the whole period are `non_applicable`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.kleene import mesure_positive, minimum_kleene, somme_kleene
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.statuts import Raison, Statut, depuis_absence
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.cibles import PERIODES_PAR_AN
from cpom_rules.spec.fiche import Total


@dataclass
class Bilan:
    """The period verdict of one measure, per establishment."""

    bloc: Bloc
    statut: NDArray[np.int8]
    raison: NDArray[np.int8]
    valeur: c.Nombres
    cible_valeur: c.Nombres


def _valeur(bloc: Bloc, annee: int) -> c.Nombres:
    y = bloc.contexte.donnees.index_annee(annee)
    grille = bloc.contexte.valeurs[bloc.mesure.code]
    n = bloc.contexte.donnees.nombre_etablissements
    if y is None or not isinstance(grille, c.Nombres):
        return c.Nombres.absents((n,))
    return grille.prendre((slice(None), y))


def _qualitatif(bloc: Bloc) -> tuple[NDArray[np.int8], NDArray[np.int8]]:
    statuts, raisons = bloc.statut, bloc.raison
    rate = (statuts == Statut.NON_ATTEINT).any(axis=1)
    verdicts = (statuts == Statut.ATTEINT) | (statuts == Statut.NON_ATTEINT)
    inconnus = (statuts == Statut.DONNEES_MANQUANTES) | (statuts == Statut.NON_EVALUABLE)
    premier = np.argmax(inconnus, axis=1)
    lignes = np.arange(statuts.shape[0])
    statut = np.where(
        rate,
        Statut.NON_ATTEINT,
        np.where(
            inconnus.any(axis=1),
            statuts[lignes, premier],
            np.where(verdicts.any(axis=1), Statut.ATTEINT, Statut.NON_APPLICABLE),
        ),
    )
    raison = np.where(rate | ~inconnus.any(axis=1), Raison.AUCUNE, raisons[lignes, premier])
    raison = np.where(statut == Statut.NON_APPLICABLE, Raison.PAS_DE_CIBLE, raison)
    return statut.astype(np.int8), raison.astype(np.int8)


def _seuils(bloc: Bloc, total: Total) -> c.Nombres:
    """Each establishment's printed total (its segment's own, else the common one)."""
    n = bloc.contexte.donnees.nombre_etablissements
    seuils = c.Nombres.absents((n,))
    facteur = PERIODES_PAR_AN[total.periodicite]
    for segment in bloc.mesure.cibles:
        valeur = total.valeur_pour(segment)
        if valeur is None:
            continue
        exact = Fraction(valeur) * facteur
        dans = bloc.affectation.segment == segment
        seuils.num[dans], seuils.den[dans], seuils.absence[dans] = (
            exact.numerator,
            exact.denominator,
            0,
        )
    return seuils


def _reference(bloc: Bloc, total: Total) -> c.Nombres:
    """The reference of a cumulative change, read like the yearly targets' references."""
    periode = bloc.fiche.periode
    reference = total.reference or str(periode.debut - 1)
    if reference == "n_moins_1":
        return _valeur(bloc, periode.fin - 1)
    if reference != "initiale":
        return _valeur(bloc, int(reference))
    contexte = bloc.contexte
    grille = contexte.valeurs[bloc.mesure.code]
    fin = contexte.donnees.index_annee(periode.fin)
    premier = contexte.premier_connu(bloc.mesure.code)
    if not isinstance(grille, c.Nombres) or fin is None:
        return c.Nombres.absents((contexte.donnees.nombre_etablissements,))
    avant = (premier >= 0) & (premier < fin)
    valeurs = grille.prendre((np.arange(len(premier)), np.maximum(premier, 0)))
    return c.Nombres(
        valeurs.num, valeurs.den, np.where(avant, valeurs.absence, np.uint8(c.Absence.MANQUANTE))
    )


def _exigences(
    bloc: Bloc,
    total: Total,
    statut: NDArray[np.int8],
    raison: NDArray[np.int8],
    chiffre: NDArray[np.bool_],
) -> tuple[NDArray[np.int8], NDArray[np.int8]]:
    """A total that also requires yes/no measures (« 1 action structurée et 4 actions
    complémentaires ») is met only if each was « oui » at least one year of the period:
    Kleene conjunction with the numeric verdict, where the segment has a numeric total."""
    if not total.exige:
        return statut, raison
    contexte = bloc.contexte
    colonnes = [
        y for y in (contexte.index_annee(a) for a in bloc.fiche.periode.annees) if y is not None
    ]
    for code in total.exige:
        grille = contexte.valeurs[code]
        if not isinstance(grille, c.Booleens) or not colonnes:
            continue
        vrais = grille.vrais[:, colonnes].any(axis=1)
        inconnus = (grille.absence[:, colonnes] != 0).any(axis=1)
        rate = ~vrais & ~inconnus & chiffre
        manque = ~vrais & inconnus & chiffre & (statut == Statut.ATTEINT)
        decide = rate & ((statut == Statut.ATTEINT) | (statut == Statut.DONNEES_MANQUANTES))
        statut = np.where(decide, np.int8(Statut.NON_ATTEINT), statut).astype(np.int8)
        raison = np.where(decide, np.int8(Raison.AUCUNE), raison).astype(np.int8)
        statut = np.where(manque, np.int8(Statut.DONNEES_MANQUANTES), statut).astype(np.int8)
        raison = np.where(manque, np.int8(Raison.VALEUR_MANQUANTE), raison).astype(np.int8)
    return statut, raison


def calculer_bilan(bloc: Bloc) -> Bilan | None:
    """The bilan of a measure that declares a total, over the whole fiche period."""
    total = bloc.mesure.modele.total
    if total is None:
        return None
    periode = bloc.fiche.periode
    n = bloc.contexte.donnees.nombre_etablissements
    valeur = _valeur(bloc, periode.fin)
    seuils = _seuils(bloc, total)
    qualitatif_statut, qualitatif_raison = _qualitatif(bloc)
    positive = mesure_positive(bloc.mesure)
    nulle = np.zeros(n, dtype=bool)
    if total.sens == "somme":
        # Kleene: a non-negative sum whose known years already reach the total is met.
        termes = [_valeur(bloc, annee) for annee in periode.annees]
        valeur = somme_kleene(termes, n, positive)
        cible_valeur = seuils
    elif total.sens == "somme_increments":
        valeur = c.soustraire(_valeur(bloc, periode.fin), _valeur(bloc, periode.debut - 1))
        cible_valeur = seuils
    elif total.sens == "variation_cumulee":
        coefficient = c.diviser(
            c.additionner(seuils, c.Nombres.constante(100)), c.Nombres.constante(100)
        )
        base = _reference(bloc, total)
        # §6 of docs/semantique.md: a relative change from zero has no meaning.
        nulle = (base.absence == 0) & (base.num == 0)
        cible_valeur = c.multiplier(base, coefficient)
        arrondi = bloc.mesure.modele.arrondi
        if arrondi is not None:
            cible_valeur = c.arrondir(cible_valeur, arrondi.decimales, arrondi.mode)
    else:  # valeur_finale
        cible_valeur = seuils
    valeur = c.etendre(valeur, (n,))
    operateur = ">=" if bloc.mesure.modele.sens == "hausse" else "<="
    test = (
        minimum_kleene(valeur, cible_valeur, positive)
        if total.sens == "somme" and operateur == ">="
        else c.comparer(valeur, cible_valeur, operateur)
    )
    statut, raison = depuis_absence(test.absence)
    statut = np.where(
        test.vrais,
        np.int8(Statut.ATTEINT),
        np.where(test.faux, np.int8(Statut.NON_ATTEINT), statut),
    ).astype(np.int8)
    raison = np.where(test.vrais | test.faux, np.int8(Raison.AUCUNE), raison).astype(np.int8)
    # Without a number to compare with (a qualitative total, or none for this segment), the
    # bilan is the conjunction of the yearly verdicts.
    sans_nombre = np.full(n, total.sens == "qualitatif") | (seuils.absence != 0)
    statut = np.where(sans_nombre, qualitatif_statut, statut).astype(np.int8)
    raison = np.where(sans_nombre, qualitatif_raison, raison).astype(np.int8)
    cible_valeur = c.marquer(cible_valeur, sans_nombre, c.Absence.MANQUANTE)
    nulle &= ~sans_nombre
    statut = np.where(nulle, np.int8(Statut.NON_EVALUABLE), statut).astype(np.int8)
    raison = np.where(nulle, np.int8(Raison.REFERENCE_NULLE), raison).astype(np.int8)
    cible_valeur = c.marquer(cible_valeur, nulle, c.Absence.MANQUANTE)
    statut, raison = _exigences(bloc, total, statut, raison, ~sans_nombre)
    # Scope and completeness decide before the numbers.
    hors = ((bloc.raison == Raison.HORS_PERIMETRE) | (bloc.raison == Raison.SANS_OBJET)).all(axis=1)
    indetermine = (bloc.raison == Raison.SEGMENT_INDETERMINE).all(axis=1) | (
        bloc.raison == Raison.PERIMETRE_INDETERMINE
    ).all(axis=1)
    incomplet = not bloc.annees or bloc.annees[-1] < periode.fin
    if incomplet:
        statut = np.full(n, Statut.DONNEES_MANQUANTES, dtype=np.int8)
        raison = np.full(n, Raison.PERIODE_INCOMPLETE, dtype=np.int8)
    statut = np.where(indetermine, np.int8(Statut.NON_EVALUABLE), statut).astype(np.int8)
    raison = np.where(
        indetermine,
        bloc.raison[:, 0] if bloc.raison.shape[1] else np.int8(Raison.SEGMENT_INDETERMINE),
        raison,
    ).astype(np.int8)
    statut = np.where(hors, np.int8(Statut.NON_APPLICABLE), statut).astype(np.int8)
    raison = np.where(
        hors, bloc.raison[:, 0] if bloc.raison.shape[1] else np.int8(Raison.HORS_PERIMETRE), raison
    ).astype(np.int8)
    return Bilan(bloc, statut, raison, valeur, cible_valeur)
