"""Scalar types of the spec language, read from YAML strings according to the schema.

The YAML reader hands every scalar over as text; these types decide what the text means.
They also accept native Python values so that models can be built in code. A value that
cannot be read raises a `PydanticCustomError` whose type is a message code of
`cpom_rules.messages`, so the problem reaches the author in plain French with a hint.
"""

from __future__ import annotations

import keyword
import re
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, PlainSerializer, WithJsonSchema
from pydantic_core import PydanticCustomError

from cpom_rules.finess import analyser_finess
from cpom_rules.messages import rendre

_NOMBRE = re.compile(r"^[+-]?\d+(?:[.,]\d+)?$")
_ANNEE = re.compile(r"^\d{4}$")
_PLAGE = re.compile(r"^(\d{4})\s*-\s*(\d{4})$")
_IDENTIFIANT = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
_CODE_FICHE = re.compile(r"^[A-Z][A-Z0-9_]{0,63}$")

OUI = frozenset({"oui", "o", "vrai", "true", "yes", "y"})
NON = frozenset({"non", "n", "faux", "false", "no"})

# Names that expressions give a meaning of their own.
MOTS_RESERVES = (
    frozenset({"annee", "vrai", "faux", "oui", "non"})
    | frozenset(keyword.kwlist)
    | {
        "true",
        "false",
        "none",
    }
)


def refus(code: str, **params: Any) -> PydanticCustomError:
    """A validation error carrying the message `code` and its parameters."""
    textes = {cle: str(valeur) for cle, valeur in params.items()}
    return PydanticCustomError(code, rendre(code, textes, "fr")[0], textes)


def lire_decimal(valeur: object) -> Decimal:
    """A finite decimal from a number or a text such as ``10``, ``10.5`` or ``10,5``."""
    if isinstance(valeur, bool):
        raise refus(
            "nombre_invalide",
            valeur=valeur,
            conseil="écrivez un nombre",
            conseil_en="write a number",
        )
    if isinstance(valeur, Decimal):
        resultat = valeur
    elif isinstance(valeur, int):
        resultat = Decimal(valeur)
    elif isinstance(valeur, float):
        resultat = Decimal(repr(valeur))
    elif isinstance(valeur, str):
        resultat = _decimal_depuis_texte(valeur)
    else:
        raise refus("nombre_invalide", valeur=type(valeur).__name__, conseil="écrivez un nombre")
    if not resultat.is_finite():
        raise refus(
            "nombre_invalide", valeur=valeur, precision=" fini", conseil="écrivez un nombre fini"
        )
    return resultat


def _decimal_depuis_texte(texte: str) -> Decimal:
    brut = texte.strip()
    if _NOMBRE.match(brut):
        try:
            return Decimal(brut.replace(",", "."))
        except InvalidOperation:  # pragma: no cover - the pattern only lets decimals through
            pass
    if "/" in brut:
        conseil = "écrivez la valeur décimale ; pour « k sur n » utilisez la cible k_parmi_n"
        conseil_en = "write the decimal value; for 'k out of n' use a k_parmi_n target"
    elif ":" in brut:
        conseil, conseil_en = "ce n'est pas un nombre (heure ?)", "this is not a number (a time?)"
    elif "%" in brut:
        conseil = "écrivez le nombre sans « % » : l'unité est celle de la mesure"
        conseil_en = "write the number without '%': the unit is the measure's"
    elif "_" in brut or " " in brut:
        conseil = "écrivez le nombre sans séparateur de milliers, par exemple 1000"
        conseil_en = "write the number without thousands separators, e.g. 1000"
    else:
        conseil, conseil_en = (
            "écrivez un nombre, par exemple 10 ou 12,5",
            "write a number, e.g. 10 or 12.5",
        )
    raise refus("nombre_invalide", valeur=texte, conseil=conseil, conseil_en=conseil_en)


def lire_annee(valeur: object) -> int:
    """A year written with four digits (``2025``), between 1900 and 2200."""
    if isinstance(valeur, bool):
        raise refus("annee_invalide", valeur=valeur)
    if isinstance(valeur, int):
        annee = valeur
    elif isinstance(valeur, str) and _ANNEE.match(valeur.strip()):
        annee = int(valeur.strip())
    else:
        raise refus("annee_invalide", valeur=valeur)
    if not 1900 <= annee <= 2200:
        raise refus("annee_invalide", valeur=valeur)
    return annee


def lire_plage_annees(valeur: object) -> tuple[int, int]:
    """``2025`` or ``2026-2029``, as an inclusive (first, last) pair."""
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        annee = lire_annee(valeur)
        return (annee, annee)
    if isinstance(valeur, str):
        texte = valeur.strip()
        correspondance = _PLAGE.match(texte)
        if correspondance:
            debut, fin = int(correspondance.group(1)), int(correspondance.group(2))
            if debut <= fin:
                return (lire_annee(debut), lire_annee(fin))
        elif _ANNEE.match(texte):
            annee = lire_annee(texte)
            return (annee, annee)
    raise refus("plage_annees_invalide", valeur=valeur)


def lire_booleen(valeur: object) -> bool:
    """``oui``/``non`` (and vrai/faux, true/false, o/n, yes/no), in any case."""
    if isinstance(valeur, bool):
        return valeur
    if isinstance(valeur, str):
        texte = valeur.strip().lower()
        if texte in OUI:
            return True
        if texte in NON:
            return False
    raise refus("oui_non_invalide", valeur=valeur)


def lire_oui_non(valeur: object) -> Literal["oui", "non"]:
    """The yes/no answer a target expects, normalised to ``oui`` or ``non``."""
    return "oui" if lire_booleen(valeur) else "non"


def lire_identifiant(valeur: object) -> str:
    """A name usable in expressions: lowercase ASCII, digits and ``_``, not a reserved word."""
    if not isinstance(valeur, str) or not _IDENTIFIANT.match(valeur):
        raise refus("identifiant_invalide", valeur=valeur)
    if valeur in MOTS_RESERVES:
        raise refus("identifiant_reserve", valeur=valeur)
    return valeur


def lire_code_fiche(valeur: object) -> str:
    """A fiche code such as ``CPOM_OS_1``."""
    if not isinstance(valeur, str) or not _CODE_FICHE.match(valeur.strip()):
        raise refus("code_fiche_invalide", valeur=valeur)
    return valeur.strip()


def lire_texte(valeur: object) -> str:
    """A non-empty text; surrounding blanks are removed."""
    if isinstance(valeur, str):
        if not valeur.strip():
            raise refus("texte_vide")
        return valeur.strip()
    raise refus("attendu_texte", trouve=decrire(valeur))


def decrire(valeur: object) -> str:
    """How a wrong value is named in a message: « une liste », « le texte "x" »…"""
    if valeur is None:
        return "une valeur vide"
    if isinstance(valeur, dict):
        return "un dictionnaire"
    if isinstance(valeur, list | tuple):
        return "une liste"
    if isinstance(valeur, bool):
        return "un booléen"
    texte = str(valeur)
    return f"« {texte[:40]}{'…' if len(texte) > 40 else ''} »"


def _decimal_en_json(valeur: Decimal) -> int | float | str:
    """A JSON number when it reads back exactly, else the decimal text (``0.00001``).

    A float such as 1e-05, or one that rounds the decimal, could not be read back by
    `lire_decimal`: dumping a fiche and reading it again must give the same fiche.
    """
    if valeur == valeur.to_integral_value():
        return int(valeur)
    texte = repr(float(valeur))
    if "e" not in texte and Decimal(texte) == valeur:
        return float(texte)
    return f"{valeur:f}"


_SCHEMA_NOMBRE = {
    "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^[+-]?\d+(?:[.,]\d+)?$"}]
}
_SCHEMA_ANNEE = {
    "anyOf": [
        {"type": "integer", "minimum": 1900, "maximum": 2200},
        {"type": "string", "pattern": r"^\d{4}$"},
    ]
}
_SCHEMA_BOOLEEN = {
    "anyOf": [
        {"type": "boolean"},
        {"type": "string", "pattern": "^(?i:oui|non|o|n|vrai|faux|true|false|yes|no|y)$"},
    ]
}

Nombre = Annotated[
    Decimal,
    BeforeValidator(lire_decimal),
    PlainSerializer(_decimal_en_json, when_used="json"),
    WithJsonSchema(_SCHEMA_NOMBRE),
]
Annee = Annotated[int, BeforeValidator(lire_annee), WithJsonSchema(_SCHEMA_ANNEE)]
Booleen = Annotated[bool, BeforeValidator(lire_booleen), WithJsonSchema(_SCHEMA_BOOLEEN)]
OuiNon = Annotated[
    Literal["oui", "non"], BeforeValidator(lire_oui_non), WithJsonSchema(_SCHEMA_BOOLEEN)
]
Identifiant = Annotated[
    str,
    BeforeValidator(lire_identifiant),
    WithJsonSchema({"type": "string", "pattern": _IDENTIFIANT.pattern}),
]
CodeFiche = Annotated[
    str,
    BeforeValidator(lire_code_fiche),
    WithJsonSchema({"type": "string", "pattern": _CODE_FICHE.pattern}),
]
Texte = Annotated[
    str, BeforeValidator(lire_texte), WithJsonSchema({"type": "string", "minLength": 1})
]


def lire_entier(valeur: object) -> int:
    """A non-negative whole number such as ``2``."""
    if isinstance(valeur, int) and not isinstance(valeur, bool) and valeur >= 0:
        return valeur
    if isinstance(valeur, str) and valeur.strip().isdigit() and len(valeur.strip()) <= 9:
        return int(valeur.strip())
    raise refus(
        "nombre_invalide",
        valeur=valeur,
        precision=" entier positif",
        precision_en=" (whole, non-negative)",
        conseil="écrivez un nombre entier, par exemple 2",
        conseil_en="write a whole number, e.g. 2",
    )


def lire_reference(valeur: object) -> str:
    """``n_moins_1`` (also ``N-1``), ``initiale``, or a fixed year such as ``2024``."""
    if isinstance(valeur, int) and not isinstance(valeur, bool):
        return str(lire_annee(valeur))
    if isinstance(valeur, str):
        texte = valeur.strip().lower().replace(" ", "")
        if texte in ("n_moins_1", "n-1"):
            return "n_moins_1"
        if texte == "initiale":
            return "initiale"
        if _ANNEE.match(texte):
            return str(lire_annee(texte))
    raise refus("reference_invalide", valeur=valeur)


def lire_cle_annees(valeur: object) -> str:
    """A year key of a target table: ``2025`` or ``2026-2029``, kept as written (normalised)."""
    debut, fin = lire_plage_annees(valeur)
    return str(debut) if debut == fin else f"{debut}-{fin}"


Entier = Annotated[
    int,
    BeforeValidator(lire_entier),
    WithJsonSchema(
        {"anyOf": [{"type": "integer", "minimum": 0}, {"type": "string", "pattern": r"^\d+$"}]}
    ),
]
Reference = Annotated[
    str,
    BeforeValidator(lire_reference),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "integer", "minimum": 1900, "maximum": 2200},
                {"type": "string", "pattern": r"^(?i:n_moins_1|n-1|initiale|\d{4})$"},
            ]
        }
    ),
]
CleAnnees = Annotated[
    str,
    BeforeValidator(lire_cle_annees),
    WithJsonSchema({"type": "string", "pattern": r"^\d{4}(\s*-\s*\d{4})?$"}),
]


def lire_finess(valeur: object) -> str:
    """A FINESS number with a valid check key (see `cpom_rules.finess`)."""
    if not isinstance(valeur, str):
        raise refus(
            "finess_invalide",
            finess=valeur,
            detail="un FINESS s'écrit comme un texte de 9 caractères",
        )
    analyse = analyser_finess(valeur)
    if analyse.finess is None or analyse.espaces_retires:
        raise refus(
            "finess_invalide",
            finess=valeur,
            detail=analyse.defaut or "espaces dans le numéro",
            conseil=analyse.conseil or "écrivez les 9 caractères sans espace",
            conseil_en=analyse.conseil_en or "write the 9 characters without spaces",
        )
    return analyse.finess


Finess = Annotated[
    str,
    BeforeValidator(lire_finess),
    WithJsonSchema({"type": "string", "pattern": r"^(\d{2}|2[AB])\d{7}$"}),
]
