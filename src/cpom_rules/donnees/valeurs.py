"""Read one raw value (text from a CSV, or a number, a bool, a date from JSON or pandas)
according to the declared type of its variable or attribute.

Rules, all documented in `docs/semantique.md`:
- empty text, ``NA``, ``N/A``, ``NR``, ``-``, ``—`` and ``None`` mean *missing*, never zero;
  a float NaN, pandas' ``NA`` and ``NaT`` also mean missing (pandas' markers of an empty
  cell); the *texts* ``NaN`` and ``inf`` are invalid, as is a JSON ``NaN`` literal;
- numpy scalars (DataFrame cells) are read as the Python values they hold;
- numbers: French or English decimal mark (``12,5`` / ``12.5``), thousands separated by a
  space, a no-break space or, when both marks appear, the other mark (``1 234,5``,
  ``1.234,5``, ``1,234.5``); no exponent; texts ``nan``/``inf`` are refused;
- ``taux`` accepts a trailing ``%`` and must lie within [0, 100]; ``nombre`` must be ≥ 0
  (a count or a volume), and ``-0`` (text or float) is refused as a typing accident;
- yes/no: oui/non, o/n, vrai/faux, true/false, yes/no, 1/0 (any case);
- dates: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from cpom_rules.spec.types import NON, OUI

MANQUANTS = frozenset({"", "na", "n/a", "nr", "-", "—", "–", "nd", "null", "none"})
_MANQUANTS_PANDAS = frozenset({"NAType", "NaTType"})
_ESPACES = re.compile(r"[\s\u00a0\u202f']")
_NOMBRE = re.compile(r"^[+-]?\d+(?:\.\d+)?$")
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_MAX_CHIFFRES = 15


@dataclass(frozen=True, slots=True)
class Lu:
    """The reading of one raw value: its value, or missing, or why it is invalid."""

    valeur: Fraction | bool | int | str | frozenset[str] | None
    manquant: bool = False
    erreur: str | None = None
    erreur_en: str | None = None


MANQUANT = Lu(None, manquant=True)


def _invalide(fr: str, en: str) -> Lu:
    return Lu(None, erreur=fr, erreur_en=en)


def est_nan(brut: object) -> bool:
    """True for a float NaN (pandas' marker of an empty cell)."""
    return isinstance(brut, float) and math.isnan(brut)


def est_manquant(brut: object) -> bool:
    """True for the values that mean "no value" (pandas' ``NA`` and ``NaT`` included)."""
    if brut is None or est_nan(brut) or type(brut).__name__ in _MANQUANTS_PANDAS:
        return True
    return isinstance(brut, str) and brut.strip().lower() in MANQUANTS


def natif(brut: object) -> object:
    """A numpy scalar (a cell of a DataFrame column) as the Python value it holds."""
    if isinstance(brut, np.datetime64):  # nanosecond dates would give an int
        return brut.astype("datetime64[us]").item()
    return brut.item() if isinstance(brut, np.generic) else brut


def lire_nombre(brut: object, *, pourcentage: bool = False) -> Lu:
    """An exact non-negative number; with `pourcentage`, a rate in [0, 100] (``12,5 %``)."""
    if est_manquant(brut):
        return MANQUANT
    if isinstance(brut, bool):
        return _invalide("un oui/non n'est pas un nombre", "a yes/no is not a number")
    if isinstance(brut, int):
        valeur = Fraction(brut)
    elif isinstance(brut, float):
        if not math.isfinite(brut):
            return _invalide("nombre infini", "infinite number")
        if brut == 0 and math.copysign(1.0, brut) < 0:
            return _invalide("« -0 » : signe négatif sur zéro", "'-0': negative sign on zero")
        valeur = Fraction(repr(brut))
    elif isinstance(brut, str):
        lu = _nombre_depuis_texte(brut, pourcentage)
        if not isinstance(lu.valeur, Fraction):
            return lu
        valeur = lu.valeur
        if brut.strip().startswith("-") and valeur == 0:
            return _invalide("« -0 » : signe négatif sur zéro", "'-0': negative sign on zero")
    else:
        return _invalide(
            f"type {type(brut).__name__} inattendu", f"unexpected type {type(brut).__name__}"
        )
    if valeur < 0:
        return _invalide("valeur négative", "negative value")
    if pourcentage and valeur > 100:
        return _invalide("un taux dépasse 100 %", "a rate above 100%")
    if abs(valeur.numerator) >= 10**_MAX_CHIFFRES or valeur.denominator >= 10**9:
        return _invalide("nombre trop grand ou trop précis", "number too large or too precise")
    return Lu(valeur)


def _nombre_depuis_texte(brut: str, pourcentage: bool) -> Lu:
    texte = brut.strip()
    if pourcentage and texte.endswith("%"):
        texte = texte[:-1].strip()
    elif texte.endswith("%"):
        return _invalide(
            "« % » sur une variable qui n'est pas un taux", "'%' on a variable that is not a rate"
        )
    texte = _ESPACES.sub("", texte)
    if "," in texte and "." in texte:
        decimal = "," if texte.rfind(",") > texte.rfind(".") else "."
        milliers = "." if decimal == "," else ","
        texte = texte.replace(milliers, "").replace(decimal, ".")
    elif texte.count(",") == 1:
        texte = texte.replace(",", ".")
    if not _NOMBRE.match(texte):
        if texte.lower().lstrip("+-") in ("nan", "inf", "infinity") or "e" in texte.lower():
            return _invalide(
                "notation non numérique ou exponentielle", "non-numeric or exponent notation"
            )
        return _invalide("ce n'est pas un nombre", "not a number")
    if sum(c.isdigit() for c in texte) > _MAX_CHIFFRES + 6:
        return _invalide("nombre trop long", "number too long")
    return Lu(Fraction(texte))


def lire_booleen(brut: object) -> Lu:
    """oui/non and their usual spellings."""
    if est_manquant(brut):
        return MANQUANT
    if isinstance(brut, bool):
        return Lu(brut)
    if isinstance(brut, int | float) and brut in (0, 1):
        return Lu(bool(brut))
    if isinstance(brut, str):
        texte = brut.strip().lower()
        if texte in OUI or texte == "1":
            return Lu(True)
        if texte in NON or texte == "0":
            return Lu(False)
    return _invalide("réponse oui/non attendue", "yes/no answer expected")


def lire_date(brut: object) -> Lu:
    """A date, as days since 1970-01-01."""
    if est_manquant(brut):
        return MANQUANT
    if isinstance(brut, dt.datetime):
        brut = brut.date()
    if isinstance(brut, dt.date):
        return Lu((brut - dt.date(1970, 1, 1)).days)
    if isinstance(brut, str):
        texte = brut.strip()
        iso = _DATE_ISO.match(texte)
        fr = _DATE_FR.match(texte)
        try:
            if iso:
                date = dt.date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
            elif fr:
                date = dt.date(int(fr.group(3)), int(fr.group(2)), int(fr.group(1)))
            else:
                return _invalide(
                    "date attendue (AAAA-MM-JJ ou JJ/MM/AAAA)",
                    "date expected (YYYY-MM-DD or DD/MM/YYYY)",
                )
        except ValueError:
            return _invalide("date impossible", "impossible date")
        return Lu((date - dt.date(1970, 1, 1)).days)
    return _invalide("date attendue", "date expected")


def lire_texte(brut: object, valeurs: frozenset[str] = frozenset()) -> Lu:
    """A text; with declared `valeurs`, one of them (case and accents must match)."""
    if est_manquant(brut):
        return MANQUANT
    if isinstance(brut, bool) or not isinstance(brut, str | int | float):
        return _invalide("texte attendu", "text expected")
    texte = str(brut).strip()
    if valeurs and texte not in valeurs:
        return _invalide(
            f"valeurs possibles : {', '.join(sorted(valeurs))}",
            f"possible values: {', '.join(sorted(valeurs))}",
        )
    return Lu(texte)


def lire_liste(brut: object, valeurs: frozenset[str] = frozenset()) -> Lu:
    """Codes separated by ``|``, ``;`` or ``,`` (or a Python list)."""
    if est_manquant(brut):
        return Lu(frozenset())
    if isinstance(brut, list | tuple | set | frozenset):
        elements = [str(e).strip() for e in brut]
    elif isinstance(brut, str):
        elements = [e.strip() for e in re.split(r"[|;,]", brut)]
    else:
        return _invalide("liste de codes attendue (A|B|C)", "list of codes expected (A|B|C)")
    codes = frozenset(e for e in elements if e)
    inconnus = codes - valeurs if valeurs else frozenset()
    if inconnus:
        return _invalide(
            f"codes inconnus {', '.join(sorted(inconnus))} ; possibles : {', '.join(sorted(valeurs))}",
            f"unknown codes {', '.join(sorted(inconnus))}; possible: {', '.join(sorted(valeurs))}",
        )
    return Lu(codes)


def lire_entier(brut: object) -> Lu:
    """A whole non-negative number (a bed count)."""
    lu = lire_nombre(brut)
    if isinstance(lu.valeur, Fraction) and lu.valeur.denominator != 1:
        return _invalide("nombre entier attendu", "whole number expected")
    return lu


def lecteur(type_: str, valeurs: frozenset[str] = frozenset()) -> Callable[[object], Lu]:
    """The reading function for a declared variable or attribute type."""
    lecteurs: dict[str, Callable[[object], Lu]] = {
        "nombre": lire_nombre,
        "entier": lire_entier,
        "taux": lambda b: lire_nombre(b, pourcentage=True),
        "booleen": lire_booleen,
        "jalon": lire_booleen,
        "date": lire_date,
        "texte": lambda b: lire_texte(b, valeurs),
        "liste": lambda b: lire_liste(b, valeurs),
    }
    lire = lecteurs[type_]
    return lambda brut: lire(natif(brut))
