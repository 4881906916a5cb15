"""Contracts written as YAML text in a temporary folder, and the small dataset of the CLI tests."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cpom_rules import Catalogue, Donnees, load_dataset
from tests.donnees_exemple import ETABLISSEMENTS, MESURES

CONTRAT = """\
finess: "340780477"
signature: 2025-03-01
intitule: CPOM du CHU de Montpellier 2025-2029
fiches:
  CPOM_OS_1:
    mesures:
      taux_formes:
        cibles:
          2025-2029: {type: seuil, min: 12, texte: "≥ 12 %"}
avenants:
  - numero: 1
    date: 2026-02-10
    a_partir_de: 2026
    motif: Réajustement des objectifs de formation
    fiches:
      CPOM_OS_1:
        mesures:
          taux_formes:
            cibles:
              2026-2029: {type: seuil, min: 14, texte: "≥ 14 %"}
"""


@pytest.fixture
def ecrire_contrat(tmp_path: Path) -> Callable[[str, str], Path]:
    """Write `texte` as `nom` in a temporary folder; return its path."""

    def ecrire(texte: str, nom: str = "contrat.yaml") -> Path:
        chemin = tmp_path / nom
        chemin.write_text(texte, encoding="utf-8")
        return chemin

    return ecrire


@pytest.fixture
def donnees(catalogue: Catalogue) -> Donnees:
    return load_dataset(catalogue, ETABLISSEMENTS, MESURES)
