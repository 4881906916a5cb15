"""A plausible synthetic dataset for any catalogue: establishments and yearly measures.

Used by the rendering tests and by the size/time measurement of the HTML report. Values
are drawn from a seeded generator (same seed, same tables); ratios expressed in % keep
their numerator under their denominator so that most results get a verdict.
"""

from __future__ import annotations

import random
from typing import Any

from cpom_rules import Catalogue
from cpom_rules.finess import luhn_valide

VILLES = (
    "Toulouse",
    "Montpellier",
    "Nîmes",
    "Perpignan",
    "Béziers",
    "Montauban",
    "Albi",
    "Carcassonne",
    "Tarbes",
    "Rodez",
    "Castres",
    "Sète",
    "Narbonne",
    "Auch",
    "Cahors",
    "Millau",
    "Foix",
    "Mende",
    "Lourdes",
    "Agde",
)


def finess(departement: str, numero: int) -> str:
    """A FINESS number with a valid check digit."""
    base = f"{departement}{numero:06d}"
    return next(base + str(k) for k in range(10) if luhn_valide(base + str(k)))


def _attribut(hasard: random.Random, type_: str, valeurs: tuple[str, ...], lits: int) -> Any:
    if type_ == "entier":
        return lits
    if type_ == "booleen":
        return hasard.choice(("oui", "non"))
    if type_ == "liste":
        return ";".join(sorted(hasard.sample(valeurs, k=hasard.randint(1, min(4, len(valeurs))))))
    return hasard.choice(valeurs) if valeurs else ""


def etablissements(catalogue: Catalogue, nombre: int, graine: int = 0) -> list[dict[str, Any]]:
    """`nombre` establishments with every catalogue attribute filled."""
    hasard = random.Random(graine)
    sortie = []
    for i in range(nombre):
        lits = hasard.choice((40, 80, 150, 320, 480, 650, 1800))
        ligne: dict[str, Any] = {}
        for nom, attribut in catalogue.definition.attributs.items():
            ligne[nom] = _attribut(hasard, attribut.type, attribut.valeurs, lits)
        departement = str(ligne.get("departement") or "31")
        ligne["finess"] = finess(departement, 1000 + i)
        ligne["raison_sociale"] = (
            f"{ligne.get('categorie', 'Établissement')} de {VILLES[i % len(VILLES)]} n°{i + 1}"
        )
        sortie.append(ligne)
    return sortie


def _valeur(hasard: random.Random, type_: str, annee: int, rang: int, base: float) -> Any:
    if type_ == "taux":
        return round(min(100.0, base / 10 + 4 * rang + hasard.uniform(-3, 3)), 1)
    if type_ in ("booleen", "jalon"):
        return "oui" if hasard.random() < 0.45 + 0.15 * rang else "non"
    if type_ == "date":
        return f"{annee}-{hasard.randint(1, 12):02d}-15"
    if type_ == "texte":
        return "action conduite"
    return round(base * (1 + 0.04 * rang + hasard.uniform(-0.05, 0.05)))


def mesures(
    catalogue: Catalogue,
    etabs: list[dict[str, Any]],
    annees: tuple[int, ...] = (2024, 2025, 2026, 2027),
    graine: int = 0,
    manquants: float = 0.03,
) -> list[dict[str, Any]]:
    """One row per (establishment, fiche, year, variable); about `manquants` of them empty."""
    hasard = random.Random(graine)
    lignes: list[dict[str, Any]] = []
    for etab in etabs:
        for code, fiche in catalogue.fiches.items():
            ratios = {
                m.formule.numerateur: m.formule.denominateur
                for m in fiche.mesures.values()
                if m.est_taux and m.formule.est_ratio
            }
            bases = {nom: hasard.uniform(50, 900) for nom in fiche.variables}
            for rang, annee in enumerate(annees):
                valeurs = {
                    nom: _valeur(hasard, v.type, annee, rang, bases[nom])
                    for nom, v in fiche.variables.items()
                }
                for numerateur, denominateur in ratios.items():
                    if numerateur in valeurs and denominateur in valeurs:
                        part = min(1.0, 0.08 + 0.05 * rang + hasard.uniform(-0.05, 0.12))
                        valeurs[numerateur] = round(valeurs[denominateur] * max(part, 0.0))
                preuves = ";".join(p for p in fiche.preuves if hasard.random() < 0.8)
                for i, (nom, valeur) in enumerate(valeurs.items()):
                    lignes.append(
                        {
                            "finess": etab["finess"],
                            "indicateur": code,
                            "annee": annee,
                            "variable": nom,
                            "valeur": "" if hasard.random() < manquants else valeur,
                            "preuves": preuves if i == 0 else "",
                        }
                    )
    return lignes
