"""What only one backend can answer: SQLite's own file checks, the PostgreSQL server's health.

On PostgreSQL `integrity_check` has no counterpart a user can run (the server checks its own
pages; data_checksums and pg_stat_database.checksum_failures say whether it found damage);
`foreign_key_check` is replaced by asking every foreign key for rows without a parent.
"""

from __future__ import annotations

from sqlalchemy import Connection, and_, func, select, text

from ...db import models  # noqa: F401  (registers every table on Base.metadata)
from ...db.base import Base
from .findings import Findings, listed

MIN_SERVER_VERSION = 150000  # PostgreSQL 15 (decision 0016)


class Damaged(Exception):
    """SQLite's integrity check failed: every further answer would be unreliable."""


def check_sqlite_file(conn: Connection, found: Findings) -> None:
    integrity = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
    if integrity != ["ok"]:
        found.problems.append(
            "Het gegevensbestand is beschadigd (integriteitscontrole): " + listed(integrity)
        )
        raise Damaged


def check_sqlite_references(conn: Connection, found: Findings) -> None:
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").all()
    found.add(
        "Verwijzingen naar iets dat niet bestaat",
        [f"tabel {t}, rij {rowid} verwijst naar {parent}" for t, rowid, parent, _ in broken],
    )


def check_references(conn: Connection, found: Findings) -> None:
    """Rows whose foreign key names a row that does not exist (any backend)."""
    broken = []
    for table in Base.metadata.sorted_tables:
        for fk in table.foreign_key_constraints:
            parent = fk.referred_table.alias("parent")  # a table may refer to itself
            pairs = [(e.parent, parent.c[e.column.name]) for e in fk.elements]
            orphans = conn.execute(
                select(func.count())
                .select_from(table.outerjoin(parent, and_(*(c == p for c, p in pairs))))
                .where(and_(*(c.is_not(None) for c, _ in pairs)))
                .where(pairs[0][1].is_(None))
            ).scalar_one()
            if orphans:
                broken.append(
                    f"tabel {table.name}: {orphans} rij(en) verwijzen naar {fk.referred_table.name}"
                )
    found.add("Verwijzingen naar iets dat niet bestaat", broken)


def check_server(conn: Connection, found: Findings) -> None:
    """The server's own health, cheap and read-only: version, damage found, deadlocks."""
    version = int(conn.execute(text("SHOW server_version_num")).scalar_one())
    shown = conn.execute(text("SHOW server_version")).scalar_one().split()[0]
    where = conn.execute(text("SELECT current_database(), current_user")).one()
    found.facts.append(f"Server: PostgreSQL {shown}, database {where[0]}, gebruiker {where[1]}")
    if version < MIN_SERVER_VERSION:
        found.problems.append(
            f"PostgreSQL {shown} wordt niet ondersteund; Logeerhuis vraagt versie 15 of nieuwer."
        )
    checksums = conn.execute(text("SHOW data_checksums")).scalar_one()
    stats = conn.execute(
        text(
            "SELECT deadlocks, conflicts, checksum_failures, stats_reset, "
            "pg_postmaster_start_time() FROM pg_stat_database WHERE datname = current_database()"
        )
    ).one()
    deadlocks, conflicts, failures, reset, started = stats
    since = f"{reset:%d-%m-%Y %H:%M}" if reset is not None else "het begin"
    sums = "aan" if checksums == "on" else "uit"
    found.facts.append(
        "Bestandscontrole (integrity_check): niet van toepassing op een server; de server "
        f"controleert zijn eigen bestanden (controlegetallen {sums})"
    )
    found.facts.append(
        f"Server gestart {started:%d-%m-%Y %H:%M}; sinds {since}: {deadlocks} deadlock(s), "
        f"{conflicts} conflict(en)"
    )
    if failures:
        found.problems.append(
            f"De server meldt {failures} fout(en) in de controlegetallen van zijn bestanden: "
            "de schijf van de server beschadigt gegevens. Laat de beheerder dit nu nakijken."
        )


def check_rights(conn: Connection, found: Findings) -> None:
    """Who owns the schema, and may this user do what the app does with every table?"""
    names = [t.name for t in Base.metadata.sorted_tables]
    rows = conn.execute(
        text(
            "SELECT c.relname, pg_get_userbyid(c.relowner), "
            "has_table_privilege(c.oid, 'SELECT, INSERT, UPDATE, DELETE') "
            "FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
            "WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname = ANY(:names)"
        ),
        {"names": names},
    ).all()
    owners = sorted({owner for _, owner, _ in rows})
    user = conn.execute(text("SELECT current_user")).scalar_one()
    if len(owners) == 1:
        role = "deze gebruiker" if owners[0] == user else "niet deze gebruiker"
        found.facts.append(f"Eigenaar van het schema: {owners[0]} ({role})")
    elif owners:
        found.problems.append(
            f"De tabellen hebben verschillende eigenaren ({', '.join(owners)}); een nieuwe "
            "versie van Logeerhuis kan het schema dan niet bijwerken. Geef ze één eigenaar."
        )
    refused = sorted(name for name, _, allowed in rows if not allowed)
    if refused:
        found.problems.append(
            f"Gebruiker {user} mag niet lezen, toevoegen, wijzigen en verwijderen in: "
            f"{', '.join(refused[:10])}{' en meer' if len(refused) > 10 else ''}."
        )
