"""Writing the demo's planned stays: cancelled ones, the weekly series with their weeks called
off and begun, the plain stays, and the closed room and Wlz nights elsewhere. All through the
planning and house services, except that the weeks of a series that already began get their
status (present, departed) from the stay writer directly (decision 0051).
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..db.models import Allocation, Guest, Room, Stay
from ..domain.enums import StayStatus
from ..house.closures import ClosureData, add_closure
from ..house.rooms import RoomData
from ..house.wlz_elsewhere import set_nights_elsewhere
from ..planning import stay_writer
from ..planning.planning import cancel
from ..planning.series import SeriesData, cancel_occurrences, create_series
from ..planning.stays import NewStay, add_stay
from ..services.errors import ValidationError
from ._model import _allocation_for, _Guest, _Plan, _status, saved_id

# Recurring series: (room index, weekday of arrival, nights, route wanted)
SERIES = (
    (3, 0, 2, "wmo:0307"), (3, 2, 2, "wlz_vv"), (3, 4, 3, "wlz_vv"), (2, 0, 2, "wmo:0342"),
    (2, 2, 2, "wmo:0307"), (2, 4, 2, "pgb"), (5, 1, 2, "wlz_vv"), (5, 4, 2, "wmo:0307"),
)  # fmt: skip
CLOSED_ROOM = 3  # Kamer 4 Kastanje, home of three series: each skips the closed week
ELSEWHERE_NIGHTS = 14  # Wlz nights one guest used at another logeerhuis this year
CANCEL_REASONS = (
    "Gast opgenomen in het ziekenhuis",
    "Gast ziek (griep)",
    "Mantelzorger heeft de vakantie verzet",
    "Gast wil niet gaan logeren",
    "Familie vangt zelf op",
    "Andere datum afgesproken",
    "Vervoer niet rond",
)


def _write_stays(db, rng, today, rooms: list[RoomData], plans: list[_Plan]) -> None:
    """Cancelled incidental stays first (written, then cancelled), then the series, then the rest.

    Cancelled stays may share dates with later stays in the same bed, so they go first.
    """
    incidental = [p for p in plans if p.series is None and not p.request]
    cancelled = _write_plain(db, rng, today, rooms, [p for p in incidental if p.cancelled])
    _cancel(db, rng, today, cancelled)
    _write_series(db, rng, today, rooms, [p for p in plans if p.series is not None])
    _write_plain(db, rng, today, rooms, [p for p in incidental if not p.cancelled])


def _write_plain(db, rng, today, rooms: list[RoomData], plans: list[_Plan]):
    written: list[tuple[int, _Plan]] = []
    with db.session() as s:
        # Held here so the session's (weak) identity map keeps them between add_stay calls.
        kept = [*s.scalars(select(Guest)), *s.scalars(select(Allocation))]
        kept += s.scalars(select(Room).options(selectinload(Room.bed_rows))).all()
        for plan in plans:
            room = rooms[plan.room]
            new = NewStay(
                guest_id=saved_id(plan.guest.data.id),
                room_id=saved_id(room.id),
                bed_id=room.bed_ids[plan.bed],
                arrival=plan.arrival,
                departure=plan.departure,
                status=_status(today, plan, rng).value,
                allocation_id=_allocation_for(plan.guest, plan.arrival),
            )
            try:
                stay = add_stay(s, new)
            except ValidationError:  # not expected: the planner chose a free bed
                continue
            written.append((stay.id, plan))
    return written


def _write_series(db, rng, today, rooms: list[RoomData], plans: list[_Plan]) -> None:
    """Each weekly guest as a real series; weeks called off are cancelled afterwards."""
    groups: dict[int, list[_Plan]] = {}
    for plan in sorted(plans, key=lambda p: p.arrival):
        groups.setdefault(saved_id(plan.series), []).append(plan)
    called_off: list[tuple[int, _Plan]] = []
    for number, group in sorted(groups.items()):
        room, weekday, nights, _route = SERIES[number]
        guest = group[0].guest
        data = SeriesData(
            guest_id=saved_id(guest.data.id),
            room_id=saved_id(rooms[room].id),
            allocation_id=_allocation_for(guest, group[0].arrival),
            arrival_weekday=weekday,
            nights=nights,
            start_date=group[0].arrival,
            end_date=group[-1].arrival,
            notes="Vaste logeerdagen (structureel)",
        )
        result = create_series(db, data)
        with db.session() as s:
            ids = dict(
                s.execute(
                    select(Stay.arrival, Stay.id).where(Stay.series_id == result.series_id)
                ).all()
            )
        called_off += [(ids[p.arrival], p) for p in group if p.cancelled and p.arrival in ids]
    _cancel(db, rng, today, called_off, series=True)
    with db.session() as s:  # the weeks gone by: the guest came (and left)
        begun = s.scalars(
            select(Stay).where(
                Stay.series_id.is_not(None),
                Stay.status == StayStatus.CONFIRMED.value,
                Stay.arrival <= today,
            )
        )
        for stay in begun:
            stay_writer.set_status(s, stay, StayStatus.PRESENT)
            if stay.departure <= today:
                stay_writer.set_status(s, stay, StayStatus.DEPARTED)


def _cancel(
    db, rng: random.Random, today: date, stays: list[tuple[int, _Plan]], series: bool = False
) -> None:
    latest = datetime.combine(today - timedelta(days=1), time(16, 0))
    for stay_id, plan in stays:
        notice = rng.choice((0, 1, 1, 2, 3, 5, 7, 14, 21))
        when = datetime.combine(plan.arrival - timedelta(days=notice), time(rng.randint(8, 17), 15))
        carer = plan.guest.data.carers[0]
        by = rng.choice((f"{carer.name} ({carer.relation})", "Wmo-consulent", "Wijkverpleging"))
        reason = rng.choice(CANCEL_REASONS)
        if series:
            cancel_occurrences(db, stay_id, and_later=False, reason=reason, cancelled_by=by,
                               when=min(when, latest))  # fmt: skip
        else:
            cancel(db, stay_id, reason=reason, cancelled_by=by, when=min(when, latest))


def _write_closure_and_elsewhere(
    db, rooms: list[RoomData], closure: tuple[date, date], elsewhere: _Guest, today: date
) -> None:
    last_day = closure[1] - timedelta(days=1)
    room_id = saved_id(rooms[CLOSED_ROOM].id)
    add_closure(db, ClosureData(None, room_id, closure[0], last_day, "Schilderwerk"))
    set_nights_elsewhere(
        db, saved_id(elsewhere.data.id), today.year, ELSEWHERE_NIGHTS,
        "Logeerhuis 't Hofje in Soest, in het voorjaar (opgave van de dochter).",
    )  # fmt: skip
