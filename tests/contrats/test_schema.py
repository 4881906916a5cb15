"""The shipped example contracts pass both the JSON Schema and `check_contrats`."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml

from cpom_rules import Catalogue
from cpom_rules.contrats import check_contrats, read_contrats
from tests.conftest import RACINE

EXEMPLES = sorted((RACINE / "examples" / "contrats").glob("*.yaml"))


@pytest.mark.parametrize("chemin", EXEMPLES, ids=[p.name for p in EXEMPLES])
def test_exemple_valide_le_schema_et_le_catalogue(chemin: Path, catalogue: Catalogue) -> None:
    schema = json.loads((RACINE / "schemas" / "contrat.schema.json").read_text(encoding="utf-8"))
    donnees = json.loads(
        json.dumps(yaml.safe_load(chemin.read_text(encoding="utf-8")), default=str)
    )
    assert list(jsonschema.Draft202012Validator(schema).iter_errors(donnees)) == []
    lus, problemes = read_contrats(chemin)
    assert problemes == [] and check_contrats(catalogue, lus) == []


def test_le_schema_refuse_une_cle_inconnue() -> None:
    schema = json.loads((RACINE / "schemas" / "contrat.schema.json").read_text(encoding="utf-8"))
    erreurs = list(
        jsonschema.Draft202012Validator(schema).iter_errors(
            {"finess": "310781406", "signature": "2025-03-01", "avenant": []}
        )
    )
    assert erreurs
