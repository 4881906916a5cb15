"""Run a parsed `Expression` over whole columns with simpleeval.

simpleeval walks the tree with the operators and functions given here, all of which work
on `cpom_rules.formules.colonnes` columns; its own safe defaults (which cap sequence sizes
at 100,000 and use Python truthiness) are replaced on purpose: comparisons, ``and``, ``or``
and ``not`` are evaluated cell by cell in three-valued logic, so a comparison chain or a
boolean operator on a column never raises numpy's "ambiguous truth value". Only the node
types the load-time check admits have a handler.
"""

from __future__ import annotations

import ast
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

from simpleeval import SimpleEval

from cpom_rules.formules import colonnes as c
from cpom_rules.formules.expression import Expression

_COMPARAISONS: dict[type[ast.cmpop], str] = {
    ast.Eq: "==",
    ast.NotEq: "!=",
    ast.Lt: "<",
    ast.LtE: "<=",
    ast.Gt: ">",
    ast.GtE: ">=",
}


def _comparateur(symbole: str) -> Callable[[c.Colonne, c.Colonne], c.Booleens]:
    def comparer(a: c.Colonne, b: c.Colonne) -> c.Booleens:
        return c.comparer(a, b, symbole)

    return comparer


def _n_appartient_pas(element: c.Colonne, ensemble: Any) -> c.Booleens:
    return c.non(c.appartient(element, ensemble))


OPERATEURS: dict[type[ast.AST], Callable[..., c.Colonne]] = {
    ast.Add: c.additionner,
    ast.Sub: c.soustraire,
    ast.Mult: c.multiplier,
    ast.Div: c.diviser,
    ast.USub: c.opposer,
    ast.UAdd: lambda a: a,
    ast.Not: c.non,
    ast.In: c.appartient,
    ast.NotIn: _n_appartient_pas,
    **{operateur: _comparateur(symbole) for operateur, symbole in _COMPARAISONS.items()},
}

FONCTIONS_COLONNES: dict[str, Callable[..., c.Colonne]] = {
    "min": lambda *v: c.extremum(v, plus_grand=False),
    "max": lambda *v: c.extremum(v, plus_grand=True),
    "abs": c.valeur_absolue,
    "annee_de": c.annee_de,
    "renseigne": c.renseigne,
    "compte": c.compte,
}


class EvaluateurColonnes(SimpleEval):  # type: ignore[misc]
    """simpleeval configured for columns: exact numbers, Kleene logic, no other node."""

    def __init__(
        self, noms: Mapping[str, c.Colonne], constantes: Mapping[int, Decimal | str | bool]
    ) -> None:
        super().__init__(
            operators=dict(OPERATEURS), functions=dict(FONCTIONS_COLONNES), names=dict(noms)
        )
        self._constantes = constantes
        self.nodes = {
            ast.Name: self._eval_name,
            ast.Constant: self._eval_constante,
            ast.UnaryOp: self._eval_unaryop,
            ast.BinOp: self._eval_binop,
            ast.BoolOp: self._eval_logique,
            ast.Compare: self._eval_comparaison,
            ast.Call: self._eval_call,
            ast.Tuple: self._eval_liste,
            ast.List: self._eval_liste,
        }

    def _eval_constante(self, noeud: ast.Constant) -> c.Colonne:
        valeur = self._constantes[id(noeud)]
        if isinstance(valeur, bool):
            return c.Booleens.constante(valeur)
        if isinstance(valeur, Decimal):
            return c.Nombres.constante(valeur)
        return c.Textes.constante(valeur)

    def _eval_liste(self, noeud: ast.Tuple | ast.List) -> tuple[object, ...]:
        return tuple(self._constantes[id(element)] for element in noeud.elts)

    def _eval_logique(self, noeud: ast.BoolOp) -> c.Booleens:
        termes = [self._eval(valeur) for valeur in noeud.values]
        return c.et(*termes) if isinstance(noeud.op, ast.And) else c.ou(*termes)

    def _eval_comparaison(self, noeud: ast.Compare) -> c.Booleens:
        # ``a < b < c`` means ``a < b and b < c``, cell by cell.
        gauche = self._eval(noeud.left)
        termes = []
        for operateur, suivant in zip(noeud.ops, noeud.comparators, strict=True):
            droite = self._eval(suivant)
            termes.append(self.operators[type(operateur)](gauche, droite))
            gauche = droite
        return termes[0] if len(termes) == 1 else c.et(*termes)


def evaluer(expression: Expression, noms: Mapping[str, c.Colonne]) -> c.Colonne:
    """The value of `expression` for every cell, given a column for each name it uses."""
    evaluateur = EvaluateurColonnes(noms, expression.constantes)
    resultat: c.Colonne = evaluateur.eval(expression.texte, previously_parsed=expression.arbre)
    return resultat
