"""Columns of values with exact arithmetic and an explicit reason for every missing cell.

Numbers are exact rationals stored as two int64 arrays (numerator, positive denominator), so
``57 / 100 × 100`` *is* 57 and ``100 → 110`` *is* +10 %: comparisons at a threshold never
depend on float rounding. Every product is also computed in float64; a cell whose magnitude
would leave the exact int64 range is marked `Absence.DEPASSEMENT` instead of wrapping.

Each column carries, per cell, why the value is absent (`Absence`); combining two cells
keeps the most serious reason. Booleans follow Kleene's three-valued logic, so
``False and inconnu`` is ``False``. Shapes broadcast like numpy's: a variable is
(établissements × années), an attribute (établissements × 1), a constant 0-d.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import IntEnum
from fractions import Fraction
from typing import Any, overload

import numpy as np
from numpy.typing import NDArray

Entiers = NDArray[np.int64]
Drapeaux = NDArray[np.bool_]
Absences = NDArray[np.uint8]

_LIMITE = float(2**62)


class Absence(IntEnum):
    """Why a cell has no value; when two cells combine, the larger code wins."""

    AUCUNE = 0
    DEPASSEMENT = 1
    DENOMINATEUR_NUL = 2
    INVALIDE = 3
    MANQUANTE = 4


@dataclass(frozen=True, slots=True, eq=False)
class Nombres:
    """Exact rationals ``num / den`` (``den > 0``); cells with an absence hold ``0 / 1``."""

    num: Entiers
    den: Entiers
    absence: Absences

    @staticmethod
    def constante(valeur: Decimal | Fraction | int) -> Nombres:
        """A 0-d column holding one exact value."""
        fraction = Fraction(valeur)
        return Nombres(
            np.array(fraction.numerator, dtype=np.int64),
            np.array(fraction.denominator, dtype=np.int64),
            np.array(Absence.AUCUNE, dtype=np.uint8),
        )

    @staticmethod
    def absents(forme: tuple[int, ...], absence: Absence = Absence.MANQUANTE) -> Nombres:
        """A column of the given shape where every cell is absent for `absence`."""
        return Nombres(
            np.zeros(forme, dtype=np.int64),
            np.ones(forme, dtype=np.int64),
            np.full(forme, absence, dtype=np.uint8),
        )

    @property
    def connus(self) -> Drapeaux:
        """True where the cell has a value."""
        return np.asarray(self.absence == Absence.AUCUNE, dtype=bool)

    def flottants(self) -> NDArray[np.float64]:
        """Approximate values for display and statistics; NaN where absent."""
        with np.errstate(invalid="ignore", divide="ignore"):
            valeurs = self.num / self.den
        return np.where(self.connus, valeurs, np.nan)

    def fraction(self, index: Any) -> Fraction | None:
        """The exact value of one cell, or None when it is absent."""
        if self.absence[index] != Absence.AUCUNE:
            return None
        return Fraction(int(self.num[index]), int(self.den[index]))

    def prendre(self, index: Any) -> Nombres:
        """The cells at `index` (numpy indexing)."""
        return Nombres(self.num[index], self.den[index], self.absence[index])


@dataclass(frozen=True, slots=True, eq=False)
class Booleens:
    """Three-valued booleans: a value where `absence` is 0, unknown elsewhere."""

    valeurs: Drapeaux
    absence: Absences

    @staticmethod
    def constante(valeur: bool) -> Booleens:
        return Booleens(np.array(valeur), np.array(Absence.AUCUNE, dtype=np.uint8))

    @property
    def connus(self) -> Drapeaux:
        return np.asarray(self.absence == Absence.AUCUNE, dtype=bool)

    @property
    def vrais(self) -> Drapeaux:
        """True where the cell is known and true."""
        return np.asarray(self.valeurs & self.connus, dtype=bool)

    @property
    def faux(self) -> Drapeaux:
        """True where the cell is known and false."""
        return np.asarray(~self.valeurs & self.connus, dtype=bool)


@dataclass(frozen=True, slots=True, eq=False)
class Textes:
    """Texts (object array); absent cells hold the empty string."""

    valeurs: NDArray[np.object_]
    absence: Absences

    @staticmethod
    def constante(valeur: str) -> Textes:
        return Textes(np.array(valeur, dtype=object), np.array(Absence.AUCUNE, dtype=np.uint8))


@dataclass(frozen=True, slots=True, eq=False)
class Dates:
    """Dates as days since 1970-01-01."""

    jours: Entiers
    absence: Absences


@dataclass(frozen=True, slots=True, eq=False)
class Listes:
    """Sets of codes (an establishment's authorised activities…)."""

    valeurs: NDArray[np.object_]
    absence: Absences


Colonne = Nombres | Booleens | Textes | Dates | Listes


def combiner(*absences: Absences) -> Absences:
    """The most serious absence of each cell."""
    resultat = absences[0]
    for autre in absences[1:]:
        resultat = np.maximum(resultat, autre)
    return resultat


def _produit(a: Entiers, b: Entiers) -> tuple[Entiers, Drapeaux]:
    with np.errstate(over="ignore"):
        exact = np.multiply(a, b)
    approche = np.multiply(a, b, dtype=np.float64)
    return exact, np.abs(approche) >= _LIMITE


def _normaliser(num: Entiers, den: Entiers, absence: Absences, debordement: Drapeaux) -> Nombres:
    absence = np.where(
        debordement & (absence == Absence.AUCUNE), np.uint8(Absence.DEPASSEMENT), absence
    )
    connus = absence == Absence.AUCUNE
    num = np.where(connus, num, 0)
    den = np.where(connus, den, 1)
    # gcd is the dearest step: only the cells whose denominator is not 1 can simplify.
    fractionnaires = den != 1
    if fractionnaires.any():
        pgcd = np.gcd(num, den)
        pgcd = np.where(pgcd == 0, 1, pgcd)
        num, den = num // pgcd, den // pgcd
    return Nombres(num, den, absence.astype(np.uint8))


def additionner(a: Nombres, b: Nombres) -> Nombres:
    gauche, d1 = _produit(a.num, b.den)
    droite, d2 = _produit(b.num, a.den)
    den, d3 = _produit(a.den, b.den)
    somme_approchee = np.abs(gauche.astype(np.float64) + droite.astype(np.float64)) >= _LIMITE
    with np.errstate(over="ignore"):
        num = gauche + droite
    return _normaliser(num, den, combiner(a.absence, b.absence), d1 | d2 | d3 | somme_approchee)


def opposer(a: Nombres) -> Nombres:
    return Nombres(-a.num, a.den, a.absence)


def soustraire(a: Nombres, b: Nombres) -> Nombres:
    return additionner(a, opposer(b))


def multiplier(a: Nombres, b: Nombres) -> Nombres:
    # Cross-simplify first so that typical products stay far from the int64 range.
    a_num, b_num, a_den, b_den = a.num, b.num, a.den, b.den
    if (b_den != 1).any():  # gcd(x, 1) = 1: nothing to cross-simplify with a whole number
        g1 = np.gcd(a_num, b_den)
        g1 = np.where(g1 == 0, 1, g1)
        a_num, b_den = a_num // g1, b_den // g1
    if (a_den != 1).any():
        g2 = np.gcd(b_num, a_den)
        g2 = np.where(g2 == 0, 1, g2)
        b_num, a_den = b_num // g2, a_den // g2
    num, d1 = _produit(a_num, b_num)
    den, d2 = _produit(a_den, b_den)
    return _normaliser(num, den, combiner(a.absence, b.absence), d1 | d2)


def diviser(a: Nombres, b: Nombres) -> Nombres:
    """``a / b``; a known zero divisor gives `Absence.DENOMINATEUR_NUL`, never inf or NaN."""
    zero = (b.num == 0) & (b.absence == Absence.AUCUNE)
    signe = np.where(b.num < 0, -1, 1).astype(np.int64)
    inverse = Nombres(b.den * signe, np.where(zero, 1, np.abs(b.num)), b.absence)
    quotient = multiplier(a, inverse)
    absence = combiner(
        quotient.absence, np.where(zero, np.uint8(Absence.DENOMINATEUR_NUL), np.uint8(0))
    )
    return _normaliser(quotient.num, quotient.den, absence, np.zeros(absence.shape, dtype=bool))


def valeur_absolue(a: Nombres) -> Nombres:
    return Nombres(np.abs(a.num), a.den, a.absence)


def signe_difference(a: Nombres, b: Nombres) -> tuple[NDArray[np.int8], Absences]:
    """The sign of ``a - b`` computed exactly, and the absence of each cell."""
    gauche, d1 = _produit(a.num, b.den)
    droite, d2 = _produit(b.num, a.den)
    signe = np.sign(gauche - droite).astype(np.int8)
    absence = combiner(a.absence, b.absence)
    absence = np.where(
        (d1 | d2) & (absence == Absence.AUCUNE), np.uint8(Absence.DEPASSEMENT), absence
    )
    return signe, absence.astype(np.uint8)


def comparer(a: Colonne, b: Colonne, operateur: str) -> Booleens:
    """``a <op> b`` for op in ``== != < <= > >=``, exact for numbers."""
    if isinstance(a, Nombres) and isinstance(b, Nombres):
        signe, absence = signe_difference(a, b)
        resultat = {
            "==": signe == 0,
            "!=": signe != 0,
            "<": signe < 0,
            "<=": signe <= 0,
            ">": signe > 0,
            ">=": signe >= 0,
        }[operateur]
        return Booleens(resultat & (absence == 0), absence)
    if isinstance(a, Dates) and isinstance(b, Dates):
        gauche, droite = a.jours, b.jours
    elif (isinstance(a, Textes) and isinstance(b, Textes)) or (
        isinstance(a, Booleens) and isinstance(b, Booleens)
    ):
        gauche, droite = a.valeurs, b.valeurs  # type: ignore[assignment]
    else:
        raise TypeError(f"comparaison impossible entre {type(a).__name__} et {type(b).__name__}")
    resultat = {
        "==": np.equal,
        "!=": np.not_equal,
        "<": np.less,
        "<=": np.less_equal,
        ">": np.greater,
        ">=": np.greater_equal,
    }[operateur](gauche, droite)
    absence = combiner(a.absence, b.absence)
    return Booleens(np.asarray(resultat, dtype=bool) & (absence == 0), absence)


def et(*termes: Booleens) -> Booleens:
    """Kleene conjunction: false as soon as one term is known false."""
    un_faux = np.zeros((), dtype=bool)
    tous_vrais = np.ones((), dtype=bool)
    absence = np.zeros((), dtype=np.uint8)
    for terme in termes:
        un_faux = un_faux | terme.faux
        tous_vrais = tous_vrais & terme.vrais
        absence = np.maximum(absence, terme.absence)
    absence = np.where(un_faux | tous_vrais, np.uint8(0), absence).astype(np.uint8)
    return Booleens(np.asarray(tous_vrais & ~un_faux), absence)


def ou(*termes: Booleens) -> Booleens:
    """Kleene disjunction: true as soon as one term is known true."""
    un_vrai = np.zeros((), dtype=bool)
    tous_faux = np.ones((), dtype=bool)
    absence = np.zeros((), dtype=np.uint8)
    for terme in termes:
        un_vrai = un_vrai | terme.vrais
        tous_faux = tous_faux & terme.faux
        absence = np.maximum(absence, terme.absence)
    absence = np.where(un_vrai | tous_faux, np.uint8(0), absence).astype(np.uint8)
    return Booleens(np.asarray(un_vrai), absence)


def non(a: Booleens) -> Booleens:
    return Booleens(~a.valeurs & a.connus, a.absence)


def appartient(element: Colonne, ensemble: Colonne | tuple[object, ...]) -> Booleens:
    """``element in ensemble``: a tuple of constants, or a list column."""
    if isinstance(ensemble, tuple):
        if isinstance(element, Nombres):
            termes = [comparer(element, Nombres.constante(Decimal(str(v))), "==") for v in ensemble]
            return ou(*termes)
        if isinstance(element, Textes):
            admis = frozenset(ensemble)
            trouve = np.asarray(
                np.frompyfunc(admis.__contains__, 1, 1)(element.valeurs), dtype=bool
            )
            return Booleens(np.asarray(trouve) & (element.absence == 0), element.absence)
    if isinstance(ensemble, Listes) and isinstance(element, Textes):
        trouve = np.frompyfunc(lambda x, s: x in s, 2, 1)(element.valeurs, ensemble.valeurs).astype(
            bool
        )
        absence = combiner(element.absence, ensemble.absence)
        return Booleens(np.asarray(trouve) & (absence == 0), absence)
    raise TypeError(
        f"« in » impossible entre {type(element).__name__} et {type(ensemble).__name__}"
    )


def extremum(valeurs: Sequence[Nombres], plus_grand: bool) -> Nombres:
    """``min`` or ``max`` of several columns (absent if any is absent)."""
    resultat = valeurs[0]
    for autre in valeurs[1:]:
        signe, absence = signe_difference(autre, resultat)
        prendre = signe > 0 if plus_grand else signe < 0
        resultat = Nombres(
            np.where(prendre, autre.num, resultat.num),
            np.where(prendre, autre.den, resultat.den),
            absence,
        )
    return _normaliser(
        resultat.num, resultat.den, resultat.absence, np.zeros(resultat.absence.shape, dtype=bool)
    )


def renseigne(*valeurs: Colonne) -> Booleens:
    """True where every argument has a value; never unknown."""
    connus = np.ones((), dtype=bool)
    for valeur in valeurs:
        connus = connus & (valeur.absence == 0)
    return Booleens(np.asarray(connus), np.zeros(np.shape(connus), dtype=np.uint8))


def compte(*conditions: Booleens) -> Nombres:
    """How many conditions are true; absent when one is unknown."""
    total = np.zeros((), dtype=np.int64)
    absence = np.zeros((), dtype=np.uint8)
    for condition in conditions:
        total = total + condition.vrais.astype(np.int64)
        absence = np.maximum(absence, condition.absence)
    forme = np.shape(total)
    return _normaliser(
        np.asarray(total, dtype=np.int64),
        np.ones(forme, dtype=np.int64),
        np.asarray(absence, dtype=np.uint8),
        np.zeros(forme, dtype=bool),
    )


def annee_de(date: Dates) -> Nombres:
    """The calendar year of each date."""
    annees = date.jours.astype("datetime64[D]").astype("datetime64[Y]").astype(np.int64) + 1970
    return Nombres(
        np.where(date.absence == 0, annees, 0),
        np.ones(np.shape(annees), dtype=np.int64),
        date.absence,
    )


def extraire(colonne: Colonne, index: Any) -> Colonne:
    """The cells of a column at `index` (numpy indexing), keeping its type."""
    if isinstance(colonne, Nombres):
        return Nombres(colonne.num[index], colonne.den[index], colonne.absence[index])
    if isinstance(colonne, Booleens):
        return Booleens(colonne.valeurs[index], colonne.absence[index])
    if isinstance(colonne, Textes):
        return Textes(colonne.valeurs[index], colonne.absence[index])
    if isinstance(colonne, Dates):
        return Dates(colonne.jours[index], colonne.absence[index])
    return Listes(colonne.valeurs[index], colonne.absence[index])


@overload
def etendre(colonne: Nombres, forme: tuple[int, ...]) -> Nombres: ...
@overload
def etendre(colonne: Booleens, forme: tuple[int, ...]) -> Booleens: ...
@overload
def etendre(colonne: Colonne, forme: tuple[int, ...]) -> Colonne: ...
def etendre(colonne: Colonne, forme: tuple[int, ...]) -> Colonne:
    """Broadcast a column (a constant, an attribute) to `forme`, as real arrays."""

    def b(x: NDArray[Any]) -> NDArray[Any]:
        return np.ascontiguousarray(np.broadcast_to(x, forme))

    if isinstance(colonne, Nombres):
        return Nombres(b(colonne.num), b(colonne.den), b(colonne.absence))
    if isinstance(colonne, Booleens):
        return Booleens(b(colonne.valeurs), b(colonne.absence))
    if isinstance(colonne, Textes):
        return Textes(b(colonne.valeurs), b(colonne.absence))
    if isinstance(colonne, Dates):
        return Dates(b(colonne.jours), b(colonne.absence))
    return Listes(b(colonne.valeurs), b(colonne.absence))


def marquer(nombres: Nombres, masque: Drapeaux, absence: Absence) -> Nombres:
    """The same numbers with `absence` set where `masque` is true (and the cell was present)."""
    nouvelle = np.where(
        masque & (nombres.absence == Absence.AUCUNE), np.uint8(absence), nombres.absence
    )
    return _normaliser(
        nombres.num, nombres.den, nouvelle.astype(np.uint8), np.zeros(nouvelle.shape, dtype=bool)
    )


def arrondir(nombres: Nombres, decimales: int, mode: str) -> Nombres:
    """Round exactly to `decimales` places: half up (away from zero), half even, floor or ceiling."""
    echelle = 10**decimales
    num, debordement = _produit(nombres.num, np.asarray(echelle, dtype=np.int64))
    den = nombres.den
    if mode == "inferieur":
        entier = num // den
    elif mode == "superieur":
        entier = -((-num) // den)
    elif mode == "demi_pair":
        plancher = num // den
        reste2 = 2 * (num - plancher * den)  # twice the fractional part, times den
        entier = np.where(
            reste2 > den, plancher + 1, np.where(reste2 < den, plancher, plancher + (plancher % 2))
        )
    else:  # demi_superieur: half away from zero
        absolu = np.abs(num)
        entier = np.sign(num) * ((2 * absolu + den) // (2 * den))
    return _normaliser(
        entier, np.full(np.shape(entier), echelle, dtype=np.int64), nombres.absence, debordement
    )
