"""The `cpom-rules` subcommands other than `check`: outputs, exit codes, errors without traceback."""

from __future__ import annotations

import csv
import json
import re
from pathlib import Path

import pytest

from cpom_rules.cli.main import main
from tests.conftest import SPECS
from tests.donnees_exemple import ecrire
from tests.spec.fabrique import CORPUS


@pytest.fixture
def donnees(tmp_path: Path) -> tuple[Path, Path]:
    return ecrire(tmp_path)


def _evaluer(donnees: tuple[Path, Path], sortie: Path, *extra: str) -> int:
    etablissements, mesures = donnees
    return main(
        [
            "evaluate",
            str(SPECS),
            "--etablissements",
            str(etablissements),
            "--mesures",
            str(mesures),
            "--sortie",
            str(sortie),
            *extra,
        ]
    )


def test_evaluate_json(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sortie = tmp_path / "r.json"
    assert _evaluer(donnees, sortie, "--annees", "2025-2026") == 0
    document = json.loads(sortie.read_text(encoding="utf-8"))
    assert document["annees"] == [2025, 2026]
    os1 = [
        r
        for r in document["resultats"]
        if r["indicateur"] == "CPOM_OS_1" and r["finess"] == "340780477"
    ]
    assert [(r["annee"], r["statut"]) for r in os1] == [(2025, "atteint"), (2026, "non_atteint")]
    sortie_texte = capsys.readouterr().out
    assert "2 établissements" in sortie_texte and "rapport écrit" in sortie_texte


def test_evaluate_csv_pour_excel(donnees: tuple[Path, Path], tmp_path: Path) -> None:
    sortie = tmp_path / "r.csv"
    assert _evaluer(donnees, sortie, "--annees", "2025") == 0
    brut = sortie.read_bytes()
    assert brut.startswith(b"\xef\xbb\xbf")
    lignes = list(csv.DictReader(brut.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert "progression_absolue" in lignes[0]
    noms = {ligne["raison_sociale"] for ligne in lignes}
    assert '\'=HYPERLINK("http://x")' in noms  # never a live formula
    atteint = next(
        ligne
        for ligne in lignes
        if ligne["finess"] == "340780477" and ligne["indicateur"] == "CPOM_OS_1"
    )
    assert atteint["valeur"] == "10" and atteint["statut"] == "atteint"


def test_evaluate_extension_inconnue(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evaluer(donnees, tmp_path / "r.pdf") == 2
    assert "extension de sortie inconnue" in capsys.readouterr().err


def test_evaluate_fichier_absent(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code = main(
        [
            "evaluate",
            str(SPECS),
            "--etablissements",
            str(tmp_path / "absent.csv"),
            "--mesures",
            str(tmp_path / "m.csv"),
            "--sortie",
            str(tmp_path / "r.json"),
        ]
    )
    assert code == 2
    erreur = capsys.readouterr().err
    assert "introuvable" in erreur and "Traceback" not in erreur


def test_evaluate_annees_invalides(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert _evaluer(donnees, tmp_path / "r.json", "--annees", "2031") == 2
    assert "hors de la période" in capsys.readouterr().err
    assert _evaluer(donnees, tmp_path / "r.json", "--annees", "deux-mille") == 2


def test_evaluate_colonne_manquante(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "e.csv").write_text("finess;lits\n340780477;2600\n", encoding="utf-8")
    (tmp_path / "m.csv").write_text("finess;annee\n340780477;2025\n", encoding="utf-8")
    code = main(
        [
            "evaluate",
            str(SPECS),
            "--etablissements",
            str(tmp_path / "e.csv"),
            "--mesures",
            str(tmp_path / "m.csv"),
            "--sortie",
            str(tmp_path / "r.json"),
        ]
    )
    assert code == 1
    erreur = capsys.readouterr().err
    assert "colonne obligatoire « indicateur » absente" in erreur and "Traceback" not in erreur


def test_explain(donnees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    etablissements, mesures = donnees
    code = main(
        [
            "explain",
            str(SPECS),
            "--etablissements",
            str(etablissements),
            "--mesures",
            str(mesures),
            "--finess",
            "340780477",
            "--indicateur",
            "CPOM_OS_12",
            "--annee",
            "2026",
            "--mesure",
            "mammographies",
        ]
    )
    assert code == 0
    sortie = capsys.readouterr().out
    assert "762 en 2025 × 1,05, arrondi de 800,1 à 800) → atteint" in sortie
    assert "nb_mammographies_bilaterales" in sortie and "ligne" in sortie
    # The trace, one operand per line: the threshold, its reference and the rounding applied.
    assert "comparaison.seuil            800" in sortie
    assert "calcul.arrondi_applique      True" in sortie


def test_explain_finess_inconnu(
    donnees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = donnees
    code = main(
        [
            "explain",
            str(SPECS),
            "--etablissements",
            str(etablissements),
            "--mesures",
            str(mesures),
            "--finess",
            "310781406",
            "--indicateur",
            "CPOM_OS_1",
            "--annee",
            "2025",
        ]
    )
    assert code == 2
    assert "absent des résultats" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("arguments", "francais", "anglais"),
    [
        (
            ["--annees", "2031"],
            "années hors de la période 2025-2029 : 2031",
            "years outside the period 2025-2029: 2031",
        ),
        (["--lecture", "CPOM_OS_9=aucune"], "lecture « aucune » inconnue", "reading 'aucune'"),
    ],
)
def test_erreurs_d_usage_dans_la_langue_demandee(
    donnees: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    arguments: list[str],
    francais: str,
    anglais: str,
) -> None:
    """A misuse found by the library (not by the argument parser) is told in the command's
    language, never in French under --lang en."""
    assert _evaluer(donnees, tmp_path / "r.json", *arguments) == 2
    assert francais in capsys.readouterr().err
    assert _evaluer(donnees, tmp_path / "r.json", *arguments, "--lang", "en") == 2
    erreur = capsys.readouterr().err
    assert anglais in erreur and francais not in erreur


def test_test_sur_le_catalogue_livre(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["test", str(SPECS / "CPOM_OS_12.cas.yaml")]) == 0
    assert "0 en échec" in capsys.readouterr().out


def test_test_signale_un_cas_en_echec(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fichier in ("catalogue.yaml", "CPOM_OS_1.yaml"):
        (tmp_path / fichier).write_text(
            (SPECS / fichier).read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "CPOM_OS_1.cas.yaml").write_text(
        "fiche: CPOM_OS_1\ncas:\n  - nom: faux espoir\n    valeurs:\n      2025: {professionnels_formes: 1, professionnels_total: 100}\n"
        "    attendu:\n      - {annee: 2025, statut: atteint}\n",
        encoding="utf-8",
    )
    assert main(["test", str(tmp_path)]) == 1
    sortie = capsys.readouterr().out
    assert (
        "ÉCHEC [CPOM_OS_1] faux espoir" in sortie
        and "statut : attendu atteint, obtenu non_atteint" in sortie
    )


def test_schema_ecrit_les_schemas(tmp_path: Path) -> None:
    assert main(["schema", "--sortie", str(tmp_path)]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "cas.schema.json",
        "catalogue.schema.json",
        "contrat.schema.json",
        "fiche.schema.json",
        "lecture.schema.json",
        "referentiels.schema.json",
        "resultats.schema.json",
        "trace.schema.json",
    ]
    fiche = json.loads((tmp_path / "fiche.schema.json").read_text(encoding="utf-8"))
    assert "mesures" in fiche["properties"]


def test_mauvais_usage_code_2_en_francais_et_anglais(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["evaluate"])
    assert sortie.value.code == 2
    assert "arguments obligatoires manquants" in capsys.readouterr().err
    with pytest.raises(SystemExit) as sortie:
        main(["--lang", "en", "evaluate"])
    assert sortie.value.code == 2
    assert "the following arguments are required" in capsys.readouterr().err


def test_schema_sans_sortie_n_ecrit_rien_et_dit_ou_sont_les_schemas(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["schema"]) == 0
    assert list(tmp_path.iterdir()) == []
    sortie = capsys.readouterr().out
    assert "resultats.schema.json" in sortie
    dossier = sortie.split(" dans ", 1)[1].split(" : ", 1)[0]
    assert (Path(dossier) / "fiche.schema.json").is_file()


@pytest.mark.parametrize(
    "arguments",
    [
        ["check", "CHEMIN", "--lang", "en"],
        ["check", "--lang=en", "CHEMIN"],
        ["--lang", "en", "check", "CHEMIN"],
    ],
)
def test_lang_accepte_partout(arguments: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    chemin = str(CORPUS / "cle_inconnue")
    assert main([chemin if a == "CHEMIN" else a for a in arguments]) == 1
    sortie = capsys.readouterr().out
    assert "unknown key 'cibel'" in sortie
    assert "clé inconnue" not in sortie


def test_aide_en_francais(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as sortie:
        main(["--help"])
    assert sortie.value.code == 0
    aide = capsys.readouterr().out
    assert "Codes de sortie" in aide and "évaluer un jeu de données" in aide


def test_dossier_html_pour_tous_et_finess_inconnu(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = donnees
    base = ["dossier", str(SPECS), "--etablissements", str(etablissements)]
    base += ["--mesures", str(mesures), "--sans-pdf"]
    assert main([*base, "--tous", "--sortie", str(tmp_path / "d")]) == 0
    assert sorted(p.name for p in (tmp_path / "d").iterdir()) == [
        "010000024.html",
        "340780477.html",
    ]
    assert "2 dossiers dans " in capsys.readouterr().out
    assert (
        main([*base, "--lang", "en", "--finess", "340780477", "--sortie", str(tmp_path / "en")])
        == 0
    )
    assert '<html lang="en">' in (tmp_path / "en" / "340780477.html").read_text(encoding="utf-8")
    capsys.readouterr()
    assert main([*base, "--finess", "999999999", "--sortie", str(tmp_path / "e")]) == 2
    assert "999999999" in capsys.readouterr().err


def test_evaluate_lectures_et_choix_d_une_lecture(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sortie = tmp_path / "r.json"
    assert _evaluer(donnees, sortie, "--lectures") == 0
    texte = capsys.readouterr().out
    assert "Impact des lectures alternatives (2 établissements)" in texte
    assert "CPOM_OS_13 « points »" in texte and "changent de verdict" in texte
    assert _evaluer(donnees, sortie, "--lecture", "CPOM_OS_13=points") == 0
    assert _evaluer(donnees, sortie, "--lecture", "CPOM_OS_13=pourcent") == 2
    assert "lecture « pourcent » inconnue pour CPOM_OS_13" in capsys.readouterr().err
    assert _evaluer(donnees, sortie, "--lecture", "CPOM_OS_13") == 2


@pytest.mark.parametrize(
    ("langue", "ligne"),
    [
        ("fr", r"    \d{9} .+ : 20\d\d \w+ : (Atteint|Non atteint) → (Atteint|Non atteint)"),
        ("en", r"    \d{9} .+: 20\d\d \w+: (Met|Not met) → (Met|Not met)"),
    ],
)
def test_evaluate_lectures_changements_en_mots(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], langue: str, ligne: str
) -> None:
    """Each verdict a reading changes is told in words of the command's language."""
    exemples = SPECS.parents[1] / "examples"
    arguments = ["evaluate", str(SPECS), "--etablissements", str(exemples / "etablissements.csv")]
    arguments += ["--mesures", str(exemples / "mesures.csv"), "--sortie", str(tmp_path / "r.json")]
    assert main([*arguments, "--lectures", "--lang", langue]) == 1  # the example's defects
    sortie = capsys.readouterr().out
    assert re.search(ligne, sortie, re.MULTILINE)
    assert "non_atteint" not in sortie


def test_evaluate_lectures_vers_html_ajoute_la_section_au_rapport(
    donnees: tuple[Path, Path], tmp_path: Path
) -> None:
    """The section costs a second evaluation of the fiches with readings: only on demand."""
    sortie = tmp_path / "r.html"
    assert _evaluer(donnees, sortie) == 0
    assert 'id="lectures"' not in sortie.read_text(encoding="utf-8")
    assert _evaluer(donnees, sortie, "--lectures") == 0
    page = sortie.read_text(encoding="utf-8")
    assert '<section id="lectures"' in page
    assert 'data-indicateur="CPOM_OS_13" data-lecture="points"' in page
    # `--lang en` (anywhere on the line) writes the report and its section in English.
    assert _evaluer(donnees, sortie, "--lectures", "--lang", "en") == 0
    page = sortie.read_text(encoding="utf-8")
    assert '<html lang="en">' in page and "Alternative readings of the fiches" in page


def test_explain_en_anglais(donnees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]) -> None:
    etablissements, mesures = donnees
    arguments = ["--lang", "en", "explain", str(SPECS), "--etablissements", str(etablissements)]
    arguments += ["--mesures", str(mesures), "--finess", "340780477", "--indicateur"]
    assert main([*arguments, "CPOM_OS_12", "--annee", "2026", "--mesure", "mammographies"]) == 0
    assert "(762 in 2025 × 1.05, rounded from 800.1 to 800) → met" in capsys.readouterr().out
