"""Read bed and place counts from the SAE « bases statistiques » (DREES).

Each SAE table is a ``;``-separated CSV (Windows-1252, fields sometimes quoted) with one
row per site and year: ``AN`` (year), ``FI`` (FINESS of the site), ``FI_EJ`` (its legal
entity) and the table's own variables, among them ``LIT_*`` (installed beds) and ``PLA_*``
(places). The columns to add up are declared in ``referentiels.yaml``; a table without any
of them is reported, a value that is not a whole number is reported with its line.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path

from cpom_rules.donnees.valeurs import lecteur
from cpom_rules.finess import analyser_finess
from cpom_rules.problemes import ErreurDonnees, Niveau, Probleme, probleme
from cpom_rules.sources.extrait_finess import decoder_latin1
from cpom_rules.sources.referentiel import Lits

_LIRE_ENTIER = lecteur("entier")


@dataclass
class Capacite:
    """Beds and places of one site for one year, with the cells they were read from."""

    lits: int = 0
    places: int = 0
    sources: list[str] = field(default_factory=list)
    colonnes: set[str] = field(default_factory=set)
    invalide: bool = False  # a declared column held an unreadable value: no total is given

    def total(self, definition: str) -> int:
        return self.lits + (self.places if definition == "lits_et_places" else 0)


@dataclass(frozen=True)
class TablesSae:
    """Capacities by (site FINESS, year), each site's legal entity, and the problems."""

    capacites: dict[tuple[str, int], Capacite]
    entites: dict[str, str]
    problemes: tuple[Probleme, ...]

    def annees(self) -> list[int]:
        return sorted({annee for _, annee in self.capacites})


def read_sae(chemins: Iterable[str | Path], lits: Lits) -> TablesSae:
    """Read every SAE table file and add up the declared LIT_*/PLA_* columns per site and year."""
    capacites: dict[tuple[str, int], Capacite] = {}
    entites: dict[str, str] = {}
    problemes: list[Probleme] = []
    for nom in map(str, chemins):
        try:
            texte = decoder_latin1(Path(nom).read_bytes())
        except OSError as exc:
            raise ErreurDonnees(
                [probleme("fichier_introuvable", fichier=nom, emplacement=nom)]
            ) from exc
        _lire_table(texte, nom, lits, capacites, entites, problemes)
    return TablesSae(capacites, entites, tuple(problemes))


def _lire_table(
    texte: str,
    nom: str,
    lits: Lits,
    capacites: dict[tuple[str, int], Capacite],
    entites: dict[str, str],
    problemes: list[Probleme],
) -> None:
    premiere = texte.split("\n", 1)[0]
    separateur = max((";", ",", "\t"), key=premiere.count)
    lignes = csv.reader(io.StringIO(texte, newline=""), delimiter=separateur)
    try:
        entete = [c.strip().upper() for c in next(lignes)]
    except (StopIteration, csv.Error):
        entete = []
    position = {nom_colonne: i for i, nom_colonne in enumerate(entete)}
    voulues = [(c.upper(), "lits") for c in lits.lits] + [
        (c.upper(), "places") for c in lits.places
    ]
    presentes = [(c, genre) for c, genre in voulues if c in position]
    manquantes = [c for c in ("AN", "FI") if c not in position]
    if manquantes or not presentes:
        problemes.append(
            probleme(
                "sae_colonnes_absentes",
                fichier=nom,
                ligne=1,
                colonnes=", ".join(manquantes or [c for c, _ in voulues]),
            )
        )
        return
    suivante = lignes.line_num + 1  # a quoted field may span lines: a row is named by its first
    try:
        for champs in lignes:
            numero, suivante = suivante, lignes.line_num + 1
            if not any(c.strip() for c in champs):
                continue
            _lire_ligne(champs, numero, nom, position, presentes, capacites, entites, problemes)
    except csv.Error as exc:
        problemes.append(
            probleme("fichier_illisible", fichier=nom, ligne=lignes.line_num, detail=str(exc))
        )


def _lire_ligne(
    champs: list[str],
    numero: int,
    nom: str,
    position: dict[str, int],
    presentes: list[tuple[str, str]],
    capacites: dict[tuple[str, int], Capacite],
    entites: dict[str, str],
    problemes: list[Probleme],
) -> None:
    def champ(colonne: str) -> str:
        i = position.get(colonne)
        return champs[i].strip() if i is not None and i < len(champs) else ""

    finess = analyser_finess(champ("FI")).finess
    annee = champ("AN")
    if finess is None or not (annee.isascii() and annee.isdigit() and len(annee) == 4):
        problemes.append(
            probleme(
                "sae_ligne_invalide", fichier=nom, ligne=numero, finess=champ("FI"), annee=annee
            )
        )
        return
    ej = analyser_finess(champ("FI_EJ")).finess
    if ej is not None:
        entites[finess] = ej
    capacite = capacites.setdefault((finess, int(annee)), Capacite())
    for colonne, genre in presentes:
        brut = champ(colonne)
        lu = _LIRE_ENTIER(brut)
        if lu.erreur is not None:
            problemes.append(
                probleme(
                    "sae_valeur_invalide",
                    fichier=nom,
                    ligne=numero,
                    colonne_sae=colonne,
                    valeur=brut,
                    finess=finess,
                    detail=lu.erreur,
                )
            )
            capacite.invalide = True
            continue
        if lu.manquant:
            continue
        if colonne in capacite.colonnes:
            problemes.append(
                probleme(
                    "sae_en_double",
                    Niveau.AVERTISSEMENT,
                    fichier=nom,
                    ligne=numero,
                    finess=finess,
                    annee=annee,
                    colonne_sae=colonne,
                )
            )
            continue
        assert isinstance(lu.valeur, Fraction)  # an "entier" reading is a whole Fraction
        capacite.colonnes.add(colonne)
        if genre == "lits":
            capacite.lits += int(lu.valeur)
        else:
            capacite.places += int(lu.valeur)
        capacite.sources.append(f"{nom}:{numero} {colonne}={int(lu.valeur)}")
