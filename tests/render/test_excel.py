"""The Excel workbook: sheets, headers, frozen panes, number formats, neutralised formulas."""

from __future__ import annotations

import builtins
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from cpom_rules import Resultats, evaluate, load_dataset
from tests.render.conftest import CHU, NOM_FORMULE, tables

openpyxl = pytest.importorskip("openpyxl")

FEUILLES = [
    "Résultats",
    "Par établissement",
    "Par fiche",
    "Bilans sur la période",
    "Problèmes de données",
    "Légende",
]


@pytest.fixture(scope="module")
def classeur(resultats: Resultats, tmp_path_factory: pytest.TempPathFactory) -> Any:
    from cpom_rules.render.excel import write_excel

    chemin = tmp_path_factory.mktemp("excel") / "resultats.xlsx"
    write_excel(resultats, chemin)
    return openpyxl.load_workbook(chemin)


def _entetes(feuille: Any) -> list[str]:
    return [c.value for c in feuille[1]]


def _ligne(feuille: Any, **criteres: object) -> dict[str, Any]:
    entetes = _entetes(feuille)
    for cellules in feuille.iter_rows(min_row=2):
        ligne = dict(zip(entetes, cellules, strict=True))
        if all(ligne[cle].value == valeur for cle, valeur in criteres.items()):
            return ligne
    raise AssertionError(f"aucune ligne {criteres}")


def _cachee(feuille: Any, numero: int) -> bool:
    """Whether column `numero` (from 1) is hidden; a ``<col>`` element may cover a range of
    columns (``min``…``max``), keyed by its first letter only."""
    return any(d.hidden and d.min <= numero <= d.max for d in feuille.column_dimensions.values())


def test_une_feuille_par_vue(classeur: Any) -> None:
    assert classeur.sheetnames == FEUILLES


def test_entetes_figes_filtres(classeur: Any, resultats: Resultats) -> None:
    feuille = classeur["Résultats"]
    entetes = _entetes(feuille)
    assert entetes[:5] == ["FINESS", "Raison sociale", "Fiche", "Mesure", "Année"]
    for attendu in (
        "Statut",
        "Valeur",
        "Valeur cible",
        "Écart à la cible",
        "Preuves manquantes",
        "Explication",
    ):
        assert attendu in entetes
    assert feuille.freeze_panes == "C2"
    assert (
        feuille.auto_filter.ref
        == f"A1:{openpyxl.utils.get_column_letter(len(entetes))}{len(resultats) + 1}"
    )
    assert feuille.max_row == len(resultats) + 1
    assert feuille["A1"].font.bold
    assert feuille.column_dimensions["B"].width >= 30
    for nom in FEUILLES:
        autre = classeur[nom]
        assert autre.freeze_panes in ("A2", "C2"), nom
        assert autre.auto_filter.ref is not None and autre.auto_filter.ref.startswith("A1:"), nom


def test_formule_neutralisee(classeur: Any) -> None:
    feuille = classeur["Résultats"]
    valeurs = [c.value for c in feuille["B"][1:]]
    assert f"'{NOM_FORMULE}" in valeurs
    assert NOM_FORMULE not in valeurs
    # No cell of any sheet is a formula.
    for nom in FEUILLES:
        for ligne in classeur[nom].iter_rows():
            for cellule in ligne:
                assert cellule.data_type != "f", (nom, cellule.coordinate, cellule.value)
    par_etablissement = classeur["Par établissement"]
    assert str(
        _ligne(par_etablissement, **{"Raison sociale": f"'{NOM_FORMULE}"})["Raison sociale"].value
    ).startswith("'")


def test_formats_nombres(classeur: Any) -> None:
    ligne = _ligne(classeur["Résultats"], FINESS=CHU, Mesure="taux_formes", Année=2025)
    assert ligne["Valeur"].value == pytest.approx(21.3)
    assert ligne["Valeur"].number_format == '0.0" %"'
    assert ligne["Unité"].value == "%"
    assert ligne["Écart à la cible"].number_format.startswith('+0.0" pt"')
    assert ligne["Année"].value == 2025 and ligne["Année"].number_format == "0"
    comptes = _ligne(classeur["Résultats"], FINESS=CHU, Mesure="mammographies", Année=2025)
    assert comptes["Valeur"].value == 1236 and comptes["Valeur"].number_format == "#,##0"
    etablissement = _ligne(classeur["Par établissement"], FINESS=CHU)
    taux = etablissement["Taux d'atteinte"]
    assert taux.number_format == "0.0%" and 0 < taux.value < 1
    assert etablissement["Atteint"].number_format == "#,##0"


def test_problemes_de_donnees(classeur: Any, resultats: Resultats) -> None:
    feuille = classeur["Problèmes de données"]
    assert feuille.max_row == len(resultats.problemes) + 1
    (probleme,) = [p for p in resultats.problemes if p.code == "finess_donnees"]
    ligne = _ligne(feuille, Code="finess_donnees")
    assert ligne["Lignes sources"].value == str(probleme.lignes[0])
    assert ligne["Niveau"].value == "erreur"


def test_statuts_en_mots_colores_codes_caches(classeur: Any) -> None:
    feuille = classeur["Résultats"]
    entetes = _entetes(feuille)
    statuts = {
        c.value for c in feuille[openpyxl.utils.get_column_letter(entetes.index("Statut") + 1)][1:]
    }
    assert "Non atteint" in statuts and "non_atteint" not in statuts
    ligne = _ligne(feuille, **{"statut (code)": "non_atteint"})
    assert ligne["Statut"].value == "Non atteint"
    assert ligne["Statut"].fill.fgColor.rgb.endswith("FDE7D9")
    assert _ligne(feuille, **{"statut (code)": "atteint"})["Statut"].fill.fgColor.rgb.endswith(
        "DFF3EA"
    )
    for cle in ("statut (code)", "raison (code)", "segment (code)"):
        assert _cachee(feuille, entetes.index(cle) + 1), cle
    assert not _cachee(feuille, entetes.index("Statut") + 1)
    # Segments are their labels, not their codes.
    segments = {
        c.value for c in feuille[openpyxl.utils.get_column_letter(entetes.index("Segment") + 1)][1:]
    }
    assert "tous" not in segments
    legende = classeur["Légende"]
    mots = {c.value for c in legende["B"]}
    assert {"Atteint", "Non atteint", "Données manquantes", "période incomplète"} <= mots


def test_problemes_structures(classeur: Any) -> None:
    entetes = _entetes(classeur["Problèmes de données"])
    assert {"FINESS", "Fiche", "Année", "Variable"} <= set(entetes)


def test_caracteres_de_controle_retires(catalogue_reduit: Any, tmp_path: Path) -> None:
    from cpom_rules.render.excel import write_excel

    etablissements, mesures = tables()
    etablissements[0]["raison_sociale"] = "-CHU\x07 Test"
    resultats = evaluate(catalogue_reduit, load_dataset(catalogue_reduit, etablissements, mesures))
    chemin = tmp_path / "controle.xlsx"
    write_excel(resultats, chemin)
    valeurs = {c.value for c in openpyxl.load_workbook(chemin)["Résultats"]["B"]}
    assert "'-CHU Test" in valeurs


def test_import_echoue_proprement_sans_xlsxwriter(monkeypatch: pytest.MonkeyPatch) -> None:
    importer = builtins.__import__

    def sans_xlsxwriter(nom: str, *args: Any, **kwargs: Any) -> Any:
        if nom == "xlsxwriter" or nom.startswith("xlsxwriter."):
            raise ImportError("No module named 'xlsxwriter'")
        return importer(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sans_xlsxwriter)
    monkeypatch.delitem(sys.modules, "cpom_rules.render.excel", raising=False)
    with pytest.raises(ImportError):
        importlib.import_module("cpom_rules.render.excel")


def test_classeur_en_anglais(resultats: Resultats, tmp_path: Path) -> None:
    from cpom_rules.render.excel import write_excel

    chemin = tmp_path / "en.xlsx"
    write_excel(resultats, chemin, langue="en")
    anglais = openpyxl.load_workbook(chemin)
    assert anglais.sheetnames == [
        "Results",
        "By establishment",
        "By fiche",
        "Period totals",
        "Data problems",
        "Key",
    ]
    feuille = anglais["Results"]
    ligne = _ligne(feuille, **{"status (code)": "non_atteint"})
    assert ligne["Status"].value == "Not met"
    # Every header of every sheet has its English word (none left in French).
    from cpom_rules.render.excel_anglais import ANGLAIS

    francais = set(ANGLAIS) - set(ANGLAIS.values())
    for nom in anglais.sheetnames:
        entetes = {c.value for c in anglais[nom][1]}
        assert not entetes & francais, (nom, entetes & francais)
    assert _ligne(anglais["Data problems"], Code="finess_donnees")["Level"].value == "error"
    # Numbers keep Excel's formats, the reader's separators; a rate reads 21.3%, not 21.3 %.
    taux = _ligne(feuille, FINESS=CHU, Measure="taux_formes", Year=2025)
    assert taux["Value"].value == pytest.approx(21.3)
    assert taux["Value"].number_format == '0.0"%"'
    assert taux["Gap to target"].number_format.startswith('+0.0" pt"')
