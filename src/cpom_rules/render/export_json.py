"""JSON export: the documented document of `Resultats.to_dict` (docs/format-resultats.md)."""

from __future__ import annotations

from pathlib import Path

from cpom_rules.evaluation.resultats import Resultats


def write_json(resultats: Resultats, chemin: Path) -> None:
    chemin.write_text(resultats.to_json(indent=1), encoding="utf-8")
