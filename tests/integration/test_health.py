"""`check`: a healthy house passes; damage and inconsistencies are found; nothing is written."""

from __future__ import annotations

import sqlite3
from datetime import date, datetime

import pytest

from logeerhuis_app.cli import main
from logeerhuis_app.db.schema import head_revision
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.paths import database_path
from logeerhuis_app.planning.planning import cancel
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.storage.health import check_database

# `check` reads the SQLite file read-only (PRAGMA integrity_check); not for a server.
pytestmark = pytest.mark.sqlite_only


def _small_house(db) -> int:
    room = save_room(db, RoomData(name="Kamer Linde", beds=2))
    guest = save_guest(db, GuestData(first_name="Anna", last_name="de Vries"))
    stay = create_stay(db, NewStay(guest.id, room.id, date(2026, 3, 2), date(2026, 3, 5)))
    cancelled = create_stay(db, NewStay(guest.id, room.id, date(2026, 4, 1), date(2026, 4, 3)))
    cancel(db, cancelled.id, reason="Ziek", cancelled_by="mantelzorger", when=datetime(2026, 3, 1))
    db.close()
    return stay.id


def _raw(data_dir) -> sqlite3.Connection:
    """A plain connection without the app's pragmas: foreign keys off, free to break rules."""
    return sqlite3.connect(database_path(data_dir))


def test_a_healthy_house_is_in_order_with_facts(db, data_dir):
    _small_house(db)
    report = check_database(data_dir)
    assert report.ok, report.problems
    assert report.problems == ()
    text = "\n".join(report.facts)
    assert str(database_path(data_dir)) in text
    assert f"Schemaversie: {head_revision()}" in text
    assert "1 gasten, 1 kamers, 2 verblijven, 5 nachten" in text


def test_a_missing_directory_is_reported_and_not_created(tmp_path, capsys):
    missing = tmp_path / "nergens"
    report = check_database(missing)
    assert not report.ok
    assert report.problems == (f"Er is nog geen gegevensbestand in {missing}.",)
    assert main(["--data-dir", str(missing), "check"]) == 1
    assert "nog geen gegevensbestand" in capsys.readouterr().err
    assert not missing.exists()


def test_the_check_writes_nothing_to_the_database_file(db, data_dir):
    _small_house(db)
    path = database_path(data_dir)
    before = path.read_bytes()
    check_database(data_dir)
    assert path.read_bytes() == before


def test_nights_inconsistent_with_their_stay_are_found(db, data_dir, capsys):
    stay_id = _small_house(db)
    conn = _raw(data_dir)
    with conn:
        conn.execute(
            "UPDATE nights SET day = '2026-03-09' WHERE stay_id = ? AND day = '2026-03-04'",
            (stay_id,),
        )
        conn.execute("UPDATE nights SET active = 1 WHERE stay_id <> ?", (stay_id,))
    conn.close()
    report = check_database(data_dir)
    assert not report.ok
    text = "\n".join(report.problems)
    assert "Nachten buiten hun verblijf" in text and "09-03-2026" in text
    assert "geannuleerd verblijf die het bed nog bezetten" in text
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert "Er zijn problemen gevonden" in capsys.readouterr().err


def test_two_active_nights_in_one_bed_and_broken_references_are_found(db, data_dir):
    stay_id = _small_house(db)
    conn = _raw(data_dir)
    with conn:
        conn.execute("DROP INDEX uq_nights_bed_date_active")  # as if the guard were lost
        conn.execute(
            "INSERT INTO nights (stay_id, bed_id, day, active) "
            "SELECT stay_id, bed_id, day, 1 FROM nights WHERE stay_id = ? AND day = '2026-03-02'",
            (stay_id,),
        )
        conn.execute(
            "INSERT INTO carers (guest_id, name, relation, phone, email, is_primary, notes, "
            "version) VALUES (999, 'Spook', '', '', '', 0, '', 1)"
        )
    conn.close()
    text = "\n".join(check_database(data_dir).problems)
    assert "Twee of meer actieve nachten in één bed" in text and "02-03-2026" in text
    assert "tabel carers" in text and "guests" in text


def test_a_damaged_file_is_reported_not_a_traceback(db, data_dir, capsys):
    _small_house(db)
    path = database_path(data_dir)
    content = bytearray(path.read_bytes())
    middle = len(content) // 2
    content[middle : middle + 4096] = b"\xde\xad\xbe\xef" * 1024
    path.write_bytes(bytes(content))
    report = check_database(data_dir)
    assert not report.ok
    assert "beschadigd" in "\n".join(report.problems)
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    err = capsys.readouterr().err
    assert "beschadigd" in err and "Traceback" not in err


def test_an_older_and_a_newer_schema_version_are_explained(db, data_dir):
    _small_house(db)
    conn = _raw(data_dir)
    with conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_toekomst'")
    report = check_database(data_dir)
    assert "nieuwere versie van Logeerhuis" in "\n".join(report.problems)
    with conn:
        conn.execute("DELETE FROM alembic_version")
    conn.close()
    report = check_database(data_dir)
    assert "geen schemaversie" in "\n".join(report.problems)


def test_a_file_that_is_not_a_database_is_reported(data_dir):
    database_path(data_dir).write_bytes(b"Dit is een tekstbestand, geen database." * 100)
    report = check_database(data_dir)
    assert not report.ok
    assert "beschadigd of onleesbaar" in report.problems[0]
