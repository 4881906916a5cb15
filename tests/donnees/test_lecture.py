"""Reading tables (donnees/lecture.py): CSV dialects and encodings (ADVERSARIAL E.37), JSON,
Excel, records, dicts of columns and DataFrames, with source line numbers kept."""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest

from cpom_rules import ErreurCpom, ErreurDonnees, evaluate, load_dataset, read_table
from cpom_rules.donnees.lecture import decoder, lire_csv
from cpom_rules.donnees.tables import TableBrute
from tests.evaluation.fabrique import F1, F4, une_mesure

CATALOGUE = une_mesure({"type": "seuil", "min": 10})


def _codes(erreur: pytest.ExceptionInfo[ErreurDonnees]) -> list[str]:
    return [p.code for p in erreur.value.problemes]


# --- CSV -------------------------------------------------------------------------------------
@pytest.mark.parametrize("separateur", [";", ",", "\t"])
def test_csv_separateurs(separateur: str) -> None:
    texte = separateur.join(["finess", "lits"]) + "\n" + separateur.join([F1, "12"]) + "\n"
    table = lire_csv(texte.encode(), "e.csv")
    assert table.colonne("finess") == [F1]
    assert table.colonne("lits") == ["12"]
    assert table.problemes == []


def test_csv_point_virgule_latin1_entetes_accentues(tmp_path: Path) -> None:
    """ADVERSARIAL E.37: `;`, Windows-1252, ``Année`` and ``ANNEE``-style headers."""
    etablissements = tmp_path / "etablissements.csv"
    etablissements.write_bytes(
        f"N° FINESS;Raison sociale;LITS\n{F1};Hôpital Saint-Éloi;250\n".encode("cp1252")
    )
    mesures = tmp_path / "mesures.csv"
    mesures.write_bytes(
        (
            "FINESS;Indicateur;ANNÉE;Variable;Valeur\n"
            f"{F1};CPOM_T_1;2025;x;12,5\n"
            f"{F1};CPOM_T_1;2026;x;9\n"
        ).encode("latin-1")
    )
    donnees = load_dataset(CATALOGUE, etablissements, mesures)
    assert list(donnees.raisons_sociales) == ["Hôpital Saint-Éloi"]
    latin1 = [p for p in donnees.problemes if p.code == "encodage_latin1"]
    assert {p.fichier for p in latin1} == {str(etablissements), str(mesures)}
    resultats = evaluate(CATALOGUE, donnees, [2025, 2026])
    assert [r["statut"] for r in resultats.to_records()] == ["atteint", "non_atteint"]
    assert [r["valeur"] for r in resultats.to_records()] == [12.5, 9]


@pytest.mark.parametrize(
    "entete", ["annee", "Année", "ANNEE", "ANNÉE", " année ", "year", "Anne\u0301e", "Ann\u00e9e"]
)
def test_entetes_annee(entete: str) -> None:
    texte = f"finess;indicateur;{entete};variable;valeur\n{F1};CPOM_T_1;2025;x;1\n"
    table = lire_csv(texte.encode(), "m.csv")
    assert table.colonne("annee") == ["2025"]
    assert table.entetes["annee"] == entete


def test_csv_utf8_bom_et_crlf() -> None:
    table = lire_csv("\ufefffiness;lits\r\n340780477;12\r\n".encode(), "e.csv")
    assert list(table.colonnes) == ["finess", "lits"]
    assert table.problemes == []
    assert table.lignes.tolist() == [2]


def test_csv_numeros_de_ligne() -> None:
    texte = (
        "finess;commentaire;valeur\n"  # line 1
        "A;ok;1\n"  # 2
        "\n"  # 3: blank, skipped
        ";;\n"  # 4: only separators, skipped
        'B;"sur\ndeux lignes";2\n'  # 5-6: one row, named by its first line
        "C;trop;de;champs\n"  # 7: malformed
        "D;;4\n"  # 8
    )
    table = lire_csv(texte.encode(), "m.csv")
    assert table.lignes.tolist() == [2, 5, 8]
    assert table.colonne("finess") == ["A", "B", "D"]
    [malformee] = table.problemes
    assert (malformee.code, malformee.lignes) == ("ligne_malformee", (7,))
    assert "4 champs au lieu de 3" in malformee.message


@pytest.mark.parametrize(
    ("texte", "lignes"),
    [
        ("finess;valeur\nA;1\n\nB;2\n", [2, 4]),
        ("finess;valeur\r\nA;1\r\n\r\nB;2\r\n", [2, 4]),
        ("finess;valeur\n\nA;1\nB;2\n", [3, 4]),
        ("finess;valeur\r\n\r\nA;1\r\nB;2\r\n", [3, 4]),
        ("finess;valeur\nA;1\nB;2\n\n\n", [2, 3]),
        ("finess;valeur\nA;1\nB;2\n\n", [2, 3]),
        ("finess;valeur\nA;1\nB;2", [2, 3]),
    ],
)
def test_csv_lignes_vides_seules(texte: str, lignes: list[int]) -> None:
    """A blank line alone (no other oddity) is skipped and the rows keep their line numbers."""
    table = lire_csv(texte.encode(), "m.csv")
    assert table.lignes.tolist() == lignes
    assert table.colonne("finess") == ["A", "B"] and table.problemes == []


def test_csv_entete_en_double() -> None:
    table = lire_csv(b"finess;valeur;valeur;Valeur\nA;1;2;3\n", "m.csv")
    assert table.colonne("valeur") == ["1"]
    assert [p.code for p in table.problemes] == ["colonne_en_double", "colonne_en_double"]


def test_csv_vide() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_csv(b"", "vide.csv")
    assert _codes(erreur) == ["table_vide"]
    assert "fiche" not in str(erreur.value)


def test_csv_entete_seul() -> None:
    # Issue #10 Why 14: a header-only file is an error, never an empty evaluation.
    with pytest.raises(ErreurDonnees) as erreur:
        lire_csv(b"finess;lits\n", "e.csv")
    assert _codes(erreur) == ["table_sans_ligne"]


def test_csv_champ_trop_long() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        lire_csv(b'a;b\n"' + b"x" * 200_000 + b'";1\n', "gros.csv")
    assert _codes(erreur) == ["fichier_illisible"]


def test_decoder() -> None:
    assert decoder("é".encode(), "f") == ("é", [])
    texte, problemes = decoder("é".encode("cp1252"), "f")
    assert texte == "é" and [p.code for p in problemes] == ["encodage_latin1"]


# --- files -----------------------------------------------------------------------------------
def test_fichier_introuvable(tmp_path: Path) -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(tmp_path / "absent.csv")
    assert _codes(erreur) == ["fichier_introuvable"]


@pytest.mark.parametrize("nom", ["donnees.parquet", "donnees"])
def test_format_inconnu(tmp_path: Path, nom: str) -> None:
    chemin = tmp_path / nom
    chemin.write_text("x")
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert _codes(erreur) == ["format_inconnu"]


def test_json(tmp_path: Path) -> None:
    chemin = tmp_path / "e.json"
    chemin.write_text(f'[{{"finess": "{F1}", "lits": 12}}, {{"finess": "{F4}"}}]')
    table = read_table(chemin)
    assert table.colonne("lits") == [12, None]
    assert table.lignes.tolist() == [1, 2]


@pytest.mark.parametrize(
    ("contenu", "detail"),
    [("[{", "Expecting"), ('{"finess": 1}', "liste d'objets"), ("[1, 2]", "liste d'objets")],
)
def test_json_illisible(tmp_path: Path, contenu: str, detail: str) -> None:
    chemin = tmp_path / "e.json"
    chemin.write_text(contenu)
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert _codes(erreur) == ["fichier_illisible"]
    assert detail in str(erreur.value)


def test_excel(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    classeur = openpyxl.Workbook()
    feuille = classeur.active
    feuille.append(["FINESS", "Lits", None])
    feuille.append([F1, 12, None])
    feuille.append([None, None, None])
    feuille.append([F4, 600, None])
    chemin = tmp_path / "e.xlsx"
    classeur.save(chemin)
    table = read_table(chemin)
    assert table.colonne("finess") == [F1, F4]
    assert table.colonne("lits") == [12, 600]
    assert table.lignes.tolist() == [2, 4]


def test_excel_vide(tmp_path: Path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    chemin = tmp_path / "e.xlsx"
    openpyxl.Workbook().save(chemin)
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert _codes(erreur) == ["table_vide"]


@pytest.mark.parametrize("contenu", [b"finess;lits\n", b"PK\x03\x04abime", b""])
def test_excel_illisible(tmp_path: Path, contenu: bytes) -> None:
    pytest.importorskip("openpyxl")
    chemin = tmp_path / "e.xlsx"
    chemin.write_bytes(contenu)
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert _codes(erreur) == ["fichier_illisible"]
    assert "classeur Excel illisible" in str(erreur.value)


def test_excel_qui_est_une_autre_archive(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    chemin = tmp_path / "e.xlsx"
    with zipfile.ZipFile(chemin, "w") as archive:
        archive.writestr("a.txt", "x")
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(chemin)
    assert _codes(erreur) == ["fichier_illisible"]


# --- in-memory objects -----------------------------------------------------------------------
def test_enregistrements() -> None:
    table = read_table([{"finess": F1, "lits": 1}, {"finess": F4, "categorie": "CH"}], "e")
    assert table.colonne("lits") == [1, None]
    assert table.colonne("categorie") == [None, "CH"]
    assert table.lignes.tolist() == [1, 2]
    assert table.source == "e"


def test_enregistrement_qui_n_est_pas_un_dictionnaire() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        read_table([{"finess": F1}, ["pas", "un", "dict"]])
    assert _codes(erreur) == ["fichier_illisible"]


def test_colonnes() -> None:
    table = read_table(
        {"finess": (F1, F4), "lits": np.array([1, 2]), "categorie": pd.Series(["CH", "CHU"])}
    )
    assert table.colonne("finess") == [F1, F4]
    assert table.colonne("lits") == [1, 2]
    assert table.colonne("categorie") == ["CH", "CHU"]


@pytest.mark.parametrize(
    "source",
    [
        {"finess": [F1, F4], "lits": [1]},
        {"finess": F1},
        {"finess": 5},
        {"finess": None},
        {"finess": {F1: 1}},
    ],
)
def test_colonnes_mal_formees(source: dict[str, Any]) -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        read_table(source)
    assert _codes(erreur) == ["fichier_illisible"]


@pytest.mark.parametrize("source", [42, 3.5, None, object(), (i for i in range(2))])
def test_source_inconnue(source: Any) -> None:
    with pytest.raises(ErreurCpom):
        read_table(source)


def test_table_brute_passe_telle_quelle() -> None:
    table = read_table([{"finess": F1}])
    assert read_table(table) is table
    assert isinstance(table, TableBrute)


def test_dataframe() -> None:
    """A DataFrame keeps its dtypes: int64 beds, a float column with NaN, lost zeros."""
    etablissements = pd.DataFrame(
        {"finess": [F1, int(F4)], "raison_sociale": ["A", np.nan], "lits": [12, 600]}
    )
    mesures = pd.DataFrame(
        {
            "finess": [F1, F1],
            "indicateur": ["CPOM_T_1", "CPOM_T_1"],
            "annee": [2025.0, 2026.0],
            "variable": ["x", "x"],
            "valeur": [12.0, np.nan],
        }
    )
    donnees = load_dataset(CATALOGUE, etablissements, mesures, reparer_finess=True)
    assert list(donnees.finess) == [F4, F1]
    assert list(donnees.raisons_sociales) == ["", "A"]
    assert [p.code for p in donnees.problemes if p.niveau == "erreur"] == []
    assert "finess_repare" in {p.code for p in donnees.problemes}
    resultats = evaluate(CATALOGUE, donnees, [2025, 2026])
    lignes = {(r["finess"], r["annee"]): r["statut"] for r in resultats.to_records()}
    assert lignes[(F1, 2025)] == "atteint"
    assert lignes[(F1, 2026)] == "donnees_manquantes"  # NaN is an empty cell, never zero


def test_dataframe_types_nullables() -> None:
    etablissements = pd.DataFrame({"finess": [F1], "lits": pd.array([pd.NA], dtype="Int64")})
    mesures = pd.DataFrame(
        {
            "finess": [F1],
            "indicateur": ["CPOM_T_1"],
            "annee": pd.array([2025], dtype="Int64"),
            "variable": ["x"],
            "valeur": pd.array([None], dtype="Float64"),
        }
    )
    donnees = load_dataset(CATALOGUE, etablissements, mesures)
    assert [p.code for p in donnees.problemes if p.niveau == "erreur"] == []
    assert "attribut_manquant" in {p.code for p in donnees.problemes}
    [ligne] = evaluate(CATALOGUE, donnees, [2025]).to_records()
    assert (ligne["statut"], ligne["raison"]) == ("donnees_manquantes", "valeur_manquante")
