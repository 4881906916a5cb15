"""The pure evaluation core: catalogue + validated dataset → results. No I/O, no clock.

For each fiche, measures are computed over the whole grid; then, year by year (so that a
target chained on the N-1 target is known), each target of the table is evaluated once on
all the establishments it applies to. Precedence for a cell: out of scope → derogation
(sans objet, or its own target) → undetermined segment → the segment's target.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.evaluation.contexte import Cellules, ContexteFiche
from cpom_rules.evaluation.genres import Verdict, evaluer
from cpom_rules.evaluation.segments import Affectation, affecter
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.problemes import Probleme, erreur
from cpom_rules.spec.cibles import CibleBase


@dataclass
class Bloc:
    """The results of one evaluated measure, as (établissements × années évaluées) arrays."""

    fiche: FicheCompilee
    mesure: MesureCompilee
    annees: tuple[int, ...]
    colonnes: NDArray[np.int64]  # grid column of each evaluated year
    affectation: Affectation
    valeur: c.Colonne
    statut: NDArray[np.int8]
    raison: NDArray[np.int8]
    cible_id: NDArray[np.int16]
    cibles: list[tuple[CibleBase, str]]
    cible_valeur: c.Nombres
    reference: c.Nombres
    annee_reference: NDArray[np.int64]
    evaluee: c.Nombres
    preuves_attendues: NDArray[np.uint64]  # masks over the fiche's evidence codes
    preuves_manquantes: NDArray[np.uint64]
    contexte: ContexteFiche = field(repr=False)
    # Each composite's branch verdicts as evaluated, per (target id, year): the cells `e`
    # (sorted) and one verdict per condition; read back by the trace.
    branches: dict[tuple[int, int], tuple[NDArray[np.int64], tuple[Verdict, ...]]] = field(
        default_factory=dict, repr=False
    )


def _nombres_vides(forme: tuple[int, int]) -> c.Nombres:
    return c.Nombres.absents(forme)


def _ecrire(cible: c.Nombres, e: NDArray[np.int64], a: int, valeurs: c.Nombres) -> None:
    cible.num[e, a] = valeurs.num
    cible.den[e, a] = valeurs.den
    cible.absence[e, a] = valeurs.absence


def evaluer_mesure(
    contexte: ContexteFiche, mesure: MesureCompilee, annees: tuple[int, ...]
) -> Bloc:
    """Evaluate one measure's target table for the given years."""
    donnees, fiche = contexte.donnees, contexte.fiche
    n = donnees.nombre_etablissements
    forme = (n, len(annees))
    affectation = affecter(fiche, mesure, donnees)
    colonnes = np.array([donnees.index_annee(a) for a in annees], dtype=np.int64)
    statut = np.zeros(forme, dtype=np.int8)
    raison = np.zeros(forme, dtype=np.int8)
    cible_id = np.full(forme, -1, dtype=np.int16)
    cible_valeur, reference, evaluee = (
        _nombres_vides(forme),
        _nombres_vides(forme),
        _nombres_vides(forme),
    )
    annee_reference = np.zeros(forme, dtype=np.int64)
    attendues = np.zeros(forme, dtype=np.uint64)
    posee = np.zeros(forme, dtype=bool)  # cells whose target compared its own quantity
    branches: dict[tuple[int, int], tuple[NDArray[np.int64], tuple[Verdict, ...]]] = {}
    cibles: list[tuple[CibleBase, str]] = []
    index_cibles: dict[tuple[int, str], int] = {}
    valeur_grille = contexte.valeurs[mesure.code]

    def appliquer(cible: CibleBase, origine: str, e: NDArray[np.int64], a: int) -> None:
        if not len(e):
            return
        cle = (id(cible), origine)
        if cle not in index_cibles:
            index_cibles[cle] = len(cibles)
            cibles.append((cible, origine))
        verdict: Verdict = evaluer(cible, Cellules(contexte, mesure.code, e, int(colonnes[a])))
        statut[e, a] = verdict.statut
        raison[e, a] = verdict.raison
        cible_id[e, a] = index_cibles[cle]
        _ecrire(cible_valeur, e, a, verdict.cible_valeur)
        _ecrire(reference, e, a, verdict.reference)
        annee_reference[e, a] = verdict.annee_reference
        if verdict.evaluee is not None:
            _ecrire(evaluee, e, a, verdict.evaluee)
            posee[e, a] = True
        if verdict.branches:
            branches[(index_cibles[cle], annees[a])] = (e, verdict.branches)
        assert verdict.preuves is not None
        exigees = verdict.preuves | np.uint64(fiche.preuves_par_annee.get(annees[a], 0))
        attendues[e, a] = np.where(verdict.statut != Statut.NON_APPLICABLE, exigees, np.uint64(0))

    # Out of scope, then unknown scope (which wins where both hold), for every year at once.
    hors = affectation.perimetre.faux
    inconnu = affectation.perimetre.absence != 0
    statut[hors, :], raison[hors, :] = Statut.NON_APPLICABLE, Raison.HORS_PERIMETRE
    statut[inconnu, :] = Statut.NON_EVALUABLE
    raison[inconnu, :] = Raison.PERIMETRE_INDETERMINE
    exclus = hors | inconnu
    derogees = {
        e: d
        for e, d in ((donnees.index_etablissement(f), d) for f, d in mesure.derogations.items())
        if e is not None and not exclus[e]
    }
    sans_objet = np.array([e for e, d in derogees.items() if d.sans_objet], dtype=np.int64)
    statut[sans_objet, :], raison[sans_objet, :] = Statut.NON_APPLICABLE, Raison.SANS_OBJET
    # Each segment's establishments, computed once (the segment column holds Python strings).
    par_segment = {code: (affectation.segment == code) & ~exclus for code in mesure.cibles}
    sans_segment = ~exclus
    for dans_segment in par_segment.values():
        sans_segment &= ~dans_segment
    sans_segment[sans_objet] = False
    for a, annee in enumerate(annees):
        derogees_de_l_annee = np.zeros(n, dtype=bool)
        derogees_de_l_annee[sans_objet] = True
        for e, derogation in derogees.items():
            if not derogation.sans_objet and annee in derogation.cibles:
                appliquer(
                    derogation.cibles[annee],
                    derogation.origines.get(annee, f"dérogation {derogation.finess}"),
                    np.array([e], dtype=np.int64),
                    a,
                )
                derogees_de_l_annee[e] = True
        for code, table in mesure.cibles.items():
            dans_segment = par_segment[code]
            if derogees:
                dans_segment = dans_segment & ~derogees_de_l_annee
            appliquer(table[annee], code, np.flatnonzero(dans_segment), a)
        reste = sans_segment & ~derogees_de_l_annee if derogees else sans_segment
        statut[reste, a], raison[reste, a] = Statut.NON_EVALUABLE, Raison.SEGMENT_INDETERMINE

    _entrees_du_bilan(
        contexte, mesure, affectation, annees, colonnes, statut, raison, annee_reference
    )
    fournies = donnees.preuves.get(fiche.code)
    manquantes = attendues & ~fournies[:, colonnes] if fournies is not None else attendues.copy()
    valeur = c.extraire(valeur_grille, (slice(None), colonnes))
    # What each cell compared: a target's own quantity (a sum, a count, another measure's
    # value) when it set one, else the measure's value; a yes/no value is no quantity.
    # An unknown sum stays unknown: it is not replaced by the year's value.
    if isinstance(valeur, c.Nombres):
        evaluee = c.Nombres(
            np.where(posee, evaluee.num, valeur.num),
            np.where(posee, evaluee.den, valeur.den),
            np.where(posee, evaluee.absence, valeur.absence),
        )
    return Bloc(
        fiche,
        mesure,
        annees,
        colonnes,
        affectation,
        valeur,
        statut,
        raison,
        cible_id,
        cibles,
        cible_valeur,
        reference,
        annee_reference,
        evaluee,
        attendues,
        manquantes,
        contexte,
        branches,
    )


def _annees_du_bilan(mesure: MesureCompilee, debut: int, fin: int) -> tuple[int, ...]:
    """The years whose value the bilan of `mesure` reads (see evaluation/bilans.py)."""
    total = mesure.modele.total
    if total is None or total.sens == "qualitatif":
        return ()
    if total.sens == "somme":
        return tuple(range(debut, fin + 1))
    if total.sens == "somme_increments":
        return (debut - 1, fin)
    if total.sens == "variation_cumulee":
        reference = total.reference or str(debut - 1)
        if reference == "initiale":
            return (fin,)
        return (fin - 1 if reference == "n_moins_1" else int(reference), fin)
    return (fin,)


def _entrees_du_bilan(
    contexte: ContexteFiche,
    mesure: MesureCompilee,
    affectation: Affectation,
    annees: tuple[int, ...],
    colonnes: NDArray[np.int64],
    statut: NDArray[np.int8],
    raison: NDArray[np.int8],
    annee_reference: NDArray[np.int64],
) -> None:
    """A value the bilan needs is asked for in the year it belongs to, even when no yearly
    target of that year reads it (OS_5 sums the actions of every year, OS_6 needs 2024): a
    met or target-less cell whose value is missing is `donnees_manquantes` then, not at the
    end of the contract. A value before the period is asked for in the period's first year."""
    total = mesure.modele.total
    periode = contexte.fiche.periode
    entrees = _annees_du_bilan(mesure, periode.debut, periode.fin)
    if total is None or not entrees or not annees:
        return
    chiffre = np.zeros(len(affectation.segment), dtype=bool)
    for segment in mesure.cibles:
        if total.valeur_pour(segment) is not None:
            chiffre |= affectation.segment == segment
    grille = contexte.valeurs[mesure.code]
    for annee in entrees:
        a = annees.index(max(annee, periode.debut)) if max(annee, periode.debut) in annees else None
        y = contexte.index_annee(annee)
        if a is None:
            continue
        absente = grille.absence[:, y] != 0 if y is not None else np.ones(len(chiffre), bool)
        sans_verdict_du_bilan = (statut[:, a] == Statut.ATTEINT) | (
            (statut[:, a] == Statut.NON_APPLICABLE) & (raison[:, a] == Raison.PAS_DE_CIBLE)
        )
        manque = chiffre & absente & sans_verdict_du_bilan
        statut[manque, a] = Statut.DONNEES_MANQUANTES
        avant = annee < periode.debut
        raison[manque, a] = Raison.REFERENCE_ABSENTE if avant else Raison.VALEUR_MANQUANTE
        if avant:
            annee_reference[manque, a] = annee


def annees_a_evaluer(
    catalogue: Catalogue, donnees: Donnees, annees: Iterable[int] | None
) -> tuple[int, ...]:
    """The years asked for, checked against the period; by default, the period's years in
    which the dataset actually holds a value (docs/semantique.md §15)."""
    periode = catalogue.periode
    if annees is None:
        vues = sorted(a for a in donnees.annees_avec_mesures if periode.debut <= a <= periode.fin)
        return tuple(vues) if vues else (periode.debut,)
    choisies = tuple(sorted(set(annees)))
    hors = [a for a in choisies if a not in periode.annees]
    if not choisies:
        raise erreur("aucune_annee_choisie", debut=periode.debut, fin=periode.fin)
    if hors:
        liste = ", ".join(map(str, hors))
        raise erreur("annees_hors_periode", debut=periode.debut, fin=periode.fin, annees=liste)
    return choisies


def evaluer_catalogue(
    catalogue: Catalogue, donnees: Donnees, annees: tuple[int, ...]
) -> tuple[list[Bloc], list[Probleme]]:
    """Evaluate every fiche; return the blocks and the problems found while computing."""
    blocs: list[Bloc] = []
    problemes: list[Probleme] = []
    for fiche in catalogue.regles.fiches.values():
        contexte = ContexteFiche(fiche, donnees)
        annees_fiche = tuple(a for a in annees if a in fiche.periode.annees)
        for mesure in fiche.mesures_evaluees:
            blocs.append(evaluer_mesure(contexte, mesure, annees_fiche))
        problemes.extend(contexte.problemes)
    return blocs, problemes
