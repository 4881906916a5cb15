"""Read one raw value (text from a CSV, or a number, a bool, a date from JSON or pandas)
according to the declared type of its variable or attribute.

Rules, all documented in `docs/semantique.md`:
- empty text and the tokens of `MANQUANTS` (``ND``, ``NC``, ``NR``, ``NA``, ``n.d.``, ``n.c.``,
  ``-``…) mean *missing*, never zero;
  a float NaN, pandas' ``NA`` and ``NaT`` also mean missing (pandas' markers of an empty
  cell); the *texts* ``NaN`` and ``inf`` are invalid, as is a JSON ``NaN`` literal;
- numpy scalars (DataFrame cells) are read as the Python values they hold;
- numbers: read exactly by `donnees.nombres` (any number of decimals; thousands groups only
  when well-formed; ``2.000`` settled by the column's decimal mark or refused as ambiguous);
- ``taux`` accepts a trailing ``%`` and must lie within [0, 100]; ``nombre`` must be ≥ 0
  (a count or a volume), and ``-0`` (text or float) is refused as a typing accident;
- yes/no: oui/non, o/n, vrai/faux, true/false, yes/no, 1/0 (any case);
- dates: ``AAAA-MM-JJ`` or ``JJ/MM/AAAA``, a date cell, or an Excel serial number;
- lists: an empty cell is *unknown*, unless the attribute declares ``vide_possible``.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction

import numpy as np

from cpom_rules.donnees.nombres import (
    LIMITE_ENTIERE,
    LIMITE_EXACTE,
    TROP_GRAND,
    TROP_PRECIS,
    Convention,
    Refus,
    lire_decimal,
)
from cpom_rules.spec.types import NON, OUI

MANQUANTS = frozenset(
    {
        "",
        "na",
        "n/a",
        "nr",
        "nd",
        "nc",
        "n.a.",
        "n.d.",
        "n.c.",
        "n.r.",
        "-",
        "—",
        "–",
        "null",
        "none",
    }
)
"""Texts meaning *missing* (compared lower-cased, spaces trimmed): « non disponible », « non
communiqué », « non renseigné », « non applicable » and the dashes of an empty cell."""
_MANQUANTS_PANDAS = frozenset({"NAType", "NaTType"})
_DATE_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATE_FR = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})$")
_ORIGINE_EXCEL = dt.date(1899, 12, 30)
_SERIES = (32874, 73050)  # Excel serials of 1990-01-01 and 2099-12-31


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


def lire_nombre(brut: object, *, pourcentage: bool = False, convention: Convention = None) -> Lu:
    """An exact non-negative number; with `pourcentage`, a rate in [0, 100] (``12,5 %``).

    `convention` is the decimal mark of the column (see `donnees.nombres`), which settles
    ``2.000`` and ``1,234``; without it those are refused as ambiguous."""
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
        valeur = Fraction(repr(brut))  # the shortest decimal that reads back as this float
    elif isinstance(brut, str):
        texte = brut.strip()
        if texte.endswith("%"):
            if not pourcentage:
                return _invalide(
                    "« % » sur une variable qui n'est pas un taux",
                    "'%' on a variable that is not a rate",
                )
            texte = texte[:-1]
        lu = lire_decimal(texte, convention)
        if isinstance(lu, Refus):
            return _invalide(lu.fr, lu.en)
        valeur = lu
        if texte.strip().startswith("-") and valeur == 0:
            return _invalide("« -0 » : signe négatif sur zéro", "'-0': negative sign on zero")
    else:
        return _invalide(
            f"type {type(brut).__name__} inattendu", f"unexpected type {type(brut).__name__}"
        )
    return borner(valeur, pourcentage)


def borner(valeur: Fraction, pourcentage: bool) -> Lu:
    """The range checks every number passes, whatever path it took: ≥ 0, a rate ≤ 100 %,
    and representable exactly by the core."""
    if valeur < 0:
        return _invalide("valeur négative", "negative value")
    if pourcentage and valeur > 100:
        return _invalide("un taux dépasse 100 %", "a rate above 100%")
    if abs(valeur) >= LIMITE_ENTIERE:
        return _invalide(TROP_GRAND.fr, TROP_GRAND.en)
    if valeur.denominator > LIMITE_EXACTE or valeur.numerator > LIMITE_EXACTE:
        return _invalide(TROP_PRECIS.fr, TROP_PRECIS.en)
    return Lu(valeur)


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
    if isinstance(brut, int | float) and not isinstance(brut, bool):
        # An Excel date serial (days since 1899-12-30), as a spreadsheet without a date
        # format stores it; a fraction of a day is a time, which no CPOM date carries, and a
        # serial outside 1990-2099 is a number typed in the wrong column, not a date.
        if not (isinstance(brut, int) or brut.is_integer()) or not _SERIES[0] <= brut <= _SERIES[1]:
            return _invalide(
                "date attendue (un nombre n'est lu comme date Excel qu'entre 1990 et 2099)",
                "date expected (a number is read as an Excel date only between 1990 and 2099)",
            )
        return Lu((_ORIGINE_EXCEL + dt.timedelta(days=int(brut)) - dt.date(1970, 1, 1)).days)
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


def lire_liste(
    brut: object, valeurs: frozenset[str] = frozenset(), vide_possible: bool = False
) -> Lu:
    """Codes separated by ``|``, ``;`` or ``,`` (or a Python list). An empty cell is unknown
    (a missing value is never an empty list) unless the attribute declares `vide_possible`."""
    if est_manquant(brut):
        return Lu(frozenset()) if vide_possible else MANQUANT
    if isinstance(brut, list | tuple | set | frozenset):
        elements = [str(e).strip() for e in brut]
    elif isinstance(brut, str):
        elements = [e.strip() for e in re.split(r"[|;,]", brut)]
    else:
        return _invalide("liste de codes attendue (A|B|C)", "list of codes expected (A|B|C)")
    codes = frozenset(e for e in elements if e)
    if not codes and not vide_possible:
        return MANQUANT
    inconnus = codes - valeurs if valeurs else frozenset()
    if inconnus:
        return _invalide(
            f"codes inconnus {', '.join(sorted(inconnus))} ; possibles : {', '.join(sorted(valeurs))}",
            f"unknown codes {', '.join(sorted(inconnus))}; possible: {', '.join(sorted(valeurs))}",
        )
    return Lu(codes)


def lire_entier(brut: object, convention: Convention = None) -> Lu:
    """A whole non-negative number (a bed count)."""
    lu = lire_nombre(brut, convention=convention)
    if isinstance(lu.valeur, Fraction) and lu.valeur.denominator != 1:
        return _invalide("nombre entier attendu", "whole number expected")
    return lu


def lecteur(
    type_: str,
    valeurs: frozenset[str] = frozenset(),
    *,
    convention: Convention = None,
    vide_possible: bool = False,
) -> Callable[[object], Lu]:
    """The reading function for a declared variable or attribute type; `convention` is the
    decimal mark of the column the values come from."""
    lecteurs: dict[str, Callable[[object], Lu]] = {
        "nombre": lambda b: lire_nombre(b, convention=convention),
        "entier": lambda b: lire_entier(b, convention),
        "taux": lambda b: lire_nombre(b, pourcentage=True, convention=convention),
        "booleen": lire_booleen,
        "jalon": lire_booleen,
        "date": lire_date,
        "texte": lambda b: lire_texte(b, valeurs),
        "liste": lambda b: lire_liste(b, valeurs, vide_possible),
    }
    lire = lecteurs[type_]
    return lambda brut: lire(natif(brut))
