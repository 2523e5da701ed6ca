"""Alembic environment: runs on the engine the app hands over (never reads alembic.ini)."""

from __future__ import annotations

from alembic import context

from logeerhuis_app.db import models  # noqa: F401  (registers the tables)
from logeerhuis_app.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    # Each revision and its alembic_version row in one transaction of its own: a kill in the
    # middle of a revision leaves the schema of the revision before, never half of one. On
    # SQLite the engine's begin hook (db/engine.py) makes DDL transactional (decision 0024).
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            transaction_per_migration=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
