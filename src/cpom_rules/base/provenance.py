"""Who imported what, when: the import record every stored row points to.

The clock and the OS user are read here, at the adapter's edge, and only when the caller
did not give them (tests and back-fills pass `le` and `utilisateur`).
"""

from __future__ import annotations

import datetime as dt
import getpass
import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Connection, func, select

from cpom_rules.base.schema import imports
from cpom_rules.base.textes import erreur
from cpom_rules.problemes import Probleme


@dataclass(frozen=True)
class Provenance:
    """The import being made: file, sheet, campaign, time and user."""

    fichier: str
    empreinte: str
    le: dt.datetime
    utilisateur: str
    campagne: int | None = None
    feuille: str | None = None


def provenance(
    source: str | Path,
    *,
    campagne: int | None = None,
    le: dt.datetime | None = None,
    utilisateur: str | None = None,
    feuille: str | None = None,
) -> Provenance:
    """The provenance of importing `source` now (or at `le`) as the OS user (or `utilisateur`)."""
    chemin = Path(source)
    empreinte = hashlib.sha256(chemin.read_bytes()).hexdigest() if chemin.is_file() else ""
    return Provenance(
        str(source),
        empreinte,
        (le or dt.datetime.now()).replace(microsecond=0, tzinfo=None),
        utilisateur or utilisateur_systeme(),
        campagne,
        feuille,
    )


def utilisateur_systeme() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (a container without /etc/passwd entry)
        return "inconnu"


@dataclass
class BilanImport:
    """What an import did: rows read, added (new or corrections), unchanged, and problems."""

    genre: str
    import_id: int | None = None
    lignes_lues: int = 0
    nouvelles: int = 0
    corrections: int = 0
    inchangees: int = 0
    problemes: list[Probleme] = field(default_factory=list)

    @property
    def ajoutees(self) -> int:
        return self.nouvelles + self.corrections


def enregistrer_import(
    connexion: Connection, genre: str, origine: Provenance, bilan: BilanImport
) -> int:
    """Insert the import record; return its id.

    Imports are journaled in time order: one dated before the latest recorded is refused,
    so that import ids and import times grow together (reading « as of » relies on it).
    """
    dernier = connexion.execute(select(func.max(imports.c.importe_le))).scalar_one_or_none()
    if dernier is not None and origine.le < dernier:
        raise erreur("import_anterieur", le=origine.le, dernier=dernier)
    resultat = connexion.execute(
        imports.insert().values(
            genre=genre,
            campagne=origine.campagne,
            fichier=origine.fichier,
            feuille=origine.feuille,
            empreinte=origine.empreinte,
            importe_le=origine.le,
            utilisateur=origine.utilisateur,
            lignes_lues=bilan.lignes_lues,
            lignes_ajoutees=bilan.ajoutees,
        )
    )
    cle = resultat.inserted_primary_key
    assert cle is not None
    return int(cle[0])
