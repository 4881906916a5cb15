"""The target kinds (*cibles*) the fiches use, one class per kind.

A target is written in a fiche's table for one segment and one year (or a range of years).
Every kind carries the cell as printed (`texte`), the evidence it requires (`preuves`) and,
optionally, the other measure of the fiche it applies to (`mesure`). The `type` key selects
the kind; `docs/guide-auteur.md` describes each with an example.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, ClassVar, Literal, get_args

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

from cpom_rules.spec.description import nombre, reference, signe, symbole_unite
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


@dataclass(frozen=True)
class References:
    """What a target refers to, checked when the fiche is compiled; each entry carries the key
    it is written under, for the error's location."""

    mesures_oui_non: tuple[str, tuple[str, ...]] | None = None  # (key, yes/no measures)
    variable_nombre: tuple[str, str] | None = None  # (key, numeric variable of the fiche)
    annee_de_periode: tuple[str, int] | None = None  # (key, a year inside the period)
    annee_jusqua_fin: tuple[str, int] | None = None  # (key, a year up to the period's end)


@dataclass(frozen=True)
class ApportTotal:
    """What one yearly target contributes to a printed 5-year total (`lint.totaux`)."""

    niveau: Fraction | None = None  # a level, per the total's period
    stock: Fraction | None = None  # a cumulative level, already the sum of the years
    increment: Fraction | None = None  # an increase over the previous year
    variation: Fraction | None = None  # a relative change, in %
    variation_annuelle: bool = False  # the change is against N-1 (so the years compound)


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

    @property
    def genre(self) -> str:
        """The kind as written in specs (``seuil``, ``variation_relative``…)."""
        genre = getattr(self, "type", None)
        assert isinstance(genre, str), "every target kind declares its `type`"
        return genre

    def decrire(self, unite: str = "") -> str:
        """A short French description of the target (``≥ 10 %``, ``+5 par rapport à N-1``)."""
        raise NotImplementedError(self.genre)  # pragma: no cover - every kind overrides it

    def sous_cibles(self) -> tuple[CibleBase, ...]:
        """The conditions a composite combines; none for a simple target."""
        return ()

    def references(self) -> References:
        """The measures, variables and years this kind refers to (none by default)."""
        return References()

    # What the linter and the documentation ask each kind (`lint/`, `render/doc.py`).
    # The kind of value the target expects of its measure: numeric kinds on a yes/no
    # measure, and yes/no kinds on a number, are flagged (None: either, or not applicable).
    valeur_attendue: ClassVar[Literal["nombre", "oui_non"] | None] = None
    # The target is written in percentage points (so only fits a rate).
    en_points: ClassVar[bool] = False

    @property
    def est_composite(self) -> bool:
        """The target combines conditions, each carrying its own measure and text."""
        return bool(self.sous_cibles())

    def nombres_imprimes(self) -> frozenset[Decimal]:
        """The numbers the printed cell should show (those of every condition of a composite)."""
        return frozenset().union(*(c.nombres_imprimes() for c in self.sous_cibles()))

    def borne(self) -> Literal["minimum", "maximum"] | None:
        """Whether the target is a floor or a ceiling only (None: neither, or both)."""
        return None

    def periode(self) -> Periodicite:
        """The period the target is written per (a year unless said otherwise)."""
        return "annee"

    def pourcentage_relatif(self) -> Decimal | None:
        """The relative change (``+3 %``) the target asks for, if it is one."""
        return None

    def apport_total(self, par: Periodicite) -> ApportTotal | None:
        """What the target contributes to a 5-year total written per `par` period (None: it
        does not count)."""
        return None


class Seuil(CibleBase):
    """A level to reach: ``≥ min``, ``≤ max`` or between, per year or per shorter period."""

    type: Literal["seuil"]
    min: Nombre | None = None
    max: Nombre | None = None
    min_inclus: Booleen = True
    max_inclus: Booleen = True
    periodicite: Periodicite = "annee"

    valeur_attendue = "nombre"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset(v for v in (self.min, self.max) if v is not None)

    def borne(self) -> Literal["minimum", "maximum"] | None:
        if self.max is None:
            return "minimum"
        return "maximum" if self.min is None else None

    def periode(self) -> Periodicite:
        return self.periodicite

    def apport_total(self, par: Periodicite) -> ApportTotal:
        borne = self.min if self.min is not None else self.max
        assert borne is not None
        par_an = Fraction(borne) * PERIODES_PAR_AN[self.periodicite]
        return ApportTotal(niveau=par_an / PERIODES_PAR_AN[par])

    def decrire(self, unite: str = "") -> str:
        u = symbole_unite(unite)
        par = f" par {self.periodicite}" if self.periodicite != "annee" else ""
        if self.min is not None and self.max is not None:
            return f"entre {nombre(self.min)} et {nombre(self.max)}{u}{par}"
        if self.min is not None:
            return f"{'≥' if self.min_inclus else '>'} {nombre(self.min)}{u}{par}"
        assert self.max is not None
        return f"{'≤' if self.max_inclus else '<'} {nombre(self.max)}{u}{par}"

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

    valeur_attendue = "oui_non"

    def decrire(self, unite: str = "") -> str:
        return self.attendu


class Increment(CibleBase):
    """An increase of at least ``valeur`` over the reference (``+5`` per year vs N-1)."""

    type: Literal["increment"]
    valeur: Nombre
    reference: Reference = "n_moins_1"

    valeur_attendue = "nombre"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({abs(self.valeur)})

    def apport_total(self, par: Periodicite) -> ApportTotal:
        return ApportTotal(increment=Fraction(self.valeur))

    def decrire(self, unite: str = "") -> str:
        return (
            f"{signe(self.valeur)}{symbole_unite(unite)} par rapport à {reference(self.reference)}"
        )


class VariationRelative(CibleBase):
    """A change of ``pourcentage`` % against the reference (``+10 %`` vs N-1, vs 2024…).

    With ``chainage: cible`` the reference is the target computed for N-1 rather than the
    value achieved in N-1 (when N-1 has no numeric target, its achieved value is used).
    """

    type: Literal["variation_relative"]
    pourcentage: Nombre
    reference: Reference = "n_moins_1"
    chainage: Literal["valeur", "cible"] = "valeur"

    valeur_attendue = "nombre"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({abs(self.pourcentage)})

    def pourcentage_relatif(self) -> Decimal:
        return self.pourcentage

    def apport_total(self, par: Periodicite) -> ApportTotal:
        return ApportTotal(
            variation=Fraction(self.pourcentage),
            variation_annuelle=self.reference == "n_moins_1",
        )

    def decrire(self, unite: str = "") -> str:
        base = (
            "la cible N-1"
            if self.chainage == "cible" and self.reference == "n_moins_1"
            else reference(self.reference)
        )
        return f"{signe(self.pourcentage)}\u00a0% par rapport à {base}"


class VariationPoints(CibleBase):
    """A change of ``points`` percentage points of a rate against the reference."""

    type: Literal["variation_points"]
    points: Nombre
    reference: Reference = "n_moins_1"

    valeur_attendue = "nombre"
    en_points = True

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({abs(self.points)})

    def decrire(self, unite: str = "") -> str:
        return f"{signe(self.points)} points par rapport à {reference(self.reference)}"


class Progression(CibleBase):
    """« Progression positive » (strictly better than the reference), or « ou stabilisation »."""

    type: Literal["progression"]
    stabilisation_acceptee: Booleen = False
    reference: Reference = "n_moins_1"

    valeur_attendue = "nombre"

    def decrire(self, unite: str = "") -> str:
        suite = " ou stabilisation" if self.stabilisation_acceptee else ""
        return f"progression{suite} par rapport à {reference(self.reference)}"


class Cumul(CibleBase):
    """A cumulative stock: the sum of the yearly values since ``depuis`` reaches ``min``."""

    type: Literal["cumul"]
    min: Nombre
    depuis: Annee | None = Field(
        default=None, description="Première année cumulée (par défaut : début de période)."
    )

    valeur_attendue = "nombre"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({self.min})

    def apport_total(self, par: Periodicite) -> ApportTotal:
        return ApportTotal(stock=Fraction(self.min))

    def decrire(self, unite: str = "") -> str:
        depuis = f" depuis {self.depuis}" if self.depuis else " depuis le début de la période"
        return f"cumul ≥ {nombre(self.min)}{symbole_unite(unite)}{depuis}"

    def references(self) -> References:
        return References(annee_jusqua_fin=("depuis", self.depuis) if self.depuis else None)


class CibleChoisie(CibleBase):
    """A level chosen by the establishment (declared in ``variable``), never below ``plancher``."""

    type: Literal["cible_choisie"]
    variable: Identifiant
    plancher: Nombre | None = None

    valeur_attendue = "nombre"

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({self.plancher} if self.plancher is not None else ())

    def decrire(self, unite: str = "") -> str:
        u = symbole_unite(unite)
        plancher = f" (au moins {nombre(self.plancher)}{u})" if self.plancher is not None else ""
        return f"cible choisie par l'établissement{plancher}"

    def references(self) -> References:
        return References(variable_nombre=("variable", self.variable))


class KParmiN(CibleBase):
    """At least ``k`` of the yes/no measures listed in ``elements`` are true (``2/3``)."""

    type: Literal["k_parmi_n"]
    k: Entier
    elements: tuple[Identifiant, ...]

    def nombres_imprimes(self) -> frozenset[Decimal]:
        return frozenset({Decimal(self.k), Decimal(len(self.elements))})

    def apport_total(self, par: Periodicite) -> ApportTotal:
        # k measures out of n is a count of measures, the same whatever the period
        return ApportTotal(niveau=Fraction(self.k))

    def decrire(self, unite: str = "") -> str:
        return f"au moins {self.k} sur {len(self.elements)} ({', '.join(self.elements)})"

    def references(self) -> References:
        return References(mesures_oui_non=("elements", self.elements))

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

    valeur_attendue = "oui_non"

    def decrire(self, unite: str = "") -> str:
        return self.libelle


class Echeance(CibleBase):
    """A yes/no answer due at the latest by the end of ``annee`` (« au plus tard fin 2028 »)."""

    type: Literal["echeance"]
    annee: Annee
    attendu: OuiNon = "oui"

    valeur_attendue = "oui_non"

    def decrire(self, unite: str = "") -> str:
        return f"{self.attendu} au plus tard fin {self.annee}"

    def references(self) -> References:
        return References(annee_de_periode=("annee", self.annee))


class SansObjet(CibleBase):
    """« Sans objet »: the indicator does not apply to the segment that year."""

    type: Literal["sans_objet"]
    motif: Texte | None = None

    def decrire(self, unite: str = "") -> str:
        return "sans objet" + (f" ({self.motif})" if self.motif else "")


class PasDeCible(CibleBase):
    """No target that year; with ``recueil_attendu`` the value must still be collected."""

    type: Literal["pas_de_cible"]
    recueil_attendu: Booleen = False

    def decrire(self, unite: str = "") -> str:
        return "recueil de la valeur, sans cible" if self.recueil_attendu else "pas de cible"


class Et(CibleBase):
    """All the ``conditions`` are met (« taux et nombre »)."""

    type: Literal["et"]
    conditions: tuple[Cible, ...]

    def decrire(self, unite: str = "") -> str:
        return _combiner(self.conditions, " et ", unite)

    def sous_cibles(self) -> tuple[CibleBase, ...]:
        return self.conditions

    @model_validator(mode="after")
    def _deux(self) -> Et:
        if len(self.conditions) < 2:
            raise refus("composite_trop_court", type="et")
        return self


class Ou(CibleBase):
    """At least one of the ``conditions`` is met (« taux et/ou nombre »)."""

    type: Literal["ou"]
    conditions: tuple[Cible, ...]

    def decrire(self, unite: str = "") -> str:
        return _combiner(self.conditions, " ou ", unite)

    def sous_cibles(self) -> tuple[CibleBase, ...]:
        return self.conditions

    @model_validator(mode="after")
    def _deux(self) -> Ou:
        if len(self.conditions) < 2:
            raise refus("composite_trop_court", type="ou")
        return self


def _combiner(conditions: tuple[CibleBase, ...], lien: str, unite: str) -> str:
    textes = []
    for condition in conditions:
        texte = condition.texte or condition.decrire(unite)
        textes.append(f"{texte} ({condition.mesure})" if condition.mesure else texte)
    return lien.join(textes)


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

# The kinds, derived from the discriminated union: adding a kind to the union is the only
# registration; the evaluation registry and the explanations are checked against it.
MODELES: tuple[type[CibleBase], ...] = get_args(get_args(_CibleDiscriminee)[0])


def genre_du_modele(modele: type[CibleBase]) -> str:
    """The `type` literal of a target class."""
    (genre,) = get_args(modele.model_fields["type"].annotation)
    assert isinstance(genre, str)
    return genre


TYPES_CIBLES: tuple[str, ...] = tuple(genre_du_modele(m) for m in MODELES)

Et.model_rebuild()
Ou.model_rebuild()


def sous_cibles(cible: CibleBase) -> tuple[CibleBase, ...]:
    """The conditions of a composite target, empty for a simple one."""
    return cible.sous_cibles()


def toutes_les_cibles(cible: CibleBase) -> list[CibleBase]:
    """The target and, recursively, every condition it combines."""
    resultat = [cible]
    for enfant in sous_cibles(cible):
        resultat.extend(toutes_les_cibles(enfant))
    return resultat
