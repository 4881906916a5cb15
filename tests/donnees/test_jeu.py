"""The validated dataset (donnees/jeu.py): sorted establishments, contiguous years, source
lines kept per cell."""

from __future__ import annotations

from cpom_rules import load_dataset
from cpom_rules.formules.colonnes import Absence, Nombres
from tests.evaluation.fabrique import CODE, F1, F2, F3, enregistrements, etablissements, une_mesure

CATALOGUE = une_mesure({"type": "seuil", "min": 1})


def test_etablissements_tries_et_index() -> None:
    donnees = load_dataset(
        CATALOGUE,
        etablissements([F1, F3, F2]),
        enregistrements({F1: {2026: {"x": 3}}, F3: {2024: {"x": 1}}}),
    )
    assert list(donnees.finess) == sorted([F1, F2, F3])
    assert donnees.nombre_etablissements == 3
    assert [donnees.index_etablissement(f) for f in (F3, F2, F1)] == [0, 1, 2]
    assert donnees.index_etablissement("010000024") is None
    assert donnees.index_etablissement("999999999") is None
    assert donnees.annees == (2024, 2025, 2026, 2027, 2028, 2029)
    assert donnees.index_annee(2024) == 0
    assert donnees.index_annee(2029) == 5
    assert donnees.index_annee(2023) is None
    assert donnees.index_annee(2030) is None
    assert donnees.annees_avec_mesures == frozenset({2024, 2026})
    assert donnees.sources == ("etablissements", "mesures")


def test_grilles_avec_lignes_sources() -> None:
    donnees = load_dataset(
        CATALOGUE,
        etablissements([F1, F2]),
        enregistrements({F1: {2025: {"x": 3}, 2026: {"x": ""}}, F2: {2025: {"x": "z"}}}),
    )
    grille = donnees.variables[(CODE, "x")]
    assert isinstance(grille.colonne, Nombres)
    assert grille.colonne.num.shape == (2, 6) == grille.lignes.shape
    e1, e2 = donnees.index_etablissement(F1), donnees.index_etablissement(F2)
    assert grille.lignes[e1].tolist() == [0, 1, 2, 0, 0, 0]
    assert grille.lignes[e2].tolist() == [0, 3, 0, 0, 0, 0]
    assert grille.colonne.absence[e1].tolist() == [
        Absence.MANQUANTE,
        Absence.AUCUNE,
        Absence.MANQUANTE,
        Absence.MANQUANTE,
        Absence.MANQUANTE,
        Absence.MANQUANTE,
    ]
    assert grille.colonne.absence[e2, 1] == Absence.INVALIDE


def test_jeu_vide() -> None:
    donnees = load_dataset(CATALOGUE, {"finess": []}, [])
    assert donnees.nombre_etablissements == 0
    assert donnees.index_etablissement(F1) is None
    assert donnees.variables[(CODE, "x")].lignes.shape == (0, 6)
