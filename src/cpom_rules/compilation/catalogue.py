"""A loaded catalogue: its definition, its fiches and their compiled rules.

`read_catalogue` reads, validates and compiles a catalogue folder, every file even after an
error, so that the author sees all problems at once; `load_catalogue` raises `ErreurSpec`
with all of them. `build_catalogue` compiles models built in code. `choisir_lectures`
compiles a catalogue again with the alternative reading (`lectures:`) of some fiches.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from cpom_rules.compilation.compiler import compiler_catalogue
from cpom_rules.compilation.regles import CatalogueCompile
from cpom_rules.messages import rendre
from cpom_rules.problemes import ErreurSpec, ErreurUsage, Niveau, Probleme, erreurs, probleme
from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.chargement import FICHIER_CATALOGUE, fichiers_fiches, read_model
from cpom_rules.spec.fiche import Fiche, Lecture, Periode
from cpom_rules.spec.fournis import resoudre
from cpom_rules.spec.source import Document


@dataclass(frozen=True)
class Catalogue:
    """A loaded catalogue: its definition, its fiches and their compiled rules.

    `documents` keep where each key was written, so that later checks (the linter, the
    test runner) can point at a line; they are empty for a catalogue built in code.
    """

    definition: DefinitionCatalogue
    fiches: Mapping[str, Fiche]
    regles: CatalogueCompile
    dossier: Path | None = None
    fichiers: Mapping[str, str] = field(default_factory=dict)
    documents: Mapping[str, Document] = field(default_factory=dict)
    avertissements: tuple[Probleme, ...] = ()

    @property
    def periode(self) -> Periode:
        """The contract period (2025-2029 for Occitanie)."""
        return self.definition.periode

    def fiche(self, code: str) -> Fiche:
        """The fiche with that code (KeyError if absent)."""
        return self.fiches[code]

    def restreindre(self, codes: Iterable[str]) -> Catalogue:
        """The same catalogue with only the fiches in `codes`."""
        gardes = [code for code in codes if code in self.fiches]
        regles = replace(self.regles, fiches={code: self.regles.fiches[code] for code in gardes})
        return replace(self, fiches={code: self.fiches[code] for code in gardes}, regles=regles)


def read_catalogue(chemin: str | Path) -> tuple[Catalogue | None, list[Probleme]]:
    """Read, validate and compile a catalogue folder; return it (or None) and every problem.

    `chemin` is a folder, its ``catalogue.yaml``, or the name of a bundled catalogue.
    """
    dossier = resoudre(chemin)
    if dossier.is_file() and dossier.name == FICHIER_CATALOGUE:
        dossier = dossier.parent
    if not dossier.exists():
        return None, [
            probleme("fichier_introuvable", fichier=str(dossier), emplacement=str(dossier))
        ]
    fichier_catalogue = dossier / FICHIER_CATALOGUE
    if not fichier_catalogue.is_file():
        return None, [probleme("catalogue_absent", fichier=str(dossier), dossier=str(dossier))]
    definition, doc_catalogue, problemes = read_model(fichier_catalogue, DefinitionCatalogue)
    fiches: dict[str, Fiche] = {}
    documents: dict[str, Document] = {}
    fichiers: dict[str, str] = {}
    chemins = fichiers_fiches(dossier)
    if not chemins:
        problemes.append(probleme("catalogue_sans_fiche", fichier=str(dossier)))
    for chemin_fiche in chemins:
        fiche, document, defauts = read_model(chemin_fiche, Fiche)
        problemes.extend(defauts)
        if fiche is None or document is None:
            continue
        if fiche.code in fiches:
            position = document.position(("code",))
            problemes.append(
                probleme(
                    "code_fiche_duplique",
                    fichier=str(chemin_fiche),
                    ligne=position.ligne if position else None,
                    colonne=position.colonne if position else None,
                    code_fiche=fiche.code,
                    code_double=fiche.code,
                    autre_fichier=fichiers[fiche.code],
                )
            )
            continue
        if chemin_fiche.stem != fiche.code:
            problemes.append(
                probleme(
                    "nom_fichier_code",
                    Niveau.AVERTISSEMENT,
                    fichier=str(chemin_fiche),
                    ligne=1,
                    code_fiche=fiche.code,
                    nom=chemin_fiche.name,
                    code_lu=fiche.code,
                )
            )
        fiches[fiche.code] = fiche
        documents[fiche.code] = document
        fichiers[fiche.code] = str(chemin_fiche)
    if definition is None:
        return None, problemes
    regles, defauts = compiler_catalogue(
        definition, doc_catalogue, ((f, documents[c]) for c, f in fiches.items())
    )
    problemes.extend(defauts)
    if regles is None or erreurs(problemes):
        return None, problemes
    if doc_catalogue is not None:
        documents = {"": doc_catalogue, **documents}
    avertissements = tuple(p for p in problemes if p.niveau is Niveau.AVERTISSEMENT)
    return Catalogue(
        definition, fiches, regles, dossier, fichiers, documents, avertissements
    ), problemes


def load_catalogue(chemin: str | Path) -> Catalogue:
    """Load a catalogue folder; raise `ErreurSpec` listing every error if it is invalid."""
    catalogue, problemes = read_catalogue(chemin)
    if catalogue is None:
        raise ErreurSpec(erreurs(problemes) or problemes)
    return catalogue


def build_catalogue(definition: DefinitionCatalogue, fiches: Iterable[Fiche]) -> Catalogue:
    """A catalogue from models built in code (no files); raise `ErreurSpec` on errors."""
    liste = list(fiches)
    regles, problemes = compiler_catalogue(definition, None, ((f, None) for f in liste))
    if regles is None:
        raise ErreurSpec(erreurs(problemes))
    avertissements = tuple(p for p in problemes if p.niveau is Niveau.AVERTISSEMENT)
    return Catalogue(definition, {f.code: f for f in liste}, regles, avertissements=avertissements)


def lectures_declarees(catalogue: Catalogue) -> list[tuple[str, str, Lecture]]:
    """Every declared alternative reading: (fiche, code, lecture), in fiche order."""
    return [
        (fiche.code, code, lecture)
        for fiche in catalogue.fiches.values()
        for code, lecture in fiche.lectures.items()
    ]


def choisir_lectures(catalogue: Catalogue, choix: Mapping[str, str]) -> Catalogue:
    """The catalogue with, for each fiche of `choix`, the named alternative reading."""
    fiches = dict(catalogue.fiches)
    for indicateur, code in choix.items():
        fiche = fiches.get(indicateur)
        if fiche is None or code not in fiche.lectures:
            possibles = ", ".join(fiche.lectures) if fiche else "—"
            params = {"lecture": code, "indicateur": indicateur, "possibles": possibles or "—"}
            fr, en = (rendre("lecture_inconnue", params, langue) for langue in ("fr", "en"))
            raise ErreurUsage(f"{fr[0]} ({fr[1]})", f"{en[0]} ({en[1]})")
        fiches[indicateur] = fiche.avec_lecture(code)
    # Compiled again from the models (the alternative's targets are checked like any), the
    # files and locations of the retained catalogue kept for messages.
    reconstruit = build_catalogue(catalogue.definition, fiches.values())
    return replace(catalogue, fiches=reconstruit.fiches, regles=reconstruit.regles)
