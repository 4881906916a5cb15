"""The model of ``catalogue.yaml``: the contract, its period, establishment attributes, segments."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from cpom_rules.spec.cibles import Modele
from cpom_rules.spec.fiche import Periode, Segment
from cpom_rules.spec.types import Booleen, Identifiant, Texte

TypeAttribut = Literal["nombre", "entier", "booleen", "texte", "liste"]


class Attribut(Modele):
    """An establishment attribute specs may use in conditions (beds, category, GHT…)."""

    libelle: Texte
    type: TypeAttribut
    valeurs: tuple[Texte, ...] = Field(
        default=(), description="Valeurs possibles d'un texte ou d'une liste."
    )
    obligatoire: Booleen = True
    vide_possible: Booleen = Field(
        default=False,
        description="Pour une liste : une cellule vide est la liste vide connue "
        "(sinon elle est inconnue, comme toute valeur manquante).",
    )


class DefinitionCatalogue(Modele):
    """What ``catalogue.yaml`` declares for every fiche of the folder."""

    region: Texte
    intitule: Texte
    periode: Periode
    attributs: dict[Identifiant, Attribut]
    segments: dict[Identifiant, Segment] = Field(default_factory=dict)
    notes: tuple[Texte, ...] = ()
