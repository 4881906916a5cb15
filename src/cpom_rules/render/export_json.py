"""JSON export: the documented document of `Resultats.to_dict` (docs/format-resultats.md),
streamed: the rows are written one block of results at a time, straight from the result
columns, so a national campaign never holds its whole document in memory.

Each distinct value of a column is serialised once by orjson, with its key; a row is the
join of its fields' bytes — the bytes orjson writes for the row's dict."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

import orjson

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.tableau import (
    AVEC_PROGRESSION,
    CHAMPS,
    PROGRESSION,
    Colonne,
    colonnes_indexees_bloc,
)
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.messages import Langue

_MARQUE = "\x00resultats\x00"
_SANS_PROGRESSION = b'"progression":null'


def _champ(nom: str, avant: bytes = b"", apres: bytes = b"") -> Callable[[list[Any]], list[bytes]]:
    """The « "nom":valeur » texts of a table's values (`avant` the first field of a row: the
    opening brace; `apres` the last: the closing one)."""
    cle = avant + orjson.dumps(nom) + b":"
    return lambda valeurs: [cle + orjson.dumps(v) + apres for v in valeurs]


def _valeurs(valeurs: list[Any]) -> list[bytes]:
    return [orjson.dumps(v) for v in valeurs]


def _progressions(colonnes: dict[str, Colonne]) -> list[bytes]:
    """The nested « progression » field of every row (null without a reference)."""
    absolue, relative, points = (colonnes[n].formater(_valeurs) for n in PROGRESSION)
    avec = colonnes[AVEC_PROGRESSION].dense().tolist()
    return [
        b'"progression":{"absolue":%b,"relative":%b,"points":%b}' % (a, r, p)
        if garder
        else _SANS_PROGRESSION
        for garder, a, r, p in zip(avec, absolue, relative, points, strict=True)
    ]


_PAQUET = 2048


def _lignes(colonnes: dict[str, Colonne]) -> list[bytes]:
    """The rows of one block as orjson writes each row's dict, in packets of rows joined
    by « ,\\n    »."""
    noms = [n for n in CHAMPS if n == "progression" or n in colonnes]
    assert noms[0] != "progression" and noms[-1] != "progression"
    champs = [
        _progressions(colonnes)
        if nom == "progression"
        else colonnes[nom].formater(
            _champ(nom, b"{" if nom == noms[0] else b"", b"}" if nom == noms[-1] else b"")
        )
        for nom in noms
    ]
    lignes = list(map(b",".join, zip(*champs, strict=True)))
    del champs
    # written in packets of rows: the buffers stay small and are reused (a national block
    # joined at once is 11 MB, mapped and unmapped for each measure)
    return [b",\n    ".join(lignes[i : i + _PAQUET]) for i in range(0, len(lignes), _PAQUET)]


def ecrire_json(
    resultats: Resultats, flux: IO[bytes], explications: bool = True, langue: Langue = "fr"
) -> None:
    """The document, written to a binary stream (explanations and messages in `langue`)."""
    document = resultats.to_dict(explications, lignes=False, langue=langue)
    document["resultats"] = _MARQUE
    # int keys (years of the syntheses) become strings, as the json module writes them
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    entete, fin = orjson.dumps(document, option=options).split(orjson.dumps(_MARQUE), 1)
    flux.write(entete)
    flux.write(b"[")
    premier = True
    for bloc in resultats.blocs:
        colonnes = colonnes_indexees_bloc(resultats, bloc, explications, langue)
        if not len(colonnes["finess"].indices):
            continue
        for paquet in _lignes(colonnes):
            flux.write(b"\n    " if premier else b",\n    ")
            flux.write(paquet)
            premier = False
    flux.write(b"\n  ]" if not premier else b"]")
    flux.write(fin)


def write_json(resultats: Resultats, chemin: Path, langue: Langue = "fr") -> None:
    """Write the JSON document atomically (an interruption leaves any previous file)."""
    with ecrire_atomique(chemin) as temporaire, temporaire.open("wb") as flux:
        ecrire_json(resultats, flux, langue=langue)
