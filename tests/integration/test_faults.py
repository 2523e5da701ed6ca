"""When the disk fails the house: a Dutch message, and nothing already saved is lost.

Disk full is simulated with PRAGMA max_page_count on every connection. A read-only file is
made with chmod; the tests may run as root, for whom chmod does not stop a write, so then
(and in a second test always) PRAGMA query_only=ON plays the read-only disk.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from datetime import date

import pytest
from sqlalchemy import event

from logeerhuis_app.house.guests import GuestData, save_guest, search_guests
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.paths import database_path
from logeerhuis_app.planning.stays import NewStay, create_stay, list_stays
from logeerhuis_app.services.errors import DataError, ServiceError
from logeerhuis_app.storage.data_exchange import export_data, import_data
from logeerhuis_app.storage.database import SchemaTooNew, open_database

BIG_NOTE = "Allergie: " + "pinda's, " * 20_000  # about 180 kB: many pages (an import)
LONG_NOTE = BIG_NOTE[:10_000]  # the longest note a save takes (decision 0028): a few pages


def _saved(db) -> dict:  # type: ignore[no-untyped-def]
    """Something of everything saved so far, to compare before and after a fault."""
    stays = list_stays(db, date(2026, 1, 1), date(2027, 1, 1))
    return {
        "guests": sorted((g.id, g.name) for g in search_guests(db)),
        "stays": [(s.id, s.arrival, s.departure) for s in stays],
    }


@pytest.fixture
def saved_house(data_dir):
    db = open_database(data_dir)
    room = save_room(db, RoomData(name="Linde", beds=1))
    anna = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    create_stay(db, NewStay(anna.id, room.id, date(2026, 3, 2), date(2026, 3, 5)))
    before = _saved(db)
    db.close()
    return before, room.id, anna.id


def _with_pragma(db, pragma: str) -> None:  # type: ignore[no-untyped-def]
    """Every connection of this engine (a fresh pool) gets the pragma."""
    db.engine.dispose()

    @event.listens_for(db.engine, "connect")
    def _limit(dbapi_connection, _record):  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute(pragma)
        cursor.close()


def _assert_dutch(error: ServiceError, *words: str) -> None:
    assert isinstance(error, DataError)
    for word in words:
        assert word in error.message
    assert "sqlite3" not in type(error).__module__ and "sqlalchemy" not in type(error).__module__


def test_a_full_disk_is_a_dutch_message_and_keeps_what_was_saved(data_dir, saved_house):
    before, room_id, anna_id = saved_house
    db = open_database(data_dir)
    with db.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    _with_pragma(db, f"PRAGMA max_page_count = {pages + 1}")
    with pytest.raises(ServiceError) as info:
        save_guest(db, GuestData(first_name="Piet", last_name="Dam", notes=LONG_NOTE))
    _assert_dutch(info.value, "De schijf is vol", "niet opgeslagen")
    # A small change still fits: the failed write left nothing half-done behind.
    create_stay(db, NewStay(anna_id, room_id, date(2026, 3, 10), date(2026, 3, 11)))
    db.close()

    db = open_database(data_dir)  # no limit any more: what was saved is all there
    after = _saved(db)
    assert after["guests"] == before["guests"]
    assert after["stays"][: len(before["stays"])] == before["stays"]
    assert len(after["stays"]) == len(before["stays"]) + 1
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
    db.close()


def _writes_despite_chmod(path) -> bool:  # type: ignore[no-untyped-def]
    try:
        with open(path, "r+b"):
            return True
    except PermissionError:
        return False


def test_a_read_only_database_file_is_a_dutch_message_and_keeps_what_was_saved(
    data_dir, saved_house
):
    before, room_id, anna_id = saved_house
    path = database_path(data_dir)
    modes = {p: p.stat().st_mode for p in (path, data_dir)}
    path.chmod(0o444)
    data_dir.chmod(0o555)
    try:
        if _writes_despite_chmod(path):  # root: chmod stops nobody, so play it with the pragma
            db = open_database(data_dir, migrate=False)
            _with_pragma(db, "PRAGMA query_only = ON")
        else:
            try:
                db = open_database(data_dir)
            except DataError as exc:  # refusing to open at all is an honest answer too
                _assert_dutch(exc, str(path))
                return
        assert _saved(db) == before  # reading still works
        with pytest.raises(ServiceError) as info:
            create_stay(db, NewStay(anna_id, room_id, date(2026, 3, 10), date(2026, 3, 11)))
        _assert_dutch(info.value, "alleen-lezen", "niet opgeslagen")
        db.close()
    finally:
        for p, mode in modes.items():
            p.chmod(stat.S_IMODE(mode))
    db = open_database(data_dir)
    assert _saved(db) == before
    db.close()


def test_query_only_plays_a_read_only_disk_for_every_kind_of_write(data_dir, saved_house):
    before, room_id, anna_id = saved_house
    db = open_database(data_dir, migrate=False)
    _with_pragma(db, "PRAGMA query_only = ON")
    writes = [
        lambda: save_guest(db, GuestData(first_name="Piet", last_name="Dam")),
        lambda: save_room(db, RoomData(name="Eik", beds=2)),
        lambda: create_stay(db, NewStay(anna_id, room_id, date(2026, 4, 1), date(2026, 4, 3))),
    ]
    for write in writes:
        with pytest.raises(ServiceError) as info:
            write()
        _assert_dutch(info.value, "alleen-lezen")
    assert _saved(db) == before
    db.close()


def test_a_database_from_a_newer_version_is_refused_and_not_touched(data_dir, saved_house):
    path = database_path(data_dir)
    conn = sqlite3.connect(path)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_van_later'")
    conn.close()  # the last connection: SQLite folds the WAL into the file
    content, mtime = path.read_bytes(), os.stat(path).st_mtime_ns
    with pytest.raises(SchemaTooNew) as info:
        open_database(data_dir)
    assert "nieuwere versie van Logeerhuis" in info.value.message
    assert "9999_van_later" in info.value.message
    assert path.read_bytes() == content  # not a byte written
    assert os.stat(path).st_mtime_ns == mtime
    # SQLite's read-only look may leave an empty WAL and its index; no data went into them.
    wal = path.with_name(path.name + "-wal")
    assert not wal.exists() or wal.stat().st_size == 0


def test_an_import_onto_a_full_disk_is_a_dutch_message_and_reads_nothing(tmp_path):
    from data_exchange_support import build_house  # a house with every table filled

    source = open_database(tmp_path / "bron")
    build_house(source)
    data = export_data(source)
    source.close()
    guests = data["tables"]["guests"]
    guests["rows"][0][guests["columns"].index("notes")] = BIG_NOTE  # needs many new pages
    target = open_database(tmp_path / "doel")
    with target.engine.connect() as conn:
        pages = conn.exec_driver_sql("PRAGMA page_count").scalar()
    _with_pragma(target, f"PRAGMA max_page_count = {pages + 3}")
    with pytest.raises(DataError) as info:
        import_data(target, data)
    assert "de schijf is vol" in info.value.message and "niets ingelezen" in info.value.message
    target.close()
    target = open_database(tmp_path / "doel")
    assert target.is_empty
    assert import_data(target, data).counts["guests"] == 2  # with room, it all goes in
    target.close()
