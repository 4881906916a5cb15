"""Flat rows for spreadsheet-like outputs (CSV, Excel): the JSON fields, progression split."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from cpom_rules.evaluation.resultats import CHAMPS, Resultats

COLONNES = tuple(
    c
    for champ in CHAMPS
    for c in (
        ("progression_absolue", "progression_relative", "progression_points")
        if champ == "progression"
        else (champ,)
    )
)


def lignes_plates(resultats: Resultats, explications: bool = True) -> Iterator[dict[str, Any]]:
    """One flat dict per result: lists joined with « ; », progression split in three."""
    for ligne in resultats.lignes(explications):
        progression = ligne.pop("progression") or {}
        ligne["progression_absolue"] = progression.get("absolue")
        ligne["progression_relative"] = progression.get("relative")
        ligne["progression_points"] = progression.get("points")
        ligne["preuves_attendues"] = " ; ".join(ligne["preuves_attendues"])
        ligne["preuves_manquantes"] = " ; ".join(ligne["preuves_manquantes"])
        yield {colonne: ligne.get(colonne) for colonne in COLONNES}
