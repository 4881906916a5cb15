"""How an exact number is written for a reader, in French or English: ``1 234,5`` /
``1,234.5``, ``21,3 %`` / ``21.3%``.

Values are exact; display rounds half away from zero to at most `decimales` places and drops
trailing zeros, the same in both languages, so that a French and an English output show the
same figures. At the bottom of the package (it imports nothing of it): messages, problems,
explanations and reports all write numbers through it.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction
from typing import Literal

ESPACE_FINE = "\u202f"

# (thousands separator, decimal separator, what comes before « % ») of each language.
_SEPARATEURS: dict[str, tuple[str, str, str]] = {
    "fr": (ESPACE_FINE, ",", "\u00a0"),
    "en": (",", ".", ""),
}


def nombre_texte(
    valeur: Fraction | Decimal | int | float | None,
    decimales: int = 2,
    unite: str | None = None,
    langue: Literal["fr", "en"] = "fr",
) -> str:
    """``1234.5`` → ``1 234,5`` (``1,234.5`` in English); ``None`` → ``—``; with unite
    ``%`` → ``21,3 %`` (``21.3%``); another unit follows after a space (``12 lits``)."""
    if valeur is None:
        return "—"
    milliers, virgule, avant_pourcent = _SEPARATEURS[langue]
    if isinstance(valeur, int):  # the common case (counts), without decimal arithmetic
        return _avec_unite(f"{valeur:,}".replace(",", milliers), unite, avant_pourcent)
    fraction = Fraction(valeur) if not isinstance(valeur, float) else Fraction(repr(valeur))
    # Half away from zero in integers: exact, and a report formats thousands of numbers.
    echelle = 10**decimales
    arrondi, reste = divmod(abs(fraction.numerator) * echelle, fraction.denominator)
    if 2 * reste >= fraction.denominator:
        arrondi += 1
    entier, decimal = divmod(arrondi, echelle)
    chiffres = f"{decimal:0{decimales}d}".rstrip("0") if decimales else ""
    signe = "-" if fraction < 0 and arrondi else ""
    texte = signe + f"{entier:,}".replace(",", milliers) + (virgule + chiffres if chiffres else "")
    return _avec_unite(texte, unite, avant_pourcent)


def _avec_unite(texte: str, unite: str | None, avant_pourcent: str) -> str:
    if not unite:
        return texte
    return f"{texte}{avant_pourcent}%" if unite == "%" else f"{texte} {unite}"
