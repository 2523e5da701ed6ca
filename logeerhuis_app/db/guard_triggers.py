"""The triggers that guard what may never change, as the migrations made them.

Final invoices and their lines (0005), sent claims (0009), the append-only access log (0010),
the nights of closed months (0013), messages stored as sent and answers read (0016) and the
log's head (0017). `check` compares the database with this list (a dropped, disabled
or redefined guard is a problem) and `check --repair` recreates what is missing. The texts
must equal what the migrations wrote: SQLite keeps a trigger's CREATE text as written, and
tests/integration/test_integrity_guards.py keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import Connection, text

FINAL = "Een definitieve factuur kan niet worden gewijzigd of verwijderd; maak een creditfactuur."
SENT = "Een verstuurde declaratie kan niet worden gewijzigd of verwijderd; maak een correctie."
APPEND_ONLY = "Het toegangslog kan niet worden gewijzigd of verwijderd."
HEAD_KEPT = "De kop van het toegangslog kan niet worden verwijderd of teruggezet."

_INVOICES = "definitieve facturen blijven ongewijzigd"
_LINES = "regels van definitieve facturen blijven ongewijzigd"
_CLAIMS = "verstuurde declaraties blijven ongewijzigd"
_LOG = "het toegangslog kan alleen groeien"
_HEAD = "de kop van het toegangslog blijft staan"
_NIGHTS = "nachten van afgesloten maanden blijven ongewijzigd"
_MESSAGES = "verstuurde berichten en ingelezen antwoorden blijven ongewijzigd"
LOCKED = (
    "Deze nacht ligt in een afgesloten maand en kan niet meer worden gewijzigd; "
    "leg een wijziging vast als correctie."
)
KEPT = "Een verstuurd bericht of een ingelezen antwoord kan niet worden gewijzigd of verwijderd."
# Stored as sent (migration 0016): every update and delete refused.
KEPT_TABLES = ("sent_messages", "sent_care_products", "claim_answers", "claim_line_answers",
               "rejected_line_fixes")  # fmt: skip


@dataclass(frozen=True)
class Guard:
    name: str
    table: str
    purpose: str  # Dutch, for the report: what the trigger keeps safe
    create: str  # the CREATE TRIGGER statement
    function: str = ""  # PostgreSQL: the trigger function it executes


def _sqlite(name: str, table: str, purpose: str, event: str, when: str, message: str) -> Guard:
    condition = f"WHEN {when} " if when else ""
    return Guard(
        name,
        table,
        purpose,
        f"CREATE TRIGGER {name} {event} ON {table} FOR EACH ROW {condition}"
        f"BEGIN SELECT RAISE(ABORT, '{message}'); END",
    )


def _in_closed_month(row: str) -> str:
    return (
        "EXISTS (SELECT 1 FROM month_closures WHERE "
        f"year = CAST(strftime('%Y', {row}.day) AS INTEGER) AND "
        f"month = CAST(strftime('%m', {row}.day) AS INTEGER))"
    )


def _line_final(row: str) -> str:
    return f"(SELECT number FROM invoices WHERE id = {row}.invoice_id) IS NOT NULL"


SQLITE_GUARDS: tuple[Guard, ...] = (
    _sqlite("trg_invoices_final_update", "invoices", _INVOICES, "BEFORE UPDATE",
            "OLD.number IS NOT NULL", FINAL),
    _sqlite("trg_invoices_final_delete", "invoices", _INVOICES, "BEFORE DELETE",
            "OLD.number IS NOT NULL", FINAL),
    _sqlite("trg_invoice_lines_final_update", "invoice_lines", _LINES, "BEFORE UPDATE",
            _line_final("OLD"), FINAL),
    _sqlite("trg_invoice_lines_final_delete", "invoice_lines", _LINES, "BEFORE DELETE",
            _line_final("OLD"), FINAL),
    _sqlite("trg_invoice_lines_final_insert", "invoice_lines", _LINES, "BEFORE INSERT",
            _line_final("NEW"), FINAL),
    _sqlite("trg_claims_sent_update", "claims", _CLAIMS, "BEFORE UPDATE", "", SENT),
    _sqlite("trg_claims_sent_delete", "claims", _CLAIMS, "BEFORE DELETE", "", SENT),
    _sqlite("trg_claim_lines_sent_update", "claim_lines", _CLAIMS, "BEFORE UPDATE", "", SENT),
    _sqlite("trg_claim_lines_sent_delete", "claim_lines", _CLAIMS, "BEFORE DELETE", "", SENT),
    _sqlite("trg_access_log_update", "access_log", _LOG, "BEFORE UPDATE", "", APPEND_ONLY),
    _sqlite("trg_access_log_delete", "access_log", _LOG, "BEFORE DELETE", "", APPEND_ONLY),
    _sqlite("trg_access_log_head_delete", "access_log_head", _HEAD, "BEFORE DELETE", "",
            HEAD_KEPT),
    _sqlite("trg_access_log_head_back", "access_log_head", _HEAD, "BEFORE UPDATE",
            "NEW.last_id <= OLD.last_id", HEAD_KEPT),
    _sqlite("trg_nights_closed_month_insert", "nights", _NIGHTS, "BEFORE INSERT",
            _in_closed_month("NEW"), LOCKED),
    _sqlite("trg_nights_closed_month_update", "nights", _NIGHTS, "BEFORE UPDATE",
            f"{_in_closed_month('OLD')} OR {_in_closed_month('NEW')}", LOCKED),
    _sqlite("trg_nights_closed_month_delete", "nights", _NIGHTS, "BEFORE DELETE",
            _in_closed_month("OLD"), LOCKED),
    *(_sqlite(f"trg_{table}_kept_{event.lower()}", table, _MESSAGES, f"BEFORE {event}", "",
              KEPT) for table in KEPT_TABLES for event in ("UPDATE", "DELETE")),
)  # fmt: skip

_PG_CLOSED = (
    "EXISTS (SELECT 1 FROM month_closures WHERE year = EXTRACT(YEAR FROM {row}.day) "
    "AND month = EXTRACT(MONTH FROM {row}.day))"
)
# PostgreSQL: trigger function name -> its body (as pg_proc.prosrc holds it, spaces aside).
POSTGRES_FUNCTIONS: dict[str, str] = {
    "refuse_final_invoice_change": f"BEGIN RAISE EXCEPTION '{FINAL}'; END;",
    "refuse_final_invoice_line_change": (
        "BEGIN IF (SELECT number FROM invoices WHERE id = COALESCE(NEW.invoice_id, "
        f"OLD.invoice_id)) IS NOT NULL THEN RAISE EXCEPTION '{FINAL}'; END IF; "
        "RETURN COALESCE(NEW, OLD); END;"
    ),
    "refuse_sent_claim_change": f"BEGIN RAISE EXCEPTION '{SENT}'; END;",
    "refuse_access_log_change": f"BEGIN RAISE EXCEPTION '{APPEND_ONLY}'; END;",
    "refuse_access_log_head_change": f"BEGIN RAISE EXCEPTION '{HEAD_KEPT}'; END;",
    "refuse_closed_month_night": (
        "BEGIN IF TG_OP <> 'INSERT' THEN IF {old} THEN RAISE EXCEPTION '{locked}'; END IF; "
        "END IF; IF TG_OP <> 'DELETE' THEN IF {new} THEN RAISE EXCEPTION '{locked}'; END IF; "
        "END IF; RETURN COALESCE(NEW, OLD); END;"
    ).format(old=_PG_CLOSED.format(row="OLD"), new=_PG_CLOSED.format(row="NEW"), locked=LOCKED),
    "refuse_nights_truncate": (
        "BEGIN IF EXISTS (SELECT 1 FROM month_closures) THEN "
        f"RAISE EXCEPTION '{LOCKED}'; END IF; RETURN NULL; END;"
    ),
    "refuse_sent_message_change": f"BEGIN RAISE EXCEPTION '{KEPT}'; END;",
}


def _pg(name: str, table: str, purpose: str, timing: str, function: str) -> Guard:
    return Guard(
        name,
        table,
        purpose,
        f"CREATE TRIGGER {name} {timing.format(table=table)} EXECUTE FUNCTION {function}()",
        function,
    )


_ROW = "BEFORE UPDATE OR DELETE ON {table} FOR EACH ROW"
POSTGRES_GUARDS: tuple[Guard, ...] = (
    _pg("trg_invoices_final", "invoices", _INVOICES,
        _ROW + " WHEN (OLD.number IS NOT NULL)", "refuse_final_invoice_change"),
    _pg("trg_invoice_lines_final", "invoice_lines", _LINES,
        "BEFORE INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW",
        "refuse_final_invoice_line_change"),
    _pg("trg_claims_sent", "claims", _CLAIMS, _ROW, "refuse_sent_claim_change"),
    _pg("trg_claim_lines_sent", "claim_lines", _CLAIMS, _ROW, "refuse_sent_claim_change"),
    _pg("trg_access_log_append_only", "access_log", _LOG, _ROW, "refuse_access_log_change"),
    _pg("trg_access_log_no_truncate", "access_log", _LOG,
        "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT", "refuse_access_log_change"),
    _pg("trg_access_log_head_delete", "access_log_head", _HEAD,
        "BEFORE DELETE ON {table} FOR EACH ROW", "refuse_access_log_head_change"),
    _pg("trg_access_log_head_back", "access_log_head", _HEAD,
        "BEFORE UPDATE ON {table} FOR EACH ROW WHEN (NEW.last_id <= OLD.last_id)",
        "refuse_access_log_head_change"),
    _pg("trg_access_log_head_no_truncate", "access_log_head", _HEAD,
        "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT", "refuse_access_log_head_change"),
    _pg("trg_nights_closed_month", "nights", _NIGHTS,
        "BEFORE INSERT OR UPDATE OR DELETE ON {table} FOR EACH ROW", "refuse_closed_month_night"),
    _pg("trg_nights_no_truncate", "nights", _NIGHTS,
        "BEFORE TRUNCATE ON {table} FOR EACH STATEMENT", "refuse_nights_truncate"),
    *(_pg(f"trg_{table}_kept", table, _MESSAGES, _ROW, "refuse_sent_message_change")
      for table in KEPT_TABLES),
)  # fmt: skip


def expected_guards(conn: Connection) -> tuple[Guard, ...]:
    return POSTGRES_GUARDS if conn.dialect.name == "postgresql" else SQLITE_GUARDS


def function_ddl(name: str) -> str:
    return (
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger AS $$ "
        f"{POSTGRES_FUNCTIONS[name]} $$ LANGUAGE plpgsql"
    )


def broken_guards(conn: Connection) -> list[tuple[Guard, str]]:
    """Each guard that is missing, switched off or redefined, with the Dutch reason. Reads."""
    if conn.dialect.name == "postgresql":
        return _broken_postgres(conn)
    stored: dict[str, str] = {
        name: sql
        for name, sql in conn.execute(
            text("SELECT name, sql FROM sqlite_master WHERE type = 'trigger'")
        ).all()
    }
    broken = []
    for guard in SQLITE_GUARDS:
        if guard.name not in stored:
            broken.append((guard, "ontbreekt"))
        elif _plain(stored[guard.name]) != _plain(guard.create):
            broken.append((guard, "is gewijzigd"))
    return broken


def _broken_postgres(conn: Connection) -> list[tuple[Guard, str]]:
    rows = conn.execute(
        text(
            "SELECT t.tgname, c.relname, t.tgenabled, p.proname, p.prosrc "
            "FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_proc p ON p.oid = t.tgfoid "
            "WHERE NOT t.tgisinternal AND n.nspname = current_schema()"
        )
    ).all()
    found = {(name, table): (enabled, proc, source) for name, table, enabled, proc, source in rows}
    broken = []
    for guard in POSTGRES_GUARDS:
        stored = found.get((guard.name, guard.table))
        if stored is None:
            broken.append((guard, "ontbreekt"))
            continue
        enabled, proc, source = stored
        if enabled not in ("O", "A"):  # D: disabled, R: fires only on a replica
            broken.append((guard, "staat uit"))
        elif proc != guard.function or _plain(source) != _plain(POSTGRES_FUNCTIONS[guard.function]):
            broken.append((guard, "is gewijzigd"))
    return broken


def recreate(conn: Connection, guards: list[Guard]) -> None:
    """Put the given guards back as the migrations made them (in the caller's transaction)."""
    if conn.dialect.name == "postgresql":
        for function in sorted({g.function for g in guards}):
            conn.exec_driver_sql(function_ddl(function))
        for guard in guards:
            conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {guard.name} ON {guard.table}")
            conn.exec_driver_sql(guard.create)
        return
    for guard in guards:
        conn.exec_driver_sql(f"DROP TRIGGER IF EXISTS {guard.name}")
        conn.exec_driver_sql(guard.create)


def _plain(sql: str) -> str:
    return re.sub(r"\s+", " ", sql).strip()
