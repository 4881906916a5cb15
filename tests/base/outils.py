"""Small helpers of the store tests: write a CSV, read the store's rows back."""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, select

from cpom_rules.base.schema import mesures

ENTETE = ("finess", "indicateur", "annee", "variable", "valeur", "commentaire", "preuves")


def ecrire_csv(
    chemin: Path, lignes: Sequence[Sequence[Any]], entete: Sequence[str] = ENTETE
) -> Path:
    with chemin.open("w", encoding="utf-8", newline="") as fichier:
        ecrivain = csv.writer(fichier, delimiter=";")
        ecrivain.writerow(entete)
        ecrivain.writerows(lignes)
    return chemin


def m(
    finess: str, annee: int, variable: str, valeur: str, fiche: str = "CPOM_OS_1"
) -> tuple[str, ...]:
    return (finess, fiche, str(annee), variable, valeur, "", "")


def lignes_mesures(moteur: Engine) -> list[tuple[Any, ...]]:
    """Every stored measure row: (id, key…, value, replaced id)."""
    with moteur.connect() as connexion:
        return [
            tuple(r)
            for r in connexion.execute(
                select(
                    mesures.c.id,
                    mesures.c.finess,
                    mesures.c.indicateur,
                    mesures.c.annee,
                    mesures.c.variable,
                    mesures.c.valeur,
                    mesures.c.remplace_id,
                ).order_by(mesures.c.id)
            )
        ]


def etat_courant(moteur: Engine) -> dict[tuple[Any, ...], str]:
    """The latest value of each key."""
    courant: dict[tuple[Any, ...], str] = {}
    for _, *cle, valeur, _ in lignes_mesures(moteur):
        courant[tuple(cle)] = valeur
    return courant


def le(annee: int, mois: int = 1, jour: int = 1) -> dt.datetime:
    return dt.datetime(annee, mois, jour, 12, 0)
