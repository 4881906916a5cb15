"""The catalogues shipped inside the package, found by name (``occitanie-2025-2029``).

A tool that embeds the library has no checkout: ``load_catalogue("occitanie-2025-2029")``
and ``cpom-rules check occitanie-2025-2029`` resolve the name here, through
`importlib.resources`, so the same call works from a clone, an editable install or a wheel.
A path that exists on disk always wins over a bundled name.
"""

from __future__ import annotations

from importlib.resources import as_file, files
from pathlib import Path

FICHIER_CATALOGUE = "catalogue.yaml"
DOSSIER = "catalogues"  # package data: src/cpom_rules/catalogues/<name>/


def catalogues() -> list[str]:
    """The names of the bundled catalogues, sorted (e.g. ``["occitanie-2025-2029"]``)."""
    racine = files("cpom_rules").joinpath(DOSSIER)
    return sorted(
        entree.name
        for entree in racine.iterdir()
        if entree.is_dir() and entree.joinpath(FICHIER_CATALOGUE).is_file()
    )


def chemin_catalogue(nom: str) -> Path | None:
    """The folder of the bundled catalogue `nom`, or None when no such catalogue is shipped."""
    if nom not in catalogues():
        return None
    # Wheels install as plain folders, so `as_file` yields the real path and needs no cleanup.
    with as_file(files("cpom_rules").joinpath(DOSSIER, nom)) as chemin:
        return Path(chemin)


def resoudre(chemin: str | Path) -> Path:
    """`chemin` itself when it exists on disk, else the bundled catalogue of that name."""
    candidat = Path(chemin)
    if candidat.exists() or candidat.name != str(chemin):
        return candidat
    return chemin_catalogue(str(chemin)) or candidat
