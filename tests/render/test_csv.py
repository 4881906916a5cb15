"""CSV export (render/export_csv.py, render/securite.py): Excel-friendly, and nothing a
dataset writes can run as a spreadsheet formula (ADVERSARIAL F.39)."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Any

import pytest

from cpom_rules import evaluate, load_dataset
from cpom_rules.render.export_csv import render_csv, write_csv
from cpom_rules.render.securite import DECLENCHEURS, neutraliser
from cpom_rules.render.tableur import COLONNES
from tests.evaluation.fabrique import F1, F2, F3, F4, enregistrements, une_mesure, x

NOMS = {
    F1: '=HYPERLINK("http://x","clic")',
    F2: "+33 1 23 45 67 89",
    F3: "-2+3",
    F4: "@SUM(A1:A2)",
}


def _lire(texte: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(texte), delimiter=";"))


def _resultats(noms: dict[str, str] = NOMS, cible: Any = None) -> Any:
    cat = une_mesure(cible or {"type": "increment", "valeur": 5})
    etablissements = [{"finess": f, "raison_sociale": nom, "lits": 10} for f, nom in noms.items()]
    mesures = enregistrements({f: x(100, 104) for f in noms})
    return evaluate(cat, load_dataset(cat, etablissements, mesures), [2025])


def test_f39_noms_neutralises() -> None:
    lignes = _lire(render_csv(_resultats()))
    noms = {ligne["finess"]: ligne["raison_sociale"] for ligne in lignes}
    assert noms == {f: "'" + nom for f, nom in NOMS.items()}
    for ligne in lignes:
        for valeur in ligne.values():
            assert not valeur.startswith(("=", "+", "@", "\t", "\r"))


@pytest.mark.parametrize(
    ("nom", "exporte"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("-1", "'-1"),
        ("\r=1+1", "'=1+1"),  # surrounding blanks are trimmed when the name is read
        ("\tcaché", "caché"),
    ],
)
def test_f39_autres_declencheurs(nom: str, exporte: str) -> None:
    [ligne] = _lire(render_csv(_resultats({F1: nom})))
    assert ligne["raison_sociale"] == exporte


def test_les_nombres_ne_sont_pas_touches() -> None:
    [ligne] = _lire(render_csv(_resultats({F1: "Hôpital"})))
    assert ligne["raison_sociale"] == "Hôpital"
    assert ligne["ecart"] == "-1"  # a number, not a formula: left as is
    assert ligne["valeur"] == "104"
    assert ligne["progression_relative"] == "4"
    assert ligne["applicable"] == "oui"
    assert ligne["cible"] == "'+5 par rapport à N-1"  # a text that starts like a formula


def test_virgule_decimale_et_colonnes() -> None:
    cat = une_mesure({"type": "seuil", "min": "12,5"})
    etablissements = [{"finess": F1, "raison_sociale": "A", "lits": 10}]
    donnees = load_dataset(cat, etablissements, enregistrements({F1: x(None, "12,25")}))
    texte = render_csv(evaluate(cat, donnees, [2025]))
    assert texte.splitlines()[0].split(";") == list(COLONNES)
    [ligne] = _lire(texte)
    assert (ligne["valeur"], ligne["cible_valeur"], ligne["ecart"]) == ("12,25", "12,5", "-0,25")
    assert ligne["valeur_reference"] == "" and ligne["annee_reference"] == ""
    assert "\r\n" in texte


def test_write_csv_avec_bom(tmp_path: Path) -> None:
    chemin = tmp_path / "resultats.csv"
    write_csv(_resultats(), chemin)
    brut = chemin.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf")
    assert brut.decode("utf-8-sig") == render_csv(_resultats())


@pytest.mark.parametrize("declencheur", DECLENCHEURS)
def test_neutraliser(declencheur: str) -> None:
    assert neutraliser(f"{declencheur}1+1") == f"'{declencheur}1+1"


@pytest.mark.parametrize("valeur", ["texte", "", " =1", "'=1", 12, -3.5, None, True])
def test_neutraliser_laisse_le_reste(valeur: object) -> None:
    assert neutraliser(valeur) == valeur
