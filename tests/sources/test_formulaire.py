"""Collection workbooks: generated for the example's 280 establishments, filled the way
people type, read back: the evaluation equals the one of the original long file."""

from __future__ import annotations

import csv
import re
from fractions import Fraction
from pathlib import Path

import openpyxl
import pytest

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.cli.main import main
from cpom_rules.sources.formulaire import COLONNE_SAISIE, plan_formulaires, valeurs_precedentes
from cpom_rules.sources.formulaire_xlsx import write_formulaires
from cpom_rules.sources.retour import read_formulaires
from tests.conftest import SPECS
from tests.sources.classeurs import EXEMPLES

ANNEE = 2025


def _lignes() -> list[dict[str, str]]:
    with (EXEMPLES / "mesures.csv").open(encoding="utf-8") as flux:
        return list(csv.DictReader(flux, delimiter=";"))


def _a_la_francaise(valeur: str, rang: int) -> object:
    """What people type: numbers as numbers, or « 12,5 », « 1 234 », and ND for nothing."""
    if not valeur:
        return "ND" if rang % 3 == 0 else None
    if not re.fullmatch(r"\d+(?:[.,]\d+)?", valeur):
        return valeur  # oui/non, texts, dates: as written
    nombre = Fraction(valeur.replace(",", "."))
    if rang % 4 == 0:
        return valeur.replace(".", ",")
    if rang % 4 == 1 and nombre >= 1000 and nombre.denominator == 1:
        return f"{int(nombre):,}".replace(",", " ")
    return int(nombre) if nombre.denominator == 1 else float(nombre)


def _remplir(
    chemin: Path, valeurs: dict[tuple[str, str, str], str], preuves: dict[tuple[str, str], set[str]]
) -> None:
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Saisie"]
    finess = chemin.stem
    for rang, rangee in enumerate(feuille.iter_rows(min_row=5), start=5):
        genre, _, reste = str(rangee[0].value or "").partition("|")
        fiche, _, nom = reste.partition("|")
        cellule = feuille.cell(rang, COLONNE_SAISIE)
        if genre == "variable" and (finess, fiche, nom) in valeurs:
            cellule.value = _a_la_francaise(valeurs[(finess, fiche, nom)], rang)
        elif genre == "preuve":
            cellule.value = "oui" if nom in preuves.get((finess, fiche), set()) else "non"
    classeur.save(chemin)


@pytest.fixture(scope="module")
def retour(
    catalogue: Catalogue, tmp_path_factory: pytest.TempPathFactory
) -> tuple[object, list[object], Path]:
    dossier = tmp_path_factory.mktemp("formulaires")
    donnees = load_dataset(catalogue, EXEMPLES / "etablissements.csv", EXEMPLES / "mesures.csv")
    formulaires = plan_formulaires(
        catalogue, donnees, ANNEE, valeurs_precedentes(EXEMPLES / "mesures.csv", ANNEE - 1)
    )
    chemins = write_formulaires(formulaires, dossier)
    valeurs = {
        (r["finess"], r["indicateur"], r["variable"]): r["valeur"]
        for r in _lignes()
        if r["annee"] == str(ANNEE)
    }
    preuves: dict[tuple[str, str], set[str]] = {}
    for r in _lignes():
        if r["annee"] == str(ANNEE) and r["preuves"]:
            preuves.setdefault((r["finess"], r["indicateur"]), set()).update(
                p.strip() for p in re.split(r"[|;,]", r["preuves"]) if p.strip()
            )
    for chemin in chemins:
        _remplir(chemin, valeurs, preuves)
    lues, completudes = read_formulaires(chemins)
    return lues, completudes, dossier


def test_round_trip_of_the_280_forms_evaluates_result_for_result(
    catalogue: Catalogue, retour: tuple[object, list[object], Path]
) -> None:
    lues, completudes, _ = retour
    assert len(completudes) == 280
    autres = [r for r in _lignes() if r["annee"] != str(ANNEE)]
    etablissements = EXEMPLES / "etablissements.csv"
    relu = load_dataset(catalogue, etablissements, [*autres, *lues.lignes])  # type: ignore[attr-defined]
    original = load_dataset(catalogue, etablissements, EXEMPLES / "mesures.csv")
    attendu = evaluate(catalogue, original).to_records()
    obtenu = evaluate(catalogue, relu).to_records()
    assert len(obtenu) == len(attendu) == 17360
    assert obtenu == attendu


def test_completeness_table_says_who_returned_what(
    retour: tuple[object, list[object], Path],
) -> None:
    lues, completudes, _ = retour
    etats = {c.etat for c in completudes}  # type: ignore[attr-defined]
    assert etats <= {"complet", "partiel", "vide"} and "partiel" in etats
    valeurs = sum(1 for ligne in lues.lignes if ligne["valeur"] is not None)  # type: ignore[attr-defined]
    assert sum(c.saisies for c in completudes) == valeurs  # type: ignore[attr-defined]


@pytest.fixture
def trois(catalogue: Catalogue, tmp_path: Path) -> tuple[Path, Path, list[Path]]:
    with (EXEMPLES / "etablissements.csv").open(encoding="utf-8") as flux:
        lignes = flux.read().splitlines()[:4]
    etablissements = tmp_path / "etablissements.csv"
    etablissements.write_text("\n".join(lignes) + "\n", encoding="utf-8")
    donnees = load_dataset(catalogue, etablissements, [])
    chemins = write_formulaires(plan_formulaires(catalogue, donnees, ANNEE, {}), tmp_path / "f")
    return etablissements, tmp_path / "f", chemins


def _cellule(feuille: object, cle: str) -> str:
    for rangee in feuille.iter_rows():  # type: ignore[attr-defined]
        if rangee[0].value == cle:
            return f"G{rangee[0].row}"
    raise AssertionError(cle)


def test_what_people_do_to_a_form_is_tolerated_or_reported(
    catalogue: Catalogue, trois: tuple[Path, Path, list[Path]]
) -> None:
    etablissements, _, (chemin, vide, *_) = trois
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Saisie"]
    feuille.title = "Mes données"  # a renamed sheet
    classeur["_cpom"]["B1"] = "0"  # an older template version
    feuille[_cellule(feuille, "variable|CPOM_CT_07|nb_instances")] = "12,5"
    feuille[_cellule(feuille, "variable|CPOM_CT_07|nb_periodes_tension")] = "douze"
    feuille[_cellule(feuille, "preuve|CPOM_CT_2|projet_cooperation")] = "peut-être"
    feuille.insert_rows(6)  # an added row, shifting every row below it
    feuille["G6"] = 42
    classeur.save(chemin)
    intrus = chemin.with_name("autre.xlsx")
    openpyxl.Workbook().save(intrus)
    lues, completudes = read_formulaires([chemin, vide, intrus])
    donnees = lues.load(catalogue, etablissements)
    par_code = {p.code: p for p in donnees.problemes}
    assert par_code["formulaire_version"].fichier == str(chemin)
    assert par_code["formulaire_ligne_ajoutee"].chemin == "Mes données!G6"
    assert par_code["formulaire_preuve_invalide"].chemin.startswith("Mes données!G")  # type: ignore[union-attr]
    invalide = par_code["valeur_donnees_invalide"]
    assert (invalide.fichier, invalide.chemin) == (
        str(chemin),
        f"Mes données!{_cellule(openpyxl.load_workbook(chemin)['Mes données'], 'variable|CPOM_CT_07|nb_periodes_tension')}",
    )
    assert par_code["formulaire_inconnu"].fichier == str(intrus)
    lue = next(ligne for ligne in lues.lignes if ligne["variable"] == "nb_instances")
    assert lue["valeur"] == "12,5"  # read exactly by load_dataset's readers
    i = donnees.index_etablissement(chemin.stem)
    grille = donnees.variables[("CPOM_CT_07", "nb_instances")].colonne
    assert (
        grille.num[i, donnees.index_annee(ANNEE)],
        grille.den[i, donnees.index_annee(ANNEE)],
    ) == (25, 2)  # type: ignore[attr-defined]
    assert [c.etat for c in sorted(completudes, key=lambda c: c.fichier)] == [
        "partiel",
        "vide",
        "illisible",
    ]


def test_command_line_writes_forms_then_reads_them_back(
    trois: tuple[Path, Path, list[Path]], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, _, _ = trois
    sortie = tmp_path / "g"
    arguments = ["formulaire", str(SPECS), "--etablissements", str(etablissements)]
    assert (
        main(
            [
                *arguments,
                "--mesures",
                str(EXEMPLES / "mesures.csv"),
                "--annee",
                "2026",
                "--sortie",
                str(sortie),
            ]
        )
        == 0
    )
    assert len(list(sortie.glob("*.xlsx"))) == 3
    premier = sorted(sortie.glob("*.xlsx"))[0]
    classeur = openpyxl.load_workbook(premier)
    assert classeur["_cpom"].sheet_state == "veryHidden"
    assert classeur["Saisie"].protection.sheet
    assert classeur["Saisie"]["E4"].value == "Valeur 2025"
    feuille = classeur["Saisie"]
    for rangee in feuille.iter_rows(min_row=5):
        if str(rangee[0].value).startswith("variable|"):
            feuille.cell(rangee[0].row, 7, 1 if rangee[3].value != "oui/non" else "oui")
    feuille[_cellule(feuille, "variable|CPOM_CT_07|nb_instances")] = 7
    classeur.save(premier)
    (sortie / "310781406.ods").write_bytes(b"PK")  # saved in another format
    capsys.readouterr()
    long = tmp_path / "relu" / "mesures.csv"
    assert main(["formulaire", "lire", str(sortie), "--sortie", str(long)]) == 0
    texte = long.read_text(encoding="utf-8")
    assert f"{premier.stem};CPOM_CT_07;2026;nb_instances;7;;;{premier.name}!Saisie!G" in texte
    completude = long.with_name("mesures.completude.csv").read_text(encoding="utf-8")
    assert completude.count(";vide") == 2 and completude.count(";complet") == 1
    sortie_texte = capsys.readouterr().out
    assert "3 classeur(s) lu(s)" in sortie_texte
    assert "310781406.ods: avertissement fichier ignoré" in sortie_texte
    assert main(["formulaire", str(SPECS), "--sortie", str(sortie)]) == 2
    assert main(["formulaire", "lire", "--sortie", str(long)]) == 2
