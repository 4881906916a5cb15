"""Read and validate the YAML files of a catalogue folder into their models, with the
position of every key (`Document`) for messages; compiling them is `compilation.catalogue`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from cpom_rules.problemes import Probleme, probleme
from cpom_rules.spec.erreurs import problemes_validation
from cpom_rules.spec.source import Document, read_yaml_file

FICHIER_CATALOGUE = "catalogue.yaml"
SUFFIXE_CAS = ".cas.yaml"

M = TypeVar("M", bound=BaseModel)


def read_model(chemin: Path, modele: type[M]) -> tuple[M | None, Document | None, list[Probleme]]:
    """Read and validate one YAML file against `modele`."""
    document, problemes = read_yaml_file(chemin)
    if document is None:
        return None, None, problemes
    instance, document, defauts = validate_document(document, modele)
    if problemes:
        return None, document, [*problemes, *defauts]
    return instance, document, defauts


def validate_document(
    document: Document, modele: type[M]
) -> tuple[M | None, Document, list[Probleme]]:
    """Validate the data of an already-read document."""
    donnees = document.donnees
    code = donnees.get("code") if isinstance(donnees, dict) else None
    code_fiche = code if isinstance(code, str) else None
    if not isinstance(donnees, dict):
        trouve = "une liste" if isinstance(donnees, list) else "un texte seul"
        return (
            None,
            document,
            [
                probleme(
                    "yaml_pas_dictionnaire",
                    fichier=document.fichier,
                    ligne=1,
                    colonne=1,
                    trouve=trouve,
                )
            ],
        )
    try:
        return modele.model_validate(donnees), document, []
    except ValidationError as exc:
        return (
            None,
            document,
            problemes_validation(exc, modele, document, document.fichier, code_fiche),
        )


def fichiers_fiches(dossier: Path) -> list[Path]:
    """The fiche files of a catalogue folder, in name order; the extension in any case
    (``CPOM_OS_1.YAML`` written by Windows tools is a fiche, not a file to skip)."""
    return sorted(
        p
        for p in dossier.iterdir()
        if p.suffix.lower() in (".yaml", ".yml")
        and p.name.lower() != FICHIER_CATALOGUE
        and not p.name.lower().endswith(SUFFIXE_CAS)
    )
