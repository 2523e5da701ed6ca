"""All data to one JSON file and back: a move to another PC or database, readable for people.

The file holds no export moment, so export -> import into an empty data directory -> export
gives the same bytes. The layout is described in docs/data-format.md.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Table, func, inspect, select, text
from sqlalchemy.exc import IntegrityError, SQLAlchemyError

from ..db import (
    models,  # noqa: F401  (registers every table on Base.metadata)
    schema,
)
from ..db.base import Base
from ..db.engine import SQLITE_BEGIN
from ..domain.redaction import scrub
from ..services.errors import DataError
from ._data_exchange_order import defer_final_numbers, insert_order
from ._data_exchange_sequences import read_sequences, restore_sequences
from ._data_exchange_values import (
    constraint_reason,
    rows_from_json,
    rows_to_json,
    sequences_from_json,
)
from .database import Database

FORMAT_NAME = "logeerhuis-data"
FORMAT_VERSION = 1
_NOT_EXCHANGED = {"alembic_version"}
_NOTHING_READ = "Er is niets ingelezen."
# Years of a house's data (invoice PDFs included) stay far below this; json.loads needs
# several times the file's size in memory.
MAX_IMPORT_BYTES = 512 << 20
_TOP_KEYS = {"format", "format_version", "schema_revision", "tables", "sequences"}


@dataclass(frozen=True)
class ExchangeSummary:
    counts: dict[str, int]  # table name -> rows written or read


def exchanged_tables() -> list[Table]:
    """Every user table, parents before children (the order of inserting)."""
    return [t for t in Base.metadata.sorted_tables if t.name not in _NOT_EXCHANGED]


# --- export ---------------------------------------------------------------------------------


def export_data(db: Database) -> dict[str, Any]:
    """Everything in the database as one JSON-ready dict, rows ordered by primary key."""
    try:
        with db.engine.connect() as conn:
            _begin(conn, "DEFERRED")  # one snapshot for all tables, even while the app writes
            revision = _stored_revision(conn)
            tables = {}
            for table in exchanged_tables():
                rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
                tables[table.name] = rows_to_json(table, list(rows))
            sequences = read_sequences(conn)
    except SQLAlchemyError as exc:
        raise DataError(f"De gegevens konden niet worden gelezen: {_reason(exc)}") from exc
    _log_export(db)
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_revision": revision,
        "tables": tables,
        "sequences": sequences,
    }


def export_to_file(db: Database, path: Path) -> ExchangeSummary:
    """Bestand > Alle gegevens exporteren and `export-data`: every guest's data, BSN and all,
    in a file that can leave the PC; coordinators only."""
    from ..access.access import require_role

    require_role(db)
    return write_export(db, path)


def write_export(db: Database, path: Path) -> ExchangeSummary:
    """The export into a file without the role check: for the server's own backup, which a
    medewerker's window makes too (it stays in this PC's backups folder)."""
    data = export_data(db)
    body = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    _write_atomically(Path(path), body.encode("utf-8"))
    return _summary(data["tables"])


def _write_atomically(path: Path, content: bytes) -> None:
    """Write next to the target and rename: a crash leaves the old file or the new, never half."""
    temp_name = None
    try:
        with tempfile.NamedTemporaryFile(
            dir=path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
        ) as handle:
            temp_name = handle.name
            handle.write(content)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp_name, path)
    except OSError as exc:
        if temp_name is not None and os.path.exists(temp_name):
            os.unlink(temp_name)
        raise DataError(
            f"Het bestand {path} kan niet worden geschreven: {exc.strerror or exc}."
        ) from exc


# --- import ---------------------------------------------------------------------------------


def import_from_file(db: Database, path: Path) -> ExchangeSummary:
    from ..access.access import require_role

    require_role(db)
    path = Path(path)
    try:
        if path.stat().st_size > MAX_IMPORT_BYTES:  # refused before it is read (0028)
            raise DataError(
                f"Het bestand {path} is groter dan {MAX_IMPORT_BYTES >> 20} MB; zo groot is "
                f"geen Logeerhuis-gegevensbestand. {_NOTHING_READ}"
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(
            f"Het bestand {path} kan niet worden gelezen: {exc.strerror or exc}."
        ) from exc
    try:
        data = json.loads(raw.decode("utf-8-sig"))  # -sig: also as Windows Notepad saves it
    except UnicodeDecodeError:
        raise DataError(f"Het bestand {path} is geen Logeerhuis-gegevensbestand.") from None
    except json.JSONDecodeError as exc:
        raise DataError(
            f"Het bestand {path} is geen Logeerhuis-gegevensbestand: het is geen geldige JSON "
            f"(regel {exc.lineno}, kolom {exc.colno})."
        ) from None
    except MemoryError:
        raise DataError(
            f"Het bestand {path} is te groot om in te lezen op deze computer. {_NOTHING_READ}"
        ) from None
    except (ValueError, RecursionError):  # a number of thousands of digits, or deep nesting
        raise DataError(
            f"Het bestand {path} is geen Logeerhuis-gegevensbestand: het bevat een getal dat "
            "te groot is of lijsten die te diep genest zijn."
        ) from None
    return import_data(db, data)


def import_data(db: Database, data: Any) -> ExchangeSummary:
    """Read a whole export into an empty database in one transaction: all of it or nothing."""
    sections = _check_header(data)
    sequences = sequences_from_json(data.get("sequences", {}), exchanged_tables())
    converted = {table: rows_from_json(table, sections[table.name]) for table in exchanged_tables()}
    try:
        with db.engine.begin() as conn:
            _begin(conn, "IMMEDIATE")  # the write lock now: nobody adds rows after the check
            _refuse_unless_ready(conn)
            deferred = []
            for table in insert_order(list(converted)):  # closed months after their nights
                rows, later = defer_final_numbers(table, converted[table])
                _insert(conn, table, rows)
                deferred += later
            for table, key, values in deferred:
                _finish(conn, table, key, values)
            restore_sequences(conn, sequences)
            _refuse_inconsistent(conn)  # what `check` would refuse is not read in (0037)
    except SQLAlchemyError as exc:
        raise DataError(f"Inlezen mislukt: {_reason(exc)}. {_NOTHING_READ}") from exc
    except (ValueError, OverflowError) as exc:  # a value the checks above let through
        raise DataError(
            f"Inlezen mislukt: een waarde past niet in de database. {_NOTHING_READ}"
        ) from exc
    return ExchangeSummary(counts={table.name: len(rows) for table, rows in converted.items()})


def _log_export(db: Database) -> None:
    """The whole export holds every guest's data: it goes into the access log (NEN 7513). On
    a read-only or full disk the export still goes ahead: rescuing the data comes first."""
    from ..access.access import log_access

    with contextlib.suppress(DataError):
        log_access(db, "exporteren", detail="Alle gegevens geëxporteerd (export-data)")


def _check_header(data: Any) -> dict[str, Any]:
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise DataError("Dit bestand is geen Logeerhuis-gegevensbestand.")
    version = data.get("format_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise DataError("Het bestand heeft geen geldige formaatversie.")
    if version > FORMAT_VERSION:
        raise DataError(
            "Dit bestand is gemaakt met een nieuwere versie van Logeerhuis "
            f"(formaatversie {version}). Installeer de nieuwste versie om het in te lezen."
        )
    unknown_keys = set(data) - _TOP_KEYS
    if unknown_keys:
        raise DataError(f"Onbekende onderdelen in het bestand: {', '.join(sorted(unknown_keys))}.")
    revision, head = data.get("schema_revision"), schema.head_revision()
    if revision != head:
        newer = isinstance(revision, str) and revision not in schema.known_revisions()
        hint = (
            "Het is gemaakt met een nieuwere versie van Logeerhuis; installeer die eerst."
            if newer
            else "Open het eerst met dezelfde versie van Logeerhuis en voer het opnieuw uit."
        )
        raise DataError(
            f"Het bestand hoort bij schemaversie {revision}, dit programma gebruikt {head}. {hint}"
        )
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise DataError("Het bestand bevat geen tabellen.")
    known = {t.name for t in exchanged_tables()}
    unknown, missing = sorted(set(tables) - known), sorted(known - set(tables))
    if unknown:
        raise DataError(f"Het bestand bevat onbekende tabellen: {', '.join(unknown)}.")
    if missing:
        raise DataError(f"In het bestand ontbreken tabellen: {', '.join(missing)}.")
    return tables


def _refuse_inconsistent(conn: Connection) -> None:
    """The rows are in but not committed: run check's rules on them (final invoices without
    lines, gaps in numbers, BSNs, payments, the access log's chain and head...)."""
    from .integrity import SEMANTIC_CHECKS, Findings, run_checks

    found = Findings()
    run_checks(conn, SEMANTIC_CHECKS, found)
    if found.problems:
        listed = "\n".join(f"- {problem}" for problem in found.problems)
        raise DataError(f"De gegevens in het bestand kloppen niet:\n{listed}\n{_NOTHING_READ}")


def _refuse_unless_ready(conn: Connection) -> None:
    revision = _stored_revision(conn)
    if revision != schema.head_revision():
        raise DataError(
            f"De database heeft schemaversie {revision}; verwacht {schema.head_revision()}."
        )
    filled = [t.name for t in exchanged_tables() if conn.execute(select(1).select_from(t)).first()]
    if filled:
        where = (
            "een lege database, zodat er niets wordt overschreven. Deze database op de server "
            f"bevat al gegevens (in: {', '.join(filled)}). Laat de beheerder een nieuwe, lege "
            "database maken."
            if conn.dialect.name == "postgresql"
            else "een lege gegevensmap, zodat er niets wordt overschreven. Deze bevat al "
            f"gegevens (in: {', '.join(filled)}). Kies een nieuwe map met --data-dir."
        )
        raise DataError(f"Gegevens worden alleen ingelezen in {where}")


def _insert(conn: Connection, table: Table, rows: list[dict[str, Any]]) -> None:
    if not rows:
        return
    try:
        conn.execute(table.insert(), rows)
    except IntegrityError as exc:
        # The table was empty, so the rows that went in tell which row was refused.
        done = conn.execute(select(func.count()).select_from(table)).scalar_one()
        row = rows[min(done, len(rows) - 1)]
        ident = f" (id {row['id']})" if "id" in row else ""
        raise DataError(
            f"Tabel {table.name}, rij {done + 1}{ident} past niet: "
            f"{constraint_reason(table, exc)}. {_NOTHING_READ}"
        ) from exc


def _finish(conn: Connection, table: Table, key: Any, values: dict[str, Any]) -> None:
    """Give a final invoice its number back, once its lines are in."""
    try:
        conn.execute(table.update().where(table.c.id == key).values(**values))
    except IntegrityError as exc:
        raise DataError(
            f"Tabel {table.name}, definitieve factuur (id {key}) past niet: "
            f"{constraint_reason(table, exc)}. {_NOTHING_READ}"
        ) from exc


# --- shared ---------------------------------------------------------------------------------


def _begin(conn: Connection, mode: str) -> None:
    """One consistent view for an export, the write lock for an import.

    On SQLite the engine's begin hook says BEGIN (IMMEDIATE unless the connection asks for
    DEFERRED, db/engine.py); an import's engine.begin() has already taken the write lock.
    PostgreSQL reads one snapshot under REPEATABLE READ; an import locks the tables against
    writers (readers go on) so nobody adds rows between the emptiness check and the insert.
    """
    if conn.dialect.name == "sqlite":
        if not conn.in_transaction():
            conn.execution_options(**{SQLITE_BEGIN: mode})
            conn.begin()
    elif conn.dialect.name == "postgresql":
        if mode == "DEFERRED":
            conn.exec_driver_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        else:
            names = ", ".join(
                conn.dialect.identifier_preparer.quote(t.name) for t in exchanged_tables()
            )
            conn.exec_driver_sql(f"LOCK TABLE {names} IN EXCLUSIVE MODE")


def _stored_revision(conn: Connection) -> str | None:
    if not inspect(conn).has_table("alembic_version"):
        return None
    return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def _summary(tables: dict[str, Any]) -> ExchangeSummary:
    return ExchangeSummary(counts={name: len(section["rows"]) for name, section in tables.items()})


_DISK_PROBLEMS = {  # SQLite's English for a disk that fails, as the user reads it
    "disk is full": "de schijf is vol",
    "readonly database": "het gegevensbestand is alleen-lezen",
    "disk i/o error": "de schijf gaf een fout bij lezen of schrijven",
    "database is locked": "het gegevensbestand is bezet door een ander programma",
}


def _reason(exc: SQLAlchemyError) -> str:
    orig = getattr(exc, "orig", None)
    text = str(orig if orig is not None else exc).rstrip(".")
    for problem, dutch in _DISK_PROBLEMS.items():
        if problem in text.lower():
            return dutch
    return scrub(text)  # the driver may quote the refused row (PostgreSQL does)
