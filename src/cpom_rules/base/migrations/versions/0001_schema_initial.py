"""The first schema of the campaign store, and the triggers that keep it append-only.

Revision ID: 0001
Revises:
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of the tables as they were at this revision (later revisions alter them).
Ident = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
_TABLES = (
    "imports",
    "etablissements",
    "mesures",
    "contrats",
    "avenants",
    "evaluations",
    "resultats",
)


def _cle() -> sa.Column[int]:
    return sa.Column("id", Ident, primary_key=True, autoincrement=True)


def upgrade() -> None:
    op.create_table(
        "imports",
        _cle(),
        sa.Column("genre", sa.String(20), nullable=False),
        sa.Column("campagne", sa.Integer, nullable=True),
        sa.Column("fichier", sa.Text, nullable=False),
        sa.Column("feuille", sa.Text, nullable=True),
        sa.Column("empreinte", sa.String(64), nullable=False),
        sa.Column("importe_le", sa.DateTime(timezone=False), nullable=False),
        sa.Column("utilisateur", sa.Text, nullable=False),
        sa.Column("lignes_lues", sa.Integer, nullable=False),
        sa.Column("lignes_ajoutees", sa.Integer, nullable=False),
    )
    op.create_table(
        "etablissements",
        _cle(),
        sa.Column("finess", sa.String(9), nullable=False),
        sa.Column("valide_du", sa.Date, nullable=False),
        sa.Column("raison_sociale", sa.Text, nullable=False),
        sa.Column("attributs", sa.Text, nullable=False),
        sa.Column("import_id", Ident, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("ligne", sa.Integer, nullable=False),
    )
    op.create_index("ix_etablissements_finess", "etablissements", ["finess", "valide_du"])
    op.create_table(
        "mesures",
        _cle(),
        sa.Column("finess", sa.String(9), nullable=False),
        sa.Column("indicateur", sa.String(64), nullable=False),
        sa.Column("annee", sa.Integer, nullable=False),
        sa.Column("variable", sa.String(64), nullable=False),
        sa.Column("valeur", sa.Text, nullable=False),
        sa.Column("commentaire", sa.Text, nullable=False),
        sa.Column("preuves", sa.Text, nullable=False),
        sa.Column("import_id", Ident, sa.ForeignKey("imports.id"), nullable=False),
        sa.Column("ligne", sa.Integer, nullable=False),
        sa.Column("cellule", sa.String(32), nullable=True),
        sa.Column("remplace_id", Ident, nullable=True),
    )
    op.create_index(
        "ix_mesures_cle", "mesures", ["finess", "indicateur", "annee", "variable", "id"]
    )
    op.create_index("ix_mesures_import", "mesures", ["import_id"])
    op.create_index("ix_mesures_remplace", "mesures", ["remplace_id"])
    op.create_table(
        "contrats",
        _cle(),
        sa.Column("finess", sa.String(9), nullable=False),
        sa.Column("signature", sa.Date, nullable=False),
        sa.Column("texte", sa.Text, nullable=False),
        sa.Column("empreinte", sa.String(64), nullable=False),
        sa.Column("import_id", Ident, sa.ForeignKey("imports.id"), nullable=False),
    )
    op.create_index("ix_contrats_finess", "contrats", ["finess", "id"])
    op.create_table(
        "avenants",
        _cle(),
        sa.Column("contrat_id", Ident, sa.ForeignKey("contrats.id"), nullable=False),
        sa.Column("finess", sa.String(9), nullable=False),
        sa.Column("numero", sa.Integer, nullable=False),
        sa.Column("date", sa.Date, nullable=False),
        sa.Column("a_partir_de", sa.Integer, nullable=False),
        sa.Column("motif", sa.Text, nullable=False),
        sa.Column("fiches", sa.Text, nullable=False),
    )
    op.create_table(
        "evaluations",
        _cle(),
        sa.Column("campagne", sa.Integer, nullable=False),
        sa.Column("realisee_le", sa.DateTime(timezone=False), nullable=False),
        sa.Column("au", sa.DateTime(timezone=False), nullable=False),
        sa.Column("utilisateur", sa.Text, nullable=False),
        sa.Column("empreinte_catalogue", sa.String(64), nullable=False),
        sa.Column("version_paquet", sa.String(32), nullable=False),
        sa.Column("annees", sa.String(64), nullable=False),
        sa.Column("entrees", sa.Text, nullable=False),
        sa.Column("empreinte_resultats", sa.String(64), nullable=False),
        sa.Column("nombre_resultats", sa.Integer, nullable=False),
    )
    op.create_table(
        "resultats",
        sa.Column("evaluation_id", Ident, sa.ForeignKey("evaluations.id"), nullable=False),
        sa.Column("finess", sa.String(9), nullable=False),
        sa.Column("indicateur", sa.String(64), nullable=False),
        sa.Column("mesure", sa.String(64), nullable=False),
        sa.Column("annee", sa.Integer, nullable=False),
        sa.Column("statut", sa.String(32), nullable=False),
        sa.Column("raison", sa.String(64), nullable=True),
        sa.Column("valeur", sa.Text, nullable=True),
        sa.Column("cible", sa.Text, nullable=True),
        sa.Column("cible_valeur", sa.Text, nullable=True),
        sa.Column("origine", sa.Text, nullable=True),
        sa.Column("preuves_manquantes", sa.Text, nullable=False),
    )
    op.create_index(
        "ix_resultats_cle",
        "resultats",
        ["evaluation_id", "finess", "indicateur", "mesure", "annee"],
    )
    _ajout_seul()


def _ajout_seul() -> None:
    """Refuse UPDATE and DELETE on every table: history is never rewritten."""
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE FUNCTION cpom_ajout_seul() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            "RAISE EXCEPTION 'cpom_rules : la table % est en ajout seul', TG_TABLE_NAME; END $$"
        )
        for table in _TABLES:
            op.execute(
                f"CREATE TRIGGER {table}_ajout_seul BEFORE UPDATE OR DELETE ON {table} "
                "FOR EACH ROW EXECUTE FUNCTION cpom_ajout_seul()"
            )
        return
    for table in _TABLES:
        for operation in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER {table}_{operation.lower()}_interdit BEFORE {operation} "
                f"ON {table} BEGIN SELECT RAISE(ABORT, 'cpom_rules : table {table} en ajout "
                "seul'); END"
            )


def downgrade() -> None:
    for table in reversed(_TABLES):
        op.drop_table(table)
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP FUNCTION IF EXISTS cpom_ajout_seul()")
