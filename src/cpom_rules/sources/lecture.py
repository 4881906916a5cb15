"""The « lecture » file: how a wide workbook maps to (FINESS, fiche, variable, year).

Validated like the spec files (pydantic, unknown keys refused, problems located by line
and column), then checked against the catalogue (fiche and variable names, with hints).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from cpom_rules.formules.expression import suggerer
from cpom_rules.problemes import ErreurSpec, Probleme, erreurs, probleme
from cpom_rules.spec.chargement import Catalogue, read_model
from cpom_rules.spec.source import Document
from cpom_rules.spec.types import Annee, CodeFiche, Entier, Identifiant, Nombre, Texte, refus


def _motif(valeur: str | None) -> str | None:
    if valeur is not None:
        try:
            re.compile(valeur)
        except re.error as exc:
            raise refus("lecture_motif_invalide", motif=valeur, detail=str(exc)) from None
    return valeur


class _Modele(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class ColonneLue(_Modele):
    """One column (or family of columns) of the workbook and what it holds."""

    entete: Texte | None = Field(
        default=None, description="Texte de l'en-tête (casse, accents et espaces ignorés)."
    )
    motif: Texte | None = Field(
        default=None,
        description="Expression régulière cherchée dans l'en-tête ; le groupe (?P<annee>…) "
        "donne l'année.",
    )
    indicateur: CodeFiche
    variable: Identifiant | None = Field(default=None, description="Variable de la fiche.")
    role: Literal["valeur", "commentaire", "preuves"] = "valeur"
    annee: Annee | None = Field(default=None, description="Année, si ni l'en-tête ni l'onglet.")
    facteur: Nombre | None = Field(
        default=None, description="Multiplie la valeur lue : 100 pour un taux saisi entre 0 et 1."
    )

    @field_validator("motif")
    @classmethod
    def _motif_valide(cls, valeur: str | None) -> str | None:
        return _motif(valeur)

    @model_validator(mode="after")
    def _coherente(self) -> ColonneLue:
        if (self.entete is None) == (self.motif is None):
            raise refus("lecture_entete_ou_motif")
        if (self.variable is None) != (self.role != "valeur"):
            raise refus("lecture_variable_role")
        return self


class Lecture(_Modele):
    """The whole « lecture » file."""

    feuilles: tuple[Texte, ...] = Field(
        default=(), description="Onglets lus (expressions régulières) ; tous par défaut."
    )
    annee_feuille: Texte | None = Field(
        default=None, description="Expression régulière sur le nom d'onglet donnant l'année."
    )
    lignes_entete: tuple[Entier, ...] = Field(
        default=(1,),
        description="Ligne(s) d'en-tête, numérotées depuis 1 ; les titres au-dessus sont ignorés.",
    )
    finess: Texte = Field(description="En-tête de la colonne des numéros FINESS.")
    colonnes: tuple[ColonneLue, ...]
    ignorer: tuple[Texte, ...] = Field(
        default=(), description="En-têtes lus volontairement par personne (raison sociale…)."
    )

    @field_validator("annee_feuille", "feuilles")
    @classmethod
    def _motifs_valides(cls, valeur: str | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
        for motif in (valeur,) if isinstance(valeur, str) else valeur or ():
            _motif(motif)
        return valeur


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
