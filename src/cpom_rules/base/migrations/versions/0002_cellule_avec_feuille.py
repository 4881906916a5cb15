"""A stored measure's cell may name its sheet (« Suivi 2025!C7 »): a wide workbook read by
a lecture spreads one import over several sheets, and a sheet name alone may take 31
characters.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _typer(sa.Text())


def downgrade() -> None:
    _typer(sa.String(32))  # refused by PostgreSQL while a longer cell is stored


def _typer(type_: sa.types.TypeEngine[str]) -> None:
    if op.get_bind().dialect.name == "postgresql":
        # In place: the append-only trigger stays, no row is rewritten.
        op.alter_column("mesures", "cellule", type_=type_, existing_nullable=True)
        return
    # SQLite alters a column by copying the table: its append-only triggers go with the old
    # table and are created again on the new one.
    with op.batch_alter_table("mesures") as table:
        table.alter_column("cellule", type_=type_, existing_nullable=True)
    for operation in ("UPDATE", "DELETE"):
        op.execute(
            f"CREATE TRIGGER mesures_{operation.lower()}_interdit BEFORE {operation} "
            "ON mesures BEGIN SELECT RAISE(ABORT, 'cpom_rules : table mesures en ajout "
            "seul'); END"
        )
