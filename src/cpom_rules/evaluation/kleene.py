"""Sums with unknown terms, decided as soon as their known part decides (docs/semantique.md §3).

A cumulative target (« 3 projets depuis 2025 ») and a period total (« 10 actions sur 5 ans »)
add yearly values. When a year is missing, the sum is unknown; but if every term is
non-negative and the known ones already reach the minimum, the unknown ones can only add:
the minimum is met.
"""

from __future__ import annotations

import numpy as np

from cpom_rules.compilation.regles import MesureCompilee
from cpom_rules.formules import colonnes as c


def mesure_positive(compilee: MesureCompilee) -> bool:
    """A measure whose values cannot be negative: data are non-negative numbers, and a ratio
    or an expression without subtraction keeps them so."""
    expressions = (compilee.expression, compilee.numerateur, compilee.denominateur)
    return all(e is None or "-" not in e.texte for e in expressions)


def somme_kleene(termes: list[c.Nombres], n: int, positive: bool) -> c.Nombres:
    """The sum of `termes`. Where it is unknown and `positive`, the cells hold the sum of the
    known terms (a lower bound) while staying absent, for `minimum_kleene`."""
    somme = c.Nombres.constante(0)
    for terme in termes:
        somme = c.additionner(somme, terme)
    somme = c.etendre(somme, (n,))
    if not positive:
        return somme
    connue = c.Nombres.constante(0)
    for terme in termes:
        absent = terme.absence != 0
        connue = c.additionner(
            connue,
            c.Nombres(
                np.where(absent, 0, terme.num),
                np.where(absent, 1, terme.den),
                np.zeros_like(terme.absence),
            ),
        )
    connue = c.etendre(connue, (n,))
    return c.Nombres(
        np.where(somme.connus, somme.num, connue.num),
        np.where(somme.connus, somme.den, connue.den),
        somme.absence,
    )


def minimum_kleene(somme: c.Nombres, seuil: c.Nombres, positive: bool) -> c.Booleens:
    """``somme ≥ seuil``, true as soon as the known part of a non-negative sum reaches it."""
    test = c.comparer(somme, seuil, ">=")
    if not positive:
        return test
    deja = (somme.absence != 0) & c.comparer(
        c.Nombres(somme.num, somme.den, np.zeros_like(somme.absence)), seuil, ">="
    ).vrais
    return c.Booleens(test.valeurs | deja, np.where(deja, np.uint8(0), test.absence))
