"""The access log: the hash chain, its head outside the table, and the highest id given.

The chain alone shows a changed, inserted or removed row, but not the removal of the last
rows or of all rows: what is left is still a valid chain. The head (access_log_head, written
with every row) and, on SQLite, sqlite_sequence still remember the last row (decision 0037).
"""

from __future__ import annotations

from sqlalchemy import Connection, select, text

from ...db.models import AccessLogEntry, AccessLogHead
from ...domain.access_log import LogRow, chain_problems
from .findings import Findings

_log, _head = AccessLogEntry.__table__.c, AccessLogHead.__table__.c
HEADING = "Het toegangslog is na het schrijven gewijzigd"


def access_log_problems(conn: Connection) -> list[str]:
    """Every break in the chain and every mismatch with its head, in Dutch; empty when whole."""
    rows = [
        LogRow(*row)
        for row in conn.execute(
            select(_log.id, _log.at, _log.user_name, _log.guest_id, _log.action, _log.detail,
                   _log.prev_hash, _log.hash).order_by(_log.id)
        )
    ]  # fmt: skip
    return chain_problems(rows) + _head_problems(conn, rows[-1] if rows else None)


def _head_problems(conn: Connection, last: LogRow | None) -> list[str]:
    heads = conn.execute(select(_head.last_id, _head.last_hash)).all()
    last_id = last.id if last is not None else 0
    head_id, head_hash = heads[0] if heads else (0, "")
    highest = max(head_id, _sqlite_counter(conn))
    if highest > last_id:
        return [_removed(last_id, highest)]
    if not heads:
        if last is None:
            return []
        return [
            "De vastgelegde kop van het toegangslog ontbreekt: het einde van het log is "
            "niet meer na te gaan."
        ]
    if head_id < last_id:
        return [
            f"Na regel {head_id} zijn regels aan het toegangslog toegevoegd buiten het "
            f"programma om (tot en met regel {last_id})."
        ]
    if last is not None and head_hash != last.hash:
        return [f"Regel {last_id}, de laatste, klopt niet met de vastgelegde kop van het log."]
    return []


def _removed(last_id: int, highest: int) -> str:
    if last_id == 0:
        return (
            f"Alle regels van het toegangslog zijn verwijderd (er waren er tot en met {highest})."
        )
    return (
        f"De laatste regels van het toegangslog zijn verwijderd: na regel {last_id} ontbreken "
        f"de regels tot en met {highest}."
    )


def _sqlite_counter(conn: Connection) -> int:
    """The highest id SQLite ever gave an access-log row. 0 on PostgreSQL: a sequence also
    moves on for a rolled-back row, so there it does not prove a removal."""
    if conn.dialect.name != "sqlite":
        return 0
    has = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sqlite_sequence'"
    if conn.execute(text(has)).first() is None:
        return 0
    query = text("SELECT seq FROM sqlite_sequence WHERE name = 'access_log'")
    return int(conn.execute(query).scalar() or 0)


def check_access_log(conn: Connection, found: Findings) -> None:
    found.add(HEADING, [p.rstrip(".") for p in access_log_problems(conn)])
