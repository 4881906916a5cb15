"""Flat rows for spreadsheet-like outputs (CSV, Excel): the JSON fields, progression split,
evidence lists joined with « ; », built from the result columns (`evaluation.tableau`)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np
from numpy.typing import NDArray

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.tableau import COLONNES, ColonnesResultats, colonnes_resultats_bloc
from cpom_rules.messages import Langue


def colonnes_plates(
    resultats: Resultats, explications: bool = True, langue: Langue = "fr"
) -> dict[str, NDArray[Any]]:
    """One array per column of `COLONNES`, evidence lists joined with « ; »."""
    return aplatir(resultats.colonnes(explications, langue), explications)


def colonnes_plates_par_bloc(
    resultats: Resultats, explications: bool = True, langue: Langue = "fr"
) -> Iterator[dict[str, NDArray[Any]]]:
    """`colonnes_plates`, one evaluated measure at a time (bounded memory for writers)."""
    for bloc in resultats.blocs:
        colonnes = colonnes_resultats_bloc(resultats, bloc, explications, langue)
        yield aplatir(colonnes, explications)


def aplatir(resultat: ColonnesResultats, explications: bool) -> dict[str, NDArray[Any]]:
    """The flat columns of some result rows."""
    colonnes = resultat.colonnes
    plates = {n: colonnes[n] for n in COLONNES if n in colonnes}
    for nom in ("preuves_attendues", "preuves_manquantes"):
        jointes = np.empty(len(plates[nom]), dtype=object)
        jointes[:] = [" ; ".join(p) for p in plates[nom]]
        plates[nom] = jointes
    if not explications:
        plates["explication"] = np.full(len(plates["finess"]), None, dtype=object)
    return plates


def lignes_plates(
    resultats: Resultats, explications: bool = True, langue: Langue = "fr"
) -> Iterator[dict[str, Any]]:
    """One flat dict per result (keys: `COLONNES`)."""
    plates = colonnes_plates(resultats, explications, langue)
    for i in range(len(plates["finess"])):
        yield {n: plates[n][i] for n in COLONNES}


__all__ = ["COLONNES", "colonnes_plates", "colonnes_plates_par_bloc", "lignes_plates"]
