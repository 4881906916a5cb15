"""Read back the operands the evaluation recorded for one result, into its `Trace`.

The block (`moteur.Bloc`) holds per cell the value, the compared quantity, the threshold,
the reference and its year, the evidence masks and each composite branch's verdict; the
target's kind (`genres`) turns them into its `Detail`. Nothing is evaluated again here.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from functools import cached_property
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.compilation.regles import MesureCompilee
from cpom_rules.evaluation.format import nombre_fr, oui_non
from cpom_rules.evaluation.genres import genre_de
from cpom_rules.evaluation.moteur import Bloc
from cpom_rules.evaluation.statuts import TEXTE_RAISON, TEXTE_STATUT, Raison, Statut
from cpom_rules.evaluation.trace import (
    Cellule,
    Detail,
    Lot,
    Mesuree,
    Mesurees,
    Operande,
    Preuves,
    Trace,
    Variable,
)
from cpom_rules.formules import colonnes as c
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.description import texte_cible

# Status and reason codes to their enum and words, without an enum call per cell.
_STATUTS = {int(s): s for s in Statut}
_RAISONS = {int(r): r for r in Raison}


def _en(tableau: NDArray[Any], e: NDArray[np.int64], y: NDArray[np.int64]) -> list[Any]:
    """``tableau[e, y]`` as a Python list, for a grid that may be broadcast (a constant)."""
    if tableau.ndim == 2:  # every grid of a block or a dataset: no broadcast to prepare
        valeurs_2d: list[Any] = tableau[e, y].tolist()
        return valeurs_2d
    grille = tableau.reshape((1,) * (2 - tableau.ndim) + tableau.shape)
    forme = (max(grille.shape[0], int(e.max()) + 1), max(grille.shape[1], int(y.max()) + 1))
    valeurs: list[Any] = np.broadcast_to(grille, forme)[e, y].tolist()
    return valeurs


def _fractions(
    colonne: c.Nombres, e: NDArray[np.int64], y: NDArray[np.int64]
) -> list[Fraction | None]:
    # Cells share few distinct operands (a threshold, a reference): each is built once.
    construites: dict[tuple[int, int], Fraction] = {}
    fractions: list[Fraction | None] = []
    for absence, num, den in zip(
        _en(colonne.absence, e, y), _en(colonne.num, e, y), _en(colonne.den, e, y), strict=True
    ):
        if absence:
            fractions.append(None)
            continue
        fraction = construites.get((num, den))
        if fraction is None:
            # A whole number needs no gcd.
            fraction = construites[num, den] = Fraction(num) if den == 1 else Fraction(num, den)
        fractions.append(fraction)
    return fractions


def _operandes(
    colonne: c.Colonne, e: NDArray[np.int64], y: NDArray[np.int64]
) -> Sequence[Operande]:
    if isinstance(colonne, c.Nombres):
        return _fractions(colonne, e, y)
    if isinstance(colonne, c.Booleens):
        return [
            None if absence else bool(valeur)
            for absence, valeur in zip(
                _en(colonne.absence, e, y), _en(colonne.valeurs, e, y), strict=True
            )
        ]
    return [None] * len(e)  # pragma: no cover - measures are numbers or yes/no


class Lecture:
    """What a trace reads of some cells of a block, gathered at once as Python lists.

    A report explains every distinct cell of a block: one vectorised gather per array and a
    list index per cell are far cheaper than reading numpy scalars cell by cell. Each array
    is gathered on first use; cell `k` of the lecture is (``e[k]``, ``a[k]``)."""

    def __init__(self, bloc: Bloc, cellules: NDArray[np.int64]) -> None:
        """`cellules`: flat indices into the block's (établissements × années) grid."""
        self.bloc = bloc
        self._e, self._a = np.divmod(np.asarray(cellules, dtype=np.int64), bloc.statut.shape[1])
        self.e: list[int] = self._e.tolist()
        self.a: list[int] = self._a.tolist()
        self._mesures: dict[str, Sequence[Operande]] = {}

    def _grille(self, tableau: NDArray[Any]) -> list[Any]:
        return _en(tableau, self._e, self._a)

    @cached_property
    def statut(self) -> list[int]:
        return self._grille(self.bloc.statut)

    @cached_property
    def raison(self) -> list[int]:
        return self._grille(self.bloc.raison)

    @cached_property
    def cible_id(self) -> list[int]:
        return self._grille(self.bloc.cible_id)

    @cached_property
    def annee_reference(self) -> list[int]:
        return self._grille(self.bloc.annee_reference)

    @cached_property
    def segment(self) -> list[str]:
        return [str(s) for s in self.bloc.affectation.segment[self._e].tolist()]

    @cached_property
    def finess(self) -> list[str]:
        return [str(f) for f in self.bloc.contexte.donnees.finess[self._e].tolist()]

    @cached_property
    def raison_sociale(self) -> list[str]:
        return [str(r) for r in self.bloc.contexte.donnees.raisons_sociales[self._e].tolist()]

    @cached_property
    def valeur(self) -> Sequence[Operande]:
        return _operandes(self.bloc.valeur, self._e, self._a)

    @cached_property
    def evaluee(self) -> list[Fraction | None]:
        return _fractions(self.bloc.evaluee, self._e, self._a)

    @cached_property
    def cible_valeur(self) -> list[Fraction | None]:
        return _fractions(self.bloc.cible_valeur, self._e, self._a)

    @cached_property
    def reference(self) -> list[Fraction | None]:
        return _fractions(self.bloc.reference, self._e, self._a)

    def mesure(self, code: str) -> Sequence[Operande]:
        """A measure of the fiche in each cell (its grid spans the dataset's years)."""
        valeurs = self._mesures.get(code)
        if valeurs is None:
            colonne = self.bloc.contexte.valeurs[code]
            y = self.bloc.colonnes[self._a]
            valeurs = self._mesures[code] = _operandes(colonne, self._e, y)
        return valeurs


def _mesure_comparee(bloc: Bloc, cible: CibleBase) -> tuple[str, MesureCompilee]:
    """The measure a target reads: the one it names, or the row's."""
    code = cible.mesure or bloc.mesure.code
    return code, bloc.fiche.mesures[code]


def _arrondi(compilee: MesureCompilee) -> str | None:
    arrondi = compilee.modele.arrondi
    return f"{arrondi.decimales}:{arrondi.mode}" if arrondi else None


def _cellule(cible: CibleBase, lecture: Lecture, k: int) -> Cellule:
    """The recorded operands of the lecture's cell `k` as the kinds read them."""
    bloc = lecture.bloc

    def lire(code: str) -> Mesuree:
        modele = bloc.fiche.mesures[code].modele
        return Mesuree(code, modele.libelle, modele.unite, lecture.mesure(code)[k])

    code, compilee = _mesure_comparee(bloc, cible)
    return Cellule(
        cible_mesure=lire(code),
        autre_mesure=code != bloc.mesure.code,
        annee=bloc.annees[lecture.a[k]],
        debut_periode=bloc.fiche.periode.debut,
        hausse=compilee.modele.sens == "hausse",
        statut=_STATUTS[lecture.statut[k]],
        evaluee=lecture.evaluee[k],
        cible_valeur=lecture.cible_valeur[k],
        reference=lecture.reference[k],
        annee_reference=lecture.annee_reference[k] or None,
        arrondi=_arrondi(compilee),
        lire=lire,
        branches=_branches(lecture, k),
    )


def _branches(lecture: Lecture, k: int) -> tuple[tuple[str, str | None], ...]:
    """The (statut, raison) of each condition of a composite target in cell `k`."""
    bloc = lecture.bloc
    enregistre = bloc.branches.get((lecture.cible_id[k], bloc.annees[lecture.a[k]]))
    if enregistre is None:
        return ()
    etablissements, verdicts = enregistre
    i = int(np.searchsorted(etablissements, lecture.e[k]))
    return tuple((TEXTE_STATUT[int(v.statut[i])], TEXTE_RAISON[int(v.raison[i])]) for v in verdicts)


_ISSUES = {int(Statut.ATTEINT): True, int(Statut.NON_ATTEINT): False}


def lot(lecture: Lecture, cellules: Sequence[int], cible: CibleBase) -> Lot:
    """The lecture's cells `cellules` (indices into it), all of target `cible`, read
    column-wise: the operands `_cellule` would give each."""
    bloc = lecture.bloc
    code, compilee = _mesure_comparee(bloc, cible)
    valeurs = lecture.mesure(code)
    cibles_valeur, references = lecture.cible_valeur, lecture.reference
    annees, statuts = lecture.annee_reference, lecture.statut

    def lire(mesure: str) -> Mesurees:
        modele = bloc.fiche.mesures[mesure].modele
        lues = lecture.mesure(mesure)
        return Mesurees(mesure, modele.libelle, modele.unite, [lues[k] for k in cellules])

    composite = bool(cible.sous_cibles())
    return Lot(
        libelle=compilee.modele.libelle,
        unite=bloc.mesure.modele.unite,
        autre_mesure=code != bloc.mesure.code,
        hausse=compilee.modele.sens == "hausse",
        arrondi=_arrondi(compilee),
        valeurs=[valeurs[k] for k in cellules],
        cibles_valeur=[cibles_valeur[k] for k in cellules],
        references=[references[k] for k in cellules],
        annees_reference=[annees[k] or None for k in cellules],
        issues=[_ISSUES.get(statuts[k]) for k in cellules],
        code=code,
        lire=lire,
        branches=[_branches(lecture, k) for k in cellules] if composite else [],
    )


def _variables(bloc: Bloc, e: int, a: int) -> tuple[Variable, ...]:
    donnees = bloc.contexte.donnees
    y = int(bloc.colonnes[a])
    variables = []
    for nom, variable in bloc.fiche.fiche.variables.items():
        grille = donnees.variables[(bloc.fiche.code, nom)]
        colonne = grille.colonne
        if colonne.absence[e, y] != 0:
            lu = "—"
        elif isinstance(colonne, c.Nombres):
            unite = "%" if variable.type == "taux" else None
            lu = nombre_fr(colonne.fraction((e, y)), unite=unite)
        elif isinstance(colonne, c.Booleens):
            lu = oui_non(bool(colonne.valeurs[e, y]))
        elif isinstance(colonne, c.Dates):
            lu = str(np.datetime64(int(colonne.jours[e, y]), "D"))
        else:
            lu = str(colonne.valeurs[e, y])
        ligne = int(grille.lignes[e, y])
        cellule = (
            donnees.emplacements[ligne - 1] if 1 <= ligne <= len(donnees.emplacements) else None
        )
        variables.append(Variable(nom, variable.libelle, lu, ligne or None, cellule))
    return tuple(variables)


def variables_manquantes(bloc: Bloc, e: int, a: int) -> tuple[str, ...]:
    """The fiche variables the measure's formula reads that are missing in this cell."""
    compilee = bloc.mesure
    noms: set[str] = set()
    for expression in (compilee.expression, compilee.numerateur, compilee.denominateur):
        if expression is not None:
            noms |= {n for n in expression.noms if n in bloc.fiche.fiche.variables}
    y = int(bloc.colonnes[a])
    donnees = bloc.contexte.donnees
    return tuple(
        sorted(
            n for n in noms if donnees.variables[(bloc.fiche.code, n)].colonne.absence[e, y] != 0
        )
    )


def detail_raison(bloc: Bloc, e: int, a: int, raison: Raison) -> tuple[str, ...]:
    """The specifics of a reason: missing variables, evidence, the undetermined attribute…"""
    if raison is Raison.SEGMENT_INDETERMINE:
        motif = str(bloc.affectation.motif[e])
        return (motif,) if motif else ()
    if raison is Raison.VALEUR_MANQUANTE:
        return variables_manquantes(bloc, e, a)
    if raison is Raison.PREUVES_MANQUANTES:
        return tuple(bloc.fiche.preuves.liste(int(bloc.preuves_manquantes[e, a])))
    if raison is Raison.SANS_OBJET:
        derogation = bloc.mesure.derogations.get(str(bloc.contexte.donnees.finess[e]))
        return (derogation.motif,) if derogation else ()
    if raison is Raison.REFERENCE_ABSENTE:
        annee = int(bloc.annee_reference[e, a])
        return (str(annee),) if annee else ()
    return ()


def _origine(bloc: Bloc, ident: int, affecte: str) -> tuple[str | None, str | None]:
    """Who set the target (None: no target) and its label (None: no segment could be
    determined, worded by the explanation in its language)."""
    code = bloc.cibles[ident][1] if ident >= 0 else affecte
    segment = bloc.fiche.segments.get(code)
    libelle = segment.libelle if segment else (code if ident >= 0 else None)
    return (code if ident >= 0 else None), libelle


def tracer(bloc: Bloc, e: int, a: int, complete: bool = True) -> Trace:
    """The trace of the result of establishment `e`, evaluated year `a`, of `bloc`.

    Without `complete` (for an explanation only), the variables read and the evidence lists
    are left empty: the sentence does not need them and a report explains every result."""
    cellule = np.array([e * bloc.statut.shape[1] + a], dtype=np.int64)
    return tracer_lecture(Lecture(bloc, cellule), 0, complete)


def tracer_lecture(lecture: Lecture, k: int, complete: bool = True) -> Trace:
    """The trace of the lecture's cell `k` (`tracer`, for many cells of one block)."""
    bloc = lecture.bloc
    e, a = lecture.e[k], lecture.a[k]
    donnees = bloc.contexte.donnees
    raison = _RAISONS[lecture.raison[k]]
    ident = lecture.cible_id[k]
    cible = bloc.cibles[ident][0] if ident >= 0 else None
    unite = bloc.mesure.modele.unite
    segment = lecture.segment[k]
    origine, libelle_origine = _origine(bloc, ident, segment)
    detail = Detail()
    if cible is not None:
        detail = genre_de(cible).detailler(cible, _cellule(cible, lecture, k))
    preuves = Preuves((), (), ())
    if complete:
        liste = bloc.fiche.preuves.liste
        fournies_grille = donnees.preuves.get(bloc.fiche.code)
        fournies = (
            int(fournies_grille[e, int(bloc.colonnes[a])]) if fournies_grille is not None else 0
        )
        preuves = Preuves(
            tuple(liste(int(bloc.preuves_attendues[e, a]))),
            tuple(liste(fournies)),
            tuple(liste(int(bloc.preuves_manquantes[e, a]))),
        )
    finess = lecture.finess[k]
    return Trace(
        finess=finess,
        raison_sociale=lecture.raison_sociale[k],
        indicateur=bloc.fiche.code,
        mesure=bloc.mesure.code,
        libelle_mesure=bloc.mesure.modele.libelle,
        plusieurs_mesures=len(bloc.fiche.mesures_evaluees) > 1,
        annee=bloc.annees[a],
        segment=segment or None,
        origine_cible=origine,
        libelle_origine=libelle_origine,
        genre=cible.genre if cible else None,
        cible=texte_cible(cible, unite) if cible else None,
        unite=unite,
        valeur=lecture.valeur[k],
        statut=TEXTE_STATUT[lecture.statut[k]],
        raison=TEXTE_RAISON[raison],
        detail_raison=detail_raison(bloc, e, a, raison),
        preuves=preuves,
        variables=_variables(bloc, e, a) if complete else (),
        commentaire=donnees.commentaires.get((finess, bloc.fiche.code, bloc.annees[a])),
        **vars(detail),
    )
