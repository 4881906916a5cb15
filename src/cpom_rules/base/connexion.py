"""Open the store (a SQLite file by default, PostgreSQL by URL) and migrate its schema.

Migrations are Alembic's, run in code on the open connection: ``cpom-rules base init`` on a
new file creates every table; on an existing store it applies the revisions it lacks, so an
older store is upgraded in place without losing a row.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event

from cpom_rules.base.textes import erreur

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def url_base(cible: str | Path) -> str:
    """A SQLAlchemy URL: given as is (``postgresql+psycopg://…``), or a SQLite file path."""
    texte = str(cible)
    if "://" in texte:
        return texte
    return f"sqlite:///{Path(texte).resolve()}"


def open_base(cible: str | Path) -> Engine:
    """An engine on the store; SQLite gets foreign keys, WAL journaling and fast syncs."""
    url = url_base(cible)
    moteur = create_engine(url)
    if moteur.dialect.name == "sqlite":
        event.listen(moteur, "connect", _reglages_sqlite)
    return moteur


def _reglages_sqlite(connexion_dbapi: Any, _enregistrement: Any) -> None:
    curseur = connexion_dbapi.cursor()
    curseur.execute("PRAGMA foreign_keys = ON")
    curseur.execute("PRAGMA journal_mode = WAL")
    curseur.execute("PRAGMA synchronous = NORMAL")
    curseur.close()


def _configuration() -> Config:
    configuration = Config()
    configuration.set_main_option("script_location", str(MIGRATIONS))
    return configuration


def init_base(moteur: Engine, jusqua: str = "head") -> str:
    """Create or upgrade the schema to the latest revision (or to `jusqua`, to stage an
    upgrade); return the revision the store is at."""
    configuration = _configuration()
    with moteur.begin() as connexion:
        configuration.attributes["connection"] = connexion
        command.upgrade(configuration, jusqua)
    return derniere_revision() if jusqua == "head" else jusqua


def derniere_revision() -> str:
    """The revision the code expects (the head of the migrations)."""
    tete = ScriptDirectory.from_config(_configuration()).get_current_head()
    assert tete is not None
    return tete


def revision_base(moteur: Engine) -> str | None:
    """The revision the store is at (None: not initialised)."""
    with moteur.connect() as connexion:
        return MigrationContext.configure(connexion).get_current_revision()


def verifier_revision(moteur: Engine) -> None:
    """Refuse to work on a store that is not initialised or not migrated to the latest schema."""
    actuelle = revision_base(moteur)
    attendue = derniere_revision()
    if actuelle != attendue:
        raise erreur("base_non_migree", actuelle=actuelle or "—", attendue=attendue)
