"""Beds reserved by a funder: billed every day under a reserved-bed contract, occupied or not."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Bed, BedReservation, Contract, Funder, Room
from ..domain.dates import format_date
from ..domain.enums import TariffModel
from ..domain.rooms import room_label
from .database import Database
from .errors import NotFoundError, ValidationError


@dataclass(frozen=True)
class ReservationData:
    id: int | None
    bed_id: int
    contract_id: int
    start: date
    last_day: date  # inclusive
    note: str = ""
    funder_id: int = 0
    funder_name: str = ""
    room_name: str = ""


def reserve_bed(db: Database, data: ReservationData) -> ReservationData:
    if data.last_day < data.start:
        raise ValidationError({"last_day": "De laatste dag ligt vóór de eerste dag."})
    end = data.last_day + timedelta(days=1)
    with db.session() as s:
        bed, contract = s.get(Bed, data.bed_id), s.get(Contract, data.contract_id)
        if bed is None or contract is None:
            raise NotFoundError("Dit bed of dit contract bestaat niet (meer).")
        if contract.tariff_model != TariffModel.RESERVED_BED:
            raise ValidationError(
                {"contract_id": "Kies een contract met het tariefmodel 'per gereserveerde dag'."}
            )
        clash = s.scalar(
            select(BedReservation).where(
                BedReservation.bed_id == bed.id,
                BedReservation.start_date < end,
                BedReservation.end_date > data.start,
            )
        )
        if clash is not None:
            room = s.get(Room, bed.room_id)
            raise ValidationError(
                {
                    "start": f"{room_label(room.name)} is al gereserveerd van "
                    f"{format_date(clash.start_date)} tot {format_date(clash.end_date)}."
                }
            )
        row = BedReservation(
            bed_id=bed.id,
            contract_id=contract.id,
            start_date=data.start,
            end_date=end,
            note=data.note.strip(),
        )
        s.add(row)
        s.flush()
        return _to_data(s, row)


def list_reservations(db: Database, start: date, end: date) -> list[ReservationData]:
    with db.session() as s:
        return [_to_data(s, r) for r in reservations_between(s, start, end)]


def reservations_between(s: Session, start: date, end: date) -> list[BedReservation]:
    return list(
        s.scalars(
            select(BedReservation)
            .where(BedReservation.start_date < end, BedReservation.end_date > start)
            .order_by(BedReservation.start_date)
        )
    )


def remove_reservation(db: Database, reservation_id: int) -> None:
    with db.session() as s:
        row = s.get(BedReservation, reservation_id)
        if row is None:
            raise NotFoundError("Deze reservering bestaat niet (meer).")
        s.delete(row)


def _to_data(s: Session, r: BedReservation) -> ReservationData:
    contract = s.get(Contract, r.contract_id)
    funder = s.get(Funder, contract.funder_id) if contract else None
    bed = s.get(Bed, r.bed_id)
    room = s.get(Room, bed.room_id) if bed else None
    return ReservationData(
        r.id,
        r.bed_id,
        r.contract_id,
        r.start_date,
        r.end_date - timedelta(days=1),
        r.note,
        funder.id if funder else 0,
        funder.name if funder else "",
        room.name if room else "",
    )
