"""The target kinds (*cibles*) the fiches use, one class per kind.

A target is written in a fiche's table for one segment and one year (or a range of years).
Every kind carries the cell as printed (`texte`), the evidence it requires (`preuves`) and,
optionally, the other measure of the fiche it applies to (`mesure`). The `type` key selects
the kind; `docs/guide-auteur.md` describes each with an example.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    GetJsonSchemaHandler,
    model_validator,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import CoreSchema

from cpom_rules.spec.types import (
    Annee,
    Booleen,
    Entier,
    Identifiant,
    Nombre,
    OuiNon,
    Reference,
    Texte,
    refus,
)

Periodicite = Literal["annee", "semestre", "trimestre", "mois", "semaine"]

# How many periods of each kind make a year, to turn "2 per quarter" into "8 per year".
PERIODES_PAR_AN: dict[str, int] = {
    "annee": 1,
    "semestre": 2,
    "trimestre": 4,
    "mois": 12,
    "semaine": 52,
}


class Modele(BaseModel):
    """Base of every spec model: immutable, and no unknown key accepted.

    Scalars are read by the annotated types of `cpom_rules.spec.types`, which refuse
    anything YAML 1.1 would have guessed; containers accept lists where tuples are stored.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, validate_default=True)


class CibleBase(Modele):
    """What every target kind has in common."""

    texte: Texte | None = Field(
        default=None, description="La cellule telle qu'imprimée dans la fiche."
    )
    preuves: tuple[Identifiant, ...] = Field(default=(), description="Éléments de preuve exigés.")
    mesure: Identifiant | None = Field(
        default=None,
        description="Autre mesure de la fiche visée (par défaut : la mesure qui porte la cible).",
    )


class Seuil(CibleBase):
    """A level to reach: ``≥ min``, ``≤ max`` or between, per year or per shorter period."""

    type: Literal["seuil"]
    min: Nombre | None = None
    max: Nombre | None = None
    min_inclus: Booleen = True
    max_inclus: Booleen = True
    periodicite: Periodicite = "annee"

    @model_validator(mode="after")
    def _bornes(self) -> Seuil:
        if self.min is None and self.max is None:
            raise refus("seuil_sans_borne")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise refus("bornes_inversees", min=self.min, max=self.max)
        return self


class OuiNonCible(CibleBase):
    """A yes/no answer expected for the year (``attendu: oui``)."""

    type: Literal["oui_non"]
    attendu: OuiNon = "oui"


class Increment(CibleBase):
    """An increase of at least ``valeur`` over the reference (``+5`` per year vs N-1)."""

    type: Literal["increment"]
    valeur: Nombre
    reference: Reference = "n_moins_1"


class VariationRelative(CibleBase):
    """A change of ``pourcentage`` % against the reference (``+10 %`` vs N-1, vs 2024…).

    With ``chainage: cible`` the reference is the target computed for N-1 rather than the
    value achieved in N-1 (when N-1 has no numeric target, its achieved value is used).
    """

    type: Literal["variation_relative"]
    pourcentage: Nombre
    reference: Reference = "n_moins_1"
    chainage: Literal["valeur", "cible"] = "valeur"


class VariationPoints(CibleBase):
    """A change of ``points`` percentage points of a rate against the reference."""

    type: Literal["variation_points"]
    points: Nombre
    reference: Reference = "n_moins_1"


class Progression(CibleBase):
    """« Progression positive » (strictly better than the reference), or « ou stabilisation »."""

    type: Literal["progression"]
    stabilisation_acceptee: Booleen = False
    reference: Reference = "n_moins_1"


class Cumul(CibleBase):
    """A cumulative stock: the sum of the yearly values since ``depuis`` reaches ``min``."""

    type: Literal["cumul"]
    min: Nombre
    depuis: Annee | None = Field(
        default=None, description="Première année cumulée (par défaut : début de période)."
    )


class CibleChoisie(CibleBase):
    """A level chosen by the establishment (declared in ``variable``), never below ``plancher``."""

    type: Literal["cible_choisie"]
    variable: Identifiant
    plancher: Nombre | None = None


class KParmiN(CibleBase):
    """At least ``k`` of the yes/no measures listed in ``elements`` are true (``2/3``)."""

    type: Literal["k_parmi_n"]
    k: Entier
    elements: tuple[Identifiant, ...]

    @model_validator(mode="after")
    def _k(self) -> KParmiN:
        if not self.elements:
            raise refus("liste_vide")
        if self.k > len(self.elements):
            raise refus("k_superieur_n", k=self.k, n=len(self.elements))
        return self


class Jalon(CibleBase):
    """A qualitative milestone, met when declared done (yes) with its evidence provided."""

    type: Literal["jalon"]
    libelle: Texte


class Echeance(CibleBase):
    """A yes/no answer due at the latest by the end of ``annee`` (« au plus tard fin 2028 »)."""

    type: Literal["echeance"]
    annee: Annee
    attendu: OuiNon = "oui"


class SansObjet(CibleBase):
    """« Sans objet »: the indicator does not apply to the segment that year."""

    type: Literal["sans_objet"]
    motif: Texte | None = None


class PasDeCible(CibleBase):
    """No target that year; with ``recueil_attendu`` the value must still be collected."""

    type: Literal["pas_de_cible"]
    recueil_attendu: Booleen = False


class Et(CibleBase):
    """All the ``conditions`` are met (« taux et nombre »)."""

    type: Literal["et"]
    conditions: tuple[Cible, ...]

    @model_validator(mode="after")
    def _deux(self) -> Et:
        if len(self.conditions) < 2:
            raise refus("composite_trop_court", type="et")
        return self


class Ou(CibleBase):
    """At least one of the ``conditions`` is met (« taux et/ou nombre »)."""

    type: Literal["ou"]
    conditions: tuple[Cible, ...]

    @model_validator(mode="after")
    def _deux(self) -> Ou:
        if len(self.conditions) < 2:
            raise refus("composite_trop_court", type="ou")
        return self


_SANS_PARAMETRE = ("pas_de_cible", "sans_objet")


def _raccourci(valeur: Any) -> Any:
    """``2025: pas_de_cible`` is shorthand for ``2025: {type: pas_de_cible}``."""
    if isinstance(valeur, str) and valeur.strip() in _SANS_PARAMETRE:
        return {"type": valeur.strip()}
    return valeur


_CibleDiscriminee = Annotated[
    Seuil
    | OuiNonCible
    | Increment
    | VariationRelative
    | VariationPoints
    | Progression
    | Cumul
    | CibleChoisie
    | KParmiN
    | Jalon
    | Echeance
    | SansObjet
    | PasDeCible
    | Et
    | Ou,
    Field(discriminator="type"),
]


class _SchemaRaccourci:
    """In the JSON Schema too, a target may be the bare word ``pas_de_cible`` or ``sans_objet``."""

    def __get_pydantic_json_schema__(
        self, schema_coeur: CoreSchema, gestionnaire: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return {"anyOf": [{"enum": list(_SANS_PARAMETRE)}, gestionnaire(schema_coeur)]}


Cible = Annotated[_CibleDiscriminee, BeforeValidator(_raccourci), _SchemaRaccourci()]

TYPES_CIBLES: tuple[str, ...] = (
    "seuil",
    "oui_non",
    "increment",
    "variation_relative",
    "variation_points",
    "progression",
    "cumul",
    "cible_choisie",
    "k_parmi_n",
    "jalon",
    "echeance",
    "sans_objet",
    "pas_de_cible",
    "et",
    "ou",
)

Et.model_rebuild()
Ou.model_rebuild()


def sous_cibles(cible: CibleBase) -> tuple[CibleBase, ...]:
    """The conditions of a composite target, empty for a simple one."""
    if isinstance(cible, Et | Ou):
        return cible.conditions
    return ()


def toutes_les_cibles(cible: CibleBase) -> list[CibleBase]:
    """The target and, recursively, every condition it combines."""
    resultat = [cible]
    for enfant in sous_cibles(cible):
        resultat.extend(toutes_les_cibles(enfant))
    return resultat
