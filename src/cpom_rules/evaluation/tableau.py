"""The result rows as columns, built straight from the evaluation's arrays (no per-row dict).

`colonnes_resultats` gives one array per output field (`COLONNES`, the JSON fields with the
progression split in three), rows in the order of `Resultats.lignes` (block, FINESS, year).
Every output (records, DataFrame, CSV, JSON) is built from it; explanations are the only
per-row work, and are built only when the output shows them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.explications import expliquer_bloc
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.description import texte_cible

if TYPE_CHECKING:
    from cpom_rules.evaluation.moteur import Bloc
    from cpom_rules.evaluation.resultats import Resultats

CHAMPS = (
    "finess",
    "raison_sociale",
    "indicateur",
    "mesure",
    "annee",
    "segment",
    "applicable",
    "statut",
    "raison",
    "valeur",
    "valeur_reference",
    "annee_reference",
    "progression",
    "cible",
    "origine_cible",
    "cible_valeur",
    "valeur_comparee",
    "ecart",
    "preuves_attendues",
    "preuves_manquantes",
    "explication",
)
"""The fields of one result, in the documented order (docs/format-resultats.md)."""

PROGRESSION = ("progression_absolue", "progression_relative", "progression_points")
COLONNES = tuple(
    c for champ in CHAMPS for c in (PROGRESSION if champ == "progression" else (champ,))
)
"""The flat columns: the fields, with the progression split in three."""

_STATUTS = np.array([""] + [s.texte for s in Statut], dtype=object)
_RAISONS = np.array([r.texte for r in Raison], dtype=object)
_HORS_CHAMP = np.array([int(Raison.HORS_PERIMETRE), int(Raison.SANS_OBJET)])


# Reasons whose threshold rests on an operand that failed: the number would be meaningless.
_CIBLE_SANS_SENS = np.array(
    [
        r
        in (
            Raison.REFERENCE_NULLE,
            Raison.REFERENCE_ABSENTE,
            Raison.CIBLE_CHOISIE_ABSENTE,
            Raison.CIBLE_INCOMPATIBLE,
        )
        for r in Raison
    ],
    dtype=bool,
)


def nombres_publies(bloc: Bloc) -> tuple[c.Nombres, c.Nombres, c.Nombres]:
    """(cible_valeur, valeur_comparee, ecart) as written in every output.

    A result without a verdict carries no number it did not compute: no compared quantity
    and no gap, and no threshold when the threshold rests on a failed operand (a zero or
    missing reference, an undeclared chosen target). The writers call this one function.
    """
    verdict = (bloc.statut == Statut.ATTEINT) | (bloc.statut == Statut.NON_ATTEINT)
    cible = c.marquer(bloc.cible_valeur, _CIBLE_SANS_SENS[bloc.raison], c.Absence.MANQUANTE)
    comparee = c.marquer(bloc.evaluee, ~verdict, c.Absence.MANQUANTE)
    return cible, comparee, c.soustraire(comparee, cible)


def flottants(nombres: c.Nombres) -> NDArray[np.object_]:
    """Exact values rounded to 6 decimals for output; None where absent."""
    valeurs = np.round(nombres.flottants(), 6)
    sortie = valeurs.astype(object)
    sortie[~nombres.connus] = None
    return sortie


@dataclass(frozen=True)
class ColonnesResultats:
    """The result rows as one object array per column of `COLONNES` (same length)."""

    colonnes: dict[str, NDArray[np.object_]]

    def __len__(self) -> int:
        return len(self.colonnes["finess"])

    def lignes(self) -> Iterator[dict[str, Any]]:
        """The rows as the documented dicts (progression nested, evidence as lists)."""
        noms = [n for n in CHAMPS if n != "progression" and n in self.colonnes]
        valeurs = [self.colonnes[n] for n in noms]
        absolue, relative, points = (self.colonnes[n] for n in PROGRESSION)
        avec = self.colonnes[_AVEC_PROGRESSION]
        position = CHAMPS.index("progression")
        for i in range(len(self)):
            paires = [(n, v[i]) for n, v in zip(noms, valeurs, strict=True)]
            progression = (
                {"absolue": absolue[i], "relative": relative[i], "points": points[i]}
                if avec[i]
                else None
            )
            paires.insert(position, ("progression", progression))
            yield dict(paires)


_AVEC_PROGRESSION = "_avec_progression"  # internal: a numeric row with a reference


def _repeter(valeurs: Sequence[Any], fois: int) -> NDArray[np.object_]:
    tableau = np.empty(len(valeurs), dtype=object)
    tableau[:] = list(valeurs)
    return np.repeat(tableau, fois)


def _constante(valeur: Any, taille: int) -> NDArray[np.object_]:
    tableau = np.empty(taille, dtype=object)
    tableau.fill(valeur)
    return tableau


def _garder(valeurs: NDArray[np.object_], garder: NDArray[np.bool_]) -> NDArray[np.object_]:
    """`valeurs` where `garder`, None elsewhere."""
    sortie = valeurs.copy()
    sortie[~garder] = None
    return sortie


def _listes(masques: NDArray[np.uint64], liste: Any) -> NDArray[np.object_]:
    """Evidence lists from masks, decoded once per distinct mask."""
    uniques, inverse = np.unique(masques.ravel(), return_inverse=True)
    decodees = np.empty(len(uniques), dtype=object)
    decodees[:] = [liste(int(m)) for m in uniques.tolist()]
    resultat: NDArray[np.object_] = decodees[inverse.ravel()]
    return resultat


def colonnes_bloc(
    resultats: Resultats, bloc: Bloc, explications: bool
) -> dict[str, NDArray[np.object_]]:
    """The columns of one block's rows (FINESS-major, then year)."""
    donnees = resultats.donnees
    etablissements, nombre_annees = bloc.statut.shape
    taille = etablissements * nombre_annees
    valeur = bloc.valeur
    numerique = isinstance(valeur, c.Nombres)
    if isinstance(valeur, c.Booleens):
        valeurs = valeur.valeurs.astype(object)
        valeurs[valeur.absence != 0] = None
    else:
        assert isinstance(valeur, c.Nombres)
        valeurs = flottants(valeur)
    reference = flottants(bloc.reference)
    cible_valeur, comparee, ecart = nombres_publies(bloc)
    avec = np.asarray(bloc.reference.connus, dtype=bool).ravel() & numerique
    if numerique:
        assert isinstance(valeur, c.Nombres)
        absolue = c.soustraire(valeur, bloc.reference)
        relative = c.multiplier(c.diviser(absolue, bloc.reference), c.Nombres.constante(100))
        absolues, relatives = flottants(absolue).ravel(), flottants(relative).ravel()
        points = absolues if bloc.mesure.modele.est_taux else _constante(None, taille)
    else:
        absolues = relatives = points = _constante(None, taille)
    textes = [texte_cible(cible, bloc.mesure.modele.unite) for cible, _ in bloc.cibles]
    cibles = np.empty(len(textes) + 1, dtype=object)
    cibles[:] = [*textes, None]  # index -1: no target
    # Who set the target: the segment's code, a derogation, or the contract version in force.
    origines = np.empty(len(textes) + 1, dtype=object)
    origines[:] = [*(origine for _, origine in bloc.cibles), None]
    segments = [str(s) or None for s in bloc.affectation.segment.tolist()]
    annees = np.empty(nombre_annees, dtype=object)
    annees[:] = list(bloc.annees)
    annee_reference = bloc.annee_reference.astype(object)
    annee_reference[bloc.annee_reference == 0] = None
    colonnes = {
        "finess": np.repeat(donnees.finess.astype(object), nombre_annees),
        "raison_sociale": np.repeat(donnees.raisons_sociales.astype(object), nombre_annees),
        "indicateur": _constante(bloc.fiche.code, taille),
        "mesure": _constante(bloc.mesure.code, taille),
        "annee": np.tile(annees, etablissements),
        "segment": _repeter(segments, nombre_annees),
        "applicable": (~np.isin(bloc.raison, _HORS_CHAMP)).astype(object).ravel(),
        "statut": _STATUTS[bloc.statut].ravel(),
        "raison": _RAISONS[bloc.raison].ravel(),
        "valeur": valeurs.ravel(),
        "valeur_reference": reference.ravel(),
        "annee_reference": annee_reference.ravel(),
        "progression_absolue": _garder(absolues, avec),
        "progression_relative": _garder(relatives, avec),
        "progression_points": _garder(points, avec),
        _AVEC_PROGRESSION: avec.astype(object),
        "cible": cibles[bloc.cible_id.ravel()],
        "origine_cible": origines[bloc.cible_id.ravel()],
        "cible_valeur": flottants(cible_valeur).ravel(),
        "valeur_comparee": flottants(comparee).ravel(),
        "ecart": flottants(ecart).ravel(),
        "preuves_attendues": _listes(bloc.preuves_attendues, bloc.fiche.preuves.liste),
        "preuves_manquantes": _listes(bloc.preuves_manquantes, bloc.fiche.preuves.liste),
    }
    if explications:
        colonnes["explication"] = expliquer_bloc(bloc)
    return colonnes


def colonnes_resultats_bloc(
    resultats: Resultats, bloc: Bloc, explications: bool = True
) -> ColonnesResultats:
    """The rows of one block, as columns."""
    return ColonnesResultats(colonnes_bloc(resultats, bloc, explications))


def colonnes_resultats(resultats: Resultats, explications: bool = True) -> ColonnesResultats:
    """Every result row of `resultats`, as columns."""
    parts = [colonnes_bloc(resultats, bloc, explications) for bloc in resultats.blocs]
    noms = [n for n in (*COLONNES, _AVEC_PROGRESSION) if explications or n != "explication"]
    if not parts:
        return ColonnesResultats({n: np.empty(0, dtype=object) for n in noms})
    return ColonnesResultats({n: np.concatenate([p[n] for p in parts]) for n in noms})
