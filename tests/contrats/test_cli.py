"""`cpom-rules check SPECS --contrats …`: contract problems join the catalogue's, exit code 1."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from cpom_rules.cli.main import main
from tests.conftest import SPECS
from tests.contrats.conftest import CONTRAT
from tests.donnees_exemple import ecrire


def test_check_avec_contrats(
    ecrire_contrat: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, _ = ecrire(tmp_path)
    bon = ecrire_contrat(CONTRAT, "bon.yaml")
    assert (
        main(["check", str(SPECS), "--contrats", str(bon), "--etablissements", str(etablissements)])
        == 0
    )
    mauvais = ecrire_contrat(CONTRAT.replace('"340780477"', '"310781406"'), "bon.yaml")
    code = main(
        ["check", str(SPECS), "--contrats", str(mauvais), "--etablissements", str(etablissements)]
    )
    sortie = capsys.readouterr().out
    assert code == 1
    assert f"{mauvais}:1:9: erreur finess: le FINESS 310781406 du contrat" in sortie


def test_explain_avec_contrats_et_date(
    ecrire_contrat: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = ecrire(tmp_path)
    contrat = ecrire_contrat(CONTRAT)
    commun = [
        "explain", str(SPECS), "--etablissements", str(etablissements), "--mesures", str(mesures),
        "--contrats", str(contrat), "--finess", "340780477", "--indicateur", "CPOM_OS_1", "--annee", "2026",
    ]  # fmt: skip
    assert main(commun) == 0
    assert capsys.readouterr().out.startswith(
        "CPOM_OS_1 — 2026 — avenant n°1 du 2026-02-10, applicable dès 2026 : taux 14,9\xa0% ≥ cible 14\xa0%"
    )
    assert main([*commun, "--au", "2026-01-31"]) == 0
    assert (
        "— contrat initial du 2025-03-01 : taux 14,9\xa0% ≥ cible 12\xa0%"
        in capsys.readouterr().out
    )


def test_evaluate_refuse_un_contrat_faux(
    ecrire_contrat: Callable[..., Path], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    etablissements, mesures = ecrire(tmp_path)
    contrat = ecrire_contrat(
        CONTRAT.replace("CPOM_OS_1:\n    mesures", "CPOM_OS_77:\n    mesures", 1)
    )
    code = main(
        [
            "evaluate", str(SPECS), "--etablissements", str(etablissements), "--mesures", str(mesures),
            "--contrats", str(contrat), "--sortie", str(tmp_path / "r.json"),
        ]
    )  # fmt: skip
    assert code == 1 and "fiche inconnue du catalogue : CPOM_OS_77" in capsys.readouterr().err
    assert not (tmp_path / "r.json").exists()
