"""A wide follow-up workbook read by a declared lecture feeds the store: each value with the
sheet and cell it came from, the same evaluation as from the workbook itself, problems at
their cell, a second import of the same workbook adds nothing."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from sqlalchemy import Engine, select

from cpom_rules import Catalogue, evaluate
from cpom_rules.base import (
    compare_evaluations,
    evaluate_base,
    import_etablissements,
    import_mesures_larges,
)
from cpom_rules.base.schema import mesures
from cpom_rules.cli.main import main
from cpom_rules.sources.lecture import load_lecture
from cpom_rules.sources.tableur_large import load_dataset_wide, read_wide
from tests.base.outils import le
from tests.conftest import SPECS
from tests.sources.classeurs import EXEMPLES, FICHES, LECTURE, ecrire_suivi, lignes_exemple


@pytest.fixture
def suivi(tmp_path: Path) -> tuple[Path, Path]:
    chemin = ecrire_suivi(tmp_path / "suivi.xlsx", lignes_exemple(8))
    lecture = tmp_path / "suivi.lecture.yaml"
    lecture.write_text(LECTURE, encoding="utf-8")
    return chemin, lecture


def test_classeur_large_dans_la_base(
    moteur: Engine, catalogue: Catalogue, suivi: tuple[Path, Path]
) -> None:
    chemin, fichier_lecture = suivi
    restreint = catalogue.restreindre(FICHES)
    lecture = load_lecture(fichier_lecture, restreint)
    import_etablissements(moteur, EXEMPLES / "etablissements.csv", le=le(2026))
    bilan = import_mesures_larges(moteur, chemin, lecture, campagne=2026, le=le(2026, 2))
    lues = read_wide(lecture, [chemin])
    assert bilan.nouvelles == len(lues.lignes) > 0 and bilan.import_id is not None
    with moteur.connect() as connexion:
        stockees = connexion.execute(
            select(mesures.c.finess, mesures.c.variable, mesures.c.ligne, mesures.c.cellule)
        ).all()
    # Each value knows its sheet and cell, and its line is the workbook's row.
    assert {cellule for *_, cellule in stockees} == {c for _, c in lues.cellules}
    for *_, ligne, cellule in stockees:
        assert cellule.startswith("Suivi 20") and cellule.endswith(str(ligne))
    # The store evaluates as the workbook does.
    depuis_base = evaluate_base(moteur, restreint, 2026, au=le(2026, 3), enregistrer=False)
    large = evaluate(restreint, load_dataset_wide(restreint, EXEMPLES / "etablissements.csv", lues))
    attendus = {
        (r["finess"], r["indicateur"], r["mesure"], r["annee"]): r["statut"]
        for r in large.to_records()
        if r["annee"] <= 2026
    }
    obtenus = {cle: ligne["statut"] for cle, ligne in depuis_base.par_cle().items()}
    assert obtenus == attendus
    # The same workbook again adds nothing.
    encore = import_mesures_larges(moteur, chemin, lecture, campagne=2026, le=le(2026, 4))
    assert (encore.import_id, encore.inchangees) == (None, len(lues.lignes))


def test_problemes_du_classeur_a_leur_cellule(
    moteur: Engine, catalogue: Catalogue, suivi: tuple[Path, Path]
) -> None:
    chemin, fichier_lecture = suivi
    classeur = openpyxl.load_workbook(chemin)
    classeur["Suivi 2025"]["I6"] = "beaucoup"  # a rate that is not a number
    classeur["Suivi 2026"]["A7"] = "123"  # a FINESS that is not one
    classeur.save(chemin)
    lecture = load_lecture(fichier_lecture, catalogue.restreindre(FICHES))
    bilan = import_mesures_larges(moteur, chemin, lecture, le=le(2026))
    lieux = {(p.code, p.chemin) for p in bilan.problemes}
    assert ("lecture_valeur_invalide", "Suivi 2025!I6") in lieux
    assert any(
        code == "finess_donnees" and (lieu or "").startswith("Suivi 2026!") for code, lieu in lieux
    )


def test_ligne_de_commande(
    moteur: Engine, suivi: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    chemin, fichier_lecture = suivi
    base = moteur.url.render_as_string(hide_password=False)
    commande = ["base", "importer", base, "mesures", str(chemin), "--le", "2026-02-01"]
    commande += ["--fichier-lecture", str(fichier_lecture)]
    assert main(commande) == 2  # the lecture names fiches: their catalogue is needed
    assert "--specs" in capsys.readouterr().err
    assert main([*commande, "--specs", str(SPECS)]) == 0
    assert "import n°1" in capsys.readouterr().out
    etablissements = ["base", "importer", base, "etablissements", str(chemin)]
    assert main([*etablissements, "--fichier-lecture", str(fichier_lecture)]) == 2


def test_ecarts_citent_la_cellule_corrigee(
    moteur: Engine, catalogue: Catalogue, suivi: tuple[Path, Path]
) -> None:
    """A value corrected in the workbook between two evaluations: the change of verdict is
    explained by the sheet and cell that changed."""
    chemin, fichier_lecture = suivi
    restreint = catalogue.restreindre(FICHES)
    lecture = load_lecture(fichier_lecture, restreint)
    import_etablissements(moteur, EXEMPLES / "etablissements.csv", le=le(2026))
    import_mesures_larges(moteur, chemin, lecture, le=le(2026, 2))
    avant = evaluate_base(moteur, restreint, 2025, au=le(2026, 3), le=le(2026, 3))
    classeur = openpyxl.load_workbook(chemin)
    feuille = classeur["Suivi 2025"]
    formes, total = feuille["C4"].value, feuille["D4"].value
    feuille["C4"] = 0 if formes else total  # the first establishment's 2025 count, flipped
    classeur.save(chemin)
    bilan = import_mesures_larges(moteur, chemin, lecture, le=le(2027, 2))
    assert bilan.corrections == 1
    apres = evaluate_base(moteur, restreint, 2025, au=le(2027, 3), le=le(2027, 3))
    ecarts = compare_evaluations(moteur, avant.id, apres.id)
    causes = [cause for ecart in ecarts for cause in ecart.causes]
    assert any(
        "cellule Suivi 2025!C4" in cause and "corrigée le 2027-02-01" in cause for cause in causes
    )
