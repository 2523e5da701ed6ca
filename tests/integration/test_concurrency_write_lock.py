"""SQLite: a unit of work that writes holds the write lock from its first read (BEGIN
IMMEDIATE); a view that only reads does not take it and is not held up by a writer."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy import text

from logeerhuis_app.house.rooms import RoomData, list_rooms, save_room
from logeerhuis_app.paths import database_path

pytestmark = pytest.mark.sqlite_only


def test_a_unit_of_work_reads_inside_its_write_transaction(db, data_dir):
    """The review's cause: pysqlite ran a SELECT outside any transaction."""
    with db.session() as s:
        s.execute(text("SELECT 1"))
        raw = s.connection().connection.dbapi_connection
        assert raw.in_transaction
        other = sqlite3.connect(database_path(data_dir), timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")  # the lock is already held: by this session
        finally:
            other.close()


def test_a_view_that_only_reads_does_not_wait_for_a_writer(db, data_dir):
    save_room(db, RoomData(name="Linde", beds=2))
    writer = sqlite3.connect(database_path(data_dir), timeout=0, isolation_level=None)
    try:
        writer.execute("BEGIN IMMEDIATE")  # another program is in the middle of a save
        writer.execute("UPDATE rooms SET name = 'Eik'")
        assert [r.name for r in list_rooms(db)] == ["Linde"]  # the last committed state
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_a_migration_and_its_revision_row_are_one_transaction(db):
    """Transactional DDL on SQLite: a rolled back CREATE TABLE leaves nothing behind."""
    with db.engine.connect() as conn:
        conn.exec_driver_sql("CREATE TABLE probe (id INTEGER)")
        conn.rollback()
        tables = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name = 'probe'").all()
    assert tables == []
