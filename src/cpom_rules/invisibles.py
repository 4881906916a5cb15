"""Characters a reader cannot see, named so that a message can point at them.

A zero-width space pasted into a FINESS or a variable name makes two identical-looking texts
differ; « vouliez-vous dire professionnels_formes ? » then reads as nonsense unless the
message names the character and its position."""

from __future__ import annotations

import unicodedata

from cpom_rules.messages import Langue, indice

_NOMS = {
    "\u200b": ("espace de largeur nulle", "zero width space"),
    "\u200c": ("antiliant sans chasse", "zero width non-joiner"),
    "\u200d": ("liant sans chasse", "zero width joiner"),
    "\u2060": ("gluon de mots", "word joiner"),
    "\ufeff": ("indicateur d'ordre des octets (BOM)", "byte order mark"),
    "\u00a0": ("espace insécable", "no-break space"),
    "\u202f": ("espace fine insécable", "narrow no-break space"),
    "\u00ad": ("trait d'union conditionnel", "soft hyphen"),
    "\u200e": ("marque gauche-à-droite", "left-to-right mark"),
    "\u200f": ("marque droite-à-gauche", "right-to-left mark"),
}


def est_invisible(caractere: str) -> bool:
    """True for a format or control character, or a space other than the plain one."""
    return caractere in _NOMS or (
        caractere != " " and unicodedata.category(caractere) in ("Cf", "Cc", "Zs", "Zl", "Zp")
    )


def nommer_invisibles(texte: str, langue: Langue = "fr") -> str:
    """« caractère invisible U+200B (espace de largeur nulle) en position 4 », or ``""``."""
    noms = []
    for position, caractere in enumerate(texte, start=1):
        if est_invisible(caractere):
            fr, en = _NOMS.get(caractere, (None, None))
            nom = (fr if langue == "fr" else en) or unicodedata.name(caractere, "").lower()
            code = f"U+{ord(caractere):04X}"
            noms.append(
                indice(
                    "caractere_en_position", langue, point_de_code=code, nom=nom, position=position
                )
            )
    if not noms:
        return ""
    return indice("caracteres_invisibles", langue, caracteres=", ".join(noms))
