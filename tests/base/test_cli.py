"""`cpom-rules base …` end to end on both back-ends: exit codes and what is printed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Engine

from cpom_rules.cli.main import main
from tests.base.outils import ecrire_csv, m
from tests.conftest import SPECS
from tests.contrats.conftest import CONTRAT
from tests.donnees_exemple import ecrire

CHU = "340780477"


def _lancer(capsys: pytest.CaptureFixture[str], *arguments: str) -> tuple[int, str]:
    code = main(list(arguments))
    return code, capsys.readouterr().out


def test_annee_de_campagne(
    moteur: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    base = moteur.url.render_as_string(hide_password=False)
    assert main(["base", "init", base]) == 0
    etablissements, mesures = ecrire(tmp_path)
    (tmp_path / "contrats").mkdir()
    (tmp_path / "contrats" / "chu.yaml").write_text(CONTRAT, encoding="utf-8")
    code, sortie = _lancer(
        capsys,
        "base",
        "importer",
        base,
        "etablissements",
        str(etablissements),
        "--le",
        "2026-01-10",
    )
    assert code == 0 and "2 nouvelle(s)" in sortie
    code, sortie = _lancer(
        capsys,
        "base",
        "importer",
        base,
        "contrats",
        str(tmp_path / "contrats"),
        "--le",
        "2026-01-10",
    )
    assert code == 0 and "import n°2" in sortie
    code, sortie = _lancer(
        capsys,
        "base",
        "importer",
        base,
        "mesures",
        str(mesures),
        "--campagne",
        "2025",
        "--le",
        "2026-02-01T09:30",
        "--utilisateur",
        "agent.ars",
    )
    assert code == 0 and "import n°3" in sortie
    code, sortie = _lancer(
        capsys, "base", "importer", base, "mesures", str(mesures), "--campagne", "2025"
    )
    assert code == 0 and sortie.startswith("rien de nouveau")
    conflit = ecrire_csv(
        tmp_path / "conflit.csv",
        [m(CHU, 2026, "professionnels_formes", "1"), m(CHU, 2026, "professionnels_formes", "2")],
    )
    code, sortie = _lancer(
        capsys, "base", "importer", base, "mesures", str(conflit), "--le", "2026-02-02"
    )
    assert (
        code == 1 and "conflit.csv (ligne 2, 3): erreur" in sortie and "rien de nouveau" in sortie
    )

    code, sortie = _lancer(
        capsys,
        "base",
        "evaluer",
        base,
        str(SPECS),
        "--campagne",
        "2026",
        "--au",
        "2026-03-01",
        "--sortie",
        str(tmp_path / "r.json"),
    )
    assert code == 0 and sortie.startswith(
        "évaluation n°1 : campagne 2026, base au 2026-03-01 23:59:59"
    )
    assert json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["resultats"]
    code, sortie = _lancer(capsys, "base", "evaluer", base, str(SPECS), "--reproduire", "1")
    assert code == 0 and "reproduite à l'identique" in sortie
    code, sortie = _lancer(capsys, "base", "evaluations", base)
    assert code == 0 and sortie.split()[:2] == ["1", "2026"]

    correction = ecrire_csv(tmp_path / "corr.csv", [m(CHU, 2025, "professionnels_formes", "80")])
    assert main(["base", "importer", base, "mesures", str(correction), "--le", "2027-02-01"]) == 0
    assert (
        main(["base", "evaluer", base, str(SPECS), "--campagne", "2026", "--au", "2027-03-01"]) == 0
    )
    capsys.readouterr()
    code, sortie = _lancer(capsys, "base", "ecarts", base, "1", "2")
    assert code == 0
    assert f"{CHU} CPOM_OS_1 taux_formes 2025 : non_atteint → atteint" in sortie
    assert (
        f"professionnels_formes 2025 corrigée le 2027-02-01 par {correction} ligne 2 : 57 → 80"
        in sortie
    )
    code, sortie = _lancer(
        capsys,
        "base",
        "historique",
        base,
        "--finess",
        CHU,
        "--indicateur",
        "CPOM_OS_1",
        "--annee",
        "2025",
        "--variable",
        "professionnels_formes",
        "--format",
        "json",
    )
    historique = json.loads(sortie)
    assert (historique[0]["valeur"], historique[0]["utilisateur"]) == ("57", "agent.ars")
    assert historique[1]["valeur"] == "80"

    for extension in ("json", "html", "xlsx"):
        sortie_rapport = tmp_path / f"final.{extension}"
        assert (
            main(
                [
                    "base",
                    "rapport-final",
                    base,
                    str(SPECS),
                    "--sortie",
                    str(sortie_rapport),
                    "--le",
                    "2030-06-01",
                ]
            )
            == 0
        )
    rapport = json.loads((tmp_path / "final.json").read_text(encoding="utf-8"))
    assert rapport["evaluations_envoyees"] == {"2026": 2}
    (chu,) = [e for e in rapport["etablissements"] if e["finess"] == CHU]
    assert (
        chu["contrat"]["signature"] == "2025-03-01" and chu["contrat"]["avenants"][0]["numero"] == 1
    )
    (os1_2026,) = [
        r for r in chu["resultats"] if (r["indicateur"], r["annee"]) == ("CPOM_OS_1", 2026)
    ]
    assert os1_2026["statut_envoye"] == os1_2026["statut_actuel"] == "atteint"
    assert os1_2026["origine"] == "avenant n°1 du 2026-02-10, applicable dès 2026"
    assert "CHU de Montpellier (340780477)" in (tmp_path / "final.html").read_text(encoding="utf-8")
    feuille = load_workbook(tmp_path / "final.xlsx")["Verdicts"]
    raisons = {c.value for c in feuille["B"]}
    assert any("HYPERLINK" in str(r) for r in raisons)
    assert not any(str(r).startswith("=") for r in raisons)  # formulas neutralised


@pytest.mark.parametrize(
    "action",
    [
        ["importer", "{base}", "mesures", "{dossier}"],
        ["evaluer", "{base}", str(SPECS), "--reproduire", "1"],
        ["evaluer", "{base}", str(SPECS), "--campagne", "2026"],
        ["evaluations", "{base}"],
        ["ecarts", "{base}", "1", "2"],
    ],
)
def test_base_absente_ou_pas_initialisee(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], action: list[str]
) -> None:
    """Every action but init on a store never initialised: a misuse with its remedy, not a bug."""
    base = str(tmp_path / "x.sqlite")
    code = main(["base", *(a.format(base=base, dossier=tmp_path) for a in action)])
    assert code == 2 and "base init" in capsys.readouterr().err


def test_date_invalide(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    base = str(tmp_path / "b.sqlite")
    assert main(["base", "init", base]) == 0
    _, mesures = ecrire(tmp_path)
    code = main(["base", "importer", base, "mesures", str(mesures), "--le", "01/02/2026"])
    assert code == 2 and "date invalide" in capsys.readouterr().err
