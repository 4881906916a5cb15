"""JSON export: the documented document of `Resultats.to_dict` (docs/format-resultats.md),
streamed: the rows are serialised by orjson one block of results at a time, straight from
the result columns, so a national campaign never holds its whole document in memory."""

from __future__ import annotations

from pathlib import Path
from typing import IO

import orjson

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.tableau import colonnes_resultats_bloc
from cpom_rules.fichiers import ecrire_atomique

_MARQUE = "\x00resultats\x00"


def ecrire_json(resultats: Resultats, flux: IO[bytes], explications: bool = True) -> None:
    """The document, written to a binary stream."""
    document = resultats.to_dict(explications, lignes=False)
    document["resultats"] = _MARQUE
    # int keys (years of the syntheses) become strings, as the json module writes them
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    entete, fin = orjson.dumps(document, option=options).split(orjson.dumps(_MARQUE), 1)
    flux.write(entete)
    flux.write(b"[")
    premier = True
    for bloc in resultats.blocs:
        for ligne in colonnes_resultats_bloc(resultats, bloc, explications).lignes():
            flux.write(b"\n    " if premier else b",\n    ")
            flux.write(orjson.dumps(ligne))
            premier = False
    flux.write(b"\n  ]" if not premier else b"]")
    flux.write(fin)


def write_json(resultats: Resultats, chemin: Path) -> None:
    """Write the JSON document atomically (an interruption leaves any previous file)."""
    with ecrire_atomique(chemin) as temporaire, temporaire.open("wb") as flux:
        ecrire_json(resultats, flux)
