"""`nombre_texte` rounds half away from zero in integer arithmetic: the same text as the
decimal module's ROUND_HALF_UP on the exact value, for any exact number a report prints;
English shows the same figures with English separators (``1,234.5``, ``21.3%``)."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, localcontext
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from cpom_rules.chiffres import ESPACE_FINE, nombre_texte
from cpom_rules.evaluation.format import nombre_fr, oui_non


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


def test_exemples_en_anglais() -> None:
    assert nombre_texte(Fraction(12345, 10), langue="en") == "1,234.5"
    assert nombre_texte(1234567, langue="en") == "1,234,567"
    assert nombre_texte(Fraction(-5, 1000), langue="en") == "-0.01"
    assert nombre_texte(Fraction(213, 10), 1, "%", langue="en") == "21.3%"
    assert nombre_texte(12, unite="lits", langue="en") == "12 lits"
    assert nombre_texte(None, langue="en") == "—"
    assert nombre_texte(Fraction(213, 10), 1, "%") == "21,3\u00a0%"  # French by default


def test_oui_non_du_catalogue() -> None:
    assert [oui_non(True), oui_non(False), oui_non(None)] == ["oui", "non", "—"]
    assert [oui_non(True, "en"), oui_non(False, "en"), oui_non(None, "en")] == ["yes", "no", "—"]


@given(
    st.one_of(
        st.integers(-(10**12), 10**12),
        st.fractions(max_denominator=10**6),
        st.floats(-1e9, 1e9, allow_nan=False),
    ),
    st.sampled_from([0, 1, 2, 4]),
    st.sampled_from([None, "%", "lits"]),
)
def test_anglais_memes_chiffres_autres_separateurs(
    valeur: int | Fraction | float, decimales: int, unite: str | None
) -> None:
    """The English text is the French one with the separators swapped: same rounding, same
    digits, never a French separator left."""
    francais = nombre_texte(valeur, decimales, unite, "fr")
    anglais = nombre_texte(valeur, decimales, unite, "en")
    attendu = francais.replace(",", ".").replace(ESPACE_FINE, ",").replace("\u00a0%", "%")
    assert anglais == attendu
    assert ESPACE_FINE not in anglais and "\u00a0" not in anglais
