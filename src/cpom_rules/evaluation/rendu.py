"""Words shared by the explanations of every target kind: operands and operators as printed.

Every number of an explanation goes through `operande` (or `nombre` for a coefficient),
so that it equals the trace's operand with the display rounding of the reports.
"""

from __future__ import annotations

from fractions import Fraction
from functools import cache, lru_cache

from cpom_rules.chiffres import nombre_texte
from cpom_rules.evaluation.trace import NEGATION, Comparaison, Operande, Trace
from cpom_rules.messages import Langue, phrase

SYMBOLES = {">=": "≥", ">": ">", "<=": "≤", "<": "<", "==": "=", "!=": "≠"}


def nombre(
    valeur: Fraction | None, langue: Langue = "fr", decimales: int = 2, unite: str | None = None
) -> str:
    """``1 234,5`` in French, ``1,234.5`` in English (same display rounding)."""
    if valeur is None:
        return "—"
    # Looked up by its exact integers: hashing and comparing Fractions costs far more.
    return _nombre(valeur.numerator, valeur.denominator, langue, decimales, unite)


# A report prints the same few numbers and words thousands of times: each is worded once.
@lru_cache(maxsize=65_536)
def _nombre(num: int, den: int, langue: Langue, decimales: int, unite: str | None) -> str:
    return nombre_texte(num if den == 1 else Fraction(num, den), decimales, unite, langue)


@cache
def mot(code: str, langue: Langue) -> str:
    """A phrase without parameters (a status, a reason, « oui »…), looked up once."""
    return phrase(code, langue)


def operande(valeur: Operande, unite: str = "", langue: Langue = "fr") -> str:
    """One operand as printed: ``3,67``, ``21,3 %``, ``oui``, ``—`` (``3.67``… in English)."""
    if valeur is None:
        return "—"
    if isinstance(valeur, bool):
        return mot("oui" if valeur else "non", langue)
    return nombre(valeur, langue, unite="%" if unite.strip() == "%" else None)


def symbole(comparaison: Comparaison) -> str:
    """The operator as the comparison came out: negated when it did not hold."""
    return symbole_issu(comparaison.operateur, comparaison.issue)


def symbole_issu(operateur: str, issue: bool | None) -> str:
    """``≥`` as declared, ``<`` for a ``≥`` that did not hold."""
    return SYMBOLES[NEGATION[operateur] if issue is False else operateur]


def nom(trace: Trace, langue: Langue) -> str:
    """« taux », « réponse » or « valeur »: what the row's value is."""
    return nom_valeur(trace.unite, isinstance(trace.valeur, bool), langue)


def nom_valeur(unite: str, reponse: bool, langue: Langue) -> str:
    """« taux » for a measure in %, « réponse » for a yes/no, « valeur » otherwise."""
    if unite.strip() == "%":
        return mot("taux", langue)
    return mot("reponse" if reponse else "valeur", langue)


def comparaison_simple(trace: Trace, langue: Langue) -> str:
    """``valeur 3,67 < cible 5``: the compared quantity, the operator as it came out, the
    threshold."""
    comparaison = trace.comparaison
    assert comparaison is not None
    return comparaison_mots(
        nom(trace, langue),
        comparaison.valeur,
        symbole(comparaison),
        comparaison.seuil,
        trace.unite,
        langue,
    )


def comparaison_mots(
    nom_: str, valeur: Operande, operateur: str, seuil: Operande, unite: str, langue: Langue
) -> str:
    """`comparaison_simple` from its operands (a `Lot` words many cells with it)."""
    return phrase(
        "comparaison",
        langue,
        nom=nom_,
        valeur=operande(valeur, unite, langue),
        operateur=operateur,
        seuil=operande(seuil, unite, langue),
    )
