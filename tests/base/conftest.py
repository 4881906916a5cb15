"""Both back-ends for every store test: a SQLite file and a real PostgreSQL server.

The PostgreSQL server is the distribution's (``apt-get install postgresql``), started once per
session in a temporary folder with ``initdb`` and ``pg_ctl`` on a Unix socket only; as root it
runs as the ``postgres`` user (PostgreSQL refuses to run as root). Each test gets a new,
empty database. Without the binaries or psycopg, the PostgreSQL half is skipped with the reason.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

sqlalchemy = pytest.importorskip("sqlalchemy")
pytest.importorskip("alembic")

from sqlalchemy import Engine  # noqa: E402

from cpom_rules.base import init_base, open_base  # noqa: E402

NouvelleBase = Callable[[], Engine]


def _binaires() -> Path | None:
    candidats = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"), reverse=True)
    if candidats:
        return candidats[0].parent
    trouve = shutil.which("initdb")
    return Path(trouve).parent if trouve else None


def _commande(arguments: list[str]) -> list[str]:
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *arguments]
    return arguments


class ServeurPostgres:
    """A throw-away PostgreSQL cluster listening on a socket in a temporary folder."""

    def __init__(self, binaires: Path) -> None:
        self.binaires = binaires
        self.dossier = Path(tempfile.mkdtemp(prefix="cpom-pg-"))
        self.donnees = self.dossier / "donnees"
        self.port = 54_000 + os.getpid() % 1000
        self.compteur = itertools.count(1)

    def demarrer(self) -> None:
        if os.geteuid() == 0:
            shutil.chown(self.dossier, "postgres", "postgres")

        def executer(*arguments: str) -> None:
            subprocess.run(
                _commande([str(self.binaires / arguments[0]), *arguments[1:]]),
                check=True,
                capture_output=True,
                timeout=120,
            )

        executer("initdb", "-D", str(self.donnees), "-A", "trust", "-U", "postgres", "-E", "UTF8")
        options = f"-p {self.port} -k {self.dossier} -c listen_addresses='' -c fsync=off"
        executer(
            "pg_ctl",
            "-D",
            str(self.donnees),
            "-o",
            options,
            "-l",
            str(self.dossier / "log"),
            "-w",
            "start",
        )

    def url(self, base: str) -> str:
        return f"postgresql+psycopg://postgres@/{base}?host={self.dossier}&port={self.port}"

    def nouvelle_base(self) -> str:
        nom = f"cpom_test_{next(self.compteur)}"
        moteur = sqlalchemy.create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT")
        with moteur.connect() as connexion:
            connexion.exec_driver_sql(f"CREATE DATABASE {nom}")
        moteur.dispose()
        return self.url(nom)

    def arreter(self) -> None:
        subprocess.run(
            _commande(
                [str(self.binaires / "pg_ctl"), "-D", str(self.donnees), "-m", "immediate", "stop"]
            ),
            check=False,
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.dossier, ignore_errors=True)


@pytest.fixture(scope="session")
def serveur_postgres() -> Iterator[ServeurPostgres]:
    binaires = _binaires()
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
    """A factory of new, initialised stores on the parametrised back-end."""
    moteurs: list[Engine] = []

    def creer() -> Engine:
        if request.param == "sqlite":
            cible = str(tmp_path / f"base{len(moteurs)}.sqlite")
        else:
            cible = request.getfixturevalue("serveur_postgres").nouvelle_base()
        moteur = open_base(cible)
        init_base(moteur)
        moteurs.append(moteur)
        return moteur

    yield creer
    for moteur in moteurs:
        moteur.dispose()


@pytest.fixture
def moteur(nouvelle_base: NouvelleBase) -> Engine:
    """One new, initialised store on the parametrised back-end."""
    return nouvelle_base()
