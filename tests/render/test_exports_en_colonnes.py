"""CSV and JSON built from the result columns and streamed (issue #10 item 7) say exactly
what the row-by-row documents say — to the byte: the rows assembled from per-value texts
are compared with what the standard csv writer and orjson write from the row dicts."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import numpy as np
import orjson
import pytest
from hypothesis import given
from hypothesis import strategies as st

from cpom_rules import Catalogue, Resultats, evaluate, load_dataset
from cpom_rules.evaluation.tableau import COLONNES
from cpom_rules.render import export_csv, export_json
from cpom_rules.render.export_csv import (
    _IDENTIFIANTS,
    _NOMBRES,
    _cellule,
    _champ,
    _nombre,
    dialecte,
    render_csv,
    write_csv,
)
from cpom_rules.render.export_json import ecrire_json, write_json
from cpom_rules.render.securite import neutraliser
from cpom_rules.render.tableur import lignes_plates
from tests.donnees_exemple import ecrire
from tests.evaluation.fabrique import F1, F2, F3, enregistrements, une_mesure, x

RACINE = Path(__file__).parents[2]


def _reference_cellule(colonne: str, valeur: object) -> object:
    """A cell as the row-by-row writer wrote it (before the columns were formatted)."""
    if valeur is None or colonne in _IDENTIFIANTS:
        return valeur
    if isinstance(valeur, bool):
        return "oui" if valeur else "non"
    if isinstance(valeur, float) and colonne in _NOMBRES:
        if "e" in repr(valeur):  # 1e-06, 1e+16: written out in full
            return f"{valeur:.6f}".rstrip("0").rstrip(".").replace(".", ",")
        return repr(valeur).replace(".", ",").removesuffix(",0")
    return neutraliser(valeur)


def _csv_de_reference(resultats: Resultats) -> bytes:
    tampon = io.StringIO()
    ecrivain = csv.writer(tampon, delimiter=";", lineterminator="\r\n")
    ecrivain.writerow(COLONNES)
    for ligne in lignes_plates(resultats):
        ecrivain.writerow([_reference_cellule(c, ligne[c]) for c in COLONNES])
    return tampon.getvalue().encode("utf-8-sig")


def _json_de_reference(resultats: Resultats, explications: bool = True) -> bytes:
    """The document as it was written row by row: one orjson dict per row."""
    tampon = io.BytesIO()
    ecrire_json(resultats, tampon, explications)
    entete = tampon.getvalue().split(b'"resultats": [', 1)[0]
    lignes = [orjson.dumps(ligne) for ligne in resultats.lignes(explications)]
    document = resultats.to_dict(explications, lignes=False)
    document["resultats"] = "\x00"
    options = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS
    fin = orjson.dumps(document, option=options).split(b'"\\u0000"', 1)[1]
    corps = b"[" + b",".join(b"\n    " + ligne for ligne in lignes) + (b"\n  ]" if lignes else b"]")
    return entete + b'"resultats": ' + corps + fin


def _exemples(catalogue: Catalogue) -> Resultats:
    exemples = RACINE / "examples"
    donnees = load_dataset(catalogue, exemples / "etablissements.csv", exemples / "mesures.csv")
    return evaluate(catalogue, donnees)


@pytest.fixture(params=[2048, 7], ids=["paquets", "petits-paquets"])
def paquet(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> int:
    """Rows are written in packets: with packets of 7 rows every block spans several."""
    monkeypatch.setattr(export_csv, "_PAQUET", request.param)
    monkeypatch.setattr(export_json, "_PAQUET", request.param)
    return int(request.param)


def test_csv_des_exemples_identique_octet_pour_octet(
    catalogue: Catalogue, tmp_path: Path, paquet: int
) -> None:
    resultats = _exemples(catalogue)
    write_csv(resultats, tmp_path / "r.csv")
    assert (tmp_path / "r.csv").read_bytes() == _csv_de_reference(resultats)


def test_json_des_exemples_identique_octet_pour_octet(
    catalogue: Catalogue, tmp_path: Path, paquet: int
) -> None:
    resultats = _exemples(catalogue)
    write_json(resultats, tmp_path / "r.json")
    assert (tmp_path / "r.json").read_bytes() == _json_de_reference(resultats)
    tampon = io.BytesIO()
    ecrire_json(resultats, tampon, explications=False)
    assert tampon.getvalue() == _json_de_reference(resultats, explications=False)


# Names the csv writer must quote (« ; », quotes), formulas to neutralise, a lone quote.
NOMS_PIEGES = {F1: 'CH "Les Pins" ; Alès', F2: "=1+1", F3: '"'}


@pytest.mark.parametrize("valeurs", [x(100, 104), x(None, "0,000001"), x("1e16", "1e16")])
def test_cellules_a_citer_et_nombres_extremes_comme_le_writer_csv(
    valeurs: dict[str, Any],
) -> None:
    cat = une_mesure({"type": "increment", "valeur": 5})
    etablissements = [
        {"finess": f, "raison_sociale": nom, "lits": 10} for f, nom in NOMS_PIEGES.items()
    ]
    mesures = enregistrements(dict.fromkeys(NOMS_PIEGES, valeurs))
    resultats = evaluate(cat, load_dataset(cat, etablissements, mesures), [2025])
    attendu = _csv_de_reference(resultats).decode("utf-8-sig")
    assert render_csv(resultats) == attendu
    assert json.loads(_json_de_reference(resultats)) == json.loads(_json_ecrit(resultats))


def _json_ecrit(resultats: Resultats) -> bytes:
    tampon = io.BytesIO()
    ecrire_json(resultats, tampon)
    assert tampon.getvalue() == _json_de_reference(resultats)
    return tampon.getvalue()


@given(st.text(alphabet=st.sampled_from('a;"\r\n ,é«'), max_size=12))
def test_champ_cite_comme_le_module_csv(texte: str) -> None:
    tampon = io.StringIO()
    csv.writer(tampon, delimiter=";", lineterminator="\r\n").writerow([texte, "x"])
    assert _champ(texte) + b";x\r\n" == tampon.getvalue().encode()


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
def test_nombres_comme_une_cellule(valeurs: list[float | None]) -> None:
    textes = ["" if v is None else _nombre(v) for v in valeurs]
    assert textes == ["" if v is None else _cellule(v) for v in valeurs]


@given(st.floats(allow_nan=False).map(lambda f: round(f, 6)))
def test_nombre_comme_numpy_l_ecrivait(valeur: float) -> None:
    """The shortest repr, as numpy's ``astype(str)`` gave it, decimal comma, no « ,0 »."""
    texte = np.array([valeur]).astype(str)[0].replace(".", ",")
    if "e" not in texte:
        assert _nombre(valeur) == texte.removesuffix(",0")
    else:
        assert _nombre(valeur) == _cellule(valeur)


def test_csv_et_json_dans_la_langue_demandee(catalogue: Catalogue, tmp_path: Path) -> None:
    """`--lang en`: the CSV follows an English spreadsheet (``,``, decimal point, yes/no)
    and explanations and problem messages are English in CSV and JSON; codes do not move."""
    resultats = _resultats(catalogue, tmp_path)
    anglais = dialecte("en")
    lignes = list(csv.reader(io.StringIO(render_csv(resultats, "en")), delimiter=","))
    assert tuple(lignes[0]) == COLONNES
    attendues = [
        ["" if (v := _cellule(ligne[c], anglais)) is None else str(v) for c in COLONNES]
        for ligne in lignes_plates(resultats, langue="en")
    ]
    assert lignes[1:] == attendues
    colonne = {nom: i for i, nom in enumerate(COLONNES)}
    assert {ligne[colonne["applicable"]] for ligne in lignes[1:]} == {"yes", "no"}
    decimaux = [ligne[colonne["valeur"]] for ligne in lignes[1:] if "." in ligne[colonne["valeur"]]]
    assert decimaux and not any("," in v for v in decimaux)
    explications = [ligne[colonne["explication"]] for ligne in lignes[1:]]
    assert any(e.endswith("→ met") or e.endswith("→ not met") for e in explications)
    assert not any("atteint" in e for e in explications)
    francais = {ligne["explication"] for ligne in resultats.to_records()}
    chemin = tmp_path / "r.json"
    write_json(resultats, chemin, langue="en")
    document = json.loads(chemin.read_bytes())
    assert {r["statut"] for r in document["resultats"]} <= {
        "atteint",
        "non_atteint",
        "non_applicable",
        "donnees_manquantes",
        "non_evaluable",
    }
    assert not {r["explication"] for r in document["resultats"]} & francais
    assert document == json.loads(json.dumps(resultats.to_dict(langue="en")))
