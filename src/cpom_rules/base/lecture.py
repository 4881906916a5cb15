"""Read the store as it stood at a moment: the rows imported by then, latest per key.

This is what makes an evaluation reproducible: the same moment gives the same tables, the
same contracts, hence (with the same catalogue and package) the same results, bit for bit.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sqlalchemy import Connection, func, select

from cpom_rules.base.schema import contrats, etablissements, imports, mesures
from cpom_rules.contrats.modele import Contrat
from cpom_rules.donnees.tables import TableBrute, table_depuis_colonnes
from cpom_rules.problemes import ErreurSpec, erreurs
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.source import read_yaml_text

SOURCE_MESURES = "base:mesures"
SOURCE_ETABLISSEMENTS = "base:etablissements"


@dataclass(frozen=True)
class Etat:
    """The store at `au`: both tables (source rows = store ids), the contracts, and input ids."""

    au: dt.datetime
    etablissements: TableBrute
    mesures: TableBrute
    contrats: tuple[Contrat, ...]
    entrees: dict[str, Any] = field(default_factory=dict)


def _derniers(
    cle: list[Any], ordre: list[Any], au: dt.datetime, table: Any, *conditions: Any
) -> Any:
    """The id of the latest row per `cle` among rows imported by `au` (and meeting `conditions`)."""
    rang = (
        func.row_number().over(partition_by=cle, order_by=[o.desc() for o in ordre]).label("rang")
    )
    classes = (
        select(table.c.id, rang)
        .join(imports, imports.c.id == table.c.import_id)
        .where(imports.c.importe_le <= au, *conditions)
        .subquery()
    )
    return select(classes.c.id).where(classes.c.rang == 1)


def read_etat(connexion: Connection, au: dt.datetime) -> Etat:
    """The establishments, measures and contracts as the store held them at `au`."""
    ids_mesures = _derniers(
        [mesures.c.finess, mesures.c.indicateur, mesures.c.annee, mesures.c.variable],
        [imports.c.importe_le, mesures.c.id],
        au,
        mesures,
    )
    lignes = connexion.execute(
        select(
            mesures.c.id,
            mesures.c.finess,
            mesures.c.indicateur,
            mesures.c.annee,
            mesures.c.variable,
            mesures.c.valeur,
            mesures.c.commentaire,
            mesures.c.preuves,
        )
        .where(mesures.c.id.in_(ids_mesures))
        .order_by(mesures.c.id)
    ).all()
    colonnes_mesures: dict[str, list[Any]] = {
        nom: [ligne[i + 1] for ligne in lignes]
        for i, nom in enumerate(
            ("finess", "indicateur", "annee", "variable", "valeur", "commentaire", "preuves")
        )
    }
    colonnes_mesures["annee"] = [str(a) for a in colonnes_mesures["annee"]]
    table_mesures = table_depuis_colonnes(
        SOURCE_MESURES, colonnes_mesures, np.array([ligne[0] for ligne in lignes], dtype=np.int64)
    )
    ids_etab = _derniers(
        [etablissements.c.finess],
        [etablissements.c.valide_du, imports.c.importe_le, etablissements.c.id],
        au,
        etablissements,
        etablissements.c.valide_du <= au.date(),
    )
    etabs = connexion.execute(
        select(
            etablissements.c.id,
            etablissements.c.finess,
            etablissements.c.raison_sociale,
            etablissements.c.attributs,
        )
        .where(etablissements.c.id.in_(ids_etab))
        .order_by(etablissements.c.finess)
    ).all()
    attributs = [json.loads(e.attributs) for e in etabs]
    noms = sorted({nom for a in attributs for nom in a})
    colonnes_etab: dict[str, list[Any]] = {
        "finess": [e.finess for e in etabs],
        "raison_sociale": [e.raison_sociale for e in etabs],
        **{nom: [a.get(nom, "") for a in attributs] for nom in noms},
    }
    table_etab = table_depuis_colonnes(
        SOURCE_ETABLISSEMENTS, colonnes_etab, np.array([e.id for e in etabs], dtype=np.int64)
    )
    ids_contrats = _derniers(
        [contrats.c.finess], [imports.c.importe_le, contrats.c.id], au, contrats
    )
    textes = connexion.execute(
        select(contrats.c.id, contrats.c.texte)
        .where(contrats.c.id.in_(ids_contrats))
        .order_by(contrats.c.finess)
    ).all()
    lus = tuple(_contrat(t.texte, f"base:contrats/{t.id}") for t in textes)
    imports_lus = connexion.execute(
        select(imports.c.id).where(imports.c.importe_le <= au).order_by(imports.c.id)
    ).scalars()
    entrees = {
        "imports": list(imports_lus),
        "mesures": len(lignes),
        "etablissements": [e.id for e in etabs],
        "contrats": [t.id for t in textes],
    }
    return Etat(au, table_etab, table_mesures, lus, entrees)


def _contrat(texte: str, nom: str) -> Contrat:
    document, problemes = read_yaml_text(texte, nom)
    if document is None:
        raise ErreurSpec(problemes)
    contrat, _, defauts = validate_document(document, Contrat)
    if contrat is None or erreurs(defauts):
        raise ErreurSpec(defauts)
    return contrat
