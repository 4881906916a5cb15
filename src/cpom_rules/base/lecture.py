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
from sqlalchemy import Connection, exists, func, select

from cpom_rules.base.schema import contrats, etablissements, imports, mesures
from cpom_rules.donnees.tables import TableBrute, table_depuis_colonnes
from cpom_rules.problemes import ErreurSpec, erreurs
from cpom_rules.spec.chargement import validate_document
from cpom_rules.spec.contrat import Contrat
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
    colonnes: list[Any], cle: list[Any], ordre: list[Any], au: dt.datetime, *conditions: Any
) -> Any:
    """`colonnes` of the latest row per `cle` among rows imported by `au` (and meeting
    `conditions`): one window query, so that both back-ends plan it as a single sort."""
    rang = (
        func.row_number().over(partition_by=cle, order_by=[o.desc() for o in ordre]).label("rang")
    )
    table = colonnes[0].table
    classees = (
        select(*colonnes, rang)
        .join(imports, imports.c.id == table.c.import_id)
        .where(imports.c.importe_le <= au, *conditions)
        .subquery()
    )
    return select(*(classees.c[c.name] for c in colonnes)).where(classees.c.rang == 1)


def mesures_courantes(dernier_import: int) -> Any:
    """The measure rows in force once import `dernier_import` was made: those imported by
    then that no row imported by then corrects. Imports are made in time order (see
    `provenance.enregistrer_import`), so this is « the latest row of each key », found with an
    index probe per row instead of a sort of the whole table."""
    successeur = mesures.alias("successeur")
    corrigee = exists().where(
        successeur.c.remplace_id == mesures.c.id, successeur.c.import_id <= dernier_import
    )
    return (
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
        .where(mesures.c.import_id <= dernier_import, ~corrigee)
        .order_by(mesures.c.id)
    )


def read_etat(connexion: Connection, au: dt.datetime) -> Etat:
    """The establishments, measures and contracts as the store held them at `au`."""
    dernier_import = connexion.execute(
        select(func.max(imports.c.id)).where(imports.c.importe_le <= au)
    ).scalar_one_or_none()
    lignes = connexion.execute(mesures_courantes(dernier_import or 0)).all()
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
    etabs = sorted(
        connexion.execute(
            _derniers(
                [
                    etablissements.c.finess,
                    etablissements.c.id,
                    etablissements.c.raison_sociale,
                    etablissements.c.attributs,
                ],
                [etablissements.c.finess],
                [etablissements.c.valide_du, imports.c.importe_le, etablissements.c.id],
                au,
                etablissements.c.valide_du <= au.date(),
            )
        ).all()
    )
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
    textes = sorted(
        connexion.execute(
            _derniers(
                [contrats.c.finess, contrats.c.id, contrats.c.texte],
                [contrats.c.finess],
                [imports.c.importe_le, contrats.c.id],
                au,
            )
        ).all()
    )
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
