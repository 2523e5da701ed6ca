"""The id counters of an export: ids once given are never given again after a move.

SQLite keeps them in sqlite_sequence; PostgreSQL in each table's id sequence (serial), where
an id once drawn is never drawn again, even when its transaction was rolled back.
"""

from __future__ import annotations

from sqlalchemy import Connection, Table, func, select, text

from ..db.base import Base

_NOT_EXCHANGED = {"alembic_version"}
# No row ever refers to an access-log id, and on SQLite a counter past the last row means
# that rows were removed (decision 0037): SQLite counts it from the rows read in. A
# PostgreSQL export may count ids of rolled-back rows, which would look like a removal.
_OWN_COUNTER_ON_SQLITE = {"access_log"}


def _exchanged() -> list[Table]:
    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_EXCHANGED]


def read_sequences(conn: Connection) -> dict[str, int]:
    """The AUTOINCREMENT counters, so ids of deleted rows are never given again after a move."""
    if conn.dialect.name == "postgresql":
        return {t.name: seq for t in _counted_tables() if (seq := _pg_counter(conn, t)) > 0}
    if not _has_sqlite_sequence(conn):
        return {}
    found = {name: seq for name, seq in conn.execute(text("SELECT name, seq FROM sqlite_sequence"))}
    return {t.name: int(found[t.name]) for t in _exchanged() if t.name in found}


def _counted_tables() -> list[Table]:
    """The tables whose ids are never reused (AUTOINCREMENT on SQLite, a sequence elsewhere)."""
    return [t for t in _exchanged() if t.kwargs.get("sqlite_autoincrement")]


def _pg_sequence(conn: Connection, table: Table) -> str | None:
    query = text("SELECT pg_get_serial_sequence(:table, 'id')")
    return conn.execute(query, {"table": table.name}).scalar()


def _pg_counter(conn: Connection, table: Table) -> int:
    """The highest id ever given (0: none yet), as sqlite_sequence says it: the last value
    drawn from the sequence, or a higher id that a row was inserted with (a singleton row)."""
    sequence = _pg_sequence(conn, table)
    if sequence is None:
        return 0
    last, called = conn.execute(text(f"SELECT last_value, is_called FROM {sequence}")).one()
    highest = conn.execute(select(func.max(table.c.id))).scalar() or 0
    return max(int(last) if called else 0, int(highest))


def _has_sqlite_sequence(conn: Connection) -> bool:
    query = text("SELECT 1 FROM sqlite_master WHERE type='table' AND name='sqlite_sequence'")
    return conn.execute(query).first() is not None


def restore_sequences(conn: Connection, sequences: dict[str, int]) -> None:
    if conn.dialect.name == "postgresql":
        _restore_pg_sequences(conn, sequences)
        return
    for name, value in sequences.items():
        if name in _OWN_COUNTER_ON_SQLITE:
            continue
        params = {"name": name, "seq": value}
        updated = conn.execute(
            text("UPDATE sqlite_sequence SET seq = max(seq, :seq) WHERE name = :name"), params
        )
        if updated.rowcount == 0:
            conn.execute(
                text("INSERT INTO sqlite_sequence (name, seq) VALUES (:name, :seq)"), params
            )


def _restore_pg_sequences(conn: Connection, sequences: dict[str, int]) -> None:
    """Rows inserted with their own ids leave a PostgreSQL sequence where it was: move each on
    to the exported counter, or at least past the highest id read (as SQLite does by itself)."""
    for table in _counted_tables():
        sequence = _pg_sequence(conn, table)
        if sequence is None:
            continue
        value = max(sequences.get(table.name, 0), _pg_counter(conn, table))
        if value > 0:
            conn.execute(
                text("SELECT setval(:seq, :value, true)"), {"seq": sequence, "value": value}
            )
