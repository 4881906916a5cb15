"""Alembic environment: migrations run on the connection `cpom_rules.base` hands over.

There is no alembic.ini: `cpom_rules.base.connexion.migrer` builds the configuration in code
and passes an open connection, so the same migrations serve SQLite files and PostgreSQL.
"""

from __future__ import annotations

from alembic import context

from cpom_rules.base.schema import metadata

connexion = context.config.attributes["connection"]
context.configure(connection=connexion, target_metadata=metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
