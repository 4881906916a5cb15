"""Describe a target in plain French, from the model alone (``≥ 10 %``, ``+5 % par rapport à N-1``).

Used where the fiche gives no printed text for a cell, in explanations and in the fiche
pages regenerated from the YAML.
"""

from __future__ import annotations

from decimal import Decimal

from cpom_rules.spec.cibles import (
    CibleBase,
    CibleChoisie,
    Cumul,
    Echeance,
    Et,
    Increment,
    Jalon,
    KParmiN,
    Ou,
    OuiNonCible,
    PasDeCible,
    Progression,
    SansObjet,
    Seuil,
    VariationPoints,
    VariationRelative,
)


def nombre(valeur: Decimal) -> str:
    """``12.5`` → ``12,5``."""
    texte = f"{valeur.normalize():f}"
    return texte.replace(".", ",")


def signe(valeur: Decimal) -> str:
    return f"+{nombre(valeur)}" if valeur >= 0 else f"−{nombre(-valeur)}"


def reference(code: str) -> str:
    """``n_moins_1`` → ``N-1``, ``initiale`` → ``la valeur initiale``, ``2024`` → ``2024``."""
    return {"n_moins_1": "N-1", "initiale": "la valeur initiale"}.get(code, code)


def _unite(unite: str) -> str:
    return "\u00a0%" if unite.strip() == "%" else ""


def decrire_cible(cible: CibleBase, unite: str = "") -> str:
    """A short French description of a target."""
    u = _unite(unite)
    if isinstance(cible, Seuil):
        par = f" par {cible.periodicite}" if cible.periodicite != "annee" else ""
        if cible.min is not None and cible.max is not None:
            return f"entre {nombre(cible.min)} et {nombre(cible.max)}{u}{par}"
        if cible.min is not None:
            return f"{'≥' if cible.min_inclus else '>'} {nombre(cible.min)}{u}{par}"
        assert cible.max is not None
        return f"{'≤' if cible.max_inclus else '<'} {nombre(cible.max)}{u}{par}"
    if isinstance(cible, OuiNonCible):
        return cible.attendu
    if isinstance(cible, Increment):
        return f"{signe(cible.valeur)}{u} par rapport à {reference(cible.reference)}"
    if isinstance(cible, VariationRelative):
        base = (
            "la cible N-1"
            if cible.chainage == "cible" and cible.reference == "n_moins_1"
            else reference(cible.reference)
        )
        return f"{signe(cible.pourcentage)}\u00a0% par rapport à {base}"
    if isinstance(cible, VariationPoints):
        return f"{signe(cible.points)} points par rapport à {reference(cible.reference)}"
    if isinstance(cible, Progression):
        suite = " ou stabilisation" if cible.stabilisation_acceptee else ""
        return f"progression{suite} par rapport à {reference(cible.reference)}"
    if isinstance(cible, Cumul):
        depuis = f" depuis {cible.depuis}" if cible.depuis else " depuis le début de la période"
        return f"cumul ≥ {nombre(cible.min)}{u}{depuis}"
    if isinstance(cible, CibleChoisie):
        plancher = f" (au moins {nombre(cible.plancher)}{u})" if cible.plancher is not None else ""
        return f"cible choisie par l'établissement{plancher}"
    if isinstance(cible, KParmiN):
        return f"au moins {cible.k} sur {len(cible.elements)} ({', '.join(cible.elements)})"
    if isinstance(cible, Jalon):
        return cible.libelle
    if isinstance(cible, Echeance):
        return f"{cible.attendu} au plus tard fin {cible.annee}"
    if isinstance(cible, SansObjet):
        return "sans objet" + (f" ({cible.motif})" if cible.motif else "")
    if isinstance(cible, PasDeCible):
        return "recueil de la valeur, sans cible" if cible.recueil_attendu else "pas de cible"
    if isinstance(cible, Et | Ou):
        lien = " et " if isinstance(cible, Et) else " ou "
        return lien.join(_avec_mesure(condition, unite) for condition in cible.conditions)
    raise TypeError(type(cible).__name__)  # pragma: no cover - every kind is handled above


def _avec_mesure(cible: CibleBase, unite: str) -> str:
    texte = cible.texte or decrire_cible(cible, unite)
    return f"{texte} ({cible.mesure})" if cible.mesure else texte


def texte_cible(cible: CibleBase, unite: str = "") -> str:
    """The cell as printed in the fiche when the spec kept it, else the description."""
    return cible.texte or decrire_cible(cible, unite)
