"""CSV export for Excel users: ``;`` separator, UTF-8 with BOM, decimal comma, same columns
as the JSON results (progression split in three), formula-looking texts neutralised.

Built column by column from the result arrays: numbers are formatted by numpy, texts
neutralised once per distinct value, rows written by the C csv writer."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.render.securite import neutraliser
from cpom_rules.render.tableur import COLONNES, colonnes_plates_par_bloc

_NOMBRES = frozenset(
    {
        "valeur",
        "valeur_reference",
        "progression_absolue",
        "progression_relative",
        "progression_points",
        "cible_valeur",
        "valeur_comparee",
        "ecart",
    }
)


def _cellule(valeur: object) -> object:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float):
        return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return neutraliser(valeur)


def _nombres(valeurs: NDArray[Any]) -> NDArray[Any] | None:
    """Decimal-comma texts of a column of floats and None, by numpy; None if the column
    holds anything else (yes/no answers)."""
    if not len(valeurs):
        return np.empty(0, dtype=object)
    try:
        nombres = np.array(valeurs.tolist(), dtype=float)  # None → NaN
    except (TypeError, ValueError):
        return None
    if any(type(v) is bool for v in valeurs[~np.isnan(nombres)].tolist()):
        return None
    textes = nombres.astype(str)  # the shortest repr: values are already rounded to 6 places
    textes = np.strings.replace(textes, ".", ",")
    entiers = np.strings.endswith(textes, ",0")
    textes[entiers] = np.strings.slice(textes[entiers], 0, -2)
    sortie = textes.astype(object)
    exposants = np.flatnonzero(np.strings.find(textes, "e") >= 0)
    for i in exposants.tolist():  # 1e-06, 1e+16: written out in full
        sortie[i] = _cellule(float(nombres[i]))
    sortie[np.isnan(nombres)] = ""
    return sortie


def _colonne(nom: str, valeurs: NDArray[Any]) -> NDArray[Any] | list[object]:
    """The cells of one column: numbers formatted by numpy; texts neutralised once per
    distinct value; identifiers (FINESS, codes, statuses) as they are (None is written as an
    empty cell by the csv module)."""
    if nom in _NOMBRES and (textes := _nombres(valeurs)) is not None:
        return textes
    if nom in _IDENTIFIANTS:
        return valeurs
    deja: dict[Any, object] = {}
    sortie = []
    for v in valeurs.tolist():
        cle = (type(v), v)
        if cle not in deja:
            deja[cle] = _cellule(v)
        sortie.append(deja[cle])
    return sortie


_IDENTIFIANTS = frozenset(
    {"finess", "indicateur", "mesure", "annee", "segment", "statut", "raison", "annee_reference"}
)


def _ecrire(resultats: Resultats, flux: io.TextIOBase | Any) -> None:
    ecrivain = csv.writer(flux, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES)
    for plates in colonnes_plates_par_bloc(resultats):  # one measure at a time: bounded memory
        ecrivain.writerows(zip(*(_colonne(n, plates[n]) for n in COLONNES), strict=True))


def render_csv(resultats: Resultats) -> str:
    """The results as CSV text (without the BOM)."""
    tampon = io.StringIO()
    _ecrire(resultats, tampon)
    return tampon.getvalue()


def write_csv(resultats: Resultats, chemin: Path) -> None:
    """Write the CSV with a BOM so that Excel reads it as UTF-8 (atomically: an
    interruption leaves any previous file untouched)."""
    with (
        ecrire_atomique(chemin) as temporaire,
        temporaire.open("w", encoding="utf-8-sig", newline="") as flux,
    ):
        _ecrire(resultats, flux)
