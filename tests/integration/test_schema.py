"""The schema: migrations match the models, SQLite settings, refusal of a newer database."""

from __future__ import annotations

import sqlite3

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from logeerhuis_app.db.base import Base
from logeerhuis_app.db.engine import BUSY_TIMEOUT_MS
from logeerhuis_app.db.schema import head_revision
from logeerhuis_app.paths import database_path
from logeerhuis_app.storage.database import SchemaTooNew, open_database


def _fk_key(fk) -> tuple:
    return (fk.table.name, tuple(c.name for c in fk.columns), fk.referred_table.name)


def test_migrations_create_exactly_the_models(tmp_path):
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    db.close()
    # SQLite does not report the name of a foreign key added with ALTER TABLE ADD COLUMN
    # (migration 0002); the same key without its name is not a difference.
    removed = {_fk_key(d[1]) for d in diffs if d[0] == "remove_fk" and d[1].name is None}
    added = {_fk_key(d[1]) for d in diffs if d[0] == "add_fk"}
    rest = [
        d
        for d in diffs
        if not (d[0] in ("remove_fk", "add_fk") and _fk_key(d[1]) in removed & added)
    ]
    assert removed == added
    assert rest == []


def test_sqlite_is_opened_with_safe_settings(tmp_path):
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == BUSY_TIMEOUT_MS
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
    # Tables keyed by an integer id; 'settings' is keyed by name, so no id can be reused there.
    user_tables = [t.name for t in Base.metadata.sorted_tables if "id" in t.columns]
    assert len(user_tables) >= 15
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


def test_upgrading_from_0001_keeps_every_stay_and_night(tmp_path):
    """0002 adds columns to 'stays'; recreating that table would cascade-delete the nights."""
    from alembic import command

    from logeerhuis_app.db.engine import make_engine, sqlite_url
    from logeerhuis_app.db.schema import alembic_config

    path = database_path(tmp_path)
    engine = make_engine(sqlite_url(path))
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        conn.exec_driver_sql(
            "INSERT INTO guests (id, first_name, prefix, last_name, gender, bsn,"
            " street, postcode, city, municipality_code, phone, email, iban, emergency_name,"
            " emergency_relation, emergency_phone, insurer, policy_number, gp_name, gp_phone,"
            " pharmacy_name, pharmacy_phone, homecare_org, homecare_contact, homecare_phone,"
            " grondslag, care_needs, needs_hoist, needs_ground_floor, needs_wheelchair_access,"
            " notes, active) VALUES (1, 'Anna', '', 'Smit', '', '', '', '', '', '', '', '', '',"
            " '', '', '', '', '', '', '', '', '', '', '', '', 'overig', '', 0, 0, 0, '', 1)"
        )
        conn.exec_driver_sql(
            "INSERT INTO rooms (id, name, beds, environment, has_hoist, ground_floor, "
            "wheelchair_accessible, active, sort_order, notes) "
            "VALUES (1, 'Linde', 1, 'beschut', 0, 0, 0, 1, 1, '')"
        )
        conn.exec_driver_sql("INSERT INTO beds (id, room_id, number, active) VALUES (1, 1, 1, 1)")
        conn.exec_driver_sql(
            "INSERT INTO stays (id, guest_id, room_id, bed_id, arrival, departure, status, notes,"
            " cancel_reason, cancelled_by) VALUES (1, 1, 1, 1, '2026-03-06', '2026-03-08',"
            " 'bevestigd', '', '', '')"
        )
        for day in ("2026-03-06", "2026-03-07"):
            conn.exec_driver_sql(
                f"INSERT INTO nights (stay_id, bed_id, day, active) VALUES (1, 1, '{day}', 1)"
            )
    engine.dispose()
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT COUNT(*) FROM nights").scalar() == 2
        row = conn.exec_driver_sql("SELECT series_id, cancel_late FROM stays").one()
        assert tuple(row) == (None, 0)
        assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
    db.close()


def test_upgrading_from_0011_keeps_bed_reservations_without_a_toewijzing(tmp_path):
    """0012 adds the bed's toewijzing in place: an existing reservation keeps its row, with no
    client and an empty number (its empty days stay on the summary, decision 0033)."""
    from alembic import command

    from logeerhuis_app.db.engine import make_engine, sqlite_url
    from logeerhuis_app.db.schema import alembic_config

    path = database_path(tmp_path)
    engine = make_engine(sqlite_url(path))
    command.upgrade(alembic_config(engine), "0011")
    engine.dispose()
    raw = sqlite3.connect(path)  # foreign keys off: only the reservation's own row matters here
    raw.execute(
        "INSERT INTO bed_reservations (id, bed_id, contract_id, start_date, end_date, note)"
        " VALUES (7, 1, 1, '2026-03-01', '2026-04-01', 'Crisisbed')"
    )
    raw.commit()
    raw.close()
    db = open_database(tmp_path)
    with db.engine.connect() as conn:
        row = conn.exec_driver_sql(
            "SELECT id, note, allocation_guest_id, allocation_reference FROM bed_reservations"
        ).one()
    db.close()
    assert tuple(row) == (7, "Crisisbed", None, "")
