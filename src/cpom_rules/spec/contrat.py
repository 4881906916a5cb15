"""The model of a contract file: one establishment's CPOM, as signed and then amended.

A contract sits beside the regional catalogue: the catalogue says what every establishment
of a tier must reach; the contract says what *this* establishment negotiated (its own
targets, its chosen levels, the fiches that do not apply to it) and every avenant since.
Nothing here knows the catalogue: references are checked by `cpom_rules.contrats.verification`.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated

from pydantic import BeforeValidator, Field, PlainSerializer, WithJsonSchema, model_validator

from cpom_rules.spec.cibles import Cible, Modele
from cpom_rules.spec.types import (
    Annee,
    CleAnnees,
    CodeFiche,
    Entier,
    Finess,
    Identifiant,
    Nombre,
    Texte,
    refus,
)

__all__ = [
    "Avenant",
    "ChoixCible",
    "Contrat",
    "Date",
    "EngagementFiche",
    "EngagementMesure",
    "lire_date",
]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def lire_date(valeur: object) -> dt.date:
    """An ISO date ``2025-03-01`` (YAML hands it over as text)."""
    if isinstance(valeur, dt.datetime):
        return valeur.date()
    if isinstance(valeur, dt.date):
        return valeur
    if isinstance(valeur, str) and _DATE.match(valeur.strip()):
        try:
            return dt.date.fromisoformat(valeur.strip())
        except ValueError:
            pass
    raise refus("date_invalide", valeur=valeur)


Date = Annotated[
    dt.date,
    BeforeValidator(lire_date),
    PlainSerializer(lambda d: d.isoformat(), return_type=str),
    WithJsonSchema({"type": "string", "format": "date"}),
]


class ChoixCible(Modele):
    """A level chosen by the establishment (``cible_choisie``), declared once: when and by whom."""

    valeur: Nombre
    declaree_le: Date
    par: Texte = Field(description="Qui a déclaré ce choix (nom et fonction).")


class EngagementMesure(Modele):
    """What the contract sets for one measure: own targets, a chosen level, or « sans objet »."""

    cibles: dict[CleAnnees, Cible] = Field(
        default_factory=dict, description="année (ou plage 2026-2029) → cible négociée"
    )
    cible_choisie: ChoixCible | None = None
    sans_objet: Texte | None = Field(
        default=None, description="Motif : la mesure ne s'applique pas à l'établissement."
    )

    @model_validator(mode="after")
    def _utile(self) -> EngagementMesure:
        if not self.cibles and self.cible_choisie is None and self.sans_objet is None:
            raise refus("engagement_vide")
        return self


class EngagementFiche(Modele):
    """What the contract sets for one fiche: « sans objet » as a whole, or per measure."""

    sans_objet: Texte | None = Field(
        default=None, description="Motif : la fiche ne s'applique pas à l'établissement."
    )
    mesures: dict[Identifiant, EngagementMesure] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _utile(self) -> EngagementFiche:
        if self.sans_objet is None and not self.mesures:
            raise refus("engagement_vide")
        return self


class Avenant(Modele):
    """An amendment: numbered, dated, applicable from a year, with its motive.

    The law lets the parties « réajuster les objectifs, engagements et moyens » by avenant;
    the changes replace the contract's for the years from `a_partir_de` on.
    """

    numero: Entier
    date: Date = Field(description="Date de signature de l'avenant.")
    a_partir_de: Annee = Field(description="Première année à laquelle l'avenant s'applique.")
    motif: Texte
    fiches: dict[CodeFiche, EngagementFiche] = Field(default_factory=dict)


class Contrat(Modele):
    """One establishment's CPOM: signature, negotiated engagements and avenants."""

    finess: Finess
    signature: Date = Field(description="Date de signature du contrat initial.")
    intitule: Texte | None = None
    fiches_retenues: tuple[CodeFiche, ...] | None = Field(
        default=None,
        description="Fiches qui s'appliquent (par défaut : toutes celles du catalogue).",
    )
    fiches: dict[CodeFiche, EngagementFiche] = Field(default_factory=dict)
    avenants: tuple[Avenant, ...] = ()
