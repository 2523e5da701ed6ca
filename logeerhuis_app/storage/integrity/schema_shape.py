"""Is the database shaped as this version of the app expects? Tables, columns, indexes, guards.

A file can carry the right alembic_version and still lack tables (a restore once accepted
any SQLite file with a known revision, and the app then could not open it). The expected
shape is the models' metadata, which tests keep equal to what the migrations create.
"""

from __future__ import annotations

from sqlalchemy import Connection, inspect

from ...db import models  # noqa: F401  (registers every table on Base.metadata)
from ...db.base import Base
from ...db.guard_triggers import broken_guards
from .findings import Findings

REPAIR_HINT = "Herstel ze met: logeerhuis check --repair."


def shape_problems(conn: Connection) -> list[str]:
    """Missing tables, missing or unknown columns, missing indexes and unique constraints."""
    found = inspect(conn)
    present = set(found.get_table_names())
    problems = []
    missing_tables = [t.name for t in Base.metadata.sorted_tables if t.name not in present]
    if missing_tables:
        problems.append(f"Tabellen die ontbreken: {', '.join(missing_tables)}.")
    for table in Base.metadata.sorted_tables:
        if table.name not in present:
            continue
        columns = {c["name"] for c in found.get_columns(table.name)}
        expected = {c.name for c in table.columns}
        if expected - columns:
            lacking = ", ".join(sorted(expected - columns))
            problems.append(f"In tabel {table.name} ontbreken kolommen: {lacking}.")
        if columns - expected:
            problems.append(
                f"Tabel {table.name} heeft onbekende kolommen: "
                f"{', '.join(sorted(columns - expected))}."
            )
        names = {i["name"] for i in found.get_indexes(table.name)}
        names |= {u["name"] for u in found.get_unique_constraints(table.name)}
        wanted = {i.name for i in table.indexes} | {
            c.name for c in table.constraints if c.__class__.__name__ == "UniqueConstraint"
        }
        lost = sorted(str(n) for n in wanted - names if n)
        if lost:
            problems.append(f"In tabel {table.name} ontbreken indexen: {', '.join(lost)}.")
    return problems


def guard_problems(conn: Connection) -> list[str]:
    """The triggers that keep final invoices, sent claims and the access log unchanged."""
    return [
        f"{guard.name} op {guard.table} ({guard.purpose}) {reason}"
        for guard, reason in broken_guards(conn)
    ]


def check_shape(conn: Connection, found: Findings) -> None:
    found.problems.extend(shape_problems(conn))


def check_guards(conn: Connection, found: Findings) -> None:
    broken = guard_problems(conn)
    if broken:
        found.add("Beveiligingen in de database ontbreken, staan uit of zijn gewijzigd", broken)
        found.problems[-1] += " " + REPAIR_HINT
