"""Small catalogues and datasets built in code, so that tests do not depend on shipped fiches.

The test catalogue covers 2025-2029 with two attributes (``lits``, ``categorie``) and three
catalogue segments: ``tous``, ``grands`` (``lits >= 500``) and ``petits`` (``lits < 500``).
`fiche` builds one fiche from plain dicts; `une_mesure` builds the common case: a variable
``x`` and a measure ``m`` (``x``) carrying the given target table.
"""

from __future__ import annotations

import csv
import random
import re
import shutil
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from cpom_rules import (
    Catalogue,
    DefinitionCatalogue,
    Donnees,
    Fiche,
    Resultats,
    build_catalogue,
    evaluate,
    load_catalogue,
    load_dataset,
)
from tests.conftest import SPECS

# Valid FINESS numbers (Luhn key checked in tests/test_finess.py).
F1, F2, F3, F4 = "340780477", "310781406", "300780038", "010000024"
CODE = "CPOM_T_1"
PERIODE = tuple(range(2025, 2030))

# A rate measure: numerateur / denominateur × 100, unit « % ».
TAUX_FORMULE = {"numerateur": "num", "denominateur": "den", "facteur": 100}
TAUX_VARIABLES = {
    "num": {"libelle": "Numérateur", "type": "nombre"},
    "den": {"libelle": "Dénominateur", "type": "nombre"},
}

DEFINITION: dict[str, Any] = {
    "region": "Test",
    "intitule": "Catalogue de test",
    "periode": {"debut": 2025, "fin": 2029},
    "attributs": {
        "lits": {"libelle": "Lits et places", "type": "entier"},
        "categorie": {
            "libelle": "Catégorie",
            "type": "texte",
            "valeurs": ["CHU", "CH", "clinique"],
            "obligatoire": False,
        },
    },
    "segments": {
        "tous": {"libelle": "Pour tous les établissements"},
        "grands": {"libelle": "Grands établissements", "condition": "lits >= 500"},
        "petits": {"libelle": "Petits établissements", "condition": "lits < 500"},
    },
}


def definition(**remplacements: Any) -> DefinitionCatalogue:
    """The test catalogue definition, with top-level keys replaced."""
    return DefinitionCatalogue.model_validate({**DEFINITION, **remplacements})


def fiche(
    code: str = CODE,
    *,
    mesures: Mapping[str, Any],
    variables: Mapping[str, Any] | None = None,
    **autres: Any,
) -> Fiche:
    """A fiche from plain dicts; `variables` defaults to one number ``x``."""
    return Fiche.model_validate(
        {
            "code": code,
            "intitule": f"Fiche {code}",
            "objectif_strategique": "Objectif de test",
            "definition": "Définition de test",
            "collecte": {"frequence": "annuelle"},
            "variables": variables or {"x": {"libelle": "Valeur x", "type": "nombre"}},
            "mesures": mesures,
            **autres,
        }
    )


def catalogue(*fiches: Fiche, **definition_remplacee: Any) -> Catalogue:
    """A compiled catalogue of the given fiches (the test definition)."""
    return build_catalogue(definition(**definition_remplacee), fiches)


def table(cibles: Any, segment: str = "tous") -> dict[str, Any]:
    """A target table: one target for every year, or a dict year → target."""
    if isinstance(cibles, dict) and "type" not in cibles:
        return {segment: cibles}
    return {segment: {"2025-2029": cibles}}


def mesure(
    cibles: Any,
    *,
    formule: Mapping[str, Any] | None = None,
    unite: str = "actes",
    segment: str = "tous",
    **autres: Any,
) -> dict[str, Any]:
    """A measure dict (default formula: ``x``)."""
    return {
        "libelle": "Mesure de test",
        "formule": dict(formule or {"expression": "x"}),
        "unite": unite,
        "cibles": table(cibles, segment),
        **autres,
    }


def une_mesure(
    cibles: Any,
    *,
    type_variable: str = "nombre",
    variables: Mapping[str, Any] | None = None,
    fiche_autres: Mapping[str, Any] | None = None,
    **mesure_autres: Any,
) -> Catalogue:
    """A catalogue of one fiche with variable ``x`` and measure ``m`` carrying `cibles`."""
    return catalogue(
        fiche(
            variables=variables or {"x": {"libelle": "Valeur x", "type": type_variable}},
            mesures={"m": mesure(cibles, **mesure_autres)},
            **dict(fiche_autres or {}),
        )
    )


Valeurs = Mapping[str, Mapping[int, Mapping[str, Any]]]


def enregistrements(
    valeurs: Valeurs, indicateur: str = CODE, preuves: Mapping[tuple[str, int], str] | None = None
) -> list[dict[str, Any]]:
    """Measure rows from {finess: {année: {variable: valeur}}} (and evidence per cell)."""
    lignes = []
    for finess, annees in valeurs.items():
        for annee, variables in annees.items():
            for variable, valeur in variables.items():
                ligne = {
                    "finess": finess,
                    "indicateur": indicateur,
                    "annee": annee,
                    "variable": variable,
                    "valeur": valeur,
                }
                if preuves is not None:
                    ligne["preuves"] = preuves.get((finess, annee))
                lignes.append(ligne)
    return lignes


def etablissements(
    finess: Iterable[str], attributs: Mapping[str, Mapping[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """Establishment rows; each gets 200 beds unless `attributs` says otherwise."""
    attributs = attributs or {}
    return [
        {
            "finess": f,
            "raison_sociale": f"Établissement {f}",
            **attributs.get(f, {"lits": 200}),
        }
        for f in finess
    ]


def jeu(
    cat: Catalogue,
    valeurs: Valeurs,
    *,
    attributs: Mapping[str, Mapping[str, Any]] | None = None,
    preuves: Mapping[tuple[str, int], str] | None = None,
    autres_finess: Iterable[str] = (),
    indicateur: str = CODE,
) -> Donnees:
    """A validated dataset: the establishments of `valeurs` (and `autres_finess`)."""
    finess = list(dict.fromkeys([*valeurs, *(attributs or {}), *autres_finess]))
    return load_dataset(
        cat,
        etablissements(finess, attributs),
        enregistrements(valeurs, indicateur, preuves)
        or {"finess": [], "indicateur": [], "annee": [], "variable": [], "valeur": []},
    )


def evaluer(
    cat: Catalogue, valeurs: Valeurs, annees: Iterable[int] | None = PERIODE, **options: Any
) -> Resultats:
    """Evaluate `cat` over the dataset `valeurs` (every year of the period by default)."""
    return evaluate(cat, jeu(cat, valeurs, **options), annees)


def ligne(
    resultats: Resultats, finess: str = F1, annee: int = 2025, mesure: str | None = None
) -> dict[str, Any]:
    """The result row of one cell (the first evaluated measure unless `mesure` is given)."""
    trouvees = [
        r
        for r in resultats.to_records()
        if r["finess"] == finess
        and r["annee"] == annee
        and (mesure is None or r["mesure"] == mesure)
    ]
    assert trouvees, (finess, annee, mesure)
    return trouvees[0]


def statut(
    resultats: Resultats, finess: str = F1, annee: int = 2025, mesure: str | None = None
) -> tuple[str, str | None]:
    """(statut, raison) of one cell."""
    r = ligne(resultats, finess, annee, mesure)
    return r["statut"], r["raison"]


def verdict(
    cat: Catalogue,
    par_annee: Mapping[int, Mapping[str, Any]],
    annee: int = 2025,
    *,
    mesure: str | None = None,
    **options: Any,
) -> tuple[str, str | None]:
    """(statut, raison) for establishment F1 with the given yearly values."""
    return statut(evaluer(cat, {F1: par_annee}, **options), F1, annee, mesure)


def x(*valeurs: Any, debut: int = 2024) -> dict[int, dict[str, Any]]:
    """Yearly values of ``x`` from `debut` on: ``x(740, 762)`` → {2024: {x: 740}, 2025: …}.

    None means no row at all for that year (write ``""`` for a row with an empty value).
    """
    return {debut + i: {"x": v} for i, v in enumerate(valeurs) if v is not None}


# --- shipped fiches ----------------------------------------------------------------------------
def os_1_et_12(dossier: Path) -> Catalogue:
    """The shipped Occitanie catalogue reduced to CPOM_OS_1 and CPOM_OS_12 (copied to `dossier`),
    so that fiches added later to the shipped folder do not change these tests."""
    for nom in ("catalogue.yaml", "CPOM_OS_1.yaml", "CPOM_OS_12.yaml"):
        shutil.copy(SPECS / nom, dossier / nom)
    return load_catalogue(dossier)


def etablissement_occitanie(finess: str, categorie: str, lits: int) -> dict[str, Any]:
    """An establishment row with every attribute of the Occitanie catalogue."""
    return {
        "finess": finess,
        "raison_sociale": f"Établissement {finess}",
        "categorie": categorie,
        "lits": lits,
        "statut": "public",
        "departement": "34",
        "activites": "MCO",
        "engage_sante_environnementale": "non",
        "engage_produits_ecoresponsables": "non",
        "engage_communication_rh": "non",
    }


def exemple_perturbe(
    catalogue_: Catalogue, graine: int, facteur: str, retenus: int = 100, effaces: float = 0.1
) -> Donnees:
    """The bundled example on its first `retenus` measure rows' establishments, whole numbers
    scaled by `facteur` (« 0,5 ») one time in two and a share `effaces` of values erased."""
    exemples = Path(__file__).resolve().parents[2] / "examples"
    hasard = random.Random(graine)
    with (exemples / "mesures.csv").open(encoding="utf-8") as f:
        lignes = list(csv.DictReader(f, delimiter=";"))
    finess = {r["finess"] for r in lignes[:retenus]}
    lignes = [ligne for ligne in lignes if ligne["finess"] in finess]
    for ligne in lignes:
        valeur = ligne["valeur"]
        if hasard.random() < effaces:
            ligne["valeur"] = ""
        elif re.fullmatch(r"\d+", valeur) and hasard.random() < 0.5:
            ligne["valeur"] = str(int(int(valeur) * float(facteur.replace(",", "."))))
    with (exemples / "etablissements.csv").open(encoding="utf-8") as f:
        lus = [r for r in csv.DictReader(f, delimiter=";") if r["finess"] in finess]
    return load_dataset(catalogue_, lus, lignes)
