"""Load a « lecture » file and check it against the catalogue (fiche and variable names,
with hints); its models live in `cpom_rules.spec.lecture`."""

from __future__ import annotations

from pathlib import Path

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.formules.expression import suggerer
from cpom_rules.problemes import ErreurSpec, Probleme, erreurs, probleme
from cpom_rules.spec.chargement import read_model
from cpom_rules.spec.lecture import ColonneLue, Lecture
from cpom_rules.spec.source import Document


def check_lecture(
    lecture: Lecture, catalogue: Catalogue, document: Document | None
) -> list[Probleme]:
    """Fiche and variable names the catalogue does not know, located in the lecture file."""
    problemes: list[Probleme] = []
    fichier = document.fichier if document else None

    def signaler(chemin: tuple[str | int, ...], nom: str, possibles: list[str]) -> None:
        position = document.position(chemin) if document else None
        problemes.append(
            probleme(
                "lecture_nom_inconnu",
                fichier=fichier,
                ligne=position.ligne if position else None,
                colonne=position.colonne if position else None,
                chemin=".".join(map(str, chemin)),
                nom=nom,
                suggestion=suggerer(nom, possibles),
            )
        )

    for i, colonne in enumerate(lecture.colonnes):
        fiche = catalogue.fiches.get(colonne.indicateur)
        if fiche is None:
            signaler(("colonnes", i, "indicateur"), colonne.indicateur, sorted(catalogue.fiches))
        elif colonne.variable is not None and colonne.variable not in fiche.variables:
            signaler(("colonnes", i, "variable"), colonne.variable, sorted(fiche.variables))
    return problemes


def load_lecture(chemin: str | Path, catalogue: Catalogue) -> Lecture:
    """Read, validate and check a lecture file; raise `ErreurSpec` with every problem."""
    lecture, document, problemes = read_model(Path(chemin), Lecture)
    if lecture is not None:
        problemes += check_lecture(lecture, catalogue, document)
    if lecture is None or erreurs(problemes):
        raise ErreurSpec(erreurs(problemes) or problemes)
    return lecture


__all__ = ["ColonneLue", "Lecture", "check_lecture", "load_lecture"]
