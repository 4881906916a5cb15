"""Fixtures of the rendering tests: a two-fiche catalogue and a small hand-made dataset.

The catalogue is a copy of two shipped fiches (CPOM_OS_1, a rate with a threshold and
evidence; CPOM_OS_12, counts with chained targets and a scope), so that these tests do not
depend on the fiches other work adds to the shipped folder.
"""

from __future__ import annotations

import shutil
from typing import Any

import pytest

from cpom_rules import Catalogue, Resultats, evaluate, load_catalogue, load_dataset
from tests.conftest import SPECS
from tests.render.jeu_synthetique import finess

CHU = finess("31", 1)
SCRIPT = finess("31", 2)
FORMULE = finess("31", 3)
NOM_SCRIPT = "<script>alert(1)</script>"
NOM_FORMULE = '=HYPERLINK("x")'
FINESS_INVALIDE = "123"


@pytest.fixture(scope="session")
def catalogue_reduit(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    dossier = tmp_path_factory.mktemp("specs")
    for nom in ("catalogue.yaml", "CPOM_OS_1.yaml", "CPOM_OS_12.yaml"):
        shutil.copy(SPECS / nom, dossier / nom)
    return load_catalogue(dossier)


def _etablissement(numero: str, nom: str, categorie: str, lits: int) -> dict[str, Any]:
    return {
        "finess": numero,
        "raison_sociale": nom,
        "categorie": categorie,
        "lits": lits,
        "statut": "public",
        "departement": "31",
        "ght": "",
        "activites": "MCO;mammographie",
        "engage_sante_environnementale": "non",
        "engage_produits_ecoresponsables": "non",
        "engage_communication_rh": "non",
    }


def _formes(
    numero: str, valeurs: dict[int, tuple[int, int]], preuves: set[int]
) -> list[dict[str, Any]]:
    lignes = []
    for annee, (formes, total) in valeurs.items():
        for variable, valeur in (
            ("professionnels_formes", formes),
            ("professionnels_total", total),
        ):
            lignes.append(
                {
                    "finess": numero,
                    "indicateur": "CPOM_OS_1",
                    "annee": annee,
                    "variable": variable,
                    "valeur": valeur,
                    "preuves": "plan_formation" if annee in preuves else "",
                }
            )
    return lignes


def _mammographies(numero: str, valeurs: dict[int, tuple[int, int]]) -> list[dict[str, Any]]:
    lignes = []
    for annee, (mammographies, echographies) in valeurs.items():
        for variable, valeur in (
            ("nb_mammographies_bilaterales", mammographies),
            ("nb_mammographies_depistage", 0),
            ("nb_mammographies_unilaterales", 0),
            ("nb_echographies", echographies),
        ):
            lignes.append(
                {
                    "finess": numero,
                    "indicateur": "CPOM_OS_12",
                    "annee": annee,
                    "variable": variable,
                    "valeur": valeur,
                }
            )
    return lignes


def tables() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Three establishments, one named like a script and one like a formula, one bad row."""
    etablissements = [
        _etablissement(CHU, "CHU Test", "CHU", 1800),
        _etablissement(SCRIPT, NOM_SCRIPT, "clinique", 80),
        _etablissement(FORMULE, NOM_FORMULE, "CH", 350),
    ]
    mesures = [
        # 21,3 % in 2025 (target ≥ 10 %), 14 % in 2026 (≥ 15 %), 25 % in 2027 (≥ 20 %), the
        # training plan missing in 2027.
        *_formes(
            CHU,
            {2024: (50, 1000), 2025: (213, 1000), 2026: (140, 1000), 2027: (250, 1000)},
            {2025, 2026},
        ),
        # 1 200 → 1 236 (+3 %: reached) → 1 234 (+5 % = 1 298: missed) → 1 400.
        *_mammographies(
            CHU, {2024: (1200, 100), 2025: (1236, 101), 2026: (1234, 102), 2027: (1400, 103)}
        ),
        *_formes(SCRIPT, {2025: (50, 1000), 2026: (60, 1000), 2027: (70, 1000)}, set()),
        *_formes(
            FORMULE, {2025: (100, 1000), 2026: (150, 1000), 2027: (190, 1000)}, {2025, 2026, 2027}
        ),
        {
            "finess": FINESS_INVALIDE,
            "indicateur": "CPOM_OS_1",
            "annee": 2025,
            "variable": "professionnels_total",
            "valeur": 10,
        },
    ]
    return etablissements, mesures


@pytest.fixture(scope="session")
def resultats(catalogue_reduit: Catalogue) -> Resultats:
    etablissements, mesures = tables()
    return evaluate(catalogue_reduit, load_dataset(catalogue_reduit, etablissements, mesures))
