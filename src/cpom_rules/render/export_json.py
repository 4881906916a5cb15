"""JSON export: the documented document of `Resultats.to_dict` (docs/format-resultats.md)."""

from __future__ import annotations

from pathlib import Path

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique


def write_json(resultats: Resultats, chemin: Path) -> None:
    """Write the JSON document atomically (an interruption leaves any previous file)."""
    with ecrire_atomique(chemin) as temporaire:
        temporaire.write_text(resultats.to_json(indent=1), encoding="utf-8")
