"""The migrations create the schema the code expects, and the store refuses to rewrite history."""

from __future__ import annotations

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import Engine, delete, inspect, text, update
from sqlalchemy.exc import DBAPIError

from cpom_rules.base import init_base, open_base, revision_base, verifier_revision
from cpom_rules.base.schema import TABLES_EN_AJOUT_SEUL, mesures, metadata
from cpom_rules.problemes import ErreurUsage
from tests.base.conftest import NouvelleBase


def test_migration_identique_au_modele(moteur: Engine) -> None:
    with moteur.connect() as connexion:
        differences = compare_metadata(MigrationContext.configure(connexion), metadata)
    assert differences == []
    assert set(TABLES_EN_AJOUT_SEUL) <= set(inspect(moteur).get_table_names())


def test_init_deux_fois_ne_change_rien(moteur: Engine) -> None:
    assert init_base(moteur) == revision_base(moteur) == "0003"


def test_base_non_initialisee_refusee(tmp_path: pytest.TempPathFactory) -> None:
    moteur = open_base(str(tmp_path) + "/vide.sqlite")  # type: ignore[operator]
    with pytest.raises(ErreurUsage, match="base init"):
        verifier_revision(moteur)


def _une_mesure(moteur: Engine, cellule: str | None = None) -> None:
    with moteur.begin() as connexion:
        connexion.execute(
            text(
                "INSERT INTO imports (genre, fichier, empreinte, importe_le, utilisateur, "
                "lignes_lues, lignes_ajoutees) VALUES ('mesures', 'f', '', '2026-01-01', 'x', 1, 1)"
            )
        )
        import_id = connexion.execute(text("SELECT max(id) FROM imports")).scalar_one()
        connexion.execute(
            mesures.insert().values(
                finess="340780477",
                indicateur="CPOM_OS_1",
                annee=2025,
                variable="v",
                valeur="1",
                commentaire="",
                preuves="",
                import_id=import_id,
                ligne=2,
                cellule=cellule,
            )
        )


def _ajout_seul_verifie(moteur: Engine) -> None:
    for instruction in (update(mesures).values(valeur="2"), delete(mesures)):
        with pytest.raises(DBAPIError, match="ajout seul"), moteur.begin() as connexion:
            connexion.execute(instruction)


def test_ajout_seul(moteur: Engine) -> None:
    _une_mesure(moteur)
    _ajout_seul_verifie(moteur)
    with moteur.connect() as connexion:
        assert connexion.execute(text("SELECT valeur FROM mesures")).scalar_one() == "1"


def test_montee_vers_0002_garde_les_lignes_et_l_ajout_seul(nouvelle_base: NouvelleBase) -> None:
    """A store created at 0001 with measures, upgraded: its rows stay, UPDATE and DELETE are
    still refused (SQLite copies the table to alter it), and a cell may now name its sheet."""
    moteur = nouvelle_base("0001")
    assert revision_base(moteur) == "0001"
    _une_mesure(moteur, "C2")
    assert init_base(moteur) == revision_base(moteur) == "0003"
    verifier_revision(moteur)
    _ajout_seul_verifie(moteur)
    feuille = "Suivi des indicateurs 2025 ARS!XFD1048576"  # 41 characters
    _une_mesure(moteur, feuille)
    with moteur.connect() as connexion:
        cellules = connexion.execute(text("SELECT cellule FROM mesures ORDER BY id")).scalars()
        assert list(cellules) == ["C2", feuille]
        differences = compare_metadata(MigrationContext.configure(connexion), metadata)
    assert differences == []


def test_deux_bases_independantes(nouvelle_base: NouvelleBase) -> None:
    premiere, seconde = nouvelle_base(), nouvelle_base()
    assert premiere.url != seconde.url
