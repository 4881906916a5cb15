"""The model of one *fiche méthodologique*: keys in French, mirroring the printed fiche.

A fiche declares the variables collected from establishments, the measures computed from
them (`mesures`), and for each measure the target table (`cibles`: segment → year → target),
the 5-year total, per-FINESS derogations and the rounding of computed targets. Cross
references (names in formulas, segments, evidence) are checked when the catalogue is
compiled, where the catalogue's attributes and segments are known.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Literal

from pydantic import Field, model_validator

from cpom_rules.spec.cibles import Cible, Modele, Periodicite
from cpom_rules.spec.types import (
    Annee,
    Booleen,
    CleAnnees,
    CodeFiche,
    Entier,
    Finess,
    Identifiant,
    Nombre,
    Reference,
    Texte,
    refus,
)

TypeVariable = Literal["nombre", "taux", "booleen", "date", "jalon", "texte"]
Sens = Literal["hausse", "baisse"]
SensTotal = Literal["somme", "somme_increments", "valeur_finale", "variation_cumulee", "qualitatif"]
Frequence = Literal["annuelle", "semestrielle", "trimestrielle", "mensuelle", "continue"]
ModeArrondi = Literal["demi_superieur", "demi_pair", "inferieur", "superieur"]


class Periode(Modele):
    """The years covered, first and last included."""

    debut: Annee
    fin: Annee

    @model_validator(mode="after")
    def _ordre(self) -> Periode:
        if self.fin < self.debut:
            raise refus("periode_inversee", debut=self.debut, fin=self.fin)
        return self

    @property
    def annees(self) -> range:
        """The years of the period, in order."""
        return range(self.debut, self.fin + 1)


class Collecte(Modele):
    """How and how often the establishment reports the indicator."""

    frequence: Frequence
    fenetre: Texte | None = Field(
        default=None, description="Fenêtre de mesure, ex. « un mois calendaire »."
    )
    modalites: Texte | None = None


class Perimetre(Modele):
    """Which establishments the fiche applies to; the others are `non_applicable`."""

    condition: Texte | None = Field(
        default=None, description="Expression sur les attributs des établissements."
    )
    texte: Texte | None = None


class Segment(Modele):
    """A tier of establishments (« Grands établissements, avec plus de 500 lits »)."""

    libelle: Texte
    condition: Texte | None = Field(
        default=None, description="Expression sur les attributs ; vide = tous."
    )


class Variable(Modele):
    """A value the establishment reports each year."""

    libelle: Texte
    type: TypeVariable
    unite: Texte | None = None
    obligatoire: Booleen = True


class Formule(Modele):
    """How a measure is computed: ``numerateur / denominateur × facteur`` or an ``expression``."""

    numerateur: Texte | None = None
    denominateur: Texte | None = None
    facteur: Nombre | None = None
    expression: Texte | None = None

    @model_validator(mode="after")
    def _une_forme(self) -> Formule:
        ratio = self.numerateur is not None or self.denominateur is not None
        if self.expression is not None and (ratio or self.facteur is not None):
            raise refus(
                "formule_ambigue",
                attendu="soit « expression », soit « numerateur » et « denominateur »",
                attendu_en="either 'expression', or 'numerateur' and 'denominateur'",
            )
        if self.expression is None and (self.numerateur is None or self.denominateur is None):
            raise refus(
                "formule_ambigue",
                attendu="« numerateur » et « denominateur » ensemble (ou « expression »)",
                attendu_en="'numerateur' and 'denominateur' together (or 'expression')",
            )
        return self

    @property
    def est_ratio(self) -> bool:
        """True for the ``numerateur / denominateur`` form."""
        return self.expression is None


class Arrondi(Modele):
    """How a computed target (e.g. ``740 × 1,03 = 762,2``) is rounded before comparison."""

    decimales: Entier = 0
    mode: ModeArrondi = "demi_superieur"


class Total(Modele):
    """The 5-year total printed in the fiche and what it means."""

    sens: SensTotal
    valeur: Nombre | None = None
    par_segment: dict[Identifiant, Nombre] = Field(
        default_factory=dict, description="Total propre à certains segments (sinon « valeur »)."
    )
    periodicite: Periodicite = "annee"
    reference: Reference | None = Field(
        default=None, description="Pour variation_cumulee (défaut : année avant la période)."
    )
    exige: tuple[Identifiant, ...] = Field(
        default=(),
        description="Mesures oui/non de la fiche qui doivent valoir « oui » au moins une année "
        "de la période, en plus du total chiffré (« 1 action structurée et 4 actions »).",
    )
    texte: Texte | None = None

    def valeur_pour(self, segment: str) -> Decimal | None:
        """The printed total of `segment`: its own value if given, else the common one."""
        return self.par_segment.get(segment, self.valeur)


class Derogation(Modele):
    """A per-establishment exception, keyed by FINESS: sans objet, another segment, other targets."""

    motif: Texte
    sans_objet: Booleen = False
    segment: Identifiant | None = None
    cibles: dict[CleAnnees, Cible] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _utile(self) -> Derogation:
        if not self.sans_objet and self.segment is None and not self.cibles:
            raise refus("derogation_vide")
        return self


class Mesure(Modele):
    """A computed quantity and, when it is evaluated, its target table."""

    libelle: Texte
    formule: Formule
    unite: Texte
    sens: Sens = "hausse"
    arrondi: Arrondi | None = None
    cibles: dict[Identifiant, dict[CleAnnees, Cible]] = Field(
        default_factory=dict, description="segment → année (ou plage 2026-2029) → cible"
    )
    total: Total | None = None
    derogations: dict[Finess, Derogation] = Field(default_factory=dict)

    @property
    def est_taux(self) -> bool:
        """A rate is a measure whose unit is « % »."""
        return self.unite.strip() == "%"


class Preuve(Modele):
    """An evidence item (*élément de preuve*) the establishment provides."""

    libelle: Texte
    annees: tuple[Annee, ...] = Field(
        default=(), description="Années où la preuve est attendue même sans cible qui la cite."
    )


class Lecture(Modele):
    """An alternative reading of an ambiguous fiche, declared next to the retained one.

    Applied, it replaces the target tables of the segments it lists (only the cells it
    names when they are all cells of the retained table, else the whole table), the total
    and the segment definitions it gives; everything else stays as retained.
    """

    libelle: Texte = Field(description="Ce que dit la lecture alternative.")
    retenue: Texte | None = Field(default=None, description="Ce que dit la lecture retenue.")
    litterale: Booleen = Field(
        default=False,
        description="La lecture alternative est celle du texte imprimé : la lecture retenue "
        "s'en écarte (le linter le signale).",
    )
    mesure: Identifiant | None = Field(
        default=None, description="Mesure visée (par défaut : la seule mesure évaluée)."
    )
    cibles: dict[Identifiant, dict[CleAnnees, Cible]] = Field(
        default_factory=dict, description="segment → table de cibles qui remplace la retenue"
    )
    total: Total | None = None
    segments: dict[Identifiant, Segment] = Field(
        default_factory=dict, description="Segments redéfinis par cette lecture."
    )


class Fiche(Modele):
    """One indicator fiche of the strategic annex."""

    code: CodeFiche
    intitule: Texte
    objectif_strategique: Texte
    definition: Texte
    periode: Periode | None = Field(
        default=None, description="Par défaut : la période du catalogue."
    )
    collecte: Collecte
    perimetre: Perimetre | None = None
    segments: dict[Identifiant, Segment] = Field(
        default_factory=dict, description="Segments propres à la fiche."
    )
    variables: dict[Identifiant, Variable]
    mesures: dict[Identifiant, Mesure]
    preuves: dict[Identifiant, Preuve] = Field(default_factory=dict)
    sources: tuple[Texte, ...] = ()
    references: tuple[Texte, ...] = Field(default=(), description="Références juridiques.")
    notes: tuple[Texte, ...] = Field(
        default=(), description="Lectures retenues là où le texte est ambigu."
    )
    lectures: dict[Identifiant, Lecture] = Field(
        default_factory=dict,
        description="Lectures alternatives déclarées là où la fiche est ambiguë (code → lecture).",
    )

    def avec_lecture(self, code: str) -> Fiche:
        """The same fiche read according to its declared alternative `code`."""
        lecture = self.lectures[code]
        nom = lecture_mesure(self, lecture)
        assert nom is not None  # checked when the fiche was read
        mesure = self.mesures[nom]
        remplacee = mesure.model_copy(
            update={
                "cibles": {
                    **mesure.cibles,
                    **{
                        segment: _fusion(mesure.cibles[segment], table)
                        for segment, table in lecture.cibles.items()
                    },
                },
                "total": lecture.total if lecture.total is not None else mesure.total,
            }
        )
        fiche = self.model_copy(
            update={"mesures": {**self.mesures, nom: remplacee}, "lectures": {}}
        )
        return _redefinir(fiche, lecture.segments, code) if lecture.segments else fiche


def _redefinir(fiche: Fiche, segments: dict[str, Segment], code: str) -> Fiche:
    """The fiche with some segments redefined (« 500 lits compté parmi les grands »). A segment
    may be the catalogue's: the redefinition becomes the fiche's own segment, under a name of
    its own (``grands__lecture``), and the fiche's tables and totals follow it."""
    noms = {segment: f"{segment}__{code}" for segment in segments}

    def renommer(table: dict[str, Any]) -> dict[str, Any]:
        return {noms.get(cle, cle): valeur for cle, valeur in table.items()}

    mesures = {
        nom: mesure.model_copy(
            update={
                "cibles": renommer(mesure.cibles),
                "total": mesure.total.model_copy(
                    update={"par_segment": renommer(mesure.total.par_segment)}
                )
                if mesure.total is not None
                else None,
            }
        )
        for nom, mesure in fiche.mesures.items()
    }
    propres = {noms[segment]: definition for segment, definition in segments.items()}
    return fiche.model_copy(update={"mesures": mesures, "segments": {**fiche.segments, **propres}})


def _fusion(retenue: dict[str, Cible], lecture: dict[str, Cible]) -> dict[str, Cible]:
    """A reading's table replaces the retained one, or only its cells when it names only
    cells the retained table has (« 2029 » alone)."""
    if set(lecture) <= set(retenue):
        return {**retenue, **lecture}
    return dict(lecture)


def lecture_mesure(fiche: Fiche, lecture: Lecture) -> str | None:
    """The measure a reading replaces: the one it names, else the fiche's only evaluated one."""
    if lecture.mesure is not None:
        return lecture.mesure if lecture.mesure in fiche.mesures else None
    evaluees = [code for code, mesure in fiche.mesures.items() if mesure.cibles]
    return evaluees[0] if len(evaluees) == 1 else None
