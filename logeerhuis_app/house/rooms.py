"""Rooms and their beds."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ..db.models import Bed, Night, Room
from ..domain.dates import format_date
from ..domain.enums import RoomEnvironment
from ..services.errors import ConflictError, NotFoundError, ValidationError
from ..services.field_check import FieldCheck
from ..storage.database import Database

MAX_BEDS = 10


@dataclass(frozen=True)
class RoomData:
    id: int | None = None
    version: int = 0
    name: str = ""
    beds: int = 1
    environment: str = RoomEnvironment.BESCHUT.value
    has_hoist: bool = False
    ground_floor: bool = False
    wheelchair_accessible: bool = False
    active: bool = True
    sort_order: int = 0
    notes: str = ""
    bed_ids: tuple[int, ...] = ()  # the active beds, in bed-number order

    @property
    def features(self) -> str:
        """Short Dutch list for tables: "tillift, begane grond"."""
        names = [
            label
            for on, label in (
                (self.has_hoist, "tillift"),
                (self.ground_floor, "begane grond"),
                (self.wheelchair_accessible, "rolstoeltoegankelijk"),
            )
            if on
        ]
        return ", ".join(names)


_FIELDS = [f.name for f in fields(RoomData) if f.name not in ("id", "version", "bed_ids")]


def list_rooms(db: Database, *, include_inactive: bool = True) -> list[RoomData]:
    query = select(Room).options(selectinload(Room.bed_rows)).order_by(Room.sort_order, Room.name)
    if not include_inactive:
        query = query.where(Room.active.is_(True))
    with db.session(write=False) as s:
        return [_to_data(r) for r in s.scalars(query)]


def get_room(db: Database, room_id: int) -> RoomData:
    with db.session(write=False) as s:
        return _to_data(_load(s, room_id))


def _load(s: Session, room_id: int) -> Room:
    room = s.get(Room, room_id, options=[selectinload(Room.bed_rows)])
    if room is None:
        raise NotFoundError("Deze kamer bestaat niet (meer).")
    return room


def _to_data(r: Room) -> RoomData:
    return RoomData(
        id=r.id,
        version=r.version,
        bed_ids=tuple(b.id for b in r.bed_rows if b.active),
        **{name: getattr(r, name) for name in _FIELDS},
    )


def validate_room(data: RoomData) -> RoomData:
    check = FieldCheck()
    check.required("name", data.name, "Geef de kamer een naam.")
    name = check.text("name", data.name, label="De naam", max_length=100)
    check.rule("beds", 1 <= data.beds <= MAX_BEDS, f"Een kamer heeft 1 tot {MAX_BEDS} bedden.")
    check.rule(
        "environment",
        data.environment in {e.value for e in RoomEnvironment},
        "Kies beschermd of beschut.",
    )
    check.raise_if_any()
    return replace(data, name=name, notes=data.notes.strip())


def save_room(db: Database, data: RoomData) -> RoomData:
    """Create or update a room; the number of beds adds or retires bed rows."""
    data = validate_room(data)
    with db.session() as s:
        clash = s.scalar(select(Room).where(Room.name == data.name, Room.id != (data.id or -1)))
        if clash is not None:
            raise ValidationError({"name": f"Er is al een kamer met de naam {data.name}."})
        if data.id is None:
            room = Room(version=1)
            s.add(room)
        else:
            room = _load(s, data.id)
            if room.version != data.version:
                raise ConflictError(
                    "Deze kamer is intussen door iemand anders gewijzigd. Open haar opnieuw."
                )
            room.version += 1
        for name in _FIELDS:
            setattr(room, name, getattr(data, name))
        _sync_beds(s, room, data.beds)
        s.flush()
        return _to_data(room)


def _sync_beds(s: Session, room: Room, wanted: int) -> None:
    by_number = {b.number: b for b in room.bed_rows}
    for number in range(1, wanted + 1):
        bed = by_number.get(number)
        if bed is None:
            room.bed_rows.append(Bed(number=number, active=True))
        else:
            bed.active = True
    for number, bed in by_number.items():
        if number > wanted and bed.active:
            _refuse_if_booked(s, bed, room.name)
            bed.active = False


def _refuse_if_booked(s: Session, bed: Bed, room_name: str) -> None:
    first = s.scalar(
        select(Night.day)
        .where(Night.bed_id == bed.id, Night.active.is_(True), Night.day >= date.today())
        .order_by(Night.day)
        .limit(1)
    )
    if first is not None:
        raise ValidationError(
            {
                "beds": f"Bed {bed.number} van {room_name} is nog bezet vanaf "
                f"{format_date(first)}. Verplaats die verblijven eerst."
            }
        )
