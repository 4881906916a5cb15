"""Which segment (tier) each establishment falls in, for one measure's target table.

An establishment is assigned a segment only when exactly one segment's condition is known
to be true and none is unknown. Otherwise it gets no segment and a reason — no segment
covers it (a gap between tiers), several do (an overlap), or an attribute the conditions
need is missing — and its results are `non_evaluable` (`segment_indetermine`): never a
default tier. A per-FINESS derogation may assign the segment explicitly.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.regles import FicheCompilee, MesureCompilee
from cpom_rules.donnees.jeu import Donnees
from cpom_rules.formules import colonnes as c
from cpom_rules.formules.evaluation import evaluer


@dataclass(frozen=True)
class Affectation:
    """Per establishment: in scope or not, its segment code ("" if none) and why none."""

    perimetre: c.Booleens
    segment: NDArray[np.object_]
    motif: NDArray[np.object_]


def _condition(fiche: FicheCompilee, code: str, donnees: Donnees) -> c.Booleens:
    segment = fiche.segments[code]
    n = donnees.nombre_etablissements
    if segment.condition is None:
        return c.Booleens(np.ones(n, dtype=bool), np.zeros(n, dtype=np.uint8))
    resultat = evaluer(
        segment.condition, {nom: donnees.attributs[nom] for nom in segment.condition.noms}
    )
    assert isinstance(resultat, c.Booleens)
    etendu = c.etendre(resultat, (n, 1))
    assert isinstance(etendu, c.Booleens)
    return c.Booleens(etendu.valeurs.ravel(), etendu.absence.ravel())


def perimetre(fiche: FicheCompilee, donnees: Donnees) -> c.Booleens:
    """True for establishments the fiche applies to (unknown where an attribute is missing)."""
    n = donnees.nombre_etablissements
    if fiche.perimetre is None:
        return c.Booleens(np.ones(n, dtype=bool), np.zeros(n, dtype=np.uint8))
    resultat = evaluer(
        fiche.perimetre, {nom: donnees.attributs[nom] for nom in fiche.perimetre.noms}
    )
    etendu = c.etendre(resultat, (n, 1))
    assert isinstance(etendu, c.Booleens)
    return c.Booleens(etendu.valeurs.ravel(), etendu.absence.ravel())


def affecter(fiche: FicheCompilee, mesure: MesureCompilee, donnees: Donnees) -> Affectation:
    """Resolve each establishment's segment among those of `mesure`'s target table."""
    n = donnees.nombre_etablissements
    codes = list(mesure.cibles)
    conditions = [_condition(fiche, code, donnees) for code in codes]
    vrais = (
        np.stack([cond.vrais for cond in conditions])
        if conditions
        else np.zeros((0, n), dtype=bool)
    )
    inconnus = (
        np.stack([cond.absence != 0 for cond in conditions])
        if conditions
        else np.zeros((0, n), dtype=bool)
    )
    nombre_vrais = vrais.sum(axis=0)
    nombre_inconnus = inconnus.sum(axis=0)
    unique = (nombre_vrais == 1) & (nombre_inconnus == 0)
    segment = np.empty(n, dtype=object)
    segment.fill("")
    if codes:
        choix = np.argmax(vrais, axis=0)
        segment[unique] = np.asarray(codes, dtype=object)[choix[unique]]
    motif = np.empty(n, dtype=object)
    motif.fill("")
    motif[(nombre_vrais == 0) & (nombre_inconnus == 0)] = (
        "aucun segment ne couvre cet établissement"
    )
    motif[nombre_vrais > 1] = "plusieurs segments le couvrent"
    motif[~unique & (nombre_inconnus > 0) & (nombre_vrais <= 1)] = (
        "un attribut nécessaire au segment est manquant ou invalide"
    )
    for finess, derogation in mesure.derogations.items():
        e = donnees.index_etablissement(finess)
        if e is not None and derogation.segment is not None:
            segment[e] = derogation.segment
            motif[e] = ""
    return Affectation(perimetre(fiche, donnees), segment, motif)
