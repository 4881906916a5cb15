"""The printed 5-year total against the yearly targets, per the total's declared meaning.

- ``somme``: the yearly levels (or counts) add up to the total;
- ``somme_increments``: the yearly increments add up to the total;
- ``valeur_finale``: the last year's target equals the total;
- ``variation_cumulee``: the yearly relative changes compound to the total (N-1 references),
  or the last year's change against a fixed reference equals it;
- ``qualitatif``: nothing to compare.
Years with a milestone, no target or « sans objet » count for nothing. The comparison is made
at the precision the total is printed with (``+25 %`` matches 1,03 × 1,05⁴ = +25,16 %).
"""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from fractions import Fraction

from cpom_rules.compilation.regles import MesureCompilee
from cpom_rules.lint.lieux import lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.chargement import Catalogue
from cpom_rules.spec.cibles import (
    PERIODES_PAR_AN,
    CibleBase,
    Cumul,
    Et,
    Increment,
    KParmiN,
    Ou,
    Seuil,
    VariationRelative,
)
from cpom_rules.spec.description import nombre


def _numerique(cible: CibleBase, mesure: str) -> CibleBase | None:
    """The first numeric target on `mesure` within a (possibly composite) target."""
    if isinstance(cible, Et | Ou):
        for condition in cible.conditions:
            trouvee = _numerique(condition, mesure)
            if trouvee is not None:
                return trouvee
        return None
    if cible.mesure not in (None, mesure):
        return None
    return (
        cible
        if isinstance(cible, Seuil | Increment | VariationRelative | KParmiN | Cumul)
        else None
    )


def _niveau(cible: CibleBase, unite: str) -> Fraction | None:
    """A yearly level expressed per `unite` period (None when not a level)."""
    if isinstance(cible, Seuil):
        borne = cible.min if cible.min is not None else cible.max
        assert borne is not None
        return Fraction(borne) * PERIODES_PAR_AN[cible.periodicite] / PERIODES_PAR_AN[unite]
    if isinstance(cible, KParmiN):
        return Fraction(cible.k)
    return None


def _calcule(mesure: MesureCompilee, table: dict[int, CibleBase]) -> Fraction | None:
    total = mesure.modele.total
    assert total is not None
    cibles = [_numerique(cible, mesure.code) for _, cible in sorted(table.items())]
    presentes = [c for c in cibles if c is not None]
    if not presentes:
        return None
    if total.sens == "somme":
        if isinstance(
            cibles[-1], Cumul
        ):  # yearly targets already cumulative: the last one is the sum
            return Fraction(cibles[-1].min)
        niveaux = [_niveau(c, total.periodicite) for c in presentes]
        return (
            sum((n for n in niveaux if n is not None), Fraction(0))
            if any(n is not None for n in niveaux)
            else None
        )
    if total.sens == "somme_increments":
        increments = [Fraction(c.valeur) for c in presentes if isinstance(c, Increment)]
        return sum(increments, Fraction(0)) if increments else None
    if total.sens == "valeur_finale":
        return _niveau(cibles[-1], total.periodicite) if cibles[-1] is not None else None
    if total.sens == "variation_cumulee":
        relatives = [c for c in presentes if isinstance(c, VariationRelative)]
        if not relatives:
            return None
        if all(c.reference == "n_moins_1" for c in relatives):
            produit = Fraction(1)
            for c in relatives:
                produit *= 1 + Fraction(c.pourcentage) / 100
            return (produit - 1) * 100
        return Fraction(relatives[-1].pourcentage)
    return None


def _arrondi(valeur: Fraction, modele: Decimal) -> Decimal:
    exposant = modele.as_tuple().exponent
    assert isinstance(exposant, int)
    return (Decimal(valeur.numerator) / Decimal(valeur.denominator)).quantize(
        Decimal(1).scaleb(exposant)
    )


def verifier(catalogue: Catalogue) -> Iterator[Probleme]:
    for fiche in catalogue.regles.fiches.values():
        lieu = lieu_fiche(catalogue, fiche.code)
        for mesure in fiche.mesures_evaluees:
            total = mesure.modele.total
            if total is None or total.sens == "qualitatif":
                continue
            for segment, table in mesure.cibles.items():
                attendu = total.valeur_pour(segment)
                calcule = _calcule(mesure, dict(table))
                if attendu is None or calcule is None or _arrondi(calcule, attendu) == attendu:
                    continue
                lieu.signaler(
                    "total_incoherent",
                    ("mesures", mesure.code, "total", "valeur"),
                    niveau=Niveau.AVERTISSEMENT,
                    total=f"{nombre(attendu)} ({total.texte})" if total.texte else nombre(attendu),
                    sens=f"{total.sens}, segment {segment}",
                    calcule=nombre(_arrondi(calcule, Decimal("0.01"))),
                )
        yield from lieu.problemes
