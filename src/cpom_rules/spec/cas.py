"""The format of author test cases: ``CODE.cas.yaml`` beside ``CODE.yaml``.

A case describes one establishment (attributes, values by year and variable, evidence) and
the results expected (status, reason, resolved target, value…). Values are written as an
establishment would report them, so cases also exercise the dataset reader. Unknown keys
are refused, like everywhere else.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, WithJsonSchema

from cpom_rules.spec.cibles import Modele
from cpom_rules.spec.types import (
    Annee,
    CodeFiche,
    Finess,
    Identifiant,
    Nombre,
    Texte,
    lire_decimal,
    lire_oui_non,
)

StatutAttendu = Literal[
    "atteint", "non_atteint", "non_applicable", "donnees_manquantes", "non_evaluable"
]


def _valeur_attendue(valeur: object) -> Decimal | str:
    """A number (``762``, ``12,5``) or a yes/no answer (``oui``/``non``)."""
    if isinstance(valeur, bool):
        return lire_oui_non(valeur)
    if isinstance(valeur, str) and valeur.strip().lower() in ("oui", "non"):
        return valeur.strip().lower()
    return lire_decimal(valeur)


ValeurAttendue = Annotated[
    Decimal | str,
    BeforeValidator(_valeur_attendue),
    WithJsonSchema({"anyOf": [{"type": "number"}, {"type": "string"}, {"type": "boolean"}]}),
]


class Attendu(Modele):
    """One expected result; only the keys written are checked."""

    annee: Annee
    mesure: Identifiant | None = Field(
        default=None, description="Obligatoire si la fiche évalue plusieurs mesures."
    )
    statut: StatutAttendu
    raison: Identifiant | None = None
    segment: Identifiant | None = None
    valeur: ValeurAttendue | None = None
    valeur_reference: Nombre | None = None
    cible_valeur: Nombre | None = None
    ecart: Nombre | None = None
    preuves_manquantes: tuple[Identifiant, ...] | None = None
    explication_contient: Texte | None = None


class BilanAttendu(Modele):
    """The expected 5-year verdict of a measure with a declared total."""

    mesure: Identifiant | None = None
    statut: StatutAttendu
    raison: Identifiant | None = None
    valeur: Nombre | None = None
    cible_valeur: Nombre | None = None


class Cas(Modele):
    """One establishment, its data, and what the fiche must conclude."""

    nom: Texte
    finess: Finess = "010000024"
    etablissement: dict[Identifiant, Any] = Field(
        default_factory=dict, description="Attributs (lits, categorie…)."
    )
    valeurs: dict[Annee, dict[Identifiant, Any]] = Field(
        default_factory=dict, description="année → variable → valeur"
    )
    preuves: dict[Annee, tuple[Identifiant, ...]] = Field(default_factory=dict)
    annees: tuple[Annee, ...] | None = Field(
        default=None, description="Années évaluées (défaut : toute la période)."
    )
    attendu: tuple[Attendu, ...] = ()
    bilan: tuple[BilanAttendu, ...] = ()


class FichierCas(Modele):
    """A ``.cas.yaml`` file: the fiche it tests and its cases."""

    fiche: CodeFiche
    cas: tuple[Cas, ...]


__all__ = ["Attendu", "BilanAttendu", "Cas", "FichierCas", "Nombre", "Texte"]
