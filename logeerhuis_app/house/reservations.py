"""Beds reserved by a funder: billed every day under a reserved-bed contract, occupied or not.

A municipality that pays a reserved bed in the WMO323 gives a toewijzing for it: the client
its empty days are declared on and the toewijzingnummer (decision 0033). Without one those
days stay on the claim summary only, which the month check and the claim draft point out.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import Bed, BedReservation, Contract, Funder, Guest, Room
from ..domain.access_log import CHANGE
from ..domain.claim_checks import bsn_problems, is_allocation_number
from ..domain.dates import format_date
from ..domain.enums import FunderKind, TariffModel
from ..domain.people import display_name
from ..domain.rooms import room_label
from ..services.errors import ConflictError, NotFoundError, ValidationError
from ..storage.database import Database


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
    # The municipality's toewijzing for the bed: the client and the toewijzingnummer.
    allocation_guest_id: int | None = None
    allocation_reference: str = ""
    allocation_guest_name: str = ""
    version: int = 0
    funder_kind: str = ""

    @property
    def has_allocation(self) -> bool:
        return self.allocation_guest_id is not None and bool(self.allocation_reference)


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
        guest_id, reference = _checked_allocation(
            s, contract, data.allocation_guest_id, data.allocation_reference
        )
        clash = s.scalar(
            select(BedReservation).where(
                BedReservation.bed_id == bed.id,
                BedReservation.start_date < end,
                BedReservation.end_date > data.start,
            )
        )
        if clash is not None:
            room = s.get_one(Room, bed.room_id)
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
            allocation_guest_id=guest_id,
            allocation_reference=reference,
        )
        s.add(row)
        s.flush()
        if guest_id is not None:
            log_access(s, CHANGE, guest_id, "Toewijzing gereserveerd bed opgeslagen")
        return _to_data(s, row)


def set_reservation_allocation(
    db: Database,
    reservation_id: int,
    guest_id: int | None,
    reference: str,
    *,
    version: int | None = None,
) -> ReservationData:
    """Record (or, with no client and no number, remove) the municipality's toewijzing for a
    reserved bed. `version` is the one the caller read; a change elsewhere since is refused."""
    with db.session() as s:
        row = s.get(BedReservation, reservation_id)
        if row is None:
            raise NotFoundError("Deze reservering bestaat niet (meer).")
        if version is not None and row.version != version:
            raise ConflictError("Deze reservering is intussen elders gewijzigd.")
        contract = s.get(Contract, row.contract_id)
        assert contract is not None  # a foreign key with ON DELETE RESTRICT
        guest_id, reference = _checked_allocation(s, contract, guest_id, reference)
        before = row.allocation_guest_id
        row.allocation_guest_id, row.allocation_reference = guest_id, reference
        row.version += 1
        s.flush()
        for who in {before, guest_id} - {None}:
            log_access(s, CHANGE, who, "Toewijzing gereserveerd bed gewijzigd")
        return _to_data(s, row)


def _checked_allocation(
    s: Session, contract: Contract, guest_id: int | None, reference: str
) -> tuple[int | None, str]:
    """The toewijzing as it is stored, or a Dutch ValidationError: a client with a valid BSN
    and a toewijzingnummer (as iWmo wants it), both or neither, only for a municipality."""
    reference = (reference or "").strip()
    if guest_id is None and not reference:
        return None, ""
    problems: dict[str, str] = {}
    funder = s.get(Funder, contract.funder_id)
    if funder is None or funder.kind != FunderKind.GEMEENTE:
        raise ValidationError(
            {
                "allocation_reference": "Alleen een bed dat een gemeente reserveert krijgt een "
                "toewijzing (voor de WMO323)."
            }
        )
    guest = s.get(Guest, guest_id) if guest_id is not None else None
    if guest is None:
        problems["allocation_guest_id"] = (
            "Kies de cliënt op wie de gemeente het bed heeft toegewezen."
        )
    else:
        who = display_name(guest.first_name, guest.prefix, guest.last_name)
        bsn = bsn_problems(who, guest.bsn or "")
        if bsn:
            problems["allocation_guest_id"] = bsn[0]
    if not reference:
        problems["allocation_reference"] = "Vul het toewijzingnummer van de gemeente in."
    elif not is_allocation_number(reference):
        problems["allocation_reference"] = (
            f"Het toewijzingnummer {reference} moet een getal van hoogstens 9 cijfers zijn."
        )
    if problems:
        raise ValidationError(problems)
    return guest_id, reference


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
    guest = s.get(Guest, r.allocation_guest_id) if r.allocation_guest_id else None
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
        allocation_guest_id=r.allocation_guest_id,
        allocation_reference=r.allocation_reference,
        allocation_guest_name=display_name(guest.first_name, guest.prefix, guest.last_name)
        if guest
        else "",
        version=r.version,
        funder_kind=funder.kind if funder else "",
    )
