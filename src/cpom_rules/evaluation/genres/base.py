"""What every target kind (*genre*) provides, the registry, and the helpers they share.

A kind is one class, in one module of this package, that names its spec model (`modele`)
and owns:
- `evaluer`: its columnar evaluation over a set of cells, returning a `Verdict`;
- `detailler`: what it adds to the trace of one result (its comparison as made, how its
  threshold was obtained), from the operands the evaluation recorded (`trace.Cellule`);
- `expliquer`: the words of its comparison, rendered from the `Trace` (fr / en);
- optionally `rediger`: the same words for many cells with a verdict at once, from their
  operands read column-wise (`trace.Lot`), with the same helpers as `expliquer`.
Defining the class registers it. `genres.verifier_registre` checks at import that every
member of the spec's discriminated union has exactly one kind. The precedence inside
`evaluer` is the same for every kind: a missing or invalid value decides first, then a
missing reference, then the comparison.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.contexte import Cellules
from cpom_rules.evaluation.statuts import Raison, Statut, depuis_absence
from cpom_rules.evaluation.trace import Cellule, Detail, Lot, Trace
from cpom_rules.formules import colonnes as c
from cpom_rules.messages import Langue
from cpom_rules.spec.cibles import CibleBase

Entiers8 = NDArray[np.int8]
C = TypeVar("C", bound=CibleBase)


@dataclass
class Verdict:
    """The outcome of a target on n cells, and the operands it used."""

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

    @staticmethod
    def seuil(statut: Entiers8, raison: Entiers8, seuil: c.Nombres, n: int) -> Verdict:
        """A verdict against a threshold that needs no reference."""
        return Verdict(
            statut,
            raison,
            c.etendre(seuil, (n,)),
            c.Nombres.absents((n,)),
            np.zeros(n, dtype=np.int64),
        )


REGISTRE: dict[type[CibleBase], Genre[Any]] = {}


class Genre(Generic[C]):
    """One target kind: its evaluation, its trace and its explanation."""

    modele: ClassVar[type[CibleBase]]

    def __init_subclass__(cls, **options: Any) -> None:
        super().__init_subclass__(**options)
        modele = cls.__dict__.get("modele")
        if modele is not None:
            if modele in REGISTRE:
                raise TypeError(f"deux genres pour {modele.__name__}")
            REGISTRE[modele] = cls()

    def evaluer(self, cible: C, cellules: Cellules) -> Verdict:
        raise NotImplementedError  # pragma: no cover - every kind overrides it

    def detailler(self, cible: C, cellule: Cellule) -> Detail:
        """What this kind adds to the trace of one result (nothing by default)."""
        return Detail()

    def expliquer(self, trace: Trace, langue: Langue) -> str:
        raise NotImplementedError  # pragma: no cover - every kind overrides it

    def rediger(self, cible: C, lot: Lot, langue: Langue) -> list[str] | None:
        """The words `expliquer` gives each cell of `lot`, worded without tracing them one by
        one (reports explain every result), or None: the cells are then traced and
        explained one by one."""
        return None


def genre_de(cible: CibleBase) -> Genre[Any]:
    """The kind that owns `cible`."""
    return REGISTRE[type(cible)]


# --- helpers shared by the kinds -----------------------------------------------------------------
def conclure(test: c.Booleens, n: int) -> tuple[Entiers8, Entiers8]:
    """atteint / non_atteint where the test is known; the absence's status elsewhere."""
    statut, raison = depuis_absence(np.broadcast_to(test.absence, (n,)))
    vrais = np.broadcast_to(test.vrais, (n,))
    faux = np.broadcast_to(test.faux, (n,))
    statut = np.where(
        vrais, np.int8(Statut.ATTEINT), np.where(faux, np.int8(Statut.NON_ATTEINT), statut)
    ).astype(np.int8)
    raison = np.where(vrais | faux, np.int8(Raison.AUCUNE), raison).astype(np.int8)
    return statut, raison


def priorite_valeur(
    statut: Entiers8, raison: Entiers8, valeur: c.Colonne
) -> tuple[Entiers8, Entiers8]:
    """A missing or invalid measure value decides the status before anything else."""
    s_valeur, r_valeur = depuis_absence(valeur.absence)
    absente = valeur.absence != 0
    return np.where(absente, s_valeur, statut).astype(np.int8), np.where(
        absente, r_valeur, raison
    ).astype(np.int8)


def incompatible(cellules: Cellules) -> Verdict:
    """A target whose kind does not fit the measure's type (checked at compile time too)."""
    return Verdict.uniforme(cellules.n, Statut.NON_EVALUABLE, Raison.CIBLE_INCOMPATIBLE)


def operateur_sens(hausse: bool, strict: bool = False) -> str:
    """``≥`` for a measure that should rise, ``≤`` for one that should fall (strict: > / <)."""
    return (">" if strict else ">=") if hausse else ("<" if strict else "<=")


def masque_preuves(cible: CibleBase, cellules: Cellules) -> NDArray[np.uint64]:
    """The evidence a simple target requires, as one mask per cell."""
    masque = cellules.contexte.fiche.preuves.masque(cible.preuves)
    return np.full(cellules.n, masque, dtype=np.uint64)


def imposer(verdict: Verdict, masque: NDArray[np.bool_], statut: Statut, raison: Raison) -> None:
    """Set (statut, raison) on the cells of `masque`, a rule that overrides the comparison."""
    verdict.statut = np.where(masque, np.int8(statut), verdict.statut).astype(np.int8)
    verdict.raison = np.where(masque, np.int8(raison), verdict.raison).astype(np.int8)


def exiger_preuves(verdict: Verdict, cible: CibleBase, cellules: Cellules) -> None:
    """A « oui » (a milestone reached, an answer given) with required evidence missing is not
    validated: `donnees_manquantes` (`preuves_manquantes`)."""
    if not cible.preuves:
        return
    exigees = masque_preuves(cible, cellules)
    sans_preuve = ((exigees & ~cellules.contexte.preuves_fournies(cellules.e, cellules.y)) != 0) & (
        verdict.statut == Statut.ATTEINT
    )
    imposer(verdict, sans_preuve, Statut.DONNEES_MANQUANTES, Raison.PREUVES_MANQUANTES)


def evaluer(cible: CibleBase, cellules: Cellules) -> Verdict:
    """Evaluate `cible` on `cellules` (for the measure the target names, if any)."""
    autre_mesure = cible.mesure is not None and cible.mesure != cellules.mesure
    cellules = cellules.pour(cible.mesure)
    verdict = genre_de(cible).evaluer(cible, cellules)
    if verdict.preuves is None:
        verdict.preuves = masque_preuves(cible, cellules)
    if autre_mesure and verdict.evaluee is None:
        # The row is another measure's: what was compared is this target's measure value.
        valeur = cellules.valeur()
        if isinstance(valeur, c.Nombres):
            verdict.evaluee = valeur
    if not cible.sous_cibles() and isinstance(verdict.cible_valeur, c.Nombres):
        connus = verdict.cible_valeur.connus
        if connus.any():
            grille = cellules.contexte.cibles_calculees[cellules.mesure]
            e = cellules.e[connus]
            grille.num[e, cellules.y] = verdict.cible_valeur.num[connus]
            grille.den[e, cellules.y] = verdict.cible_valeur.den[connus]
            grille.absence[e, cellules.y] = 0
    return verdict
