"""The trace of one result: the operands the evaluation actually used, as typed data.

Evaluation records per cell the value, the compared quantity, the reference and its year,
the resolved threshold, the outcome of each branch of a composite and the evidence
(`moteur.Bloc`). `tracer` reads them back for one cell into a `Cellule`; the target's kind
(`genres`) turns it into its `Detail` (comparison, how the threshold was computed…), and the
whole is a `Trace`. Explanations are words rendered from a `Trace`, never re-derived from
the target classes. docs/format-resultats.md documents the structure; `Trace.to_dict` is
its JSON form.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from fractions import Fraction
from typing import Any, Literal

from cpom_rules.evaluation.statuts import Statut

Operande = Fraction | bool | None
Quantite = Literal["valeur", "cumul", "comptage", "autre_mesure", "reponse"]
Operateur = Literal[">=", ">", "<=", "<", "==", "entre"]
# The comparison that does NOT hold, to state a failed one as it came out.
NEGATION: dict[str, str] = {
    ">=": "<",
    ">": "<=",
    "<=": ">",
    "<": ">=",
    "==": "!=",
    "entre": "hors",
}


@dataclass(frozen=True)
class Comparaison:
    """What was compared with what, and whether the comparison held (None: not made)."""

    quantite: Quantite
    libelle: str
    valeur: Operande
    operateur: Operateur
    seuil: Operande
    seuil_max: Fraction | None = None
    issue: bool | None = None
    depuis: int | None = None  # first year of a cumulative sum


@dataclass(frozen=True)
class Calcul:
    """How a computed threshold was obtained from its reference."""

    base: Fraction | None
    annee_base: int | None
    nature_base: Literal["valeur", "cible", "choisie"]
    pas: Fraction | None = None
    points: bool = False
    coefficient: Fraction | None = None
    exacte: Fraction | None = None
    arrondi_declare: str | None = None
    arrondi_applique: bool = False
    plancher: Fraction | None = None
    facteur_periode: int = 1


@dataclass(frozen=True)
class Branche:
    """One condition of « et » / « ou » with its own outcome on this cell."""

    mesure: str
    libelle: str
    cible: str
    valeur: Operande
    unite: str
    statut: str
    raison: str | None


@dataclass(frozen=True)
class Element:
    """One yes/no measure counted by « k parmi n »."""

    mesure: str
    libelle: str
    valeur: bool | None


@dataclass(frozen=True)
class Preuves:
    attendues: tuple[str, ...]
    fournies: tuple[str, ...]
    manquantes: tuple[str, ...]


@dataclass(frozen=True)
class Variable:
    nom: str
    libelle: str
    valeur: str
    ligne_source: int | None
    cellule_source: str | None = None  # « fichier.xlsx, Feuille!C4 » for a workbook's value


@dataclass(frozen=True)
class Detail:
    """What a target's kind adds to the trace: its comparison and how its threshold came."""

    comparaison: Comparaison | None = None
    calcul: Calcul | None = None
    branches: tuple[Branche, ...] = ()
    conjonction: bool | None = None
    elements: tuple[Element, ...] = ()
    k: int | None = None
    libelle_jalon: str | None = None
    attendu: str | None = None
    echeance: int | None = None
    motif: str | None = None


@dataclass(frozen=True)
class Mesuree:
    """A measure's value in the cell, with what names it."""

    code: str
    libelle: str
    unite: str
    valeur: Operande


@dataclass(frozen=True)
class Cellule:
    """The operands recorded for one result, as a target's kind reads them."""

    cible_mesure: Mesuree  # the measure the target reads (the row's, or the one it names)
    autre_mesure: bool
    annee: int
    debut_periode: int
    hausse: bool
    statut: Statut
    evaluee: Fraction | None
    cible_valeur: Fraction | None
    reference: Fraction | None
    annee_reference: int | None
    arrondi: str | None  # the rule declared for the target's measure (``0:demi_pair``)
    lire: Callable[[str], Mesuree]  # any measure of the fiche in the same cell
    branches: tuple[tuple[str, str | None], ...]  # (statut, raison) of each condition

    @property
    def issue(self) -> bool | None:
        """Whether the target's comparison held: only a verdict says."""
        return {Statut.ATTEINT: True, Statut.NON_ATTEINT: False}.get(self.statut)


@dataclass(frozen=True)
class Mesurees:
    """A measure's values in the cells of a `Lot`, with what names it (`Mesuree` by column)."""

    code: str
    libelle: str
    unite: str
    valeurs: Sequence[Operande]


@dataclass(frozen=True)
class Lot:
    """Cells of one target read column-wise, each with a reason worded without specifics:
    the operands their `Cellule`s would give, for a kind that words them at once
    (`Genre.rediger`) instead of tracing them one by one."""

    libelle: str  # of the measure the target reads
    unite: str  # of the row's measure, as `Trace.unite`
    autre_mesure: bool
    hausse: bool
    arrondi: str | None
    valeurs: Sequence[Operande]  # the value compared, as `Mesuree.valeur`
    cibles_valeur: Sequence[Fraction | None]
    references: Sequence[Fraction | None]
    annees_reference: Sequence[int | None]
    issues: Sequence[bool | None]  # as `Cellule.issue`
    code: str  # of the measure the target reads
    lire: Callable[[str], Mesurees]  # any measure of the fiche in the same cells
    branches: Sequence[tuple[tuple[str, str | None], ...]]  # as `Cellule.branches`


@dataclass(frozen=True)
class Trace:
    """Everything behind one result (finess × indicateur × mesure × année)."""

    finess: str
    raison_sociale: str
    indicateur: str
    mesure: str
    libelle_mesure: str
    plusieurs_mesures: bool
    annee: int
    segment: str | None
    origine_cible: str | None
    libelle_origine: str | None  # None: no segment could be determined
    genre: str | None
    cible: str | None
    unite: str
    valeur: Operande
    comparaison: Comparaison | None
    calcul: Calcul | None
    branches: tuple[Branche, ...]
    conjonction: bool | None
    elements: tuple[Element, ...]
    k: int | None
    libelle_jalon: str | None
    attendu: str | None
    echeance: int | None
    motif: str | None
    statut: str
    raison: str | None
    detail_raison: tuple[str, ...]
    preuves: Preuves
    variables: tuple[Variable, ...]
    commentaire: str | None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: exact numbers become floats rounded to 6 decimals."""
        donnees: dict[str, Any] = _json(asdict(self))
        return donnees


def _json(objet: Any) -> Any:
    if isinstance(objet, dict):
        return {cle: _json(valeur) for cle, valeur in objet.items()}
    if isinstance(objet, list | tuple):
        return [_json(valeur) for valeur in objet]
    if isinstance(objet, Fraction):
        return int(objet) if objet.denominator == 1 else round(float(objet), 6)
    return objet
