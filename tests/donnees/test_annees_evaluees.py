"""Years evaluated by default (issue #10 Why 5): the years where a value is written, never
a year whose only row has an empty cell; the summary names them exactly."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from cpom_rules import evaluate, load_dataset
from cpom_rules.cli.commandes import ecrire_annees
from cpom_rules.cli.main import main
from tests.conftest import RACINE, SPECS
from tests.evaluation.fabrique import CODE, F1, une_mesure

CAT = une_mesure({"type": "seuil", "min": 10})
ETAB = [{"finess": F1, "raison_sociale": "É", "lits": 600}]


def _m(annee: int, valeur: Any) -> dict[str, Any]:
    return {"finess": F1, "indicateur": CODE, "annee": annee, "variable": "x", "valeur": valeur}


@pytest.mark.parametrize("vide", ["", "ND", "NC", None])
def test_r5_une_cellule_vide_n_ajoute_pas_d_annee(vide: Any) -> None:
    donnees = load_dataset(CAT, ETAB, [_m(2025, 12), _m(2026, 3), _m(2029, vide)])
    assert donnees.annees_avec_mesures == {2025, 2026}
    assert evaluate(CAT, donnees).annees == (2025, 2026)


def test_annees_non_contigues_evaluees_telles_quelles() -> None:
    donnees = load_dataset(CAT, ETAB, [_m(2025, 12), _m(2027, 3)])
    assert evaluate(CAT, donnees).annees == (2025, 2027)


def test_une_valeur_invalide_est_une_valeur_ecrite() -> None:
    donnees = load_dataset(CAT, ETAB, [_m(2025, 12), _m(2026, "douze")])
    assert evaluate(CAT, donnees).annees == (2025, 2026)


@pytest.mark.parametrize(
    ("annees", "texte"),
    [((2025, 2026, 2027), "2025-2027"), ((2025, 2027), "2025, 2027"), ((2026,), "2026")],
)
def test_resume_liste_exacte(annees: tuple[int, ...], texte: str) -> None:
    assert ecrire_annees(annees) == texte


def test_r5_exemple_livre_une_ligne_vide_en_2029(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    exemples = tmp_path / "ex"
    shutil.copytree(RACINE / "examples", exemples)
    mesures = exemples / "mesures.csv"
    with mesures.open("a", encoding="utf-8") as f:
        f.write("310781406;CPOM_OS_1;2029;professionnels_formes;;;\n")
    arguments = [
        "evaluate",
        str(SPECS),
        "--etablissements",
        str(exemples / "etablissements.csv"),
        "--mesures",
        str(mesures),
        "--sortie",
        str(tmp_path / "r.json"),
    ]
    main(arguments)
    sortie = capsys.readouterr().out
    assert "2029" not in sortie.splitlines()[0]
