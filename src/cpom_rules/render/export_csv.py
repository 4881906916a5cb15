"""CSV export for Excel users: ``;`` separator, UTF-8 with BOM, decimal comma, same columns
as the JSON results (progression split in three), formula-looking texts neutralised.

Built from the result columns one measure at a time (`evaluation.tableau.Colonne`): each
distinct value of a column is formatted, quoted and encoded once, the rows are joined as
bytes. The bytes are those of the standard csv writer (``;``, minimal quoting, CRLF)."""

from __future__ import annotations

import codecs
import io
from collections.abc import Callable
from pathlib import Path
from typing import IO

from cpom_rules.evaluation.resultats import Resultats
from cpom_rules.evaluation.tableau import COLONNES, colonnes_indexees_bloc
from cpom_rules.fichiers import ecrire_atomique
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


def _cellule(valeur: object) -> object:
    if valeur is None:
        return ""
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float):
        return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
    return neutraliser(valeur)


def _nombre(valeur: float) -> str:
    """Decimal-comma text of a number already rounded to 6 places: its shortest repr,
    written out in full when that repr has an exponent (1e-06, 1e+16)."""
    texte = repr(valeur)
    if "e" in texte:
        return str(_cellule(valeur))
    texte = texte.replace(".", ",")
    return texte[:-2] if texte.endswith(",0") else texte


_IDENTIFIANTS = frozenset(
    {"finess", "indicateur", "mesure", "annee", "segment", "statut", "raison", "annee_reference"}
)


def _identifiants(valeurs: list[object]) -> list[bytes]:
    return [_champ("" if v is None else str(v)) for v in valeurs]


def _decimaux(valeurs: list[object]) -> list[bytes]:
    # never quoted: digits, a comma, a sign
    return [(_nombre(v) if isinstance(v, float) else str(_cellule(v))).encode() for v in valeurs]


def _textes(valeurs: list[object]) -> list[bytes]:
    return [_champ(str(_cellule(" ; ".join(v) if isinstance(v, list) else v))) for v in valeurs]


def _formateur(nom: str, valeurs: list[object]) -> Callable[[list[object]], list[bytes]]:
    """How the values of column `nom` are written: identifiers (FINESS, codes, statuses) as
    they are; numbers with a decimal comma; the rest (yes/no answers, texts, evidence
    lists joined with « ; ») by `_cellule`, texts neutralised."""
    if nom in _IDENTIFIANTS:
        return _identifiants
    if nom in _NOMBRES and not any(type(v) is bool for v in valeurs):
        return _decimaux
    return _textes


def _champ(texte: str) -> bytes:
    """A field as the csv module writes it with ``;`` and CRLF (minimal quoting)."""
    if ";" in texte or '"' in texte or "\n" in texte or "\r" in texte:
        texte = '"' + texte.replace('"', '""') + '"'
    return texte.encode()


_PAQUET = 2048


def _ecrire(resultats: Resultats, flux: IO[bytes]) -> None:
    flux.write(b";".join(map(_champ, COLONNES)) + b"\r\n")
    for bloc in resultats.blocs:  # one measure at a time: bounded memory
        colonnes = colonnes_indexees_bloc(resultats, bloc, explications=True)
        if not len(colonnes["finess"].indices):
            continue
        cellules = [
            colonnes[nom].formater(_formateur(nom, colonnes[nom].valeurs.tolist()))
            for nom in COLONNES
        ]
        lignes = list(map(b";".join, zip(*cellules, strict=True)))
        del cellules
        for debut in range(0, len(lignes), _PAQUET):  # written in packets of rows: buffers
            flux.write(b"\r\n".join(lignes[debut : debut + _PAQUET]))  # stay small and reused
            flux.write(b"\r\n")


def render_csv(resultats: Resultats) -> str:
    """The results as CSV text (without the BOM)."""
    tampon = io.BytesIO()
    _ecrire(resultats, tampon)
    return tampon.getvalue().decode()


def write_csv(resultats: Resultats, chemin: Path) -> None:
    """Write the CSV with a BOM so that Excel reads it as UTF-8 (atomically: an
    interruption leaves any previous file untouched)."""
    with (
        ecrire_atomique(chemin) as temporaire,
        temporaire.open("wb") as flux,
    ):
        flux.write(codecs.BOM_UTF8)
        _ecrire(resultats, flux)
