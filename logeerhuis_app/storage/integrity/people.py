"""Identifiers of people: every stored BSN passes the 11-test (the BSN itself is not shown)."""

from __future__ import annotations

from sqlalchemy import Connection, select

from ...db.models import ClaimLine, Guest
from ...domain.validation import InvalidValue, normalize_bsn
from .findings import Findings


def check_bsns(conn: Connection, found: Findings) -> None:
    wrong = []
    for label, table in (("gast", Guest.__table__), ("declaratieregel", ClaimLine.__table__)):
        rows = conn.execute(
            select(table.c.id, table.c.bsn).where(table.c.bsn != "").order_by(table.c.id)
        )
        for row_id, bsn in rows:
            if not _valid(bsn):
                wrong.append(f"{label} {row_id}")
    found.add("BSN's die niet kloppen (9 cijfers en de elfproef)", wrong)


def _valid(bsn: str) -> bool:
    try:
        return normalize_bsn(bsn) == bsn
    except InvalidValue:
        return False
