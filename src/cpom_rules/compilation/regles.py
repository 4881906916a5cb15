"""Compiled rules: a fiche with its names resolved, formulas typed and target tables expanded.

This is what the pure evaluation core consumes. Nothing here reads files; everything was
checked by `cpom_rules.compilation.compiler`, so evaluation never meets an unknown name, a
year outside the period or a segment without a table.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property

from cpom_rules.formules.expression import Expression, TypeExpr
from cpom_rules.spec.catalogue import DefinitionCatalogue
from cpom_rules.spec.cibles import CibleBase
from cpom_rules.spec.fiche import Fiche, Mesure, Periode


@dataclass(frozen=True)
class SegmentCompile:
    """A segment with its parsed condition (None: every establishment)."""

    code: str
    libelle: str
    condition: Expression | None


@dataclass(frozen=True)
class DerogationCompilee:
    """A per-FINESS exception of one measure, with its years expanded."""

    finess: str
    motif: str
    sans_objet: bool
    segment: str | None
    cibles: Mapping[int, CibleBase]
    # Year → who set that year's target when not the fiche itself (a contract version, see
    # `cpom_rules.contrats`); the core prints it as the target's origin.
    origines: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MesureCompilee:
    """A measure: how to compute it and, if evaluated, its target for each segment and year."""

    code: str
    modele: Mesure
    type: TypeExpr
    expression: Expression | None
    numerateur: Expression | None
    denominateur: Expression | None
    facteur: Fraction
    cibles: Mapping[str, Mapping[int, CibleBase]]
    derogations: Mapping[str, DerogationCompilee]

    @property
    def evaluee(self) -> bool:
        """True when the measure has targets, hence result rows."""
        return bool(self.cibles)

    @property
    def bornee_a_100(self) -> bool:
        """A measure expressed in % cannot exceed 100 %: a numerator above the denominator (or
        an expression computing more than 100) is a data error."""
        return self.modele.est_taux


@dataclass(frozen=True)
class CodesPreuves:
    """A fiche's evidence codes as bits of a 64-bit mask (bit i: the i-th declared code).

    Masks let the core compute expected and missing evidence for every cell at once."""

    codes: tuple[str, ...] = ()

    def masque(self, codes: Iterable[str]) -> int:
        """The mask of `codes` (codes the fiche does not declare are ignored)."""
        return sum(1 << self.codes.index(code) for code in set(codes) if code in self.codes)

    def liste(self, masque: int) -> list[str]:
        """The codes of a mask, in declaration order."""
        return [code for i, code in enumerate(self.codes) if masque >> i & 1]


@dataclass(frozen=True)
class FicheCompilee:
    """Everything the core needs to evaluate one fiche."""

    fiche: Fiche
    periode: Periode
    perimetre: Expression | None
    segments: Mapping[str, SegmentCompile]
    mesures: Mapping[str, MesureCompilee]  # in dependency order
    preuves: CodesPreuves = field(default_factory=CodesPreuves)
    preuves_par_annee: Mapping[int, int] = field(default_factory=dict)  # year → mask

    @property
    def code(self) -> str:
        return self.fiche.code

    @cached_property
    def mesures_evaluees(self) -> tuple[MesureCompilee, ...]:
        """The measures that produce result rows (asked once per explanation: cached)."""
        return tuple(m for m in self.mesures.values() if m.evaluee)


@dataclass(frozen=True)
class CatalogueCompile:
    """The catalogue definition and its compiled fiches."""

    definition: DefinitionCatalogue
    segments: Mapping[str, SegmentCompile]
    fiches: Mapping[str, FicheCompilee]
