"""Numbers and yes/no as a reader sees them, in the reader's language (numbers are
written by `cpom_rules.chiffres`)."""

from __future__ import annotations

from decimal import Decimal
from fractions import Fraction

from cpom_rules.chiffres import nombre_texte
from cpom_rules.messages import Langue, phrase


def nombre_fr(
    valeur: Fraction | Decimal | int | float | None, decimales: int = 2, unite: str | None = None
) -> str:
    """`nombre_texte` in French: for texts that are French whatever the reader's language
    (the trace's readings, the catalogue's own words)."""
    return nombre_texte(valeur, decimales, unite, "fr")


def oui_non(valeur: bool | None, langue: Langue = "fr") -> str:
    """« oui » / « non » (« yes » / « no », the catalogue's words); ``None`` → ``—``."""
    return "—" if valeur is None else phrase("oui" if valeur else "non", langue)
