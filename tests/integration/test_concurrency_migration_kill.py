"""A start that is killed in the middle of creating or upgrading the schema (SQLite): every
revision is one transaction, so the file always opens afterwards, and `check` says what is
true of it meanwhile. An upgrade of an existing file is preceded by a verified backup."""

from __future__ import annotations

import signal
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from logeerhuis_app.db import schema
from logeerhuis_app.db.engine import make_engine, sqlite_url
from logeerhuis_app.house.rooms import RoomData, list_rooms, save_room
from logeerhuis_app.paths import database_path
from logeerhuis_app.storage.backup import list_backups
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.storage.health import check_database

pytestmark = pytest.mark.sqlite_only

CHILD = Path(__file__).with_name("migration_kill_child.py")
OLD = "0009"  # 0010 creates the users table: the review's "table users already exists"


def _start_killed_after(data_dir: Path, creates: int) -> None:
    """Open the data folder in a child that is killed after its `creates`-th CREATE TABLE."""
    child = subprocess.run(
        [sys.executable, str(CHILD), str(data_dir), str(creates)],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert child.returncode == -signal.SIGKILL, child.stdout + child.stderr


def _at_revision(data_dir: Path, revision: str) -> None:
    """A data file as an older version of the program left it, with a setting in it."""
    from alembic import command

    engine = make_engine(sqlite_url(database_path(data_dir)))
    command.upgrade(schema.alembic_config(engine), revision)
    with engine.begin() as conn:
        conn.exec_driver_sql("INSERT INTO settings (key, value) VALUES ('proef', 'bewaard')")
    engine.dispose()


def _check_tells_the_truth(data_dir: Path) -> list[str]:
    """Whatever `check` says now, the next start proves it: the file opens and is sound."""
    report = check_database(data_dir)
    db = open_database(data_dir)
    try:
        save_room(db, RoomData(name="Eik", beds=1))  # the schema is whole: it can be written
        rooms = [r.name for r in list_rooms(db)]
    finally:
        db.close()
    after = check_database(data_dir)
    assert after.ok, after.problems
    if report.ok:  # it said "in orde": then nothing was left to do
        assert schema.stored_revision_sqlite_file(database_path(data_dir)) == schema.HEAD
    return rooms


@pytest.mark.parametrize("creates", [1, 2, 7, 15])
def test_a_first_start_killed_while_creating_the_schema_opens_next_time(tmp_path, creates):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    _start_killed_after(data_dir, creates)
    assert _check_tells_the_truth(data_dir) == ["Eik"]


@pytest.mark.parametrize("creates", [1, 2])
def test_an_upgrade_killed_after_its_first_create_table_opens_next_time(tmp_path, creates):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    _at_revision(data_dir, OLD)
    _start_killed_after(data_dir, creates)
    assert schema.stored_revision_sqlite_file(database_path(data_dir)) == OLD  # all or nothing
    report = check_database(data_dir)
    assert any("automatisch bijgewerkt" in p for p in report.problems), report.problems
    assert _check_tells_the_truth(data_dir) == ["Eik"]
    with sqlite3.connect(database_path(data_dir)) as conn:
        kept = conn.execute("SELECT value FROM settings WHERE key = 'proef'").fetchall()
    assert kept == [("bewaard",)]


def test_an_upgrade_of_an_existing_file_is_preceded_by_a_verified_backup(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    _at_revision(data_dir, OLD)
    open_database(data_dir).close()
    backups = [info for _path, info, _problem in list_backups(data_dir, verify=True)]
    assert [info.revision for info in backups] == [OLD]  # the data as it was before the upgrade


def test_a_first_start_and_an_up_to_date_file_make_no_backup(tmp_path):
    data_dir = tmp_path / "data"
    data_dir.mkdir()
    open_database(data_dir).close()
    open_database(data_dir).close()
    assert list_backups(data_dir) == []
