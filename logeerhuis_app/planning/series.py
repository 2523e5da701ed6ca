"""Weekly recurring stays (structureel logeren): plan, create, cancel and change a series.

A series is a StaySeries row plus one ordinary stay per week (Stay.series_id). Planning is
read-only and shows, per week, whether the room is free and, if not, who is in the way and
which other rooms have a free bed (planning/series_occupancy.py judges the weeks). Creating
books every free week in one transaction. Reading series back is planning/series_reading.py.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Allocation, Guest, Room, Stay, StaySeries
from ..domain.caps import years_of_stay
from ..domain.enums import StayStatus
from ..domain.rooms import room_label
from ..domain.series import WeeklyPattern, expand_series, validate_series
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database
from . import stay_writer, wlz_guard
from .series_occupancy import Occupancy, SeriesOccurrence
from .stays import NewStay, add_stay

PLANNED = (StayStatus.OPTION.value, StayStatus.CONFIRMED.value)
# validate_series speaks of start/end; the screens know the SeriesData field names.
_FIELD_NAMES = {"start": "start_date", "end": "end_date"}
_ONE_DAY = timedelta(days=1)


@dataclass(frozen=True)
class SeriesData:
    """A weekly pattern: arrive on `arrival_weekday` (0 = Monday), stay `nights` nights.

    Give `end_date` (the last day an arrival may fall on) or `weeks`, not both.
    """

    id: int | None = None
    guest_id: int = 0
    room_id: int = 0
    allocation_id: int | None = None
    arrival_weekday: int = 0
    nights: int = 2
    start_date: date = field(default_factory=date.today)
    end_date: date | None = None
    weeks: int | None = None
    notes: str = ""

    @property
    def pattern(self) -> WeeklyPattern:
        return WeeklyPattern(self.arrival_weekday, self.nights)


@dataclass(frozen=True)
class SeriesResult:
    series_id: int
    created: tuple[int, ...]  # stay ids, in date order
    skipped: tuple[SeriesOccurrence, ...]


# --- planning ----------------------------------------------------------------------------


def plan_series(db: Database, data: SeriesData) -> list[SeriesOccurrence]:
    """Every week of the series with its problem, if any. Changes nothing."""
    with db.session() as s:
        return _plan(s, data)


def _validated_dates(data: SeriesData) -> list[tuple[date, date]]:
    errors = {
        _FIELD_NAMES.get(name, name): message
        for name, message in validate_series(
            data.pattern, data.start_date, data.end_date, data.weeks
        ).items()
    }
    if not data.guest_id:
        errors["guest_id"] = "Kies een gast."
    if not data.room_id:
        errors["room_id"] = "Kies een kamer."
    if len(data.notes or "") > 2000:
        errors["notes"] = "De opmerking is te lang (hoogstens 2000 tekens)."
    if errors:
        raise ValidationError(errors)
    return expand_series(data.pattern, data.start_date, data.end_date, data.weeks)


def _check_refs(s: Session, data: SeriesData) -> tuple[Guest, Room]:
    guest = s.get(Guest, data.guest_id)
    if guest is None:
        raise NotFoundError("Deze gast bestaat niet (meer).")
    room = s.get(Room, data.room_id)
    if room is None:
        raise NotFoundError("Deze kamer bestaat niet (meer).")
    if not room.active:
        raise ValidationError({"room_id": f"{room_label(room.name)} is gesloten."})
    if data.allocation_id is not None:
        allocation = s.get(Allocation, data.allocation_id)
        if allocation is None or allocation.guest_id != guest.id:
            raise ValidationError({"allocation_id": "Deze toewijzing hoort niet bij deze gast."})
    return guest, room


def _plan(s: Session, data: SeriesData) -> list[SeriesOccurrence]:
    return _judge(s, data)[0]


def _judge(s: Session, data: SeriesData) -> tuple[list[SeriesOccurrence], Occupancy]:
    dates = _validated_dates(data)
    guest, room = _check_refs(s, data)
    occupancy = Occupancy(s, guest, dates[0][0], dates[-1][1])
    return occupancy.judge(room, dates), occupancy


# --- creating ----------------------------------------------------------------------------


def create_series(
    db: Database,
    data: SeriesData,
    *,
    status: str = StayStatus.CONFIRMED.value,
    cap_accepted_by: str = "",
) -> SeriesResult:
    """The series and a stay for every free week, in one transaction; busy weeks are skipped.

    Past the Wlz 156 in a year it raises WlzCapWarning unless `cap_accepted_by` names who chose
    to go on (the whole series is counted once, at the end).
    """
    if status not in PLANNED:
        raise ValidationError({"status": "Een reeks wordt als optie of bevestigd gepland."})
    with db.session() as s:
        return _create(s, data, status, cap_accepted_by)


def _series_years(occurrences: list[SeriesOccurrence]) -> set[int]:
    return {y for o in occurrences for y in years_of_stay(o.arrival, o.departure)}


def _create(
    s: Session,
    data: SeriesData,
    status: str,
    cap_accepted_by: str = "",
    before: dict[int, int] | None = None,
) -> SeriesResult:
    # The occupancy keeps the guest and the rooms with their beds loaded for add_stay.
    occurrences, _occupancy = _judge(s, data)
    wlz = wlz_guard.is_wlz(s, data.allocation_id)
    years = _series_years(occurrences)
    if wlz and before is None:
        before = wlz_guard.counts(s, data.guest_id, years)
    _allocation = s.get(Allocation, data.allocation_id) if data.allocation_id else None
    end = data.end_date if data.end_date is not None else occurrences[-1].arrival
    series = StaySeries(
        guest_id=data.guest_id,
        room_id=data.room_id,
        allocation_id=data.allocation_id,
        arrival_weekday=data.arrival_weekday,
        nights=data.nights,
        start_date=data.start_date,
        end_date=end,
        notes=(data.notes or "").strip(),
        version=1,
    )
    s.add(series)
    s.flush()
    created: list[int] = []
    skipped: list[SeriesOccurrence] = []
    for occurrence in occurrences:
        if not occurrence.free:
            skipped.append(occurrence)
            continue
        new = NewStay(
            guest_id=data.guest_id,
            room_id=data.room_id,
            arrival=occurrence.arrival,
            departure=occurrence.departure,
            status=status,
            allocation_id=data.allocation_id,
            notes=series.notes,
            series_id=series.id,
        )
        try:
            created.append(add_stay(s, new, check_cap=False).id)
        except ValidationError as exc:  # refused before anything was added: skip this week
            problem = exc.detail
            skipped.append(SeriesOccurrence(occurrence.arrival, occurrence.departure, False,
                                            problem, ()))  # fmt: skip
    if wlz:
        wlz_guard.guard(s, data.guest_id, years, before or {}, cap_accepted_by)
    return SeriesResult(series.id, tuple(created), tuple(skipped))


# --- cancelling and changing -------------------------------------------------------------


def _load_stay(s: Session, stay_id: int) -> Stay:
    stay = s.get(Stay, stay_id)
    if stay is None:
        raise NotFoundError("Dit verblijf bestaat niet (meer).")
    return stay


def _load_series(s: Session, stay: Stay) -> StaySeries:
    series = s.get(StaySeries, stay.series_id) if stay.series_id is not None else None
    if series is None:
        raise ServiceError("Dit verblijf hoort niet bij een vaste reeks.")
    return series


def _later_planned(s: Session, stay: Stay) -> list[Stay]:
    return list(
        s.scalars(
            select(Stay)
            .where(
                Stay.series_id == stay.series_id,
                Stay.arrival > stay.arrival,
                Stay.status.in_(PLANNED),
                Stay.checked_in_at.is_(None),
            )
            .order_by(Stay.arrival)
        )
    )


def cancel_occurrences(
    db: Database,
    stay_id: int,
    *,
    and_later: bool,
    reason: str,
    cancelled_by: str,
    when: datetime,
) -> int:
    """Cancel one week, or this week and every later planned week (the series then ends).

    Stays already present or departed are left alone. Returns the number of stays cancelled.
    """
    if not reason.strip():
        raise ValidationError({"reason": "Vul de reden van de annulering in."})
    with db.session() as s:
        stay = _load_stay(s, stay_id)
        planned = stay.status in PLANNED and stay.checked_in_at is None
        if not planned and not (and_later and stay.status == StayStatus.CANCELLED):
            raise ServiceError(
                f"Annuleren kan niet: dit verblijf is {StayStatus(stay.status).label.lower()}."
            )
        targets = [stay] if planned else []
        if and_later:
            series = _load_series(s, stay)
            targets += _later_planned(s, stay)
            series.end_date = stay.arrival - _ONE_DAY
            series.version += 1
        for target in targets:
            stay_writer.cancel(s, target, reason=reason, cancelled_by=cancelled_by, when=when)
        return len(targets)


def change_later(
    db: Database,
    stay_id: int,
    *,
    room_id: int,
    arrival_weekday: int,
    nights: int,
    cap_accepted_by: str = "",
) -> SeriesResult:
    """'This and all later weeks': a new pattern (room, weekday, nights) from this week on.

    The planned weeks from this one on are removed, the old series ends the day before, and a
    new series runs from the Monday of this week through the week of the old end date (or, for
    a series without an end, for as many weeks as were still planned). Busy weeks are skipped
    and reported, as when creating a series.
    """
    with db.session() as s:
        stay = _load_stay(s, stay_id)
        old = _load_series(s, stay)
        if stay.status not in PLANNED or stay.checked_in_at is not None:
            raise ServiceError(
                f"Dit verblijf is {StayStatus(stay.status).label.lower()}; "
                "kies een week die nog alleen gepland is."
            )
        doomed = [stay, *_later_planned(s, stay)]
        week_start = stay.arrival - timedelta(days=stay.arrival.weekday())
        new = SeriesData(
            guest_id=old.guest_id,
            room_id=room_id,
            allocation_id=old.allocation_id,
            arrival_weekday=arrival_weekday,
            nights=nights,
            start_date=week_start,
            notes=old.notes,
        )
        if old.end_date is None:
            new = replace(new, weeks=len(doomed))
        else:  # through the old series' last week, whatever the new weekday
            last_week_end = old.end_date + timedelta(days=6 - old.end_date.weekday())
            new = replace(new, end_date=max(last_week_end, week_start + timedelta(days=6)))
        _validated_dates(new)  # a bad pattern is refused before anything is removed
        status = stay.status
        years = _series_years(_judge(s, new)[0]) | {
            y for row in doomed for y in years_of_stay(row.arrival, row.departure)
        }
        before = wlz_guard.counts(s, old.guest_id, years)  # before the old weeks go
        for row in doomed:
            stay_writer.delete_planned(s, row)
        old.end_date = stay.arrival - _ONE_DAY
        old.version += 1
        s.flush()
        return _create(s, new, status, cap_accepted_by, before)
