"""Evaluation from the store: contracts in force, years a contract reaches back to."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from cpom_rules import Catalogue
from cpom_rules.base import evaluate_base, import_contrats, import_etablissements, import_mesures
from tests.base.outils import ecrire_csv, le, m
from tests.donnees_exemple import ecrire

CHU = "340780477"


def test_reference_du_contrat_hors_grille_du_catalogue(
    moteur: Engine, catalogue: Catalogue, tmp_path: Path
) -> None:
    contrat = tmp_path / "c.yaml"
    contrat.write_text(
        f'finess: "{CHU}"\nsignature: 2025-03-01\nfiches:\n  CPOM_OS_1:\n    mesures:\n'
        "      taux_formes:\n        cibles:\n"
        '          2025: {type: variation_points, points: 2, reference: "2022"}\n',
        encoding="utf-8",
    )
    etablissements, _ = ecrire(tmp_path)
    import_contrats(moteur, contrat, le=le(2026))
    import_etablissements(moteur, etablissements, le=le(2026))
    lignes = [
        m(CHU, 2022, "professionnels_formes", "8"),
        m(CHU, 2022, "professionnels_total", "100"),
        m(CHU, 2025, "professionnels_formes", "10"),
        m(CHU, 2025, "professionnels_total", "100"),
    ]
    import_mesures(moteur, ecrire_csv(tmp_path / "m.csv", lignes), le=le(2026))
    instantane = evaluate_base(moteur, catalogue, 2025, au=le(2026, 2), le=le(2026, 2))
    ligne = instantane.par_cle()[(CHU, "CPOM_OS_1", "taux_formes", 2025)]
    assert (ligne["statut"], ligne["origine"]) == ("atteint", "contrat initial du 2025-03-01")


def test_avant_tout_import_rien_n_est_lu(moteur: Engine, catalogue: Catalogue) -> None:
    instantane = evaluate_base(moteur, catalogue, 2025, au=le(2020), enregistrer=False)
    assert instantane.lignes == [] and instantane.id is None
    assert instantane.entrees["imports"] == []
