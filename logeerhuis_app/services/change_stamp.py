"""A cheap fingerprint of what the planner shows, so a window can see that another PC (or the
command line) changed something and reload. Polling works the same on SQLite and PostgreSQL;
it costs five small aggregate queries."""

from __future__ import annotations

from sqlalchemy import func, select

from ..db.models import BedReservation, Room, RoomClosure, Stay, StayRequest
from .database import Database

_WATCHED = (Stay, StayRequest, Room, RoomClosure, BedReservation)


def planner_stamp(db: Database) -> tuple:  # type: ignore[type-arg]
    """Changes when a stay, request, room, room closure or bed reservation is added, changed or
    removed (the count, the newest change and the sum of the version counters)."""
    with db.session() as s:
        return tuple(
            tuple(
                s.execute(
                    select(func.count(), func.max(model.updated_at), func.sum(model.version))
                ).one()
            )
            for model in _WATCHED
        )
