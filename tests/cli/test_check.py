"""`cpom-rules check`: exit codes, located problems, formats, languages, strict mode."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from cpom_rules.cli.main import main
from tests.lint.aides import CATALOGUE_STRATES, TABLE_STRATES, fiche_avec_table
from tests.spec.corpus import CAS, CasCorpus
from tests.spec.fabrique import CORPUS, FICHE, SPECS, ecrire_catalogue

EXECUTABLE = Path(sys.executable).parent / "cpom-rules"


def _check(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str, str]:
    code = main(["check", *arguments])
    sortie = capsys.readouterr()
    assert "Traceback" not in sortie.out + sortie.err
    return code, sortie.out, sortie.err


def test_catalogue_livre_passe(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, _ = _check(capsys, str(SPECS))
    assert code == 0
    derniere = sortie.strip().splitlines()[-1]
    assert ", 0 erreur, " in derniere
    assert "erreur [" not in sortie
    # Every declared alternative reading is listed, the literal ones marked.
    assert "Lectures alternatives déclarées (" in sortie
    assert "CPOM_OS_19 « strict » [texte imprimé]" in sortie
    assert "lectures.strict: CPOM_OS_19 : la lecture retenue s'écarte du texte imprimé" in sortie


@pytest.mark.parametrize("cas", CAS, ids=[c.dossier for c in CAS])
def test_corpus_echoue_avec_l_emplacement(
    capsys: pytest.CaptureFixture[str], cas: CasCorpus
) -> None:
    dossier = CORPUS / cas.dossier
    code, sortie, _ = _check(capsys, str(dossier))
    assert code == 1
    if cas.ligne is None:
        lieu = f"{dossier}: erreur"
    else:
        colonne = f":{cas.colonne}" if cas.colonne is not None else ""
        lieu = f"{dossier / cas.fichier}:{cas.ligne}{colonne}: erreur"
    lignes = [ligne for ligne in sortie.splitlines() if ligne.startswith(lieu)]
    assert lignes, sortie
    assert any(cas.message in ligne for ligne in lignes), sortie
    nombre = 1 + len(cas.autres)
    erreurs = f"{nombre} erreur{'s' if nombre > 1 else ''}"
    assert sortie.strip().splitlines()[-1].endswith(f"{erreurs}, 0 avertissement")


def test_format_json(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, _ = _check(capsys, str(CORPUS / "nom_inconnu"), "--format", "json")
    assert code == 1
    document = json.loads(sortie)
    assert (document["erreurs"], document["avertissements"]) == (1, 0)
    (probleme,) = document["problemes"]
    assert probleme["code"] == "nom_inconnu"
    assert probleme["niveau"] == "erreur"
    assert (Path(probleme["fichier"]).name, probleme["ligne"], probleme["colonne"]) == (
        "CPOM_T_1.yaml",
        19,
        21,
    )
    assert probleme["conseil"] == "vouliez-vous dire « nb_total » ?"
    assert probleme["chemin"] == "mesures.taux_formes.formule.denominateur"
    assert probleme["code_fiche"] == "CPOM_T_1"


def test_format_json_du_catalogue_livre(capsys: pytest.CaptureFixture[str]) -> None:
    code, sortie, _ = _check(capsys, str(SPECS), "--format", "json")
    assert code == 0
    document = json.loads(sortie)
    assert document["erreurs"] == 0
    assert all(p["niveau"] == "avertissement" for p in document["problemes"])


def test_en_anglais(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "check", str(CORPUS / "cle_inconnue")])
    sortie = capsys.readouterr().out
    assert code == 1
    assert (
        "CPOM_T_1.yaml:22:5: error [CPOM_T_1] mesures.taux_formes.cibel: unknown key 'cibel' — did you mean 'cibles'?"
        in sortie
    )


def test_avertissements_et_mode_strict(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dossier = ecrire_catalogue(
        tmp_path, {"CPOM_T_1.yaml": fiche_avec_table(TABLE_STRATES)}, CATALOGUE_STRATES
    )
    code, sortie, _ = _check(capsys, str(dossier))
    assert code == 0
    assert f"{dossier / 'CPOM_T_1.yaml'}:22:5: avertissement [CPOM_T_1]" in sortie
    assert "lits = 500" in sortie
    assert sortie.strip().endswith("1 fiche, 0 erreur, 1 avertissement")
    code, _, _ = _check(capsys, str(dossier), "--strict")
    assert code == 1


def test_fiche_coherente_sans_rien_a_dire(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    dossier = ecrire_catalogue(tmp_path, {"CPOM_T_1.yaml": FICHE})
    code, sortie, _ = _check(capsys, str(dossier), "--strict")
    assert code == 0
    assert sortie.strip() == "1 fiche, 0 erreur, 0 avertissement"


def test_problemes_tries_dans_l_ordre_de_lecture(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fiche = FICHE.replace("    cibles:", "    cibel:").replace(
        "intitule:", "intitule: x\nintitulé:"
    )
    dossier = ecrire_catalogue(tmp_path, {"CPOM_T_1.yaml": fiche})
    code, sortie, _ = _check(capsys, str(dossier))
    assert code == 1
    lignes = [ligne for ligne in sortie.splitlines() if ": erreur" in ligne]
    numeros = [int(ligne.split(":")[1]) for ligne in lignes]
    assert numeros == sorted(numeros)
    assert len(lignes) >= 2


def test_dossier_introuvable_est_une_erreur_d_usage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, erreur = _check(capsys, str(tmp_path / "absent"))
    assert code == 2
    assert "introuvable" in erreur


@pytest.mark.parametrize("dossier", ["yaml_etiquette_python", "yaml_bombe_alias"])
def test_executable_reel_sans_trace_python(dossier: str, tmp_path: Path) -> None:
    resultat = subprocess.run(
        [str(EXECUTABLE), "check", str(CORPUS / dossier)],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=tmp_path,
        check=False,
    )
    assert resultat.returncode == 1
    assert "Traceback" not in resultat.stdout + resultat.stderr
    assert f"{CORPUS / dossier / 'CPOM_T_1.yaml'}:" in resultat.stdout
    assert list(tmp_path.iterdir()) == []  # nothing was executed or written


def test_executable_reel_sur_le_catalogue_livre() -> None:
    resultat = subprocess.run(
        [str(EXECUTABLE), "check", str(SPECS)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert resultat.returncode == 0, resultat.stdout + resultat.stderr
    assert ", 0 erreur, " in resultat.stdout
