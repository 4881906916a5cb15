"""The campaign store's tables (SQLAlchemy Core), as created by the Alembic migrations.

Append-only by construction: no statement of this package updates or deletes a row, and the
migrations add triggers that refuse it (SQLite and PostgreSQL alike). A correction is a new
row; « as of » a date is read by keeping, per key, the latest row imported by then.

    imports ─┬─< etablissements      (finess, valide_du, attributs)
             ├─< mesures             (finess, indicateur, annee, variable, valeur, remplace_id)
             └─< contrats            (finess, texte YAML, empreinte) ─< avenants
    evaluations ─< resultats         (snapshot: catalogue hash, package version, inputs, date)
"""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

metadata = MetaData()

# Integer ids that are 64-bit on PostgreSQL and the rowid on SQLite.
Ident = BigInteger().with_variant(Integer(), "sqlite")

imports = Table(
    "imports",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("genre", String(20), nullable=False),  # etablissements | mesures | contrats
    Column("campagne", Integer, nullable=True),
    Column("fichier", Text, nullable=False),
    Column("feuille", Text, nullable=True),
    Column("empreinte", String(64), nullable=False),  # sha256 of the file's bytes
    Column("importe_le", DateTime(timezone=False), nullable=False),
    Column("utilisateur", Text, nullable=False),
    Column("lignes_lues", Integer, nullable=False),
    Column("lignes_ajoutees", Integer, nullable=False),
)

etablissements = Table(
    "etablissements",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("finess", String(9), nullable=False),
    Column("valide_du", Date, nullable=False),
    Column("raison_sociale", Text, nullable=False),
    Column("attributs", Text, nullable=False),  # JSON object, sorted keys
    Column("import_id", Ident, ForeignKey("imports.id"), nullable=False),
    Column("ligne", Integer, nullable=False),
    Index("ix_etablissements_finess", "finess", "valide_du"),
)

mesures = Table(
    "mesures",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("finess", String(9), nullable=False),
    Column("indicateur", String(64), nullable=False),
    Column("annee", Integer, nullable=False),
    Column("variable", String(64), nullable=False),
    Column("valeur", Text, nullable=False),  # as written in the file; "" = missing
    Column("commentaire", Text, nullable=False),
    Column("preuves", Text, nullable=False),
    Column("import_id", Ident, ForeignKey("imports.id"), nullable=False),
    Column("ligne", Integer, nullable=False),
    Column("cellule", Text, nullable=True),  # « C7 », or « Suivi 2025!C7 » (0002)
    Column("remplace_id", Ident, nullable=True),  # the row this one corrects
    Index("ix_mesures_cle", "finess", "indicateur", "annee", "variable", "id"),
    Index("ix_mesures_import", "import_id"),
    Index("ix_mesures_remplace", "remplace_id"),
)

contrats = Table(
    "contrats",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("finess", String(9), nullable=False),
    Column("signature", Date, nullable=False),
    Column("texte", Text, nullable=False),  # the YAML file as imported
    Column("empreinte", String(64), nullable=False),
    Column("import_id", Ident, ForeignKey("imports.id"), nullable=False),
    Index("ix_contrats_finess", "finess", "id"),
)

avenants = Table(
    "avenants",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("contrat_id", Ident, ForeignKey("contrats.id"), nullable=False),
    Column("finess", String(9), nullable=False),
    Column("numero", Integer, nullable=False),
    Column("date", Date, nullable=False),
    Column("a_partir_de", Integer, nullable=False),
    Column("motif", Text, nullable=False),
    Column("fiches", Text, nullable=False),  # the fiche codes it changes, « ; »-separated
)

evaluations = Table(
    "evaluations",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("campagne", Integer, nullable=False),
    Column("realisee_le", DateTime(timezone=False), nullable=False),
    Column("au", DateTime(timezone=False), nullable=False),  # state of the store used
    Column("utilisateur", Text, nullable=False),
    Column("empreinte_catalogue", String(64), nullable=False),
    Column("version_paquet", String(32), nullable=False),
    Column("annees", String(64), nullable=False),
    Column("entrees", Text, nullable=False),  # JSON: ids of the imports and rows read
    Column("empreinte_resultats", String(64), nullable=False),
    Column("nombre_resultats", Integer, nullable=False),
)

resultats = Table(
    "resultats",
    metadata,
    Column("evaluation_id", Ident, ForeignKey("evaluations.id"), nullable=False),
    Column("finess", String(9), nullable=False),
    Column("indicateur", String(64), nullable=False),
    Column("mesure", String(64), nullable=False),
    Column("annee", Integer, nullable=False),
    Column("statut", String(32), nullable=False),
    Column("raison", String(64), nullable=True),
    Column("valeur", Text, nullable=True),
    Column("cible", Text, nullable=True),
    Column("cible_valeur", Text, nullable=True),
    Column("origine", Text, nullable=True),  # contract version that set the target, if any
    Column("preuves_manquantes", Text, nullable=False),
    Index("ix_resultats_cle", "evaluation_id", "finess", "indicateur", "mesure", "annee"),
)

# An evaluation marked as sent to the establishments: what the final report calls « as sent ».
envois = Table(
    "envois",
    metadata,
    Column("id", Ident, primary_key=True, autoincrement=True),
    Column("evaluation_id", Ident, ForeignKey("evaluations.id"), nullable=False),
    Column("envoye_le", DateTime(timezone=False), nullable=False),
    Column("utilisateur", Text, nullable=False),
    Column("note", Text, nullable=False),  # the letter's reference, a recipient… ("" if none)
    Index("ix_envois_evaluation", "evaluation_id"),
)

TABLES_EN_AJOUT_SEUL = (
    "imports",
    "etablissements",
    "mesures",
    "contrats",
    "avenants",
    "evaluations",
    "resultats",
    "envois",
)
