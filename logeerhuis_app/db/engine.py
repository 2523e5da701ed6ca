"""Engine and session set-up, with the SQLite settings that keep data safe on a crash."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url

from .locking import guard_versions

if TYPE_CHECKING:  # the ORM is imported by the first session, not by opening the database
    from sqlalchemy.orm import Session, sessionmaker

# How long a writer waits for another process's write to finish before it is refused in
# Dutch ("bezet"); the units of work are short, a month's invoices take a few seconds.
BUSY_TIMEOUT_MS = 15000
SQLITE_BEGIN = "logeerhuis_sqlite_begin"  # execution option: DEFERRED or IMMEDIATE
CONNECT_TIMEOUT_S = 10  # a server that does not answer: say so within seconds


def sqlite_url(path: Path) -> str:
    return f"sqlite+pysqlite:///{path}"


def make_engine(url: str | URL) -> Engine:
    """An engine for the URL; SQLite connections get WAL, synchronous=FULL and foreign keys.

    A PostgreSQL engine checks a pooled connection before use (the server or the network may
    have dropped it while the app sat idle) and gives up connecting after a few seconds.
    """
    parsed = make_url(url)
    if parsed.get_backend_name() == "postgresql":
        connect_args = {}
        if "connect_timeout" not in parsed.query:
            connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
        guard_versions()
        return create_engine(
            parsed, pool_pre_ping=True, connect_args=connect_args, hide_parameters=True
        )
    # hide_parameters: an error never quotes the row it was writing (a guest's BSN, IBAN).
    engine = create_engine(parsed, future=True, hide_parameters=True)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
    return engine


def reading(engine: Engine) -> Engine:
    """The same engine (and pool) for a unit of work that only reads: on SQLite its
    transaction starts DEFERRED, so it does not take the write lock (decision 0023)."""
    return engine.execution_options(**{SQLITE_BEGIN: "DEFERRED"})


def _sqlite_begin(conn: Connection) -> None:
    # SQLAlchemy's pysqlite recipe: the driver no longer begins (or skips) transactions on its
    # own; every transaction starts here. IMMEDIATE takes the write lock before the first read,
    # so "read, check, write" in a service is serialised against every other process; a
    # second writer waits (busy_timeout) instead of reading data that is about to change.
    mode = conn.get_execution_options().get(SQLITE_BEGIN, "IMMEDIATE")
    conn.exec_driver_sql(f"BEGIN {mode}")


def _sqlite_pragmas(dbapi_connection: Any, _record: object) -> None:
    # pysqlite would begin a transaction only at the first INSERT/UPDATE and never for a
    # SELECT or DDL; _sqlite_begin says BEGIN itself (SQLAlchemy's documented recipe).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # WAL survives a crash mid-write and lets a backup read while the app writes;
    # FULL syncs every commit to disk, so a reported save is really on disk.
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=FULL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.close()


def make_session_factory(engine: Engine) -> sessionmaker[Session]:
    from sqlalchemy.orm import sessionmaker

    return sessionmaker(bind=engine, expire_on_commit=False, future=True)
