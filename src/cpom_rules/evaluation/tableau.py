"""The result rows as columns, built straight from the evaluation's arrays (no per-row dict).

`colonnes_resultats` gives one array per output field (`COLONNES`, the JSON fields with the
progression split in three), rows in the order of `Resultats.lignes` (block, FINESS, year).
Every output (records, DataFrame, CSV, JSON) is built from it; explanations are the only
per-row work, and are built only when the output shows them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol, TypeVar

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.explications import phrases_du_bloc
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.spec.description import texte_cible

if TYPE_CHECKING:
    from cpom_rules.donnees.jeu import Donnees
    from cpom_rules.evaluation.moteur import Bloc


class Evaluation(Protocol):
    """What the columns read of an evaluation (a `resultats.Resultats`, which builds its rows
    here): its dataset and its blocks."""

    donnees: Donnees
    blocs: list[Bloc]


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
        avec = self.colonnes[AVEC_PROGRESSION]
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


AVEC_PROGRESSION = "_avec_progression"  # internal: a numeric row with a reference

T = TypeVar("T")


@dataclass(frozen=True)
class Colonne:
    """One result column as a table of values and, per row, an index into it.

    A national campaign repeats a few thousand texts and numbers over 465,000 rows: the
    writers format each value of the table once and pick the rows' texts by index
    (`dense` gives the row values themselves)."""

    valeurs: NDArray[np.object_]
    indices: NDArray[np.integer[Any]]

    def dense(self) -> NDArray[np.object_]:
        """The value of every row."""
        resultat: NDArray[np.object_] = self.valeurs[self.indices]
        return resultat

    def formater(self, formater: Callable[[list[Any]], list[T]]) -> list[T]:
        """The row texts, `formater` being given the table's values once (not one per row)."""
        textes = _table(formater(self.valeurs.tolist()))
        resultat: list[T] = textes[self.indices].tolist()
        return resultat


def _table(valeurs: Sequence[Any]) -> NDArray[np.object_]:
    tableau = np.empty(len(valeurs), dtype=object)
    tableau[:] = list(valeurs)
    return tableau


def _constante(valeur: Any, taille: int) -> Colonne:
    return Colonne(_table([valeur]), np.zeros(taille, dtype=np.intp))


def _drapeaux(drapeaux: NDArray[np.bool_]) -> Colonne:
    return Colonne(_table([False, True]), drapeaux.astype(np.intp).ravel())


def _nombres(nombres: c.Nombres, forme: tuple[int, int], garder: Any = True) -> Colonne:
    """Exact values rounded to 6 decimals for output (None where absent or not kept), one
    table entry per distinct float: distinct by bits, so that -0.0 stays -0.0."""
    flottants_ = np.broadcast_to(np.round(nombres.flottants(), 6), forme).ravel()
    gardes = np.broadcast_to(nombres.connus, forme).ravel() & garder
    uniques, inverse = np.unique(flottants_[gardes].view(np.int64), return_inverse=True)
    indices = np.full(len(flottants_), len(uniques), dtype=np.intp)
    indices[gardes] = inverse.ravel()
    return Colonne(_table([*uniques.view(np.float64).tolist(), None]), indices)


def _listes(masques: NDArray[np.uint64], liste: Any) -> Colonne:
    """Evidence lists from masks, decoded once per distinct mask."""
    uniques, inverse = np.unique(masques.ravel(), return_inverse=True)
    return Colonne(_table([liste(int(m)) for m in uniques.tolist()]), inverse.ravel())


def _valeurs(bloc: Bloc, forme: tuple[int, int]) -> Colonne:
    valeur = bloc.valeur
    if isinstance(valeur, c.Booleens):
        vrais = np.broadcast_to(valeur.valeurs, forme).astype(np.intp)
        absents = np.broadcast_to(valeur.absence != 0, forme)
        return Colonne(_table([False, True, None]), np.where(absents, 2, vrais).ravel())
    assert isinstance(valeur, c.Nombres)
    return _nombres(valeur, forme)


def colonnes_indexees_bloc(
    resultats: Evaluation, bloc: Bloc, explications: bool, langue: Langue = "fr"
) -> dict[str, Colonne]:
    """The columns of one block's rows (FINESS-major, then year), as `Colonne`s; the
    explanations in `langue`."""
    donnees = resultats.donnees
    forme = bloc.statut.shape
    etablissements, nombre_annees = forme
    taille = etablissements * nombre_annees
    par_etablissement = np.repeat(np.arange(etablissements), nombre_annees)
    valeur = bloc.valeur
    numerique = isinstance(valeur, c.Nombres)
    cible_valeur, comparee, ecart = nombres_publies(bloc)
    avec = np.broadcast_to(bloc.reference.connus, forme).ravel() & numerique
    if numerique:
        assert isinstance(valeur, c.Nombres)
        absolue = c.soustraire(valeur, bloc.reference)
        relative = c.multiplier(c.diviser(absolue, bloc.reference), c.Nombres.constante(100))
        absolues = _nombres(absolue, forme, avec)
        relatives = _nombres(relative, forme, avec)
        points = absolues if bloc.mesure.modele.est_taux else _constante(None, taille)
    else:
        absolues = relatives = points = _constante(None, taille)
    textes = [texte_cible(cible, bloc.mesure.modele.unite) for cible, _ in bloc.cibles]
    cible_id = bloc.cible_id.ravel()  # -1 (no target): the last entry, None
    segments = [str(s) or None for s in bloc.affectation.segment.tolist()]
    annees_reference, indices_reference = np.unique(bloc.annee_reference, return_inverse=True)
    colonnes = {
        "finess": Colonne(donnees.finess.astype(object), par_etablissement),
        "raison_sociale": Colonne(donnees.raisons_sociales.astype(object), par_etablissement),
        "indicateur": _constante(bloc.fiche.code, taille),
        "mesure": _constante(bloc.mesure.code, taille),
        "annee": Colonne(_table(bloc.annees), np.tile(np.arange(nombre_annees), etablissements)),
        "segment": Colonne(_table(segments), par_etablissement),
        "applicable": _drapeaux(~np.isin(bloc.raison, _HORS_CHAMP)),
        "statut": Colonne(_STATUTS, bloc.statut.ravel()),
        "raison": Colonne(_RAISONS, bloc.raison.ravel()),
        "valeur": _valeurs(bloc, forme),
        "valeur_reference": _nombres(bloc.reference, forme),
        "annee_reference": Colonne(
            _table([a or None for a in annees_reference.tolist()]), indices_reference.ravel()
        ),
        "progression_absolue": absolues,
        "progression_relative": relatives,
        "progression_points": points,
        AVEC_PROGRESSION: _drapeaux(avec),
        "cible": Colonne(_table([*textes, None]), cible_id),
        # Who set the target: the segment's code, a derogation, or the contract version in force.
        "origine_cible": Colonne(_table([*(o for _, o in bloc.cibles), None]), cible_id),
        "cible_valeur": _nombres(cible_valeur, forme),
        "valeur_comparee": _nombres(comparee, forme),
        "ecart": _nombres(ecart, forme),
        "preuves_attendues": _listes(bloc.preuves_attendues, bloc.fiche.preuves.liste),
        "preuves_manquantes": _listes(bloc.preuves_manquantes, bloc.fiche.preuves.liste),
    }
    if explications:
        colonnes["explication"] = Colonne(*phrases_du_bloc(bloc, langue))
    return colonnes


def colonnes_bloc(
    resultats: Evaluation, bloc: Bloc, explications: bool, langue: Langue = "fr"
) -> dict[str, NDArray[np.object_]]:
    """The columns of one block's rows (FINESS-major, then year)."""
    colonnes = colonnes_indexees_bloc(resultats, bloc, explications, langue)
    return {nom: colonne.dense() for nom, colonne in colonnes.items()}


def colonnes_resultats_bloc(
    resultats: Evaluation, bloc: Bloc, explications: bool = True, langue: Langue = "fr"
) -> ColonnesResultats:
    """The rows of one block, as columns."""
    return ColonnesResultats(colonnes_bloc(resultats, bloc, explications, langue))


def colonnes_resultats(
    resultats: Evaluation, explications: bool = True, langue: Langue = "fr"
) -> ColonnesResultats:
    """Every result row of `resultats`, as columns."""
    parts = [colonnes_bloc(resultats, bloc, explications, langue) for bloc in resultats.blocs]
    noms = [n for n in (*COLONNES, AVEC_PROGRESSION) if explications or n != "explication"]
    if not parts:
        return ColonnesResultats({n: np.empty(0, dtype=object) for n in noms})
    return ColonnesResultats({n: np.concatenate([p[n] for p in parts]) for n in noms})
