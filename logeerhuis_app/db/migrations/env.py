"""Alembic environment: runs on the engine the app hands over (never reads alembic.ini)."""

from __future__ import annotations

from alembic import context

from logeerhuis_app.db import models  # noqa: F401  (registers the tables)
from logeerhuis_app.db.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine = config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
        )
        with context.begin_transaction():
            context.run_migrations()


run_migrations_online()
