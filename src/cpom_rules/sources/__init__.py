"""Importers: data from where it lives (FINESS and SAE extracts, wide spreadsheets,
collection workbooks) turned into the tables `load_dataset` validates.

Every value keeps its source (file and line, or workbook cell) so that a problem or an
explanation can point at it; a mapping decides what a national code means, never a guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.donnees import Donnees
from cpom_rules.donnees.lecture import SourceTable, read_table
from cpom_rules.sources.etablissements import (
    TableEtablissements,
    build_etablissements,
    completer,
    departements_choisis,
)
from cpom_rules.sources.extrait_finess import ExtraitFiness, read_finess
from cpom_rules.sources.lecture import Lecture, load_lecture
from cpom_rules.sources.longues import MesuresLues
from cpom_rules.sources.referentiel import Referentiel, load_referentiel
from cpom_rules.sources.sae import TablesSae, read_sae
from cpom_rules.sources.tableur_large import load_dataset_wide, read_wide

REFERENTIEL = Path("sources") / "referentiels.yaml"


def referentiel_du_catalogue(catalogue: Catalogue, chemin: str | Path | None = None) -> Referentiel:
    """The mapping given, else the one shipped in the catalogue's ``sources/`` folder."""
    if chemin is None:
        if catalogue.dossier is None:
            raise ValueError("catalogue built in code: give the referentiels.yaml path")
        chemin = catalogue.dossier / REFERENTIEL
    return load_referentiel(chemin)


def import_etablissements(
    catalogue: Catalogue,
    finess: str | Path,
    sae: Iterable[str | Path] = (),
    *,
    referentiel: Referentiel | None = None,
    region: str | None = None,
    departements: Iterable[str] | None = None,
    complements: SourceTable | None = None,
) -> TableEtablissements:
    """The establishments table of `catalogue` built from a FINESS extract and SAE tables,
    completed by the attributes the ARS keeps itself (`complements`: a FINESS column and
    attribute columns such as ght, activites)."""
    referentiel = referentiel or referentiel_du_catalogue(catalogue)
    chemins_sae = list(sae)
    tables = read_sae(chemins_sae, referentiel.lits) if chemins_sae else None
    table = build_etablissements(
        catalogue,
        read_finess(finess),
        tables,
        referentiel,
        departements_choisis(referentiel, region, departements),
    )
    if complements is None:
        return table
    return completer(table, read_table(complements, "complements"), catalogue)


def load_wide(
    catalogue: Catalogue,
    etablissements: SourceTable,
    lecture: str | Path | Lecture,
    classeurs: Iterable[str | Path],
    *,
    reparer_finess: bool = False,
) -> Donnees:
    """`load_dataset` for wide workbooks read by a « lecture » file; problems cite cells."""
    if not isinstance(lecture, Lecture):
        lecture = load_lecture(lecture, catalogue)
    return load_dataset_wide(
        catalogue, etablissements, read_wide(lecture, classeurs), reparer_finess=reparer_finess
    )


__all__ = [
    "ExtraitFiness",
    "Lecture",
    "MesuresLues",
    "Referentiel",
    "TableEtablissements",
    "TablesSae",
    "build_etablissements",
    "import_etablissements",
    "load_lecture",
    "load_referentiel",
    "load_wide",
    "read_finess",
    "read_sae",
    "read_wide",
    "referentiel_du_catalogue",
]
