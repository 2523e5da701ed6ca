"""Which subjects a unit of work wrote: the tables it flushed, mapped to a `Change`.

Listeners on the session factory note every table a session inserts into, updates or deletes
from (through the ORM's flush and through `session.execute(insert/update/delete)`); the
database hands them to whoever records when the unit of work commits (Database.run). A rolled
back unit of work reports nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Table, event
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker

from ..services.changes import Change

WRITTEN = "written_tables"  # the key in session.info

TABLE_CHANGES: dict[str, Change] = {
    **dict.fromkeys(("guests", "carers", "carer_strain"), Change.GUESTS),
    **dict.fromkeys(("rooms", "beds", "room_closures", "bed_reservations"), Change.ROOMS),
    **dict.fromkeys(("funders", "contracts", "rate_periods"), Change.FUNDERS),
    **dict.fromkeys(("allocations", "wlz_nights_elsewhere"), Change.ALLOCATIONS),
    **dict.fromkeys(
        (
            "stays",
            "stay_series",
            "nights",
            "night_corrections",
            "date_changes",
            "requests",
            "intake_answers",
            "intake_overrides",
            "month_closures",
        ),
        Change.STAYS,
    ),
    **dict.fromkeys(("invoices", "invoice_lines", "invoice_series", "payments"), Change.INVOICES),
    **dict.fromkeys(
        (
            "claims",
            "claim_lines",
            "claim_answers",
            "claim_line_answers",
            "rejected_line_fixes",
            "sent_messages",
            "sent_care_products",
            "received_messages",
        ),
        Change.CLAIMS,
    ),
    **dict.fromkeys(("settings", "provider", "mail_recipients"), Change.SETTINGS),
    "users": Change.ACCOUNTS,
}

# Written on every view of guest data: no page shows them as data of its own, and reloading
# pages after a view would log another view.
UNSHOWN_TABLES = frozenset({"access_log", "access_log_head"})


def changes_of(tables: Iterable[str]) -> frozenset[Change]:
    return frozenset(TABLE_CHANGES[t] for t in tables if t not in UNSHOWN_TABLES)


def note_written_tables(sessions: sessionmaker[Session]) -> None:
    event.listen(sessions, "after_flush", _note_flushed)
    event.listen(sessions, "do_orm_execute", _note_statement)


def _written(session: Session) -> set[str]:
    written: set[str] = session.info.setdefault(WRITTEN, set())
    return written


def _note_flushed(session: Session, _context: object) -> None:
    written = _written(session)
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(type(obj), "__table__", None)
        if isinstance(table, Table):
            written.add(table.name)


def _note_statement(state: ORMExecuteState) -> None:
    if state.is_insert or state.is_update or state.is_delete:
        table: Any = getattr(state.statement, "table", None)
        name = getattr(table, "name", None)
        if isinstance(name, str):
            _written(state.session).add(name)
