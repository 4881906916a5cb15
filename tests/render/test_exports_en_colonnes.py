"""CSV and JSON built from the result columns and streamed (issue #10 item 7) say exactly
what the row-by-row documents say."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.evaluation.tableau import COLONNES
from cpom_rules.render.export_csv import _cellule, _nombres, render_csv
from cpom_rules.render.export_json import write_json
from cpom_rules.render.tableur import lignes_plates
from tests.donnees_exemple import ecrire


def _resultats(catalogue: Catalogue, dossier: Path) -> Resultats:
    etablissements, mesures = ecrire(dossier)
    return evaluate(catalogue, load_dataset(catalogue, etablissements, mesures))


def test_json_en_flux_egal_au_document(catalogue: Catalogue, tmp_path: Path) -> None:
    resultats = _resultats(catalogue, tmp_path)
    chemin = tmp_path / "r.json"
    write_json(resultats, chemin)
    attendu = json.loads(json.dumps(resultats.to_dict()))
    assert json.loads(chemin.read_bytes()) == attendu


def test_csv_en_colonnes_egal_au_csv_ligne_a_ligne(catalogue: Catalogue, tmp_path: Path) -> None:
    resultats = _resultats(catalogue, tmp_path)
    lignes = list(csv.reader(io.StringIO(render_csv(resultats)), delimiter=";"))
    assert tuple(lignes[0]) == COLONNES
    attendues = [
        ["" if (v := _cellule(ligne[c])) is None else str(v) for c in COLONNES]
        for ligne in lignes_plates(resultats)
    ]
    assert lignes[1:] == attendues


def test_records_dans_l_ordre_documente(catalogue: Catalogue, tmp_path: Path) -> None:
    [premier, *_] = _resultats(catalogue, tmp_path).to_records()
    assert list(premier)[:5] == ["finess", "raison_sociale", "indicateur", "mesure", "annee"]
    assert list(premier)[-1] == "explication"


@given(
    st.lists(
        st.one_of(
            st.none(),
            # below 1e9 the shortest repr and « %.6f » agree (beyond, %.6f prints noise digits)
            st.floats(allow_nan=False, allow_infinity=False, min_value=-1e9, max_value=1e9).map(
                lambda f: round(f, 6)
            ),
        ),
        max_size=30,
    )
)
def test_nombres_vectorises_comme_une_cellule(valeurs: list[float | None]) -> None:
    tableau = np.empty(len(valeurs), dtype=object)
    tableau[:] = valeurs
    textes = _nombres(tableau)
    assert textes is not None
    assert list(textes) == ["" if v is None else _cellule(v) for v in valeurs]
