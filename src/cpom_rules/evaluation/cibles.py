"""Evaluate each target kind over a set of cells, exactly, in one pass of numpy operations.

Every evaluator returns a `Verdict`: per cell, the status, the reason, the numeric threshold
it resolved (``cible_valeur``), the reference used and its year, and the quantity compared
when it is not the measure's value itself (a cumulative sum, a count of documents). The
precedence is the same for every kind: a missing or invalid value decides first, then a
missing reference, then the comparison.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.regles import MesureCompilee
from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.statuts import Raison, Statut, depuis_absence
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.cibles import (
    PERIODES_PAR_AN,
    CibleBase,
    CibleChoisie,
    Cumul,
    Echeance,
    Et,
    Increment,
    Jalon,
    KParmiN,
    Ou,
    OuiNonCible,
    PasDeCible,
    Progression,
    SansObjet,
    Seuil,
    VariationPoints,
    VariationRelative,
)

Entiers8 = NDArray[np.int8]


@dataclass
class Verdict:
    """The outcome of a target on n cells."""

    statut: Entiers8
    raison: Entiers8
    cible_valeur: c.Nombres
    reference: c.Nombres
    annee_reference: NDArray[np.int64]
    evaluee: c.Nombres | None = None  # the quantity compared, when not the measure's value
    preuves: NDArray[np.uint64] | None = None  # evidence expected per cell (mask); set by `evaluer`
    # A composite's conditions, each with its own verdict on the same cells: the trace of
    # « et » / « ou » is what each branch gave, recorded when it was computed.
    branches: tuple[Verdict, ...] = ()

    @staticmethod
    def uniforme(n: int, statut: Statut, raison: Raison = Raison.AUCUNE) -> Verdict:
        return Verdict(
            np.full(n, statut, dtype=np.int8),
            np.full(n, raison, dtype=np.int8),
            c.Nombres.absents((n,)),
            c.Nombres.absents((n,)),
            np.zeros(n, dtype=np.int64),
        )


def _conclure(test: c.Booleens, n: int) -> tuple[Entiers8, Entiers8]:
    """atteint / non_atteint where the test is known; the absence's status elsewhere."""
    statut, raison = depuis_absence(np.broadcast_to(test.absence, (n,)))
    vrais = np.broadcast_to(test.vrais, (n,))
    faux = np.broadcast_to(test.faux, (n,))
    statut = np.where(
        vrais, np.int8(Statut.ATTEINT), np.where(faux, np.int8(Statut.NON_ATTEINT), statut)
    ).astype(np.int8)
    raison = np.where(vrais | faux, np.int8(Raison.AUCUNE), raison).astype(np.int8)
    return statut, raison


def _priorite_valeur(
    statut: Entiers8, raison: Entiers8, valeur: c.Colonne
) -> tuple[Entiers8, Entiers8]:
    """A missing or invalid measure value decides the status before anything else."""
    s_valeur, r_valeur = depuis_absence(valeur.absence)
    absente = valeur.absence != 0
    return np.where(absente, s_valeur, statut).astype(np.int8), np.where(
        absente, r_valeur, raison
    ).astype(np.int8)


def _incompatible(cellules: Cellules) -> Verdict:
    return Verdict.uniforme(cellules.n, Statut.NON_EVALUABLE, Raison.CIBLE_INCOMPATIBLE)


def _comparer_sens(
    valeur: c.Nombres, cible: c.Nombres, hausse: bool, strict: bool = False
) -> c.Booleens:
    operateur = (">" if strict else ">=") if hausse else ("<" if strict else "<=")
    return c.comparer(valeur, cible, operateur)


def evaluer_seuil(cible: Seuil, cellules: Cellules) -> Verdict:
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Nombres):
        return _incompatible(cellules)
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
    statut, raison = _conclure(c.et(*tests), cellules.n)
    return Verdict(
        statut,
        raison,
        c.etendre(seuil, (cellules.n,)),
        c.Nombres.absents((cellules.n,)),
        np.zeros(cellules.n, dtype=np.int64),
    )


def evaluer_oui_non(cible: OuiNonCible, cellules: Cellules) -> Verdict:
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Booleens):
        return _incompatible(cellules)
    statut, raison = _conclure(
        c.comparer(valeur, c.Booleens.constante(cible.attendu == "oui"), "=="), cellules.n
    )
    verdict = Verdict.uniforme(cellules.n, Statut.ATTEINT)
    verdict.statut, verdict.raison = statut, raison
    _exiger_preuves(verdict, cible, cellules)
    return verdict


def _par_reference(
    cellules: Cellules,
    reference: str,
    calcul: Callable[[c.Nombres], c.Nombres],
    strict: bool = False,
    chainage: bool = False,
) -> Verdict:
    """Targets computed from a reference: increments, relative changes, points, progression."""
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Nombres):
        return _incompatible(cellules)
    ref, annee_ref = cellules.reference(reference, chainage)
    cible = calcul(ref)
    hausse = cellules.compilee.modele.sens == "hausse"
    statut, raison = _conclure(_comparer_sens(valeur, cible, hausse, strict), cellules.n)
    ref_absente = (ref.absence != 0) & (valeur.absence == 0)
    statut = np.where(ref_absente, np.int8(Statut.NON_EVALUABLE), statut).astype(np.int8)
    raison = np.where(ref_absente, np.int8(Raison.REFERENCE_ABSENTE), raison).astype(np.int8)
    statut, raison = _priorite_valeur(statut, raison, valeur)
    return Verdict(statut, raison, cible, ref, annee_ref)


def evaluer_increment(cible: Increment | VariationPoints, cellules: Cellules) -> Verdict:
    pas = c.Nombres.constante(cible.valeur if isinstance(cible, Increment) else cible.points)
    return _par_reference(cellules, cible.reference, lambda ref: c.additionner(ref, pas))


def evaluer_variation_relative(cible: VariationRelative, cellules: Cellules) -> Verdict:
    coefficient = c.Nombres.constante((100 + Fraction(cible.pourcentage)) / 100)
    verdict = _par_reference(
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
    verdict.statut = np.where(nulle, np.int8(Statut.NON_EVALUABLE), verdict.statut).astype(np.int8)
    verdict.raison = np.where(nulle, np.int8(Raison.REFERENCE_NULLE), verdict.raison).astype(
        np.int8
    )
    return verdict


def evaluer_progression(cible: Progression, cellules: Cellules) -> Verdict:
    return _par_reference(
        cellules, cible.reference, lambda ref: ref, strict=not cible.stabilisation_acceptee
    )


def mesure_positive(compilee: MesureCompilee) -> bool:
    """A measure whose values cannot be negative: data are non-negative numbers, and a ratio
    or an expression without subtraction keeps them so. Only then may a sum with unknown terms
    be decided from its known part (the unknown terms can only add)."""
    expressions = (compilee.expression, compilee.numerateur, compilee.denominateur)
    return all(e is None or "-" not in e.texte for e in expressions)


def somme_kleene(termes: list[c.Nombres], n: int, positive: bool) -> c.Nombres:
    """The sum of `termes`; where some are unknown and every term is non-negative, the sum of
    the known ones (a lower bound) marked with the first absence, to decide a minimum early."""
    somme = c.Nombres.constante(0)
    for terme in termes:
        somme = c.additionner(somme, terme)
    somme = c.etendre(somme, (n,))
    if not positive:
        return somme
    connue = c.Nombres.constante(0)
    for terme in termes:
        absent = terme.absence != 0
        connue = c.additionner(
            connue,
            c.Nombres(
                np.where(absent, 0, terme.num),
                np.where(absent, 1, terme.den),
                np.zeros_like(terme.absence),
            ),
        )
    connue = c.etendre(connue, (n,))
    # Where the true sum is unknown, `minorant` holds the known part but stays absent.
    return c.Nombres(
        np.where(somme.connus, somme.num, connue.num),
        np.where(somme.connus, somme.den, connue.den),
        somme.absence,
    )


def minimum_kleene(somme: c.Nombres, seuil: c.Nombres, positive: bool) -> c.Booleens:
    """``somme ≥ seuil``, true as soon as the known part of a non-negative sum reaches it."""
    test = c.comparer(somme, seuil, ">=")
    if not positive:
        return test
    deja = (somme.absence != 0) & c.comparer(
        c.Nombres(somme.num, somme.den, np.zeros_like(somme.absence)), seuil, ">="
    ).vrais
    return c.Booleens(test.valeurs | deja, np.where(deja, np.uint8(0), test.absence))


def evaluer_cumul(cible: Cumul, cellules: Cellules) -> Verdict:
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Nombres):
        return _incompatible(cellules)
    depuis = cible.depuis or cellules.contexte.fiche.periode.debut
    debut = cellules.contexte.index_annee(depuis)
    termes = [
        cellules.valeur_annee(y)
        for y in range(debut if debut is not None else cellules.y, cellules.y + 1)
    ]
    positive = mesure_positive(cellules.compilee)
    somme = somme_kleene(termes, cellules.n, positive)
    seuil = c.etendre(c.Nombres.constante(cible.min), (cellules.n,))
    test = minimum_kleene(somme, seuil, positive)
    statut, raison = _conclure(test, cellules.n)
    statut, raison = _priorite_valeur(statut, raison, valeur)
    return Verdict(
        statut,
        raison,
        seuil,
        c.Nombres.absents((cellules.n,)),
        np.zeros(cellules.n, dtype=np.int64),
        somme,
    )


def evaluer_cible_choisie(cible: CibleChoisie, cellules: Cellules) -> Verdict:
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Nombres):
        return _incompatible(cellules)
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
                choisie=_fr(choisie.fraction(i)),
                plancher=_fr(Fraction(cible.plancher)),
            )
        effective = c.extremum([choisie, c.etendre(plancher, (cellules.n,))], plus_grand=True)
        effective = c.Nombres(effective.num, effective.den, choisie.absence)
    # The chosen level is reached from the measure's direction: at least it (hausse), at most (baisse).
    hausse = cellules.compilee.modele.sens == "hausse"
    statut, raison = _conclure(_comparer_sens(valeur, effective, hausse), cellules.n)
    absente = choisie.absence != 0
    statut = np.where(absente, np.int8(Statut.DONNEES_MANQUANTES), statut).astype(np.int8)
    raison = np.where(absente, np.int8(Raison.CIBLE_CHOISIE_ABSENTE), raison).astype(np.int8)
    statut, raison = _priorite_valeur(statut, raison, valeur)
    return Verdict(statut, raison, effective, c.Nombres.absents((cellules.n,)), annee_choix)


def evaluer_k_parmi_n(cible: KParmiN, cellules: Cellules) -> Verdict:
    elements = [cellules.pour(nom).valeur() for nom in cible.elements]
    if not all(isinstance(e, c.Booleens) for e in elements):
        return _incompatible(cellules)
    vrais = sum((e.vrais.astype(np.int64) for e in elements), np.zeros(cellules.n, dtype=np.int64))  # type: ignore[union-attr]
    inconnus = sum(
        ((e.absence != 0).astype(np.int64) for e in elements), np.zeros(cellules.n, dtype=np.int64)
    )
    pire = np.maximum.reduce([e.absence for e in elements])
    statut, raison = depuis_absence(pire.astype(np.uint8))
    atteint = vrais >= cible.k
    rate = vrais + inconnus < cible.k
    statut = np.where(
        atteint, np.int8(Statut.ATTEINT), np.where(rate, np.int8(Statut.NON_ATTEINT), statut)
    ).astype(np.int8)
    raison = np.where(atteint | rate, np.int8(Raison.AUCUNE), raison).astype(np.int8)
    compte = c.Nombres(
        vrais,
        np.ones(cellules.n, dtype=np.int64),
        np.where(atteint | rate, np.uint8(0), pire).astype(np.uint8),
    )
    return Verdict(
        statut,
        raison,
        c.etendre(c.Nombres.constante(cible.k), (cellules.n,)),
        c.Nombres.absents((cellules.n,)),
        np.zeros(cellules.n, dtype=np.int64),
        compte,
    )


def masque_preuves(cible: CibleBase, cellules: Cellules) -> NDArray[np.uint64]:
    """The evidence a simple target requires, as one mask per cell."""
    masque = cellules.contexte.fiche.preuves.masque(cible.preuves)
    return np.full(cellules.n, masque, dtype=np.uint64)


def _exiger_preuves(verdict: Verdict, cible: CibleBase, cellules: Cellules) -> None:
    """A « oui » (a milestone reached, an answer given) with required evidence missing is not
    validated: `donnees_manquantes` (`preuves_manquantes`)."""
    if not cible.preuves:
        return
    exigees = masque_preuves(cible, cellules)
    sans_preuve = ((exigees & ~cellules.contexte.preuves_fournies(cellules.e, cellules.y)) != 0) & (
        verdict.statut == Statut.ATTEINT
    )
    verdict.statut = np.where(
        sans_preuve, np.int8(Statut.DONNEES_MANQUANTES), verdict.statut
    ).astype(np.int8)
    verdict.raison = np.where(
        sans_preuve, np.int8(Raison.PREUVES_MANQUANTES), verdict.raison
    ).astype(np.int8)


def evaluer_jalon(cible: Jalon, cellules: Cellules) -> Verdict:
    valeur = cellules.valeur()
    if not isinstance(valeur, c.Booleens):
        return _incompatible(cellules)
    statut, raison = _conclure(valeur, cellules.n)
    verdict = Verdict.uniforme(cellules.n, Statut.ATTEINT)
    verdict.statut, verdict.raison = statut, raison
    _exiger_preuves(verdict, cible, cellules)
    return verdict


def evaluer_echeance(cible: Echeance, cellules: Cellules) -> Verdict:
    verdict = evaluer_oui_non(OuiNonCible(type="oui_non", attendu=cible.attendu), cellules)
    _exiger_preuves(verdict, cible, cellules)
    if cellules.annee < cible.annee:
        # Before the deadline only a « not yet » waits; a « oui » without its evidence is
        # reported like a milestone's (`preuves_manquantes`).
        pas_encore = (verdict.statut != Statut.ATTEINT) & (
            verdict.raison != Raison.PREUVES_MANQUANTES
        )
        verdict.statut = np.where(
            pas_encore, np.int8(Statut.NON_APPLICABLE), verdict.statut
        ).astype(np.int8)
        verdict.raison = np.where(
            pas_encore, np.int8(Raison.AVANT_ECHEANCE), verdict.raison
        ).astype(np.int8)
    return verdict


def evaluer_sans_objet(cible: SansObjet, cellules: Cellules) -> Verdict:
    return Verdict.uniforme(cellules.n, Statut.NON_APPLICABLE, Raison.SANS_OBJET)


def evaluer_pas_de_cible(cible: PasDeCible, cellules: Cellules) -> Verdict:
    verdict = Verdict.uniforme(cellules.n, Statut.NON_APPLICABLE, Raison.PAS_DE_CIBLE)
    if cible.recueil_attendu:
        verdict.statut, verdict.raison = _priorite_valeur(
            verdict.statut, verdict.raison, cellules.valeur()
        )
    return verdict


def _combiner(verdicts: list[Verdict], conjonction: bool) -> Verdict:
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
    )


def evaluer_composite(cible: Et | Ou, cellules: Cellules) -> Verdict:
    verdicts = [
        evaluer(condition, cellules.pour(condition.mesure)) for condition in cible.conditions
    ]
    verdict = _combiner(verdicts, conjonction=isinstance(cible, Et))
    verdict.branches = tuple(verdicts)
    return verdict


_EVALUATEURS: dict[type[CibleBase], Callable[[CibleBase, Cellules], Verdict]] = {
    Seuil: evaluer_seuil,  # type: ignore[dict-item]
    OuiNonCible: evaluer_oui_non,  # type: ignore[dict-item]
    Increment: evaluer_increment,  # type: ignore[dict-item]
    VariationPoints: evaluer_increment,  # type: ignore[dict-item]
    VariationRelative: evaluer_variation_relative,  # type: ignore[dict-item]
    Progression: evaluer_progression,  # type: ignore[dict-item]
    Cumul: evaluer_cumul,  # type: ignore[dict-item]
    CibleChoisie: evaluer_cible_choisie,  # type: ignore[dict-item]
    KParmiN: evaluer_k_parmi_n,  # type: ignore[dict-item]
    Jalon: evaluer_jalon,  # type: ignore[dict-item]
    Echeance: evaluer_echeance,  # type: ignore[dict-item]
    SansObjet: evaluer_sans_objet,  # type: ignore[dict-item]
    PasDeCible: evaluer_pas_de_cible,  # type: ignore[dict-item]
    Et: evaluer_composite,  # type: ignore[dict-item]
    Ou: evaluer_composite,  # type: ignore[dict-item]
}


def evaluer(cible: CibleBase, cellules: Cellules) -> Verdict:
    """Evaluate `cible` on `cellules` (for the measure the target names, if any)."""
    autre_mesure = cible.mesure is not None and cible.mesure != cellules.mesure
    cellules = cellules.pour(cible.mesure)
    verdict = _EVALUATEURS[type(cible)](cible, cellules)
    if verdict.preuves is None:
        verdict.preuves = masque_preuves(cible, cellules)
    if autre_mesure and verdict.evaluee is None:
        # The row is another measure's: what was compared is this target's measure value.
        valeur = cellules.valeur()
        if isinstance(valeur, c.Nombres):
            verdict.evaluee = valeur
    if not isinstance(cible, Et | Ou) and isinstance(verdict.cible_valeur, c.Nombres):
        connus = verdict.cible_valeur.connus
        if connus.any():
            grille = cellules.contexte.cibles_calculees[cellules.mesure]
            e = cellules.e[connus]
            grille.num[e, cellules.y] = verdict.cible_valeur.num[connus]
            grille.den[e, cellules.y] = verdict.cible_valeur.den[connus]
            grille.absence[e, cellules.y] = 0
    return verdict


def _fr(valeur: Fraction | None) -> str:
    from cpom_rules.evaluation.format import nombre_fr  # noqa: PLC0415

    return nombre_fr(valeur)
