"""`logeerhuis check` on a PostgreSQL server, and `check --repair` on either backend.

The check reads in one read-only snapshot; a server that cannot be reached is a DataError
(exit code 2: the check could not run). The repair only puts back the guarding triggers
that are missing, switched off or redefined, and logs that it did (decision 0037).
"""

from __future__ import annotations

from sqlalchemy.exc import SQLAlchemyError

from ..db.engine import make_engine
from ..db.guard_triggers import broken_guards, recreate
from ..domain.access_log import CHANGE
from ..services.errors import DataError
from .database import NO_SERVER_DRIVER, Database
from .database_server import describe_url, parse_url, server_problem
from .health import HealthReport, check_server_database


def check_server(url: str) -> HealthReport:
    parsed = parse_url(url)
    location = describe_url(parsed)
    try:
        engine = make_engine(parsed)
    except ImportError as exc:
        raise DataError(NO_SERVER_DRIVER) from exc
    try:
        report = check_server_database(engine)
    except SQLAlchemyError as exc:
        problem = server_problem(exc, location)
        raise DataError(f"De controle kon niet worden uitgevoerd: {problem}") from exc
    finally:
        engine.dispose()
    return HealthReport(report.ok, report.problems, (f"Database: {location}", *report.facts))


def repair_guards(db: Database) -> list[str]:
    """Recreate the guarding triggers that are not as the migrations made them; returns their
    names (empty: nothing to do). Logged in the access log, in the same unit of work."""
    from ..access.access import log_access, require_role

    require_role(db)
    try:
        with db.session() as s:
            conn = s.connection()
            broken = [guard for guard, _reason in broken_guards(conn)]
            if not broken:
                return []
            recreate(conn, broken)
            names = ", ".join(g.name for g in broken)
            log_access(s, CHANGE, detail=f"Beveiligingen in de database hersteld: {names}")
    except SQLAlchemyError as exc:
        reason = (
            server_problem(exc, db.location)
            if db.on_server
            else str(getattr(exc, "orig", None) or exc)
        )
        raise DataError(f"De beveiligingen konden niet worden hersteld: {reason}") from exc
    return [g.name for g in broken]
