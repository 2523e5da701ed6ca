"""A cheap fingerprint of what the planner shows, so a window can see that another PC (or the
command line) changed something and reload. Polling works the same on SQLite and PostgreSQL;
it costs five small aggregate queries (Core, so the planner's first view needs no ORM)."""

from __future__ import annotations

from sqlalchemy import func, select

from ..db import core_tables as t
from ..storage.database import Database

_WATCHED = (t.stays, t.requests, t.rooms, t.room_closures, t.bed_reservations)


def planner_stamp(db: Database) -> tuple:
    """Changes when a stay, request, room, room closure or bed reservation is added, changed or
    removed (the count, the newest change and the sum of the version counters)."""
    with db.read() as conn:
        return tuple(
            tuple(
                conn.execute(
                    select(func.count(), func.max(table.c.updated_at), func.sum(table.c.version))
                ).one()
            )
            for table in _WATCHED
        )
