"""A throw-away PostgreSQL server from the distribution's packages (tests and benchmarks).

``initdb`` and ``pg_ctl`` in a temporary folder, listening on a Unix socket only, with fsync
off; as root it runs as the ``postgres`` user, since PostgreSQL refuses to run as root.
"""

from __future__ import annotations

import itertools
import os
import shutil
import subprocess
import tempfile
from pathlib import Path

import sqlalchemy


def binaires_postgres() -> Path | None:
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
