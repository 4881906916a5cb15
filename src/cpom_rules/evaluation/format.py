"""French number formatting for explanations and reports: ``1 234,5``, ``21,3 %``.

Values are exact; display rounds half away from zero to at most `decimales` places and
drops trailing zeros. Thousands are separated by a narrow no-break space.
"""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

ESPACE_FINE = "\u202f"


def nombre_fr(
    valeur: Fraction | Decimal | int | float | None, decimales: int = 2, unite: str | None = None
) -> str:
    """``1234.5`` → ``1 234,5``; ``None`` → ``—``; with unite ``%`` → ``21,3 %``."""
    if valeur is None:
        return "—"
    if isinstance(valeur, int):  # the common case (counts), without decimal arithmetic
        return _avec_unite(f"{valeur:,}".replace(",", ESPACE_FINE), unite)
    fraction = Fraction(valeur) if not isinstance(valeur, float) else Fraction(repr(valeur))
    # Half away from zero in integers: exact, and a report formats thousands of numbers.
    echelle = 10**decimales
    arrondi, reste = divmod(abs(fraction.numerator) * echelle, fraction.denominator)
    if 2 * reste >= fraction.denominator:
        arrondi += 1
    entier, decimal = divmod(arrondi, echelle)
    chiffres = f"{decimal:0{decimales}d}".rstrip("0") if decimales else ""
    signe = "-" if fraction < 0 and arrondi else ""
    texte = signe + f"{entier:,}".replace(",", ESPACE_FINE) + ("," + chiffres if chiffres else "")
    return _avec_unite(texte, unite)


def _avec_unite(texte: str, unite: str | None) -> str:
    if not unite:
        return texte
    return f"{texte}\u00a0%" if unite == "%" else f"{texte} {unite}"


def oui_non(valeur: bool | None) -> str:
    return "—" if valeur is None else ("oui" if valeur else "non")
