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
