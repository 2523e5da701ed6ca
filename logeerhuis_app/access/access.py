"""Who may do what, and the one call that writes the access log (NEN 7513).

Roles are checked here, in the services, not only by hiding buttons. Without a signed-in user
(command line, scripts, tests) everything is allowed as the system user (decision 0014).
"""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any, cast

from sqlalchemy import insert, select, update

from ..db.locking import take_turn
from ..domain.access_log import ACTIONS, GENESIS, row_hash
from ..domain.accounts import SYSTEM_USER, CurrentUser, Role
from ..services.errors import ServiceError
from ..storage.database import Database

if TYPE_CHECKING:  # the ORM loads with the first write, not when a screen asks `may`
    from sqlalchemy import CursorResult
    from sqlalchemy.orm import Session


class NotAllowedError(ServiceError):
    """The signed-in user's role does not allow this (like PermissionError, in Dutch)."""


def current_user_name(db: Database) -> str:
    """The name written on invoices, claims and the log: the signed-in user or the system."""
    return db.user.name if db.user is not None else SYSTEM_USER


def may(who: Database | CurrentUser | None, role: str = Role.COORDINATOR) -> bool:
    """Whether the signed-in user (of the database, or given) has this role; the screens ask
    this to disable what the service would refuse. Nobody signed in: the system user, who may."""
    user = who.user if isinstance(who, Database) else who
    return user is None or user.role == role or user.role == Role.COORDINATOR


def require_role(who: Database | CurrentUser | None, role: str = Role.COORDINATOR) -> None:
    """Refuse (NotAllowedError, Dutch) unless the signed-in user has this role. `who` is the
    open database, or the user itself for a service that works on files (backup, restore)."""
    if may(who, role):
        return
    user = who.user if isinstance(who, Database) else who
    assert user is not None
    raise NotAllowedError(
        f"Dit mag alleen een {Role(role).label.lower()}. U bent aangemeld als "
        f"{user.name} ({Role(user.role).label.lower()}); vraag een coördinator."
    )


def log_access(
    s_or_db: Session | Database,
    action: str,
    guest_id: int | None = None,
    detail: str = "",
    *,
    user_name: str | None = None,
    now: datetime | None = None,
) -> None:
    """Append one row to the access log, in the given session or in its own unit of work.

    The name is the signed-in user's user name, or "opdrachtregel"; user_name overrides it
    (a failed sign-in records the name that was typed).
    """
    if action not in ACTIONS:
        raise ValueError(action)
    if isinstance(s_or_db, Database):
        with s_or_db.session() as s:
            _append(s, action, guest_id, detail, user_name, now)
    else:
        _append(s_or_db, action, guest_id, detail, user_name, now)


def _append(
    s: Session,
    action: str,
    guest_id: int | None,
    detail: str,
    user_name: str | None,
    now: datetime | None,
) -> None:
    from ..db.models import AccessLogEntry, AccessLogHead

    if user_name is None:
        user: CurrentUser | None = s.info.get("user")
        user_name = user.user_name if user is not None else SYSTEM_USER
    user_name = user_name[:50]
    detail = detail[:500]
    at = (now or datetime.now()).replace(microsecond=0)
    s.flush()  # earlier rows of this unit of work first
    # The chain's end is read and extended by one writer at a time: on PostgreSQL two PCs
    # would both extend the same row (prev_hash is unique); SQLite holds its write lock.
    take_turn(s, "access-log")
    last = s.scalar(select(AccessLogEntry.hash).order_by(AccessLogEntry.id.desc()).limit(1))
    prev = last if last is not None else GENESIS
    entry = AccessLogEntry(
        at=at,
        user_name=user_name,
        guest_id=guest_id,
        action=action,
        detail=detail,
        prev_hash=prev,
        hash=row_hash(prev, at, user_name, guest_id, action, detail),
    )
    s.add(entry)
    s.flush()
    # The head, outside the log, moves on in the same unit of work (decision 0037): removing
    # the last rows later leaves a head that names a row that is gone.
    head = {"last_id": entry.id, "last_hash": entry.hash}
    # An UPDATE gives a CursorResult (with rowcount); Session.execute is typed as Result.
    moved = cast(
        "CursorResult[Any]",
        s.execute(update(AccessLogHead).where(AccessLogHead.slot == 1).values(**head)),
    )
    if moved.rowcount == 0:
        s.execute(insert(AccessLogHead).values(slot=1, **head))
