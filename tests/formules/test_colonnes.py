"""Exact rational columns, Kleene booleans and absence codes (formules/colonnes.py)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpom_rules.formules import colonnes as c
from cpom_rules.formules.colonnes import Absence, Booleens, Nombres

MAN, INV, NUL, DEP = (
    Absence.MANQUANTE,
    Absence.INVALIDE,
    Absence.DENOMINATEUR_NUL,
    Absence.DEPASSEMENT,
)


def nombres(*valeurs: Fraction | int | str | None, absence: Absence = MAN) -> Nombres:
    """A 1-d column; None cells are absent for `absence`."""
    fractions = [Fraction(v) if v is not None else Fraction(0) for v in valeurs]
    return Nombres(
        np.array([f.numerator for f in fractions], dtype=np.int64),
        np.array([f.denominator for f in fractions], dtype=np.int64),
        np.array([0 if v is not None else absence for v in valeurs], dtype=np.uint8),
    )


def booleens(*valeurs: bool | None, absence: Absence = MAN) -> Booleens:
    return Booleens(
        np.array([bool(v) for v in valeurs], dtype=bool),
        np.array([0 if v is not None else absence for v in valeurs], dtype=np.uint8),
    )


def lire(colonne: Nombres) -> list[Fraction | None]:
    return [colonne.fraction(i) for i in range(colonne.num.shape[0])]


def kleene(colonne: Booleens) -> list[bool | None]:
    return [
        bool(v) if a == 0 else None
        for v, a in zip(colonne.valeurs.tolist(), colonne.absence.tolist(), strict=True)
    ]


# --- exact arithmetic --------------------------------------------------------------------------
def test_constante_et_fraction() -> None:
    assert Nombres.constante(Decimal("12.5")).fraction(()) == Fraction(25, 2)
    assert Nombres.constante(Fraction(1, 3)).fraction(()) == Fraction(1, 3)
    assert Nombres.absents((2,), INV).absence.tolist() == [INV, INV]


def test_taux_exact() -> None:
    """57 / 100 × 100 is 57, not 56.99999999999999."""
    taux = c.multiplier(c.diviser(nombres(57, 1), nombres(100, 3)), Nombres.constante(100))
    assert lire(taux) == [57, Fraction(100, 3)]
    assert c.comparer(taux, Nombres.constante(57), ">=").vrais.tolist() == [True, False]


def test_operations() -> None:
    a, b = nombres("0.1", 3, None), nombres("0.2", "-1.5", 4)
    assert lire(c.additionner(a, b)) == [Fraction(3, 10), Fraction(3, 2), None]
    assert lire(c.soustraire(a, b)) == [Fraction(-1, 10), Fraction(9, 2), None]
    assert lire(c.multiplier(a, b)) == [Fraction(1, 50), Fraction(-9, 2), None]
    assert lire(c.diviser(a, b)) == [Fraction(1, 2), -2, None]
    assert lire(c.opposer(a)) == [Fraction(-1, 10), -3, None]
    assert lire(c.valeur_absolue(b)) == [Fraction(1, 5), Fraction(3, 2), 4]


def test_fractions_normalisees() -> None:
    somme = c.additionner(nombres(Fraction(1, 6)), nombres(Fraction(1, 3)))
    assert (int(somme.num[0]), int(somme.den[0])) == (1, 2)
    assert int(c.multiplier(nombres(-2), nombres(Fraction(1, 4))).den[0]) == 2


def test_division_par_zero() -> None:
    quotient = c.diviser(nombres(5, 0, 3, None), nombres(0, 0, None, 0))
    assert quotient.absence.tolist() == [NUL, NUL, MAN, MAN]
    assert quotient.num.tolist() == [0, 0, 0, 0] and quotient.den.tolist() == [1, 1, 1, 1]
    assert not np.isinf(quotient.flottants()).any()


def test_division_par_un_negatif() -> None:
    assert lire(c.diviser(nombres(3), nombres(-6))) == [Fraction(-1, 2)]


def test_absence_la_plus_grave_l_emporte() -> None:
    a = nombres(1, None, None, 1, absence=INV)
    b = nombres(1, 1, None, None, absence=MAN)
    assert c.additionner(a, b).absence.tolist() == [0, INV, MAN, MAN]
    assert c.combiner(
        np.array([NUL], dtype=np.uint8), np.array([DEP], dtype=np.uint8)
    ).tolist() == [NUL]


def test_depassement_de_capacite() -> None:
    grand = nombres(10**15 - 1, 3)
    cube = c.multiplier(c.multiplier(grand, grand), grand)
    assert cube.absence.tolist() == [DEP, 0]
    assert lire(cube) == [None, 27]
    somme = c.additionner(nombres(2**61, 1), nombres(2**61, 1))
    assert somme.absence.tolist() == [DEP, 0]
    _, absence = c.signe_difference(nombres(2**62 + 1), nombres(Fraction(1, 3)))
    assert absence.tolist() == [DEP]


def test_flottants_pour_affichage() -> None:
    valeurs = nombres(Fraction(1, 3), None).flottants()
    assert valeurs[0] == pytest.approx(1 / 3)
    assert np.isnan(valeurs[1])


@settings(max_examples=200, deadline=None)
@given(
    st.fractions(max_denominator=1000, min_value=-(10**6), max_value=10**6),
    st.fractions(max_denominator=1000, min_value=-(10**6), max_value=10**6),
)
def test_arithmetique_egale_a_fraction(a: Fraction, b: Fraction) -> None:
    x, y = nombres(a), nombres(b)
    assert lire(c.additionner(x, y)) == [a + b]
    assert lire(c.soustraire(x, y)) == [a - b]
    assert lire(c.multiplier(x, y)) == [a * b]
    assert lire(c.diviser(x, y)) == ([a / b] if b else [None])
    for operateur, attendu in (("<", a < b), ("==", a == b), (">=", a >= b), ("!=", a != b)):
        assert kleene(c.comparer(x, y, operateur)) == [attendu]


_FRACTIONS = st.lists(
    st.one_of(
        st.integers(-(10**6), 10**6).map(Fraction),  # whole numbers: the gcd is skipped
        st.fractions(max_denominator=1000, min_value=-(10**6), max_value=10**6),
    ),
    min_size=1,
    max_size=6,
)


@settings(max_examples=200, deadline=None)
@given(_FRACTIONS, _FRACTIONS)
def test_produits_et_sommes_en_termes_irreductibles(a: list[Fraction], b: list[Fraction]) -> None:
    """Every cell is stored in lowest terms, whether its column holds only whole numbers
    (where the gcd is skipped) or a mix: the stored num/den are Fraction's own."""
    b = (b * len(a))[: len(a)]
    x, y = nombres(*a), nombres(*b)
    for resultat, attendus in (
        (c.multiplier(x, y), [p * q for p, q in zip(a, b, strict=True)]),
        (c.additionner(x, y), [p + q for p, q in zip(a, b, strict=True)]),
    ):
        stockes = [(int(n), int(d)) for n, d in zip(resultat.num, resultat.den, strict=True)]
        assert stockes == [(f.numerator, f.denominator) for f in attendus]


# --- comparisons -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("operateur", "attendu"),
    [
        ("==", [False, True, False, None]),
        ("!=", [True, False, True, None]),
        ("<", [True, False, False, None]),
        ("<=", [True, True, False, None]),
        (">", [False, False, True, None]),
        (">=", [False, True, True, None]),
    ],
)
def test_comparer(operateur: str, attendu: list[bool | None]) -> None:
    gauche = nombres(1, Fraction(1, 3), 2, None)
    droite = nombres(2, Fraction(2, 6), Fraction(3, 2), 0)
    assert kleene(c.comparer(gauche, droite, operateur)) == attendu


def test_comparer_textes_dates_booleens() -> None:
    textes = c.Textes(np.array(["CH", "CHU"], dtype=object), np.zeros(2, dtype=np.uint8))
    assert kleene(c.comparer(textes, c.Textes.constante("CH"), "==")) == [True, False]
    dates = c.Dates(np.array([1, 5]), np.array([0, MAN], dtype=np.uint8))
    autre = c.Dates(np.array([3, 3]), np.zeros(2, dtype=np.uint8))
    assert kleene(c.comparer(dates, autre, "<")) == [True, None]
    assert kleene(c.comparer(booleens(True, False), Booleens.constante(True), "==")) == [
        True,
        False,
    ]
    with pytest.raises(TypeError):
        c.comparer(nombres(1), textes, "==")


# --- Kleene logic ----------------------------------------------------------------------------
V, F, U = True, False, None
TOUTES = [(p, q) for p in (V, F, U) for q in (V, F, U)]


@pytest.mark.parametrize(("p", "q"), TOUTES)
def test_et_ou_kleene(p: bool | None, q: bool | None) -> None:
    a, b = booleens(p), booleens(q)
    et = F if F in (p, q) else (V if p is V and q is V else U)
    ou = V if V in (p, q) else (F if p is F and q is F else U)
    assert kleene(c.et(a, b)) == [et]
    assert kleene(c.ou(a, b)) == [ou]


def test_non() -> None:
    assert kleene(c.non(booleens(V, F, U))) == [F, V, U]


def test_inconnu_garde_sa_raison() -> None:
    assert c.et(booleens(V), booleens(U, absence=INV)).absence.tolist() == [INV]
    assert c.et(booleens(U, absence=MAN), booleens(U, absence=INV)).absence.tolist() == [MAN]
    assert c.ou(booleens(F), booleens(U, absence=NUL)).absence.tolist() == [NUL]


# --- functions -------------------------------------------------------------------------------
def test_extremum() -> None:
    a, b = nombres(1, 5, None), nombres(3, Fraction(9, 2), 2)
    assert lire(c.extremum([a, b], plus_grand=True)) == [3, 5, None]
    assert lire(c.extremum([a, b], plus_grand=False)) == [1, Fraction(9, 2), None]


def test_renseigne_et_compte() -> None:
    assert kleene(c.renseigne(nombres(1, None), nombres(1, 1))) == [True, False]
    assert lire(c.compte(booleens(V, V, F), booleens(V, F, U))) == [2, 1, None]


def test_appartient() -> None:
    textes = c.Textes(
        np.array(["CH", "HAD", ""], dtype=object), np.array([0, 0, MAN], dtype=np.uint8)
    )
    assert kleene(c.appartient(textes, ("CH", "CHU"))) == [True, False, None]
    assert kleene(c.appartient(nombres(1, Fraction(5, 2)), (Decimal("2.5"), 3))) == [False, True]
    listes = c.Listes(
        np.array([frozenset({"CH"}), frozenset(), frozenset()], dtype=object),
        np.array([0, 0, MAN], dtype=np.uint8),
    )
    assert kleene(c.appartient(textes, listes)) == [True, False, None]
    with pytest.raises(TypeError):
        c.appartient(booleens(True), ("a",))


def test_annee_de() -> None:
    jours = np.array([0, (np.datetime64("2025-12-31") - np.datetime64("1970-01-01")).astype(int)])
    annees = c.annee_de(c.Dates(jours, np.zeros(2, dtype=np.uint8)))
    assert lire(annees) == [1970, 2025]


def test_extraire_et_etendre() -> None:
    grille = Nombres(
        np.arange(6).reshape(2, 3), np.ones((2, 3), dtype=np.int64), np.zeros((2, 3), np.uint8)
    )
    extrait = c.extraire(grille, (np.array([1]), 2))
    assert isinstance(extrait, Nombres) and lire(extrait) == [5]
    etendue = c.etendre(Nombres.constante(7), (2, 3))
    assert etendue.num.shape == (2, 3) and etendue.num.flags.writeable
    for colonne in (
        booleens(True),
        c.Textes.constante("a"),
        c.Dates(np.array([1]), np.zeros(1, np.uint8)),
        c.Listes(np.array([frozenset()], dtype=object), np.zeros(1, np.uint8)),
    ):
        assert type(c.etendre(colonne, (2, 1))) is type(colonne)
        assert type(c.extraire(c.etendre(colonne, (2, 1)), 0)) is type(colonne)


def test_marquer() -> None:
    marque = c.marquer(nombres(1, 2, None), np.array([True, False, True]), Absence.INVALIDE)
    assert marque.absence.tolist() == [INV, 0, MAN]


# --- rounding --------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("mode", "attendus"),
    [
        # values: 808.5, 808.4, -808.5, 809.5, 808.6, -808.4
        ("demi_superieur", [809, 808, -809, 810, 809, -808]),
        ("demi_pair", [808, 808, -808, 810, 809, -808]),
        ("inferieur", [808, 808, -809, 809, 808, -809]),
        ("superieur", [809, 809, -808, 810, 809, -808]),
    ],
)
def test_arrondir(mode: str, attendus: list[int]) -> None:
    valeurs = nombres("808.5", "808.4", "-808.5", "809.5", "808.6", "-808.4")
    assert lire(c.arrondir(valeurs, 0, mode)) == attendus


@pytest.mark.parametrize(
    ("mode", "attendu"),
    [
        ("demi_superieur", "80.9"),
        ("demi_pair", "80.8"),
        ("inferieur", "80.8"),
        ("superieur", "80.9"),
    ],
)
def test_arrondir_a_une_decimale(mode: str, attendu: str) -> None:
    assert lire(c.arrondir(nombres("80.85", None), 1, mode)) == [Fraction(attendu), None]


def test_arrondir_un_tiers() -> None:
    assert lire(c.arrondir(nombres(Fraction(1, 3)), 2, "demi_superieur")) == [Fraction(33, 100)]
    assert lire(c.arrondir(nombres(Fraction(2, 3)), 2, "inferieur")) == [Fraction(66, 100)]


def test_arrondir_hors_capacite() -> None:
    assert c.arrondir(nombres(2**60), 3, "demi_pair").absence.tolist() == [DEP]
