"""Formulas run over numpy columns: chains, and/or/not, cell by cell (ADVERSARIAL C.23).

Every expression is compared with a scalar reference computed cell by cell in exact
arithmetic and three-valued (Kleene) logic: an unknown cell is None.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from fractions import Fraction
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cpom_rules.formules import colonnes as c
from cpom_rules.formules.evaluation import evaluer
from cpom_rules.formules.expression import Symbole, TypeExpr, analyser

SYMBOLES = {
    **{nom: Symbole(nom, TypeExpr.NOMBRE, "variable") for nom in ("a", "b", "d")},
    **{nom: Symbole(nom, TypeExpr.BOOLEEN, "variable") for nom in ("x", "y", "z")},
    "lits": Symbole("lits", TypeExpr.NOMBRE, "attribut"),
    "categorie": Symbole(
        "categorie", TypeExpr.TEXTE, "attribut", frozenset({"CHU", "CH", "clinique"})
    ),
    "activites": Symbole("activites", TypeExpr.LISTE, "attribut", frozenset({"MCO", "HAD"})),
}

Scalaire = Fraction | bool | None


def nombres(valeurs: Sequence[Fraction | int | None]) -> c.Nombres:
    fractions = [Fraction(v) if v is not None else Fraction(0) for v in valeurs]
    return c.Nombres(
        np.array([f.numerator for f in fractions], dtype=np.int64),
        np.array([f.denominator for f in fractions], dtype=np.int64),
        np.array([c.Absence.MANQUANTE if v is None else 0 for v in valeurs], dtype=np.uint8),
    )


def booleens(valeurs: Sequence[bool | None]) -> c.Booleens:
    return c.Booleens(
        np.array([bool(v) for v in valeurs], dtype=bool),
        np.array([c.Absence.MANQUANTE if v is None else 0 for v in valeurs], dtype=np.uint8),
    )


def cellules(colonne: c.Colonne, n: int) -> list[Scalaire]:
    """The cells of a result as scalars (None when unknown)."""
    if isinstance(colonne, c.Nombres):
        etendue = c.etendre(colonne, (n,))
        return [etendue.fraction(i) for i in range(n)]
    assert isinstance(colonne, c.Booleens)
    etendue = c.etendre(colonne, (n,))
    return [bool(etendue.valeurs[i]) if etendue.absence[i] == 0 else None for i in range(n)]


def calculer(texte: str, noms: dict[str, c.Colonne]) -> c.Colonne:
    expression, defauts = analyser(texte, SYMBOLES)
    assert defauts == [], defauts
    assert expression is not None
    return evaluer(expression, {nom: noms[nom] for nom in expression.noms})


# --- the scalar reference ----------------------------------------------------------------------


def k_et(*termes: bool | None) -> bool | None:
    if any(t is False for t in termes):
        return False
    return None if any(t is None for t in termes) else True


def k_ou(*termes: bool | None) -> bool | None:
    if any(t is True for t in termes):
        return True
    return None if any(t is None for t in termes) else False


def k_non(t: bool | None) -> bool | None:
    return None if t is None else not t


def comparer(symbole: str) -> Callable[[Scalaire, Scalaire], bool | None]:
    fonction = {
        "<": operator.lt,
        "<=": operator.le,
        ">": operator.gt,
        ">=": operator.ge,
        "==": operator.eq,
        "!=": operator.ne,
    }[symbole]

    def comparaison(g: Scalaire, d: Scalaire) -> bool | None:
        return None if g is None or d is None else bool(fonction(g, d))

    return comparaison


def chaine(valeurs: Sequence[Scalaire], symboles: Sequence[str]) -> bool | None:
    return k_et(
        *(comparer(s)(g, d) for s, g, d in zip(symboles, valeurs, valeurs[1:], strict=False))
    )


def diviser(g: Scalaire, d: Scalaire) -> Scalaire:
    if g is None or d is None or d == 0:
        return None
    return Fraction(g) / Fraction(d)


REFERENCES: dict[str, Callable[[dict[str, Scalaire]], Scalaire]] = {
    "a < b < d": lambda v: chaine([v["a"], v["b"], v["d"]], "<<"),
    "a <= b < d": lambda v: chaine([v["a"], v["b"], v["d"]], ["<=", "<"]),
    "a < b > d": lambda v: chaine([v["a"], v["b"], v["d"]], "<>"),
    "a == b != d": lambda v: chaine([v["a"], v["b"], v["d"]], ["==", "!="]),
    "0 <= a <= 100": lambda v: chaine([Fraction(0), v["a"], Fraction(100)], ["<=", "<="]),
    "x and y": lambda v: k_et(v["x"], v["y"]),
    "x or y": lambda v: k_ou(v["x"], v["y"]),
    "not x": lambda v: k_non(v["x"]),
    "x and y and z": lambda v: k_et(v["x"], v["y"], v["z"]),
    "x or y and not z": lambda v: k_ou(v["x"], k_et(v["y"], k_non(v["z"]))),
    "not (x and y) == (not x or not y)": lambda v: comparer("==")(
        k_non(k_et(v["x"], v["y"])), k_ou(k_non(v["x"]), k_non(v["y"]))
    ),
    "a < b and x": lambda v: k_et(comparer("<")(v["a"], v["b"]), v["x"]),
    "not a < b or b < d < a": lambda v: k_ou(
        k_non(comparer("<")(v["a"], v["b"])), chaine([v["b"], v["d"], v["a"]], "<<")
    ),
    "a / b * 100 >= 57": lambda v: comparer(">=")(
        None if diviser(v["a"], v["b"]) is None else diviser(v["a"], v["b"]) * 100, Fraction(57)
    ),  # type: ignore[operator]
    "compte(x, y, a > b)": lambda v: (
        None
        if None in (v["x"], v["y"], comparer(">")(v["a"], v["b"]))
        else Fraction(sum(bool(t) for t in (v["x"], v["y"], comparer(">")(v["a"], v["b"]))))
    ),
    "x == y": lambda v: comparer("==")(v["x"], v["y"]),
}


def _valeurs_cellule(colonnes: dict[str, list[Any]], i: int) -> dict[str, Scalaire]:
    return {
        nom: (
            None if valeurs[i] is None else (Fraction(valeurs[i]) if nom in "abd" else valeurs[i])
        )
        for nom, valeurs in colonnes.items()
    }


def _verifier(texte: str, colonnes: dict[str, list[Any]]) -> None:
    n = len(colonnes["a"])
    noms: dict[str, c.Colonne] = {
        nom: nombres(valeurs) if nom in "abd" else booleens(valeurs)
        for nom, valeurs in colonnes.items()
    }
    obtenu = cellules(calculer(texte, noms), n)
    attendu = [REFERENCES[texte](_valeurs_cellule(colonnes, i)) for i in range(n)]
    assert obtenu == attendu, texte


# --- fixed cases ---------------------------------------------------------------------------------

COLONNES_FIXES: dict[str, list[Any]] = {
    "a": [1, 2, 3, 3, None, 5, 0, 57, 2],
    "b": [2, 2, 1, 4, 1, None, 0, 100, 3],
    "d": [3, 1, 0, 5, 2, 1, 0, 1, None],
    "x": [True, True, False, None, False, None, True, False, None],
    "y": [True, False, None, None, True, False, None, False, True],
    "z": [False, None, True, False, None, True, True, None, False],
}


@pytest.mark.parametrize("texte", sorted(REFERENCES))
def test_colonnes_egales_a_la_reference_scalaire(texte: str) -> None:
    _verifier(texte, COLONNES_FIXES)


def test_chaine_de_comparaisons_cellule_par_cellule() -> None:
    colonnes = {
        "a": nombres([1, 3, 1, 1, None]),
        "b": nombres([2, 2, 2, 2, 2]),
        "d": nombres([3, 3, 1, None, 3]),
    }
    resultat = calculer("a < b < d", colonnes)
    # 1<2<3 vrai ; 3<2 faux ; 2<1 faux ; 1<2 et ? inconnu ; ? et 2<3 inconnu
    assert cellules(resultat, 5) == [True, False, False, None, None]


def test_et_ou_non_en_logique_a_trois_valeurs() -> None:
    x = booleens([True, True, True, False, False, False, None, None, None])
    y = booleens([True, False, None, True, False, None, True, False, None])
    assert cellules(calculer("x and y", {"x": x, "y": y}), 9) == [
        True,
        False,
        None,
        False,
        False,
        False,
        None,
        False,
        None,
    ]
    assert cellules(calculer("x or y", {"x": x, "y": y}), 9) == [
        True,
        True,
        True,
        True,
        False,
        None,
        True,
        None,
        None,
    ]
    assert cellules(calculer("not x", {"x": x}), 9) == [
        False,
        False,
        False,
        True,
        True,
        True,
        None,
        None,
        None,
    ]


def test_jamais_de_valeur_de_verite_ambigue() -> None:
    """Python's own `and`/`not`/chains on arrays raise; the evaluator never does."""
    tableau = np.array([1, 2])
    with pytest.raises(ValueError, match="ambiguous"):
        bool(tableau < 3)
    colonnes = {nom: nombres([1, 2, 3, 4]) for nom in "abd"} | {
        nom: booleens([True, False, None, True]) for nom in "xyz"
    }
    for texte in REFERENCES:
        calculer(texte, colonnes)


def test_seuil_exact_a_57_pourcents() -> None:
    resultat = calculer(
        "a / b * 100 >= 57", {"a": nombres([57, 5699, 1, 0]), "b": nombres([100, 10000, 0, 3])}
    )
    assert cellules(resultat, 4) == [True, False, None, False]


def test_division_par_zero_marquee_jamais_infinie() -> None:
    resultat = calculer("a / b", {"a": nombres([1, 0, None]), "b": nombres([0, 0, 0])})
    assert isinstance(resultat, c.Nombres)
    assert resultat.absence.tolist() == [
        c.Absence.DENOMINATEUR_NUL,
        c.Absence.DENOMINATEUR_NUL,
        c.Absence.MANQUANTE,
    ]
    assert np.isnan(resultat.flottants()).all()


def test_attribut_et_variable_diffusent_etablissements_par_annees() -> None:
    lits = nombres([50, 500, 120]).prendre((slice(None), None))  # 3 establishments x 1
    a = c.Nombres(
        np.array([[1, 0], [5, 7], [0, 2]], dtype=np.int64),
        np.ones((3, 2), dtype=np.int64),
        np.zeros((3, 2), dtype=np.uint8),
    )
    resultat = calculer("100 <= lits < 500 and a > 0", {"lits": lits, "a": a})
    assert isinstance(resultat, c.Booleens)
    assert resultat.valeurs.shape == (3, 2)
    assert resultat.vrais.tolist() == [[False, False], [False, False], [False, True]]
    assert resultat.connus.all()


def test_textes_et_listes() -> None:
    objets = np.empty((4,), dtype=object)
    objets[:] = ["CHU", "CH", "clinique", ""]
    categorie = c.Textes(objets, np.array([0, 0, 0, c.Absence.MANQUANTE], dtype=np.uint8))
    assert cellules(calculer("categorie in ('CHU', 'CH')", {"categorie": categorie}), 4) == [
        True,
        True,
        False,
        None,
    ]
    assert cellules(calculer("categorie not in ('CHU',)", {"categorie": categorie}), 4) == [
        False,
        True,
        True,
        None,
    ]
    assert cellules(
        calculer("categorie == 'CH' or categorie == 'CHU'", {"categorie": categorie}), 4
    ) == [True, True, False, None]
    listes = np.empty((3,), dtype=object)
    listes[:] = [frozenset({"MCO"}), frozenset({"HAD"}), frozenset()]
    activites = c.Listes(listes, np.zeros(3, dtype=np.uint8))
    assert cellules(calculer("'MCO' in activites", {"activites": activites}), 3) == [
        True,
        False,
        False,
    ]


def test_fonctions_sur_colonnes() -> None:
    colonnes = {"a": nombres([1, 5, None]), "b": nombres([3, 2, 2])}
    assert cellules(calculer("min(a, b)", colonnes), 3) == [Fraction(1), Fraction(2), None]
    assert cellules(calculer("max(a, b) - abs(0 - b)", colonnes), 3) == [
        Fraction(0),
        Fraction(3),
        None,
    ]
    assert cellules(calculer("renseigne(a)", colonnes), 3) == [True, True, False]


def test_constantes_exactes() -> None:
    resultat = calculer("a * 0.1 + 0.2 == 0.3", {"a": nombres([1])})
    assert cellules(resultat, 1) == [True]  # 0.1 + 0.2 == 0.3 exactly, unlike floats


# --- property: any values, any absences --------------------------------------------------------------

_NOMBRE = (
    st.none() | st.integers(-20, 20) | st.fractions(min_value=-5, max_value=5, max_denominator=7)
)
_BOOLEEN = st.none() | st.booleans()


@st.composite
def _colonnes(draw: st.DrawFn) -> dict[str, list[Any]]:
    n = draw(st.integers(1, 12))
    return {
        **{nom: draw(st.lists(_NOMBRE, min_size=n, max_size=n)) for nom in "abd"},
        **{nom: draw(st.lists(_BOOLEEN, min_size=n, max_size=n)) for nom in "xyz"},
    }


@settings(max_examples=150, deadline=None)
@given(_colonnes(), st.sampled_from(sorted(REFERENCES)))
def test_propriete_colonnes_egales_a_la_reference(
    colonnes: dict[str, list[Any]], texte: str
) -> None:
    _verifier(texte, colonnes)
