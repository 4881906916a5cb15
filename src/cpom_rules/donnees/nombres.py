"""How a written number becomes an exact value: the one reader for CSV, xlsx, JSON and pandas.

A number is read exactly as the rational of the decimal written, whatever its number of
decimals (« 87,6923076923 » is 876923076923 / 10¹⁰). What is accepted:

- an optional sign, digits (full-width digits are folded), an optional decimal part after a
  comma or a point (``12,5``, ``12.5``, ``,5``);
- thousands groups only when well-formed: groups of exactly three digits after a first group
  of one to three, separated by a space, a no-break space, an apostrophe, or the mark that is
  not the decimal one (``1 234,5``, ``1.234,5``, ``1,234.5``, ``1.234.567``);
- a single mark followed by exactly three digits (``2.000``, ``1,234``) is *ambiguous*: it is
  read with the file's convention (`Convention`, detected from the other cells of the same
  column: a ``12,5`` somewhere makes the comma decimal), and refused when the file does not
  say which mark is decimal.

Everything else (an exponent, ``nan``, ``inf``, stray spaces ``1 2 3``, malformed groups
``12 34``) is not a number and is refused with a reason.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

Convention = Literal[",", "."] | None
"""The decimal mark of a column: ``","`` (French), ``"."`` (English) or unknown."""

LIMITE_ENTIERE = 10**15
"""Largest whole part accepted: no CPOM count or rate comes near it; a bigger one is a typo."""
LIMITE_EXACTE = 2**63 - 1
"""Numerator and denominator of the reduced fraction must fit the core's int64 columns."""

_SEPARATEURS_ESPACE = " \u00a0\u202f\u2009'’"
_SIMPLE = re.compile(r"[+-]?(\d*)(?:([.,])(\d+))?")
_GROUPES_ESPACE = re.compile(r"[+-]?\d{1,3}(?:[ ]\d{3})+(?:[.,]\d+)?")
_GROUPES_POINT = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+(?:,\d+)?")
_GROUPES_VIRGULE = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")


@dataclass(frozen=True, slots=True)
class Refus:
    """Why a text is not a number (French and English)."""

    fr: str
    en: str


PAS_UN_NOMBRE = Refus("ce n'est pas un nombre", "not a number")
NOTATION = Refus("notation non numérique ou exponentielle", "non-numeric or exponent notation")
GROUPES = Refus(
    "séparateur de milliers mal placé (groupes de trois chiffres attendus)",
    "misplaced thousands separator (groups of three digits expected)",
)
AMBIGU = Refus(
    "ambigu : « {texte} » peut se lire avec un séparateur de milliers ou décimal ; "
    "écrivez {milliers} ou {decimal}",
    "ambiguous: '{texte}' reads with a thousands or a decimal separator; "
    "write {milliers} or {decimal}",
)
TROP_GRAND = Refus("nombre trop grand", "number too large")
TROP_PRECIS = Refus(
    "trop de chiffres pour une valeur exacte (plus de 18 décimales)",
    "too many digits for an exact value (more than 18 decimals)",
)


def _replier(texte: str) -> str:
    """Full-width digits and exotic spaces folded to ASCII; separators of groups to ``" "``."""
    if not texte.isascii():
        texte = unicodedata.normalize("NFKC", texte)
    texte = texte.strip()
    for espace in _SEPARATEURS_ESPACE:
        if espace in texte:
            texte = texte.replace(espace, " ")
    return texte


def _ambigu(texte: str) -> bool:
    """``2.000`` or ``1,234``: one mark, a whole part of one to three digits not starting
    with 0, then exactly three digits."""
    simple = _SIMPLE.fullmatch(texte)
    if simple is None or simple.group(2) is None:
        return False
    entier, decimales = simple.group(1), simple.group(3)
    return 1 <= len(entier) <= 3 and entier[0] != "0" and len(decimales) == 3


def marque_decimale(texte: str) -> Convention:
    """The decimal mark a cell reveals unambiguously (``12,5`` → ``","``), if any."""
    texte = _replier(texte)
    if "," in texte and "." in texte:
        if _GROUPES_POINT.fullmatch(texte):
            return ","
        if _GROUPES_VIRGULE.fullmatch(texte):
            return "."
        return None
    if _GROUPES_POINT.fullmatch(texte) and texte.count(".") > 1:
        return ","
    if _GROUPES_VIRGULE.fullmatch(texte) and texte.count(",") > 1:
        return "."
    simple = _SIMPLE.fullmatch(texte)
    if simple is None or simple.group(2) is None or _ambigu(texte):
        return None
    return simple.group(2)  # type: ignore[return-value]  # the regex only captures "." or ","


def detecter_convention(textes: Iterable[object]) -> Convention:
    """The decimal mark of a column: the one its unambiguous cells use, if they agree."""
    vues: set[str] = set()
    for texte in textes:
        if isinstance(texte, str) and ("," in texte or "." in texte):
            marque = marque_decimale(texte)
            if marque is not None:
                vues.add(marque)
                if len(vues) > 1:
                    return None
    return vues.pop() if vues else None  # type: ignore[return-value]  # "," or "."


def lire_decimal(brut: str, convention: Convention = None) -> Fraction | Refus:
    """The exact value of a written number, or why it is not one."""
    texte = _replier(brut)
    if " " in texte:
        if not _GROUPES_ESPACE.fullmatch(texte):
            return GROUPES if _SIMPLE.fullmatch(texte.replace(" ", "")) else PAS_UN_NOMBRE
        texte = texte.replace(" ", "")
    if "," in texte and "." in texte:
        if _GROUPES_POINT.fullmatch(texte):
            texte = texte.replace(".", "").replace(",", ".")
        elif _GROUPES_VIRGULE.fullmatch(texte):
            texte = texte.replace(",", "")
        else:
            return GROUPES
    elif texte.count(".") > 1 or texte.count(",") > 1:
        if not (_GROUPES_POINT.fullmatch(texte) or _GROUPES_VIRGULE.fullmatch(texte)):
            return GROUPES
        texte = texte.replace(".", "").replace(",", "")
    elif _ambigu(texte):
        marque = "," if "," in texte else "."
        if convention is None:
            entier, decimales = re.split(r"[.,]", texte.lstrip("+-"))
            return Refus(
                AMBIGU.fr.format(
                    texte=brut.strip(),
                    milliers=f"« {entier}{decimales} »",
                    decimal=f"« {entier},{decimales.rstrip('0') or '0'} »",
                ),
                AMBIGU.en.format(
                    texte=brut.strip(),
                    milliers=f"'{entier}{decimales}'",
                    decimal=f"'{entier}.{decimales.rstrip('0') or '0'}'",
                ),
            )
        texte = texte.replace(marque, "" if marque != convention else ".")
    texte = texte.replace(",", ".")
    simple = _SIMPLE.fullmatch(texte)
    if simple is None or not (simple.group(1) or simple.group(3)):
        minuscule = texte.lower().lstrip("+-")
        if minuscule in ("nan", "inf", "infinity") or re.fullmatch(r"[\d.]+e[+-]?\d+", minuscule):
            return NOTATION
        return PAS_UN_NOMBRE
    if len(simple.group(1).lstrip("0")) > 15:
        return TROP_GRAND
    if len((simple.group(3) or "").rstrip("0")) > 40:  # cannot fit, and keeps Fraction() cheap
        return TROP_PRECIS
    valeur = Fraction(texte)
    if abs(valeur) >= LIMITE_ENTIERE:
        return TROP_GRAND
    if valeur.denominator > LIMITE_EXACTE or abs(valeur.numerator) > LIMITE_EXACTE:
        return TROP_PRECIS
    return valeur
