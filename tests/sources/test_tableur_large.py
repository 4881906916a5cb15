"""Wide workbooks read by a declared lecture: same evaluation as the long file, problems
at their cell."""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import jsonschema
import openpyxl
import pytest
import yaml

from cpom_rules import Catalogue, evaluate, load_dataset
from cpom_rules.cli.main import main
from cpom_rules.problemes import ErreurSpec
from cpom_rules.sources.lecture import load_lecture
from cpom_rules.sources.tableur_large import decimal_exact, load_dataset_wide, read_wide
from tests.conftest import SPECS
from tests.sources.classeurs import EXEMPLES, FICHES, LECTURE, ecrire_suivi, lignes_exemple


@pytest.fixture
def suivi(tmp_path: Path) -> tuple[Path, Path, list[dict[str, str]]]:
    lignes = lignes_exemple(15)
    chemin = ecrire_suivi(tmp_path / "suivi.xlsx", lignes)
    lecture = tmp_path / "suivi.lecture.yaml"
    lecture.write_text(LECTURE, encoding="utf-8")
    return chemin, lecture, lignes


def _resultats(catalogue: Catalogue, donnees: object) -> list[tuple[object, ...]]:
    cadre = evaluate(catalogue, donnees).to_frame()  # type: ignore[arg-type]
    cadre = cadre[cadre.finess.isin(set(cadre.finess))]
    return sorted(map(tuple, cadre.astype(str).itertuples(index=False)))


def test_the_workbook_evaluates_as_the_long_file_result_for_result(
    catalogue: Catalogue, suivi: tuple[Path, Path, list[dict[str, str]]]
) -> None:
    chemin, fichier_lecture, lignes = suivi
    restreint = catalogue.restreindre(FICHES)
    lecture = load_lecture(fichier_lecture, restreint)
    lues = read_wide(lecture, [chemin])
    etablissements = EXEMPLES / "etablissements.csv"
    large = load_dataset_wide(restreint, etablissements, lues)
    longue = load_dataset(restreint, etablissements, lignes)
    assert _resultats(restreint, large) == _resultats(restreint, longue)
    assert len(lues.lignes) == sum(1 for r in lignes if r["valeur"])
    totaux = [p.chemin for p in lues.problemes if p.code == "lecture_ligne_sans_finess"]
    assert totaux == ["Suivi 2024!A19", "Suivi 2025!A19", "Suivi 2026!A19"]
    assert lues.non_lues[f"{chemin}!Suivi 2025"] == ["Remarques ARS"]
    # The trace of a result cites the workbook cell each variable was read from.
    premier = str(lignes[0]["finess"])
    resultats = evaluate(restreint, large)
    trace = resultats.trace(premier, "CPOM_OS_1", 2025)
    sources = [v.cellule_source for v in trace.variables if v.cellule_source]
    assert sources and all(s.startswith("suivi.xlsx, Suivi 2025!") for s in sources)


def test_problems_of_the_values_cite_sheet_and_cell(
    catalogue: Catalogue, suivi: tuple[Path, Path, list[dict[str, str]]], tmp_path: Path
) -> None:
    chemin, fichier_lecture, _ = suivi
    classeur = openpyxl.load_workbook(chemin)
    classeur["Suivi 2025"]["C5"] = "douze"
    classeur["Suivi 2025"]["I6"] = "beaucoup"
    classeur["Suivi 2026"]["A7"] = "123"
    classeur.save(chemin)
    restreint = catalogue.restreindre(FICHES)
    lues = read_wide(load_lecture(fichier_lecture, restreint), [chemin])
    donnees = load_dataset_wide(restreint, EXEMPLES / "etablissements.csv", lues)
    lieux = {(p.code, p.fichier, p.chemin) for p in donnees.problemes}
    assert ("valeur_donnees_invalide", str(chemin), "Suivi 2025!C5") in lieux
    assert ("lecture_valeur_invalide", str(chemin), "Suivi 2025!I6") in lieux
    (finess,) = [p for p in donnees.problemes if p.code == "finess_donnees"]
    assert (finess.chemin or "").startswith("Suivi 2026!C7")
    assert "Suivi 2025!C5" in next(
        p.texte() for p in donnees.problemes if p.code == "valeur_donnees_invalide"
    )


def test_a_lecture_with_unknown_names_or_keys_is_refused_with_lines(
    catalogue: Catalogue, tmp_path: Path
) -> None:
    fichier = tmp_path / "l.yaml"
    faute = LECTURE.replace("professionnels_total", "professionels_total")
    fichier.write_text(faute.replace("role: preuves", "role: preuve", 1), encoding="utf-8")
    with pytest.raises(ErreurSpec) as exc:
        load_lecture(fichier, catalogue)
    (probleme,) = exc.value.problemes  # names are checked once the file is valid
    lignes = faute.splitlines()
    assert probleme.ligne == lignes.index("    role: preuves") + 1
    fichier.write_text(faute, "utf-8")
    with pytest.raises(ErreurSpec) as exc:
        load_lecture(fichier, catalogue)
    (probleme,) = exc.value.problemes
    assert probleme.code == "lecture_nom_inconnu"
    assert probleme.ligne == lignes.index("    variable: professionels_total") + 1
    assert "professionnels_total" in probleme.texte()


@pytest.mark.parametrize(
    ("valeur", "texte"),
    [
        (Fraction(15, 1), "15"),
        (Fraction(3, 20) * 100, "15"),
        (Fraction(1, 8), "0.125"),
        (Fraction(1, 3), "1/3"),
        (Fraction(1234567, 100), "12345.67"),
    ],
)
def test_exact_decimal_text(valeur: Fraction, texte: str) -> None:
    assert decimal_exact(valeur) == texte


def test_command_line_checks_a_lecture_then_evaluates_with_it(
    suivi: tuple[Path, Path, list[dict[str, str]]],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    chemin, fichier_lecture, _ = suivi
    specs = str(SPECS)
    assert (
        main(["lecture", "verifier", specs, "--fichier-lecture", str(fichier_lecture), str(chemin)])
        == 0
    )
    sortie = capsys.readouterr().out
    assert "Remarques ARS" in sortie and "non lue" in sortie
    assert "CPOM_OS_8.cible_choisie 2025 × 100" in sortie
    assert "Suivi 2024!C4" in sortie  # first value read, with its cell
    rapport = tmp_path / "r.json"
    arguments = ["evaluate", specs, "--etablissements", str(EXEMPLES / "etablissements.csv")]
    arguments += ["--mesures", str(chemin), "--fichier-lecture", str(fichier_lecture)]
    # Exit code 1: the example values keep their deliberate defect (a numerator above its
    # denominator), now cited at its cell; the results are written all the same.
    assert main([*arguments, "--sortie", str(rapport)]) == 1
    sortie = capsys.readouterr().out
    assert "280 établissements" in sortie and rapport.is_file()
    assert "numérateur 839 supérieur au dénominateur 827" in sortie


def test_the_lecture_shown_in_the_docs_is_valid(catalogue: Catalogue, tmp_path: Path) -> None:
    texte = (SPECS.parent.parent / "docs" / "preparer-donnees.md").read_text(encoding="utf-8")
    bloc = texte.split("```yaml\n", 1)[1].split("```", 1)[0]
    (tmp_path / "l.yaml").write_text(bloc, encoding="utf-8")
    lecture = load_lecture(tmp_path / "l.yaml", catalogue)
    assert [c.role for c in lecture.colonnes][-1] == "commentaire"
    schema = json.loads(
        (SPECS.parent.parent / "schemas" / "lecture.schema.json").read_text("utf-8")
    )
    validateur = jsonschema.validators.validator_for(schema)(schema)
    assert [e.message for e in validateur.iter_errors(yaml.safe_load(bloc))] == []


@pytest.mark.parametrize(
    ("avant", "apres", "code"),
    [
        ('motif: "CPOM_OS_1.*formés"', 'motif: "CPOM_OS_1.*(formés"', "lecture_motif_invalide"),
        ('motif: "CPOM_OS_1.*formés"', 'entete: x\n    motif: "y"', "lecture_entete_ou_motif"),
        (
            "    role: commentaire",
            "    role: commentaire\n    variable: jalon",
            "lecture_variable_role",
        ),
    ],
)
def test_each_defect_of_a_lecture_file_is_located(
    catalogue: Catalogue, tmp_path: Path, avant: str, apres: str, code: str
) -> None:
    fichier = tmp_path / "l.yaml"
    fichier.write_text(LECTURE.replace(avant, apres, 1), encoding="utf-8")
    with pytest.raises(ErreurSpec) as exc:
        load_lecture(fichier, catalogue)
    (probleme,) = exc.value.problemes
    assert probleme.code == code and probleme.ligne is not None
    assert probleme.fichier == str(fichier)


def test_one_header_row_may_be_written_as_a_number(catalogue: Catalogue, tmp_path: Path) -> None:
    fichier = tmp_path / "l.yaml"
    fichier.write_text(LECTURE.replace("lignes_entete: [2, 3]", "lignes_entete: 3"), "utf-8")
    assert load_lecture(fichier, catalogue).lignes_entete == (3,)
