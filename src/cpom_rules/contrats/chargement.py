"""Read contract files: one YAML file per establishment, or a folder of them.

Reading reuses the spec reader (`cpom_rules.spec.source`: safe, bounded, every key located)
and the spec's located pydantic errors, so a contract error reads like a fiche error:
file, line, column, key path and a hint. Every file is read even after an error.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from cpom_rules.problemes import ErreurSpec, Probleme, erreurs, probleme
from cpom_rules.spec.chargement import read_model
from cpom_rules.spec.contrat import Contrat
from cpom_rules.spec.source import Document


@dataclass(frozen=True)
class ContratLu:
    """A contract with the document it was read from (for locating later problems)."""

    contrat: Contrat
    fichier: str
    document: Document | None = None


def fichiers_contrats(chemin: Path) -> list[Path]:
    """The contract files at `chemin`: the file itself, or a folder's YAML files in name order."""
    if chemin.is_dir():
        return sorted([*chemin.glob("*.yaml"), *chemin.glob("*.yml")])
    return [chemin]


def read_contrats(chemin: str | Path) -> tuple[list[ContratLu], list[Probleme]]:
    """Read every contract at `chemin`; return those that are valid and every problem."""
    racine = Path(chemin)
    if not racine.exists():
        return [], [probleme("fichier_introuvable", fichier=str(racine), emplacement=str(racine))]
    lus: list[ContratLu] = []
    problemes: list[Probleme] = []
    par_finess: dict[str, str] = {}
    for fichier in fichiers_contrats(racine):
        contrat, document, defauts = read_model(fichier, Contrat)
        problemes.extend(defauts)
        if contrat is None:
            continue
        if contrat.finess in par_finess:
            position = document.position(("finess",)) if document else None
            problemes.append(
                probleme(
                    "contrat_en_double",
                    fichier=str(fichier),
                    ligne=position.ligne if position else None,
                    colonne=position.colonne if position else None,
                    chemin="finess",
                    finess=contrat.finess,
                    autre=par_finess[contrat.finess],
                )
            )
            continue
        par_finess[contrat.finess] = str(fichier)
        lus.append(ContratLu(contrat, str(fichier), document))
    return lus, problemes


def load_contrats(chemin: str | Path) -> list[Contrat]:
    """Load the contracts at `chemin`; raise `ErreurSpec` listing every error."""
    lus, problemes = read_contrats(chemin)
    if erreurs(problemes):
        raise ErreurSpec(erreurs(problemes))
    return [lu.contrat for lu in lus]
