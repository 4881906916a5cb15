"""The Excel workbook: sheets, headers, frozen panes, number formats, neutralised formulas,
and every result row read back equal to `Resultats.to_records`."""

from __future__ import annotations

import builtins
import importlib
import sys
from pathlib import Path
from typing import Any

import pytest

from cpom_rules import Resultats, evaluate, libelles, load_dataset
from cpom_rules.messages import Langue
from cpom_rules.problemes import ErreurUsage
from cpom_rules.render.excel_feuille import mot
from cpom_rules.render.securite import neutraliser
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


def test_ecrit_sans_xlsxwriter(
    resultats: Resultats, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The workbook needs no extra package: it is written with XlsxWriter unimportable."""
    importer = builtins.__import__

    def sans_xlsxwriter(nom: str, *args: Any, **kwargs: Any) -> Any:
        if nom == "xlsxwriter" or nom.startswith("xlsxwriter."):
            raise ImportError("No module named 'xlsxwriter'")
        return importer(nom, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", sans_xlsxwriter)
    modules = ("excel", "excel_feuille", "excel_vues", "classeur")
    for module in (f"cpom_rules.render.{nom}" for nom in modules):
        monkeypatch.delitem(sys.modules, module, raising=False)
    excel = importlib.import_module("cpom_rules.render.excel")
    excel.write_excel(resultats, tmp_path / "r.xlsx")
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").sheetnames == FEUILLES


def test_interruption_laisse_le_fichier_precedent(
    resultats: Resultats, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An exception while the workbook is written (here in its third sheet) leaves the
    previous file as it was, and no temporary file behind."""
    excel = importlib.import_module("cpom_rules.render.excel")
    chemin = tmp_path / "r.xlsx"
    chemin.write_bytes(b"precedent")

    def panne(*_: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(excel.excel_vues, "par_fiche", panne)
    with pytest.raises(KeyboardInterrupt):
        excel.write_excel(resultats, chemin)
    assert chemin.read_bytes() == b"precedent"
    assert [f.name for f in tmp_path.iterdir()] == ["r.xlsx"]


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


EXEMPLES = Path(__file__).resolve().parents[2] / "examples"


@pytest.fixture(scope="module")
def exemple(catalogue: Any, tmp_path_factory: pytest.TempPathFactory) -> Resultats:
    """The shipped catalogue over the first 25 establishments of the example data."""
    dossier = tmp_path_factory.mktemp("exemple")
    etablissements = (EXEMPLES / "etablissements.csv").read_text(encoding="utf-8").splitlines()
    gardes = {ligne.split(";")[0] for ligne in etablissements[1:26]}
    mesures = (EXEMPLES / "mesures.csv").read_text(encoding="utf-8").splitlines()
    (dossier / "e.csv").write_text("\n".join(etablissements[:26]) + "\n", encoding="utf-8")
    choisies = [mesures[0], *(m for m in mesures[1:] if m.split(";")[0] in gardes)]
    (dossier / "m.csv").write_text("\n".join(choisies) + "\n", encoding="utf-8")
    return evaluate(catalogue, load_dataset(catalogue, dossier / "e.csv", dossier / "m.csv"))


def _ecrit(valeur: object) -> object:
    """A value as the workbook shows it: texts made inert (`securite.neutraliser`)."""
    return neutraliser(valeur)


@pytest.mark.parametrize("langue", ["fr", "en"])
def test_chaque_ligne_relue_egale_aux_records(
    exemple: Resultats, tmp_path: Path, langue: Langue
) -> None:
    """Every cell of the results sheet, read back, is the record's value: numbers as
    numbers, booleans and statuses and reasons in words, segment labels, the codes in the
    hidden columns, evidence joined with « ; »."""
    from cpom_rules.render.excel import write_excel

    chemin = tmp_path / "r.xlsx"
    write_excel(exemple, chemin, langue)
    feuille = openpyxl.load_workbook(chemin, read_only=True).worksheets[0]
    lignes = feuille.iter_rows(values_only=True)
    entetes = next(lignes)
    relues = [dict(zip(entetes, ligne, strict=True)) for ligne in lignes]
    records = exemple.to_records(langue=langue)  # explanations in the workbook's language
    assert len(relues) == len(records) > 1000
    libelles_segments = {
        (code, segment): compile_.libelle
        for code, fiche in exemple.catalogue.regles.fiches.items()
        for segment, compile_ in fiche.segments.items()
    }
    statuts = {"fr": "Statut", "en": "Status"}[langue]
    codes = {"fr": ("statut (code)", "raison (code)", "segment (code)")}
    codes["en"] = ("status (code)", "reason (code)", "segment (code)")
    for relue, record in zip(relues, records, strict=True):
        cellules = list(relue.values())
        progression = record["progression"] or {}
        attendues = [
            record["finess"],
            record["raison_sociale"],
            record["indicateur"],
            record["mesure"],
            record["annee"],
            libelles_segments.get((record["indicateur"], record["segment"]), record["segment"]),
            libelles.booleen(record["applicable"], langue),
            libelles.titre_statut(record["statut"], langue),
            libelles.raison(record["raison"], langue),
        ]
        assert cellules[: len(attendues)] == [_ecrit(v) for v in attendues], record
        valeur = record["valeur"]
        if isinstance(valeur, bool):
            valeur = libelles.booleen(valeur, langue)
        assert relue[mot("Valeur", langue)] == valeur
        for cle, entete in (
            ("valeur_reference", "Valeur de référence"),
            ("annee_reference", "Année de référence"),
            ("cible", "Cible (texte de la fiche)"),
            ("cible_valeur", "Valeur cible"),
            ("ecart", "Écart à la cible"),
            ("explication", "Explication"),
        ):
            assert relue[mot(entete, langue)] == _ecrit(record[cle]), (cle, record)
        for cle, entete in (
            ("absolue", "Progression absolue"),
            ("relative", "Progression relative"),
            ("points", "Progression (points)"),
        ):
            assert relue[mot(entete, langue)] == progression.get(cle), (cle, record)
        for cle, entete in (
            ("preuves_attendues", "Preuves attendues"),
            ("preuves_manquantes", "Preuves manquantes"),
        ):
            assert relue[mot(entete, langue)] == _ecrit(" ; ".join(record[cle]) or None), record
        assert [relue[c] for c in codes[langue]] == [
            record["statut"],
            record["raison"],
            record["segment"],
        ]
        assert relue[statuts] == libelles.titre_statut(record["statut"], langue)


@pytest.mark.parametrize(("langue", "attendu"), [("fr", "une feuille Excel"), ("en", "sheet")])
def test_trop_de_resultats_pour_une_feuille(
    resultats: Resultats,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    langue: Langue,
    attendu: str,
) -> None:
    """More results than a sheet's rows: a usage error that says what to do, before any
    file is made (XlsxWriter used to drop the rows past the limit silently)."""
    excel = importlib.import_module("cpom_rules.render.excel")
    monkeypatch.setattr(excel.classeur, "LIGNES_MAX", len(resultats))
    with pytest.raises(ErreurUsage, match=attendu) as erreur:
        excel.write_excel(resultats, tmp_path / "r.xlsx", langue)
    assert "--annees" in str(erreur.value)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.setattr(excel.classeur, "LIGNES_MAX", len(resultats) + 1)
    excel.write_excel(resultats, tmp_path / "r.xlsx", langue)
    assert openpyxl.load_workbook(tmp_path / "r.xlsx").worksheets[0].max_row == len(resultats) + 1


def test_trop_de_resultats_en_ligne_de_commande(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The CLI says it in one line, exits 2 (misuse) and leaves no file."""
    from cpom_rules.cli.main import main
    from tests.conftest import SPECS
    from tests.donnees_exemple import ecrire

    etablissements, mesures = ecrire(tmp_path)
    excel = importlib.import_module("cpom_rules.render.excel")
    monkeypatch.setattr(excel.classeur, "LIGNES_MAX", 5)
    sortie = tmp_path / "r.xlsx"
    arguments = ["evaluate", str(SPECS), "--etablissements", str(etablissements)]
    assert main([*arguments, "--mesures", str(mesures), "--sortie", str(sortie)]) == 2
    erreur = capsys.readouterr().err
    assert "une feuille Excel tient au plus 4 lignes" in erreur
    assert "Traceback" not in erreur
    assert not sortie.exists()
