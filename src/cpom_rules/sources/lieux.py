"""Problems of the long table, moved back to the cells the values came from.

Readers of spreadsheets build a long table whose row *i* came from one cell; the problems
`load_dataset` reports name rows of that table. `relocaliser` rewrites them so that they
name the workbook and its cells (``2025!C7``), which is what the person fixing them sees.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import replace

from cpom_rules.problemes import Probleme

_MONTREES = 5


def relocaliser(
    problemes: Iterable[Probleme], table: str, cellules: Sequence[tuple[str, str]]
) -> list[Probleme]:
    """Problems of `table` (rows 1..n ↔ ``cellules[i]`` = (file, cell)) pointed at cells."""
    resultat: list[Probleme] = []
    for p in problemes:
        if p.fichier != table or not p.lignes:
            resultat.append(p)
            continue
        par_fichier: dict[str, list[str]] = defaultdict(list)
        for ligne in p.lignes:
            if 1 <= ligne <= len(cellules):
                fichier, cellule = cellules[ligne - 1]
                par_fichier[fichier].append(cellule)
        for fichier, noms in par_fichier.items():
            plus = "…" if len(noms) > _MONTREES else ""
            resultat.append(
                replace(p, fichier=fichier, lignes=(), chemin=", ".join(noms[:_MONTREES]) + plus)
            )
    return resultat
