"""Read the public FINESS extract (« extraction du fichier des établissements », etalab).

The legacy CSV layout, as published on data.gouv.fr: ``;``-separated, Windows-1252, no
header row but a first line such as ``finess;etalab;98;2026-05-12``, then ``structureet``
lines (one per site, 31 fields after the section name, in the order of `CHAMPS_STRUCTURE`)
and, in the geolocated edition, ``geolocalisation`` lines (coordinates, not read here).
Every site keeps its line number; a malformed line or an invalid FINESS number is reported
and the site skipped, never guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from cpom_rules.finess import analyser_finess
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme

# Field order of a ``structureet`` line after its section name (documentation of the
# etalab extract, « cs1100507 » geolocated edition; see docs/preparer-donnees.md).
CHAMPS_STRUCTURE = (
    "nofinesset", "nofinessej", "rs", "rslongue", "complrs", "compldistrib", "numvoie",
    "typvoie", "voie", "compvoie", "lieuditbp", "commune", "departement", "libdepartement",
    "ligneacheminement", "telephone", "telecopie", "categetab", "libcategetab",
    "categagretab", "libcategagretab", "siret", "codeape", "codemft", "libmft", "codesph",
    "libsph", "dateouv", "dateautor", "datemaj", "numuai",
)  # fmt: skip
# ``numuai`` is absent from older editions: the first 30 fields are required.
_CHAMPS_REQUIS = len(CHAMPS_STRUCTURE) - 1


@dataclass(frozen=True, slots=True)
class Site:
    """One ``structureet`` line: a geographical establishment (ET) and its legal entity (EJ)."""

    finess: str
    finess_ej: str
    raison_sociale: str
    departement: str
    categetab: str
    libcategetab: str
    codesph: str
    libsph: str
    ligne: int


@dataclass(frozen=True)
class ExtraitFiness:
    """The sites of an extract, its date (from the first line) and the problems found."""

    source: str
    date: str
    sites: tuple[Site, ...]
    problemes: tuple[Probleme, ...]


def decoder_latin1(brut: bytes) -> str:
    """UTF-8 when the bytes are UTF-8 (a re-saved file), else Windows-1252 as published."""
    try:
        return brut.decode("utf-8-sig")
    except UnicodeDecodeError:
        return brut.decode("cp1252", errors="replace")


def read_finess(chemin: str | Path) -> ExtraitFiness:
    """Read an extract file; raise `ErreurDonnees` when it is not a FINESS extract at all."""
    chemin = Path(chemin)
    nom = str(chemin)
    try:
        brut = chemin.read_bytes()
    except OSError as exc:
        raise ErreurDonnees(
            [probleme("fichier_introuvable", fichier=nom, emplacement=nom)]
        ) from exc
    return parse_finess(decoder_latin1(brut), nom)


def parse_finess(texte: str, nom: str) -> ExtraitFiness:
    """Parse the text of an extract (see the module docstring for the layout)."""
    lignes = csv.reader(io.StringIO(texte, newline=""), delimiter=";")
    try:
        entete = next(lignes)
    except (StopIteration, csv.Error):
        entete = []
    if (
        len(entete) < 2
        or entete[0].strip().lower() != "finess"
        or entete[1].strip().lower() != "etalab"
    ):
        raise ErreurDonnees(
            [probleme("finess_extrait_entete", fichier=nom, ligne=1, trouve=";".join(entete)[:60])]
        )
    date = entete[3].strip() if len(entete) > 3 else ""
    sites: list[Site] = []
    problemes: list[Probleme] = []
    suivante = lignes.line_num + 1  # a quoted field may span lines: a row is named by its first
    try:
        for champs in lignes:
            numero, suivante = suivante, lignes.line_num + 1
            section = champs[0].strip().lower() if champs else ""
            if section == "structureet":
                site = _site(champs[1:], numero, nom, problemes)
                if site is not None:
                    sites.append(site)
            elif section and section != "geolocalisation":
                problemes.append(
                    probleme(
                        "finess_extrait_section",
                        Niveau.AVERTISSEMENT,
                        fichier=nom,
                        ligne=numero,
                        section=champs[0][:40],
                    )
                )
    except csv.Error as exc:
        problemes.append(
            probleme("fichier_illisible", fichier=nom, ligne=lignes.line_num, detail=str(exc))
        )
    return ExtraitFiness(nom, date, tuple(sites), tuple(problemes))


def _site(champs: Sequence[str], numero: int, nom: str, problemes: list[Probleme]) -> Site | None:
    if len(champs) < _CHAMPS_REQUIS:
        problemes.append(
            probleme(
                "finess_extrait_ligne",
                fichier=nom,
                ligne=numero,
                trouve=len(champs),
                attendu=_CHAMPS_REQUIS,
            )
        )
        return None
    valeurs = dict(zip(CHAMPS_STRUCTURE, (c.strip() for c in champs), strict=False))
    numeros: dict[str, str] = {}
    for champ in ("nofinesset", "nofinessej"):
        analyse = analyser_finess(valeurs[champ])
        if analyse.finess is None:
            problemes.append(
                probleme(
                    "finess_extrait_numero",
                    fichier=nom,
                    ligne=numero,
                    champ=champ,
                    valeur=valeurs[champ],
                    detail=analyse.defaut or "",
                )
            )
            return None
        numeros[champ] = analyse.finess
    return Site(
        finess=numeros["nofinesset"],
        finess_ej=numeros["nofinessej"],
        raison_sociale=valeurs["rslongue"] or valeurs["rs"],
        departement=valeurs["departement"].upper(),
        categetab=valeurs["categetab"],
        libcategetab=valeurs["libcategetab"],
        codesph=valeurs["codesph"],
        libsph=valeurs["libsph"],
        ligne=numero,
    )
