"""Files never lost and exit codes that tell the truth (issue #10 Why 8-13, items 4-5)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from cpom_rules.cli.main import main
from cpom_rules.cli.textes import texte
from cpom_rules.fichiers import ecrire_atomique
from tests.conftest import RACINE, SPECS
from tests.donnees_exemple import ecrire


@pytest.fixture
def donnees(tmp_path: Path) -> tuple[Path, Path]:
    return ecrire(tmp_path)


def _evaluer(etablissements: Path, mesures: Path, sortie: Path, *extra: str) -> int:
    arguments = ["evaluate", str(SPECS), "--etablissements", str(etablissements)]
    return main([*arguments, "--mesures", str(mesures), "--sortie", str(sortie), *extra])


def _erreur_d_usage(capsys: pytest.CaptureFixture[str], *mots: str) -> None:
    erreur = capsys.readouterr().err
    assert "Traceback" not in erreur and "erreur interne" not in erreur
    for mot in mots:
        assert mot in erreur, erreur


# --- Why 8: the output is an input ------------------------------------------------------------
def test_r8_sortie_egale_a_l_entree_refusee(
    donnees: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = donnees
    avant = mesures.read_bytes()
    mesures_csv = mesures.with_suffix(".csv")
    assert _evaluer(etablissements, mesures, mesures_csv) == 2
    assert mesures.read_bytes() == avant
    _erreur_d_usage(capsys, "fichier d'entrée", "écrasé")


def test_r8_sortie_lien_vers_l_entree_refusee(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = donnees
    lien = tmp_path / "lien.csv"
    lien.symlink_to(mesures)
    avant = mesures.read_bytes()
    assert _evaluer(etablissements, mesures, lien) == 2
    assert mesures.read_bytes() == avant
    _erreur_d_usage(capsys, "fichier d'entrée")


def test_r8_sortie_dans_le_dossier_des_fiches_refusee(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = donnees
    sortie = SPECS / "catalogue.yaml"
    avant = sortie.read_bytes()
    arguments = ["evaluate", str(SPECS), "--etablissements", str(etablissements)]
    code = main([*arguments, "--mesures", str(mesures), "--sortie", str(sortie)])
    assert code == 2  # unknown extension refused first: nothing written either way
    assert sortie.read_bytes() == avant


# --- Why 9: interrupted while writing -----------------------------------------------------------
def test_r9_interruption_pendant_l_ecriture_garde_le_fichier_precedent(
    donnees: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from cpom_rules.render import export_csv

    sortie = tmp_path / "r.csv"
    sortie.write_text("résultats précédents", encoding="utf-8")

    def interrompu(resultats: object, chemin: Path, langue: str = "fr") -> None:
        chemin.write_text("moitié d'un fichier", encoding="utf-8")
        raise KeyboardInterrupt

    monkeypatch.setattr(export_csv, "write_csv", interrompu)
    assert _evaluer(*donnees, sortie) == 130
    assert sortie.read_text(encoding="utf-8") == "résultats précédents"
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    erreur = capsys.readouterr().err
    assert erreur.strip() == texte("interrompu") and "Traceback" not in erreur


def test_r9_sigterm_pendant_l_ecriture(donnees: tuple[Path, Path], tmp_path: Path) -> None:
    sortie = tmp_path / "r.csv"
    sortie.write_text("résultats précédents", encoding="utf-8")
    etablissements, mesures = donnees
    script = (
        "import sys, time\n"
        "from cpom_rules.render import export_csv\n"
        "def lent(r, chemin, langue='fr'):\n"
        "    chemin.write_text('moitié', encoding='utf-8')\n"
        "    print('ecriture', flush=True)\n"
        "    time.sleep(60)\n"
        "export_csv.write_csv = lent\n"
        "from cpom_rules.cli.main import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    arguments = ["evaluate", str(SPECS), "--etablissements", str(etablissements)]
    arguments += ["--mesures", str(mesures), "--sortie", str(sortie)]
    processus = subprocess.Popen(
        [sys.executable, "-c", script, *arguments],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=RACINE,
    )
    assert processus.stdout is not None
    limite = time.monotonic() + 60
    while "ecriture" not in processus.stdout.readline() and time.monotonic() < limite:
        pass
    processus.send_signal(signal.SIGTERM)
    _, erreur = processus.communicate(timeout=30)
    assert processus.returncode == 130
    assert sortie.read_text(encoding="utf-8") == "résultats précédents"
    assert [p for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert erreur.strip().splitlines()[-1] == texte("interrompu")
    assert "Traceback" not in erreur


def test_ecriture_atomique_nettoie_et_garde_les_droits(tmp_path: Path) -> None:
    cible = tmp_path / "r.json"
    with ecrire_atomique(cible) as temporaire:
        assert temporaire.parent == tmp_path and temporaire.suffix == ".json"
        temporaire.write_text("{}", encoding="utf-8")
    assert cible.read_text(encoding="utf-8") == "{}"
    masque = os.umask(0)
    os.umask(masque)
    assert cible.stat().st_mode & 0o777 == 0o666 & ~masque
    with pytest.raises(ValueError), ecrire_atomique(cible) as temporaire:
        temporaire.write_text("cassé", encoding="utf-8")
        raise ValueError
    assert cible.read_text(encoding="utf-8") == "{}" and len(list(tmp_path.iterdir())) == 1


# --- Why 10: output path problems are misuse (2), with a sentence --------------------------------
@pytest.mark.parametrize(
    ("fabriquer", "mot"),
    [
        (lambda d: d / "existant.json", "dossier existant"),
        (lambda d: d / "fichier.txt" / "r.json", "est un fichier"),
        (lambda d: d / ("x" * 300 + ".json"), "255 octets"),
        (lambda d: d / "dossier.xlsx", "dossier existant"),
    ],
    ids=["sortie_dossier", "parent_fichier", "nom_trop_long", "dossier_xlsx"],
)
def test_r10_chemin_de_sortie_impossible_code_2(
    donnees: tuple[Path, Path],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    fabriquer: object,
    mot: str,
) -> None:
    (tmp_path / "existant.json").mkdir()
    (tmp_path / "dossier.xlsx").mkdir()
    (tmp_path / "fichier.txt").write_text("x", encoding="utf-8")
    sortie = fabriquer(tmp_path)  # type: ignore[operator]  # a lambda of the table above
    assert _evaluer(*donnees, sortie) == 2
    _erreur_d_usage(capsys, "impossible d'écrire", mot)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into a read-only folder")
def test_r10_dossier_en_lecture_seule(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lecture_seule = tmp_path / "ro"
    lecture_seule.mkdir()
    lecture_seule.chmod(0o500)
    try:
        assert _evaluer(*donnees, lecture_seule / "r.json") == 2
    finally:
        lecture_seule.chmod(0o700)
    _erreur_d_usage(capsys, "lecture seule")


@pytest.mark.parametrize("commande", ["doc", "schema"])
def test_r10_doc_et_schema_vers_un_fichier_code_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], commande: str
) -> None:
    fichier = tmp_path / "README.md"
    fichier.write_text("# garder", encoding="utf-8")
    arguments = [commande, str(SPECS)] if commande == "doc" else [commande]
    assert main([*arguments, "--sortie", str(fichier)]) == 2
    assert fichier.read_text(encoding="utf-8") == "# garder"
    _erreur_d_usage(capsys, "un dossier est attendu")


# --- Why 11: data errors make exit code 1, results still written -------------------------------
def test_r11_toutes_les_lignes_invalides_code_1(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, _ = donnees
    mesures = tmp_path / "invalides.csv"
    mesures.write_text(
        "finess;indicateur;annee;variable;valeur\n"
        "340780477;CPOM_OS_1;2025;professionnels_formes;beaucoup\n"
        "340780477;CPOM_OS_1;2025;professionnels_total;150 %\n",
        encoding="utf-8",
    )
    sortie = tmp_path / "r.json"
    assert _evaluer(etablissements, mesures, sortie) == 1
    assert sortie.is_file()
    assert "problèmes de données : 2 erreurs" in capsys.readouterr().out


def test_r11_sans_erreur_de_donnees_code_0(donnees: tuple[Path, Path], tmp_path: Path) -> None:
    assert _evaluer(*donnees, tmp_path / "r.json", "--annees", "2025") == 0


def test_r11_les_codes_de_sortie_sont_les_memes_partout() -> None:
    aide = texte("codes_sortie")
    for document in ("README.md", "docs/reference-api.md"):
        contenu = " ".join((RACINE / document).read_text(encoding="utf-8").split())
        for code in (
            "0 évalué",
            "1 évalué, mais des erreurs",
            "2 mauvaise utilisation",
            "3 erreur",
        ):
            assert code in aide
            assert code in contenu, (document, code)


# --- Why 12: a folder, /dev/null or a FIFO as input -------------------------------------------
@pytest.mark.parametrize("quoi", ["dossier", "dev_null", "absent", "fifo"])
def test_r12_entree_pas_un_fichier_code_2(
    donnees: tuple[Path, Path], tmp_path: Path, capsys: pytest.CaptureFixture[str], quoi: str
) -> None:
    etablissements, _ = donnees
    chemins = {
        "dossier": tmp_path,
        "dev_null": Path("/dev/null"),
        "absent": tmp_path / "absent.csv",
        "fifo": tmp_path / "tube.csv",
    }
    if quoi == "fifo":
        os.mkfifo(chemins["fifo"])
    debut = time.monotonic()
    assert _evaluer(etablissements, chemins[quoi], tmp_path / "r.json") == 2
    assert time.monotonic() - debut < 10
    _erreur_d_usage(capsys, str(chemins[quoi]))


def test_main_appele_depuis_un_fil_secondaire(capsys: pytest.CaptureFixture[str]) -> None:
    """SIGTERM is only caught in the main thread; elsewhere main() still runs."""
    import threading

    codes: list[int] = []
    fil = threading.Thread(target=lambda: codes.append(main(["check", str(SPECS)])))
    fil.start()
    fil.join()
    assert codes == [0]
    assert "Traceback" not in capsys.readouterr().err
