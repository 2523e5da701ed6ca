"""`logeerhuis check`: is the data whole and consistent? Reads only, never writes data.

A SQLite file is opened read-only, without migration or pragmas that write: a check on a
missing directory creates nothing, a check on a newer database leaves it as it is. A server
database is read in one REPEATABLE READ, READ ONLY transaction, so a busy server gives one
consistent answer. The checks themselves live in storage/integrity (decision 0037).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event, func, inspect, select, text
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool

from ..db import schema
from ..db.models import Guest, Night, Room, Stay
from ..paths import database_path
from .integrity import SEMANTIC_CHECKS, Findings, run_checks
from .integrity.backends import (
    Damaged,
    check_references,
    check_rights,
    check_server,
    check_sqlite_file,
    check_sqlite_references,
)
from .integrity.schema_shape import check_guards, check_shape

_COUNTED = (
    ("gasten", Guest.__table__),
    ("kamers", Room.__table__),
    ("verblijven", Stay.__table__),
    ("nachten", Night.__table__),
)


@dataclass(frozen=True)
class HealthReport:
    ok: bool
    problems: tuple[str, ...]
    facts: tuple[str, ...]


def check_database(data_dir: Path) -> HealthReport:
    path = database_path(Path(data_dir))
    if not path.is_file():
        return HealthReport(False, (f"Er is nog geen gegevensbestand in {data_dir}.",), ())
    return check_file(path)


def check_file(path: Path) -> HealthReport:
    """Every check on one SQLite file (the live one, or a restored copy before it is used)."""
    found = Findings(facts=[f"Gegevensbestand: {path}", f"Grootte: {_size(path.stat().st_size)}"])
    engine = read_only_sqlite(path)
    try:
        with engine.connect() as conn, conn.begin():
            check_sqlite_file(conn, found)
            run_all(conn, found)
    except Damaged:
        pass  # a damaged file gives unreliable answers to every further question
    except (DatabaseError, sqlite3.DatabaseError) as exc:
        reason = getattr(exc, "orig", None) or exc
        found.problems.append(f"Het gegevensbestand is beschadigd of onleesbaar ({reason}).")
    finally:
        engine.dispose()
    return _report(found)


def check_server_database(engine: Engine) -> HealthReport:
    """Every check on a PostgreSQL database. SQLAlchemy errors (the server cannot be reached)
    are left to the caller, who says so in Dutch: the check could not run."""
    found = Findings()
    with server_snapshot(engine) as conn:
        run_checks(conn, (("de server", check_server),), found)
        run_all(conn, found)
    return _report(found)


@contextmanager
def server_snapshot(engine: Engine) -> Iterator[Connection]:
    """One read-only REPEATABLE READ transaction: every check sees the same moment."""
    with engine.connect() as conn:
        conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        try:
            yield conn
        finally:
            conn.rollback()


def run_all(conn: Connection, found: Findings) -> None:
    """The checks both backends share, after the backend's own first look."""
    if not _check_revision(_revision(conn), found):
        return
    on_server = conn.dialect.name == "postgresql"
    run_checks(conn, (("de tabellen", check_shape),), found)
    references = check_references if on_server else check_sqlite_references
    run_checks(conn, (("de verwijzingen", references), ("de aantallen", _count)), found)
    run_checks(conn, SEMANTIC_CHECKS, found)
    run_checks(conn, (("de beveiligingen", check_guards),), found)
    if on_server:
        run_checks(conn, (("de rechten", check_rights),), found)


def read_only_sqlite(path: Path) -> Engine:
    """An engine that can only read the file: no pragmas, no journal, BEGIN DEFERRED."""
    uri = f"{Path(path).resolve().as_uri()}?mode=ro"

    def connect() -> sqlite3.Connection:
        return sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)

    engine = create_engine("sqlite+pysqlite://", creator=connect, poolclass=NullPool)
    event.listen(engine, "begin", lambda conn: conn.exec_driver_sql("BEGIN DEFERRED"))
    return engine


def _report(found: Findings) -> HealthReport:
    return HealthReport(not found.problems, tuple(found.problems), tuple(found.facts))


def _count(conn: Connection, found: Findings) -> None:
    counts = [
        (label, conn.execute(select(func.count()).select_from(table)).scalar_one())
        for label, table in _COUNTED
    ]
    found.facts.append("Aantallen: " + ", ".join(f"{n} {label}" for label, n in counts))


def _revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _check_revision(revision: str | None, found: Findings) -> bool:
    """Notes the schema version; True when this version of the app can check the tables."""
    head = schema.head_revision()
    if revision is None:
        found.problems.append(
            "Het bestand heeft geen schemaversie; het is geen Logeerhuis-gegevensbestand."
        )
        return False
    if revision == head:
        found.facts.append(f"Schemaversie: {revision} (de nieuwste)")
        return True
    found.facts.append(f"Schemaversie: {revision} (dit programma gebruikt {head})")
    if revision in schema.known_revisions():
        found.problems.append(
            f"De gegevens hebben een oudere schemaversie ({revision}); ze worden bij de "
            "volgende start van Logeerhuis automatisch bijgewerkt."
        )
    else:
        found.problems.append(
            f"De gegevens zijn gemaakt met een nieuwere versie van Logeerhuis (schemaversie "
            f"{revision}). Installeer de nieuwste versie; deze versie controleert ze niet."
        )
    return False


def _size(size: int) -> str:
    if size < 1024 * 1024:
        return f"{max(1, round(size / 1024))} kB"
    return f"{size / (1024 * 1024):.1f} MB".replace(".", ",")
