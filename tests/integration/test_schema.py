"""The schema: migrations match the models, SQLite settings, refusal of a newer database."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from logeerhuis_app.db.base import Base
from logeerhuis_app.db.schema import head_revision
from logeerhuis_app.paths import database_path
from logeerhuis_app.services.database import SchemaTooNew, open_database


def test_migrations_create_exactly_the_models(tmp_path):
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    db.close()


def test_sqlite_is_opened_with_safe_settings(tmp_path):
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 5000
    db.close()


def test_every_user_table_uses_autoincrement(tmp_path):
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        sql = dict(
            conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type='table'"
            ).fetchall()
        )
    db.close()
    user_tables = [t.name for t in Base.metadata.sorted_tables]
    assert user_tables
    for name in user_tables:
        assert "AUTOINCREMENT" in sql[name], name


def test_opening_twice_is_idempotent(tmp_path):
    open_database(tmp_path).close()
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        version = conn.exec_driver_sql("SELECT version_num FROM alembic_version").scalar()
    db.close()
    assert version == head_revision()


def test_a_newer_database_is_refused_and_left_untouched(tmp_path):
    open_database(tmp_path).close()
    path = database_path(tmp_path)
    conn = sqlite3.connect(path)
    conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.commit()
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(SchemaTooNew) as info:
        open_database(tmp_path)
    assert "nieuwere versie" in str(info.value)
    assert path.read_bytes() == before
