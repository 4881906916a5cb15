"""The models of a « lecture » file: how a wide workbook maps to (FINESS, fiche, variable,
year). Validated like the spec files; `cpom_rules.sources.lecture` loads it and checks
its names against a catalogue."""

from __future__ import annotations

import re
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

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

    @field_validator("lignes_entete", mode="before")
    @classmethod
    def _une_ligne(cls, valeur: object) -> object:
        """``lignes_entete: 3`` is one header row."""
        return [valeur] if isinstance(valeur, int | str) else valeur

    @field_validator("annee_feuille", "feuilles")
    @classmethod
    def _motifs_valides(cls, valeur: str | tuple[str, ...] | None) -> str | tuple[str, ...] | None:
        for motif in (valeur,) if isinstance(valeur, str) else valeur or ():
            _motif(motif)
        return valeur
