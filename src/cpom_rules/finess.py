"""FINESS numbers: format and check key.

A FINESS number has 9 characters: the département (2 digits, or ``2A``/``2B`` for Corsica),
6 digits, and a check digit computed with the Luhn formula over the 9 digits (verified on
the CHU numbers 310781406, 340780477, 300780038). Our sources do not publish how the key is
computed for ``2A``/``2B``: for Corsica only the format is checked, and that is documented.
Nothing is repaired silently: a lost leading zero is only *suggested* unless the caller
explicitly asks for the repair.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from cpom_rules.invisibles import nommer_invisibles

_FORMAT = re.compile(r"^(?:\d{2}|2[AB])\d{7}$", re.ASCII)  # ASCII: no other script's digits


def luhn_valide(chiffres: str) -> bool:
    """True when the digit string passes the Luhn check."""
    total = 0
    for rang, caractere in enumerate(reversed(chiffres)):
        chiffre = ord(caractere) - 48
        if rang % 2 == 1:
            chiffre *= 2
            if chiffre > 9:
                chiffre -= 9
        total += chiffre
    return total % 10 == 0


@dataclass(frozen=True, slots=True)
class AnalyseFiness:
    """What `analyser_finess` found: the normalised number, or why it is invalid."""

    finess: str | None
    defaut: str | None = None
    defaut_en: str | None = None
    conseil: str = ""
    conseil_en: str = ""
    espaces_retires: bool = False
    correction: str | None = None


def analyser_finess(brut: str) -> AnalyseFiness:
    """Check one FINESS number; spaces are removed (and reported), letters upper-cased."""
    texte = brut.strip()
    compact = re.sub(r"[\s.\u00a0]", "", texte).upper()
    espaces = compact != texte.upper()
    if not compact:
        return AnalyseFiness(
            None, "vide", "empty", "indiquez le numéro FINESS", "give the FINESS number"
        )
    if len(compact) == 8 and compact.isascii() and compact.isdigit() and luhn_valide("0" + compact):
        return AnalyseFiness(
            None,
            "8 chiffres : le zéro initial a probablement été perdu par un tableur",
            "8 digits: a spreadsheet probably dropped the leading zero",
            f"saisissez « 0{compact} » (colonne au format texte)",
            f"enter '0{compact}' (text-formatted column)",
            espaces,
            correction="0" + compact,
        )
    if len(compact) != 9 and not nommer_invisibles(compact):
        return AnalyseFiness(
            None,
            f"{len(compact)} caractères au lieu de 9",
            f"{len(compact)} characters instead of 9",
            "un FINESS compte 9 caractères, par exemple 340780477",
            "a FINESS has 9 characters, e.g. 340780477",
            espaces,
        )
    if not _FORMAT.match(compact):
        invisibles = nommer_invisibles(texte)
        return AnalyseFiness(
            None,
            invisibles or "caractères non autorisés (chiffres attendus, 2A/2B pour la Corse)",
            nommer_invisibles(texte, "en")
            or "invalid characters (digits expected, 2A/2B for Corsica)",
            "retirez ce caractère (souvent collé depuis un courriel ou une page web)"
            if invisibles
            else "vérifiez la saisie",
            "remove it (often pasted from an e-mail or a web page)"
            if invisibles
            else "check the number",
            espaces,
        )
    if compact[:2] not in ("2A", "2B") and not luhn_valide(compact):
        return AnalyseFiness(
            None,
            "clé de contrôle incorrecte",
            "wrong check digit",
            "vérifiez les chiffres : une faute de frappe est probable",
            "check the digits: a typo is likely",
            espaces,
        )
    return AnalyseFiness(compact, espaces_retires=espaces)


def avec_cle(base: str) -> str:
    """Append the Luhn check digit to an 8-character base (used to generate example data)."""
    for cle in "0123456789":
        if luhn_valide(base + cle):
            return base + cle
    raise AssertionError("unreachable: one Luhn key always exists")
