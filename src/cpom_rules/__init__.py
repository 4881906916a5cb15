"""cpom_rules — CPOM indicator fiches as declarative YAML specs, evaluated exactly.

from cpom_rules import load_catalogue, load_dataset, evaluate

catalogue = load_catalogue("occitanie-2025-2029")   # bundled; a folder path works too
donnees = load_dataset(catalogue, "etablissements.csv", "mesures.csv")
resultats = evaluate(catalogue, donnees)
resultats.to_frame()                       # pandas extra
resultats.expliquer("340780477", "CPOM_OS_1", 2025)
"""

from __future__ import annotations

from cpom_rules.compilation.catalogue import (
    Catalogue,
    build_catalogue,
    load_catalogue,
    read_catalogue,
)
from cpom_rules.donnees import Donnees, load_dataset, read_table, validate_dataset
from cpom_rules.evaluation.resultats import Resultats, evaluate
from cpom_rules.evaluation.statuts import Raison, Statut
from cpom_rules.problemes import (
    ErreurCpom,
    ErreurDonnees,
    ErreurSpec,
    ErreurUsage,
    Niveau,
    Probleme,
)
from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.fiche import Fiche
from cpom_rules.spec.fournis import catalogues

__version__ = "0.1.0"

__all__ = [
    "Catalogue",
    "DefinitionCatalogue",
    "Donnees",
    "ErreurCpom",
    "ErreurDonnees",
    "ErreurSpec",
    "ErreurUsage",
    "Fiche",
    "Niveau",
    "Probleme",
    "Raison",
    "Resultats",
    "Statut",
    "__version__",
    "build_catalogue",
    "catalogues",
    "evaluate",
    "load_catalogue",
    "load_dataset",
    "read_catalogue",
    "read_table",
    "validate_dataset",
]
