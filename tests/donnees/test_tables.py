"""Raw tables (donnees/tables.py): header normalisation and aliases, duplicated and uneven
columns."""

from __future__ import annotations

import pytest

from cpom_rules import ErreurDonnees
from cpom_rules.donnees.tables import normaliser_entete, table_depuis_colonnes


@pytest.mark.parametrize(
    ("entete", "normalise"),
    [
        ("Année", "annee"),
        ("ANNEE", "annee"),
        ("  année  ", "annee"),
        ("N° FINESS", "n_finess"),
        ("Raison sociale", "raison_sociale"),
        ("raison-sociale", "raison_sociale"),
        ("Preuves fournies", "preuves_fournies"),
        ("__x__", "x"),
        ("", ""),
        (12, "12"),
    ],
)
def test_normaliser_entete(entete: object, normalise: str) -> None:
    assert normaliser_entete(entete) == normalise


@pytest.mark.parametrize(
    ("entete", "cle"),
    [
        ("N° FINESS", "finess"),
        ("FINESS ET", "finess"),
        ("Nom", "raison_sociale"),
        ("Établissement", "raison_sociale"),
        ("Code indicateur", "indicateur"),
        ("Fiche", "indicateur"),
        ("Year", "annee"),
        ("Value", "valeur"),
        ("Commentaires", "commentaire"),
        ("Preuves fournies", "preuves"),
    ],
)
def test_alias(entete: str, cle: str) -> None:
    table = table_depuis_colonnes("t", {entete: ["v"]})
    assert table.colonne(cle) == ["v"]
    assert table.entetes[cle] == entete


def test_deux_entetes_pour_la_meme_donnee() -> None:
    table = table_depuis_colonnes("t", {"Année": ["2025"], "year": ["2026"]})
    assert table.colonne("annee") == ["2025"]
    [probleme] = table.problemes
    assert probleme.code == "colonne_en_double"
    assert "« year »" in probleme.message and "« Année »" in probleme.message


def test_colonnes_de_longueurs_differentes() -> None:
    with pytest.raises(ErreurDonnees) as erreur:
        table_depuis_colonnes("t", {"finess": ["a", "b"], "lits": [1]})
    assert "finess : 2, lits : 1" in str(erreur.value)


def test_lignes_par_defaut() -> None:
    table = table_depuis_colonnes("t", {"a": [1, 2, 3]})
    assert table.lignes.tolist() == [1, 2, 3]
    assert len(table) == 3
    assert len(table_depuis_colonnes("t", {})) == 0
