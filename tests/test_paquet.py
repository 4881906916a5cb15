"""The wheel is enough: catalogue, schemas and the README example work outside the checkout.

The wheel is built from this tree and installed (pip, no dependencies) into a fresh virtual
environment in a temporary folder; the dependencies come from the test environment through
a plain path entry, which does not bring the checkout's editable `cpom_rules` along.
"""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from cpom_rules import catalogues, load_catalogue
from cpom_rules.spec.fournis import chemin_catalogue, resoudre

RACINE = Path(__file__).resolve().parent.parent


def test_le_catalogue_fourni_se_charge_par_son_nom() -> None:
    assert catalogues() == ["occitanie-2025-2029"]
    catalogue = load_catalogue("occitanie-2025-2029")
    assert len(catalogue.fiches) == 30
    assert chemin_catalogue("inconnu") is None


def test_un_dossier_existant_l_emporte_sur_un_nom_fourni(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "occitanie-2025-2029").mkdir()
    assert resoudre("occitanie-2025-2029") == Path("occitanie-2025-2029")
    # A path with folders is never taken for a bundled name.
    assert resoudre("x/occitanie-2025-2029") == Path("x/occitanie-2025-2029")


def _lancer(*commande: str | Path, dossier: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(c) for c in commande], cwd=dossier, capture_output=True, text=True, check=False
    )


@pytest.fixture(scope="module")
def environnement(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment holding only the wheel built from this tree."""
    dossier = tmp_path_factory.mktemp("paquet")
    roues = dossier / "roues"
    # Built from a copy (symbolic links followed, as the sdist does) to leave no build/ here.
    source = dossier / "source"
    shutil.copytree(RACINE / "src", source / "src", ignore=shutil.ignore_patterns("*.egg-info"))
    for nom in ("pyproject.toml", "README.md"):
        shutil.copy(RACINE / nom, source / nom)
    pip = [sys.executable, "-m", "pip"]
    subprocess.run(
        [*pip, "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(roues), str(source)],
        check=True,
        capture_output=True,
    )
    (roue,) = roues.glob("cpom_rules-*.whl")
    venv = dossier / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    subprocess.run(
        [*pip, "--python", str(python), "install", "--no-deps", "--no-index", "-q", str(roue)],
        check=True,
        capture_output=True,
    )
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    Path(site, "dependances.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    return venv


def test_l_exemple_du_readme_tourne_avec_la_roue_hors_du_depot(
    environnement: Path, tmp_path: Path
) -> None:
    readme = (RACINE / "README.md").read_text(encoding="utf-8")
    code = re.search(r"```python\n(.*?)```", readme, re.DOTALL)
    assert code is not None
    shutil.copytree(RACINE / "examples", tmp_path / "examples")
    sortie = _lancer(environnement / "bin" / "python", "-c", code.group(1), dossier=tmp_path)
    assert sortie.returncode == 0, sortie.stderr
    assert "valeur 584 ≥ cible 566 (539 en 2025 × 1,05" in sortie.stdout
    origine = _lancer(
        environnement / "bin" / "python",
        "-c",
        "import cpom_rules; print(cpom_rules.__file__)",
        dossier=tmp_path,
    ).stdout
    assert str(environnement) in origine  # the wheel, not the checkout


def test_la_commande_et_les_schemas_fonctionnent_depuis_la_roue(
    environnement: Path, tmp_path: Path
) -> None:
    commande = environnement / "bin" / "cpom-rules"
    check = _lancer(commande, "check", "occitanie-2025-2029", dossier=tmp_path)
    assert check.returncode == 0, check.stderr
    assert "30 fiche" in check.stdout
    schema = _lancer(commande, "schema", dossier=tmp_path)
    assert "resultats.schema.json" in schema.stdout
    assert list(tmp_path.iterdir()) == []  # nothing written into the current folder uninvited
    assert _lancer(commande, "schema", "--sortie", "s", dossier=tmp_path).returncode == 0
    ecrits = sorted(p.name for p in (tmp_path / "s").iterdir())
    assert ecrits == sorted(p.name for p in (RACINE / "schemas").glob("*.schema.json"))


def test_le_dossier_d_etablissement_fonctionne_depuis_la_roue(
    environnement: Path, tmp_path: Path
) -> None:
    """The dossier's templates and the report's script ship in the wheel."""
    exemples = RACINE / "examples"
    sortie = _lancer(
        environnement / "bin" / "cpom-rules",
        "dossier",
        "occitanie-2025-2029",
        "--etablissements",
        exemples / "etablissements.csv",
        "--mesures",
        exemples / "mesures.csv",
        "--finess",
        "340780477",
        "--sans-pdf",
        "--sortie",
        "chu.html",
        dossier=tmp_path,
    )
    # 1: written, but the example data keeps its deliberate data errors (listed on stdout).
    assert sortie.returncode == 1, sortie.stderr
    assert "problèmes de données : 2 erreurs" in sortie.stdout
    assert "CHU de Montpellier" in (tmp_path / "chu.html").read_text(encoding="utf-8")


def test_l_installateur_ne_reinstalle_pas_quand_rien_n_a_change() -> None:
    """scripts/installer (run by scripts/test before this suite) finds its stamp and stops
    before pip: the stamp file is left as it was."""
    tampon = RACINE / ".venv" / ".cpom-rules-installe"
    if not tampon.is_file():
        pytest.skip("environnement non installé par scripts/installer")
    empreinte = hashlib.sha256((RACINE / "pyproject.toml").read_bytes()).hexdigest()
    if not tampon.read_text(encoding="utf-8").strip().endswith(empreinte):
        pytest.skip("pyproject.toml modifié depuis l'installation : scripts/installer réinstalle")
    avant = tampon.stat().st_mtime_ns
    resultat = subprocess.run(
        [str(RACINE / "scripts" / "installer")], capture_output=True, text=True, check=False
    )
    assert resultat.returncode == 0, resultat.stderr
    assert resultat.stdout == "" and resultat.stderr == ""
    assert tampon.stat().st_mtime_ns == avant  # not written again: pip was not run
