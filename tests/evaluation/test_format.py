"""`nombre_fr` rounds half away from zero in integer arithmetic: the same text as the
decimal module's ROUND_HALF_UP on the exact value, for any exact number a report prints."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from cpom_rules.evaluation.format import ESPACE_FINE, nombre_fr


def _reference(valeur: Fraction, decimales: int) -> str:
    """Decimal's half-up rounding with enough precision to be exact, then French layout."""
    with localcontext() as contexte:
        contexte.prec = 200
        quotient = Decimal(valeur.numerator) / Decimal(valeur.denominator)
        arrondi = quotient.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)
    texte = f"{abs(arrondi):f}"
    entier, _, chiffres = texte.partition(".")
    chiffres = chiffres.rstrip("0")
    signe = "-" if arrondi < 0 else ""
    return (
        signe + f"{int(entier):,}".replace(",", ESPACE_FINE) + (f",{chiffres}" if chiffres else "")
    )


@given(
    st.integers(-(2**63), 2**63 - 1),
    st.integers(1, 2**63 - 1),
    st.sampled_from([0, 1, 2, 4, 6]),
)
def test_arrondi_comme_decimal(num: int, den: int, decimales: int) -> None:
    valeur = Fraction(num, den)
    assert nombre_fr(valeur, decimales) == _reference(valeur, decimales)


@given(st.integers(-(10**6), 10**6), st.sampled_from([2, 4]))
def test_milieux_arrondis_loin_de_zero(centiemes: int, decimales: int) -> None:
    """Exactly half a unit of the last place: away from zero, never to even."""
    valeur = Fraction(2 * centiemes + 1, 2 * 10**decimales)
    texte = nombre_fr(valeur, decimales).replace(ESPACE_FINE, "").replace(",", ".")
    attendu = (abs(Fraction(centiemes)) + (1 if centiemes >= 0 else 0)) / 10**decimales
    assert abs(Fraction(texte)) == attendu


def test_exemples() -> None:
    assert nombre_fr(Fraction(12345, 10)) == f"1{ESPACE_FINE}234,5"
    assert nombre_fr(Fraction(-1, 1000)) == "0"
    assert nombre_fr(Fraction(-5, 1000)) == "-0,01"
    assert nombre_fr(Fraction(213, 10), unite="%") == "21,3\u00a0%"
    assert nombre_fr(Decimal("1E+3")) == f"1{ESPACE_FINE}000"
    assert nombre_fr(0.1) == "0,1"
    assert nombre_fr(None) == "—"
