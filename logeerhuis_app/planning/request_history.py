"""The history of a stay and the request it came from: every change of dates or room.

Owns ChangeData and reading the DateChange rows back, newest first. A stay and the request it
was placed from share one history: what was asked before placing and what changed after.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import or_, select

from ..db.models import DateChange, Room, StayRequest
from ..storage.database import Database


@dataclass(frozen=True)
class ChangeData:
    """One row of the history of a stay or request (newest first in lists)."""

    id: int
    stay_id: int | None
    request_id: int | None
    changed_at: datetime
    what: str
    old_arrival: date | None
    old_departure: date | None
    new_arrival: date | None
    new_departure: date | None
    old_room_name: str
    new_room_name: str
    asked_by: str
    channel: str
    late: bool  # within a week of the (earliest) arrival


def history(
    db: Database, *, stay_id: int | None = None, request_id: int | None = None
) -> list[ChangeData]:
    """Date and room changes of a stay and/or a request, newest first.

    A stay's history includes the changes of the request it was placed from, and a placed
    request's history includes the later changes of its stay.
    """
    if stay_id is None and request_id is None:
        raise ValueError("stay_id or request_id")
    with db.session() as s:
        stay_ids = {stay_id} if stay_id is not None else set()
        request_ids = {request_id} if request_id is not None else set()
        if request_id is not None:
            placed = s.scalar(select(StayRequest.stay_id).where(StayRequest.id == request_id))
            if placed is not None:
                stay_ids.add(placed)
        if stay_id is not None:
            linked = select(StayRequest.id).where(StayRequest.stay_id == stay_id)
            request_ids.update(s.scalars(linked))
        conditions = []
        if stay_ids:
            conditions.append(DateChange.stay_id.in_(stay_ids))
        if request_ids:
            conditions.append(DateChange.request_id.in_(request_ids))
        rows = s.scalars(
            select(DateChange)
            .where(or_(*conditions))
            .order_by(DateChange.changed_at.desc(), DateChange.id.desc())
        ).all()
        names = {room_id: name for room_id, name in s.execute(select(Room.id, Room.name))}
        return [
            ChangeData(
                id=r.id,
                stay_id=r.stay_id,
                request_id=r.request_id,
                changed_at=r.changed_at,
                what=r.what,
                old_arrival=r.old_arrival,
                old_departure=r.old_departure,
                new_arrival=r.new_arrival,
                new_departure=r.new_departure,
                old_room_name=names.get(r.old_room_id, "") if r.old_room_id else "",
                new_room_name=names.get(r.new_room_id, "") if r.new_room_id else "",
                asked_by=r.asked_by,
                channel=r.channel,
                late=r.late,
            )
            for r in rows
        ]
