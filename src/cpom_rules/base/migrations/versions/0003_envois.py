"""Evaluations marked as sent to the establishments (`envois`), append-only like the rest:
the final report's « as sent » verdicts are those of the evaluation sent for each campaign.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

Ident = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "envois",
        sa.Column("id", Ident, primary_key=True, autoincrement=True),
        sa.Column("evaluation_id", Ident, sa.ForeignKey("evaluations.id"), nullable=False),
        sa.Column("envoye_le", sa.DateTime(timezone=False), nullable=False),
        sa.Column("utilisateur", sa.Text, nullable=False),
        sa.Column("note", sa.Text, nullable=False),
    )
    op.create_index("ix_envois_evaluation", "envois", ["evaluation_id"])
    if op.get_bind().dialect.name == "postgresql":
        # cpom_ajout_seul() is the function revision 0001 created for every table.
        op.execute(
            "CREATE TRIGGER envois_ajout_seul BEFORE UPDATE OR DELETE ON envois "
            "FOR EACH ROW EXECUTE FUNCTION cpom_ajout_seul()"
        )
        return
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER envois_{operation.lower()}_interdit BEFORE {operation} ON envois "
            "BEGIN SELECT RAISE(ABORT, 'cpom_rules : table envois en ajout seul'); END"
        )


def downgrade() -> None:
    op.drop_table("envois")
