"""French number formatting for explanations and reports: ``1 234,5``, ``21,3 %``.

Values are exact; display rounds half away from zero to at most `decimales` places and
drops trailing zeros. Thousands are separated by a narrow no-break space.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

ESPACE_FINE = "\u202f"


def decimal_exact(valeur: Fraction, decimales: int = 6) -> Decimal:
    """The value as a Decimal rounded half-up to `decimales` places."""
    quotient = Decimal(valeur.numerator) / Decimal(valeur.denominator)
    return quotient.quantize(Decimal(1).scaleb(-decimales), rounding=ROUND_HALF_UP)


def nombre_fr(
    valeur: Fraction | Decimal | int | float | None, decimales: int = 2, unite: str | None = None
) -> str:
    """``1234.5`` → ``1 234,5``; ``None`` → ``—``; with unite ``%`` → ``21,3 %``."""
    if valeur is None:
        return "—"
    if isinstance(valeur, int):  # the common case (counts), without decimal arithmetic
        texte = f"{valeur:,}".replace(",", ESPACE_FINE)
        return f"{texte}\u00a0%" if unite == "%" else (f"{texte} {unite}" if unite else texte)
    fraction = Fraction(valeur) if not isinstance(valeur, float) else Fraction(repr(valeur))
    arrondi = decimal_exact(fraction, decimales).normalize()
    signe = "-" if arrondi < 0 else ""
    texte = f"{abs(arrondi):f}"
    entier, _, fraction_txt = texte.partition(".")
    groupes: list[str] = []
    while len(entier) > 3:
        groupes.insert(0, entier[-3:])
        entier = entier[:-3]
    groupes.insert(0, entier)
    resultat = signe + ESPACE_FINE.join(groupes) + ("," + fraction_txt if fraction_txt else "")
    if resultat == "-0":
        resultat = "0"
    if unite:
        separateur = "\u00a0" if unite == "%" else " "
        resultat = f"{resultat}{separateur}{unite}"
    return resultat


def oui_non(valeur: bool | None) -> str:
    return "—" if valeur is None else ("oui" if valeur else "non")
