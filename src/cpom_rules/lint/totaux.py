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

from cpom_rules.compilation.catalogue import Catalogue
from cpom_rules.compilation.regles import MesureCompilee
from cpom_rules.lint.lieux import lieu_fiche
from cpom_rules.problemes import Niveau, Probleme
from cpom_rules.spec.cibles import ApportTotal, CibleBase, Periodicite
from cpom_rules.spec.description import nombre


def _apport(cible: CibleBase, mesure: str, par: Periodicite) -> ApportTotal | None:
    """What the first target on `mesure` that counts in a total, within a (possibly
    composite) target, contributes to it (each kind says what it contributes)."""
    if cible.est_composite:
        for condition in cible.sous_cibles():
            trouve = _apport(condition, mesure, par)
            if trouve is not None:
                return trouve
        return None
    if cible.mesure not in (None, mesure):
        return None
    return cible.apport_total(par)


def _calcule(mesure: MesureCompilee, table: dict[int, CibleBase]) -> Fraction | None:
    total = mesure.modele.total
    assert total is not None
    apports = [_apport(cible, mesure.code, total.periodicite) for _, cible in sorted(table.items())]
    presents = [a for a in apports if a is not None]
    if not presents:
        return None
    derniere = apports[-1]
    if total.sens == "somme":
        if derniere is not None and derniere.stock is not None:
            return derniere.stock  # yearly targets already cumulative: the last one is the sum
        niveaux = [a.niveau for a in presents if a.niveau is not None]
        return sum(niveaux, Fraction(0)) if niveaux else None
    if total.sens == "somme_increments":
        increments = [a.increment for a in presents if a.increment is not None]
        return sum(increments, Fraction(0)) if increments else None
    if total.sens == "valeur_finale":
        return derniere.niveau if derniere is not None else None
    if total.sens == "variation_cumulee":
        relatives = [a for a in presents if a.variation is not None]
        if not relatives:
            return None
        if all(a.variation_annuelle for a in relatives):
            produit = Fraction(1)
            for a in relatives:
                assert a.variation is not None
                produit *= 1 + a.variation / 100
            return (produit - 1) * 100
        return relatives[-1].variation
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
