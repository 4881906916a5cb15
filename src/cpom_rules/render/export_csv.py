"""CSV export for Excel users: ``;`` separator, UTF-8 with BOM, decimal comma, same columns
as the JSON results (progression split in three), formula-looking texts neutralised."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.render.securite import neutraliser
from cpom_rules.render.tableur import COLONNES, lignes_plates


def _cellule(valeur: object) -> object:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float):
        return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return neutraliser(valeur)


def render_csv(resultats: Resultats) -> str:
    """The results as CSV text (without the BOM)."""
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES)
    for ligne in lignes_plates(resultats):
        ecrivain.writerow([_cellule(ligne[c]) for c in COLONNES])
    return tampon.getvalue()


def write_csv(resultats: Resultats, chemin: Path) -> None:
    """Write the CSV with a BOM so that Excel reads it as UTF-8 (atomically: an
    interruption leaves any previous file untouched)."""
    with ecrire_atomique(chemin) as temporaire:
        temporaire.write_text(render_csv(resultats), encoding="utf-8-sig", newline="")
