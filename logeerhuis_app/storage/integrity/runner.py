"""One runner for every list of checks: each in its own savepoint, nothing written."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import Connection
from sqlalchemy.exc import SQLAlchemyError

from ...domain.redaction import scrub
from .findings import Findings
from .invoices import check_invoices, check_payments
from .log_chain import check_access_log
from .nights import check_nights
from .people import check_bsns

Check = Callable[[Connection, Findings], None]

# What the data must satisfy on any backend: `check`, import-data and restore run these.
SEMANTIC_CHECKS: tuple[tuple[str, Check], ...] = (
    ("de nachten", check_nights),
    ("de facturen", check_invoices),
    ("de betalingen", check_payments),
    ("de BSN's", check_bsns),
    ("het toegangslog", check_access_log),
)


def run_checks(conn: Connection, checks: Sequence[tuple[str, Check]], found: Findings) -> None:
    """Run each check in a savepoint: one that fails (a table is missing, a value cannot be
    read) is named as a problem, and on PostgreSQL the transaction goes on for the others."""
    for label, check in checks:
        try:
            with conn.begin_nested():
                check(conn, found)
        except (SQLAlchemyError, ValueError, TypeError) as exc:
            reason = scrub(str(getattr(exc, "orig", None) or exc)).splitlines()[0]
            found.problems.append(f"De controle van {label} kon niet worden uitgevoerd ({reason}).")
