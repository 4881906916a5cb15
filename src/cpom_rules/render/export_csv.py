"""CSV export for Excel users, in the spreadsheet conventions of the reader's language:
``;`` separator, decimal comma and « oui/non » in French; ``,``, decimal point and
« yes/no » in English (explanations in that language too); UTF-8 with BOM, the same
columns as the JSON results (progression split in three), formula-looking texts
neutralised.

Built from the result columns one measure at a time (`evaluation.tableau.Colonne`): each
distinct value of a column is formatted, quoted and encoded once, the rows are joined as
bytes. The bytes are those of the standard csv writer (the separator, minimal quoting,
CRLF)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import IO

from cpom_rules import libelles
from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.tableau import COLONNES, colonnes_indexees_bloc
from cpom_rules.fichiers import ecrire_atomique
from cpom_rules.messages import Langue
from cpom_rules.render.securite import neutraliser

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


@dataclass(frozen=True)
class Dialecte:
    """How a spreadsheet of one language reads a CSV: separator, decimal mark, yes/no."""

    separateur: str
    decimale: str
    oui: str
    non: str


def dialecte(langue: Langue) -> Dialecte:
    """The conventions of a spreadsheet in `langue` (French: ``;`` and a decimal comma)."""
    separateur, decimale = (";", ",") if langue == "fr" else (",", ".")
    return Dialecte(
        separateur, decimale, libelles.booleen(True, langue), libelles.booleen(False, langue)
    )


_FRANCAIS = dialecte("fr")


def _cellule(valeur: object, d: Dialecte = _FRANCAIS) -> object:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return d.oui if valeur else d.non
    if isinstance(valeur, float):
        return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", d.decimale)
    return neutraliser(valeur)


def _nombre(valeur: float, d: Dialecte = _FRANCAIS) -> str:
    """The text of a number already rounded to 6 places: its shortest repr with the
    decimal mark, written out in full when that repr has an exponent (1e-06, 1e+16)."""
    texte = repr(valeur)
    if "e" in texte:
        return str(_cellule(valeur, d))
    texte = texte.replace(".", d.decimale)
    return texte[:-2] if texte.endswith(d.decimale + "0") else texte


_IDENTIFIANTS = frozenset(
    {"finess", "indicateur", "mesure", "annee", "segment", "statut", "raison", "annee_reference"}
)


def _formateur(
    nom: str, valeurs: list[object], d: Dialecte
) -> Callable[[list[object]], list[bytes]]:
    """How the values of column `nom` are written: identifiers (FINESS, codes, statuses) as
    they are; numbers with the decimal mark, never quoted; the rest (yes/no answers, texts,
    evidence lists joined with « ; ») by `_cellule`, texts neutralised."""
    if nom in _IDENTIFIANTS:
        return lambda liste: [_champ("" if v is None else str(v), d) for v in liste]
    if nom in _NOMBRES and not any(type(v) is bool for v in valeurs):
        return lambda liste: [
            (_nombre(v, d) if isinstance(v, float) else str(_cellule(v, d))).encode() for v in liste
        ]
    return lambda liste: [
        _champ(str(_cellule(" ; ".join(v) if isinstance(v, list) else v, d)), d) for v in liste
    ]


def _champ(texte: str, d: Dialecte = _FRANCAIS) -> bytes:
    """A field as the csv module writes it with the separator and CRLF (minimal quoting)."""
    if d.separateur in texte or '"' in texte or "\n" in texte or "\r" in texte:
        texte = '"' + texte.replace('"', '""') + '"'
    return texte.encode()


_PAQUET = 2048


def _ecrire(resultats: Resultats, flux: IO[bytes], langue: Langue = "fr") -> None:
    d = dialecte(langue)
    separateur = d.separateur.encode()
    flux.write(separateur.join(_champ(nom, d) for nom in COLONNES) + b"\r\n")
    for bloc in resultats.blocs:  # one measure at a time: bounded memory
        colonnes = colonnes_indexees_bloc(resultats, bloc, True, langue)
        if not len(colonnes["finess"].indices):
            continue
        cellules = [
            colonnes[nom].formater(_formateur(nom, colonnes[nom].valeurs.tolist(), d))
            for nom in COLONNES
        ]
        lignes = list(map(separateur.join, zip(*cellules, strict=True)))
        del cellules
        for debut in range(0, len(lignes), _PAQUET):  # written in packets of rows: buffers
            flux.write(b"\r\n".join(lignes[debut : debut + _PAQUET]))  # stay small and reused
            flux.write(b"\r\n")


def render_csv(resultats: Resultats, langue: Langue = "fr") -> str:
    """The results as CSV text (without the BOM)."""
    tampon = io.BytesIO()
    _ecrire(resultats, tampon, langue)
    return tampon.getvalue().decode()


def write_csv(resultats: Resultats, chemin: Path, langue: Langue = "fr") -> None:
    """Write the CSV with a BOM so that Excel reads it as UTF-8 (atomically: an
    interruption leaves any previous file untouched)."""
    with (
        ecrire_atomique(chemin) as temporaire,
        temporaire.open("wb") as flux,
    ):
        flux.write(codecs.BOM_UTF8)
        _ecrire(resultats, flux, langue)
