"""The documentation stays true: public names documented, results match their schema."""

from __future__ import annotations

import contextlib
import io
import json
import re
from pathlib import Path

import jsonschema
import pytest

import cpom_rules
from cpom_rules import Catalogue, evaluate, load_dataset
from tests.donnees_exemple import ETABLISSEMENTS, MESURES

RACINE = Path(__file__).resolve().parent.parent


def test_chaque_nom_public_est_documente() -> None:
    reference = (RACINE / "docs" / "reference-api.md").read_text(encoding="utf-8")
    absents = [
        nom for nom in cpom_rules.__all__ if nom != "__version__" and f"`{nom}" not in reference
    ]
    assert absents == []


def test_la_sortie_json_respecte_son_schema(catalogue: Catalogue) -> None:
    schema = json.loads((RACINE / "schemas" / "resultats.schema.json").read_text(encoding="utf-8"))
    restreint = catalogue.restreindre(["CPOM_OS_1", "CPOM_OS_12"])
    resultats = evaluate(restreint, load_dataset(restreint, ETABLISSEMENTS, MESURES))
    document = json.loads(resultats.to_json())
    jsonschema.validate(document, schema)
    assert {r["statut"] for r in document["resultats"]} >= {
        "atteint",
        "non_atteint",
        "non_evaluable",
    }


def test_le_schema_refuse_un_statut_inconnu(catalogue: Catalogue) -> None:
    schema = json.loads((RACINE / "schemas" / "resultats.schema.json").read_text(encoding="utf-8"))
    restreint = catalogue.restreindre(["CPOM_OS_1"])
    document = json.loads(
        evaluate(restreint, load_dataset(restreint, ETABLISSEMENTS, MESURES)).to_json()
    )
    document["resultats"][0]["statut"] = "presque"
    try:
        jsonschema.validate(document, schema)
    except jsonschema.ValidationError:
        return
    raise AssertionError("un statut inconnu doit être refusé par le schéma")


def test_l_exemple_python_du_readme_tourne_et_dit_vrai(monkeypatch: pytest.MonkeyPatch) -> None:
    """The README's library example runs from the repository root and prints what it shows."""
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None
    attendu = " ".join(re.findall(r"^# (.*)$", code.group(1), re.MULTILINE))
    sortie = io.StringIO()
    monkeypatch.chdir(RACINE)
    with contextlib.redirect_stdout(sortie):
        exec(compile(code.group(1), "README.md", "exec"), {})
    assert attendu and " ".join(sortie.getvalue().split()).endswith(" ".join(attendu.split()))
