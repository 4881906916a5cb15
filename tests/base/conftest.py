"""Both back-ends for every store test: a SQLite file and a real PostgreSQL server.

The PostgreSQL server is the distribution's (``apt-get install postgresql``), started once per
session in a temporary folder with ``initdb`` and ``pg_ctl`` on a Unix socket only; as root it
runs as the ``postgres`` user (PostgreSQL refuses to run as root). Each test gets a new,
empty database. Without the binaries or psycopg, the PostgreSQL half is skipped with the reason.
"""

from __future__ import annotations

import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")
pytest.importorskip("alembic")

from sqlalchemy import Engine  # noqa: E402

from cpom_rules.base import init_base, open_base  # noqa: E402
from tests.base.serveur_postgres import ServeurPostgres, binaires_postgres  # noqa: E402

NouvelleBase = Callable[..., Engine]


@pytest.fixture(scope="session")
def serveur_postgres() -> Iterator[ServeurPostgres]:
    binaires = binaires_postgres()
    if binaires is None:
        pytest.skip("PostgreSQL absent (apt-get install postgresql) : moitié PostgreSQL non testée")
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg absent (pip install 'cpom_rules[postgresql]')")
    serveur = ServeurPostgres(binaires)
    try:
        serveur.demarrer()
    except subprocess.CalledProcessError as exc:
        serveur.arreter()
        pytest.fail(f"PostgreSQL n'a pas démarré : {exc.stderr.decode(errors='replace')}")
    yield serveur
    serveur.arreter()


@pytest.fixture(params=["sqlite", "postgresql"])
def nouvelle_base(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[NouvelleBase]:
    """A factory of new stores on the parametrised back-end, initialised to the latest
    revision (or to `jusqua`)."""
    moteurs: list[Engine] = []

    def creer(jusqua: str = "head") -> Engine:
        if request.param == "sqlite":
            cible = str(tmp_path / f"base{len(moteurs)}.sqlite")
        else:
            cible = request.getfixturevalue("serveur_postgres").nouvelle_base()
        moteur = open_base(cible)
        init_base(moteur, jusqua)
        moteurs.append(moteur)
        return moteur

    yield creer
    for moteur in moteurs:
        moteur.dispose()


@pytest.fixture
def moteur(nouvelle_base: NouvelleBase) -> Engine:
    """One new, initialised store on the parametrised back-end."""
    return nouvelle_base()
