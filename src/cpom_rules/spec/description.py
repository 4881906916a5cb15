"""Describe a target in plain French, from the model alone (``≥ 10 %``, ``+5 % par rapport à N-1``).

Used where the fiche gives no printed text for a cell, in explanations and in the fiche
pages regenerated from the YAML.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # the target classes describe themselves with the helpers below
    from cpom_rules.spec.cibles import CibleBase


def nombre(valeur: Decimal) -> str:
    """``12.5`` → ``12,5``."""
    texte = f"{valeur.normalize():f}"
    return texte.replace(".", ",")


def signe(valeur: Decimal) -> str:
    return f"+{nombre(valeur)}" if valeur >= 0 else f"−{nombre(-valeur)}"


def reference(code: str) -> str:
    """``n_moins_1`` → ``N-1``, ``initiale`` → ``la valeur initiale``, ``2024`` → ``2024``."""
    return {"n_moins_1": "N-1", "initiale": "la valeur initiale"}.get(code, code)


def symbole_unite(unite: str) -> str:
    """`` %`` after a rate's numbers, nothing for counts (their unit is in the label)."""
    return "\u00a0%" if unite.strip() == "%" else ""


def decrire_cible(cible: CibleBase, unite: str = "") -> str:
    """A short French description of a target (each kind describes itself)."""
    return cible.decrire(unite)


def texte_cible(cible: CibleBase, unite: str = "") -> str:
    """The cell as printed in the fiche when the spec kept it, else the description."""
    return cible.texte or cible.decrire(unite)
