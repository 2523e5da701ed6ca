"""Requests (aanvragen): record, change with history, place in the planner, reject, withdraw.

A change of the wished dates of a saved request is kept as a DateChange row (what, who asked,
how, and whether it came within a week of arrival), so staff can see later what changed;
planning/request_history.py reads those rows back.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Allocation, DateChange, Funder, Guest, StayRequest
from ..domain.dates import format_date
from ..domain.enums import Channel, RequesterKind, RequestStatus, StayStatus
from ..domain.people import display_name
from ..domain.planning import is_late_cancellation
from ..services.errors import ConflictError, NotFoundError, ServiceError, ValidationError
from ..services.field_check import FieldCheck
from ..storage.database import Database
from .planning import WhoAsked
from .stays import NewStay, StayData, add_stay, to_stay_data

OPEN = (RequestStatus.NEW.value, RequestStatus.IN_PROGRESS.value)


@dataclass(frozen=True)
class RequestData:
    """One request. id None means a new one; guest_name is filled in when read."""

    id: int | None = None
    version: int = 0
    guest_id: int = 0
    requester_kind: str = RequesterKind.CARER.value
    requester_name: str = ""
    channel: str = Channel.PHONE.value
    received_on: date = field(default_factory=date.today)
    wished_arrival: date | None = None
    wished_departure: date | None = None
    flexibility: str = ""
    funder_id: int | None = None
    allocation_id: int | None = None
    status: str = RequestStatus.NEW.value
    reject_reason: str = ""
    notes: str = ""
    stay_id: int | None = None
    guest_name: str = ""  # read only

    @property
    def nights(self) -> int:
        if self.wished_arrival is None or self.wished_departure is None:
            return 0
        return (self.wished_departure - self.wished_arrival).days

    @property
    def is_open(self) -> bool:
        return self.status in OPEN


# Columns copied one to one between the row and the dataclass.
_COLUMNS = [f.name for f in fields(RequestData) if f.name not in ("id", "version", "guest_name")]


def _to_data(row: StayRequest, guest: Guest | None) -> RequestData:
    name = display_name(guest.first_name, guest.prefix, guest.last_name) if guest else ""
    return RequestData(
        id=row.id,
        version=row.version,
        guest_name=name,
        **{name_: getattr(row, name_) for name_ in _COLUMNS},
    )


def _load(s: Session, request_id: int) -> StayRequest:
    row = s.get(StayRequest, request_id)
    if row is None:
        raise NotFoundError("Deze aanvraag bestaat niet (meer).")
    return row


# --- validating and saving ---------------------------------------------------------------


def validate_request(data: RequestData) -> RequestData:
    """The normalised request, or ValidationError naming every bad field (Dutch)."""
    check = FieldCheck()
    check.rule("guest_id", bool(data.guest_id), "Kies de gast voor wie de aanvraag is.")
    check.rule(
        "requester_kind",
        data.requester_kind in {k.value for k in RequesterKind},
        "Kies wie de aanvraag deed.",
    )
    check.rule(
        "channel", data.channel in {c.value for c in Channel}, "Kies hoe de aanvraag binnenkwam."
    )
    check.rule("status", data.status in {r.value for r in RequestStatus}, "Kies een status.")
    check.required("received_on", data.received_on, "Vul de datum van ontvangst in.")
    check.required("wished_arrival", data.wished_arrival, "Vul de gewenste aankomstdatum in.")
    check.required("wished_departure", data.wished_departure, "Vul de gewenste vertrekdatum in.")
    if data.wished_arrival is not None and data.wished_departure is not None:
        check.rule(
            "wished_departure",
            data.wished_departure > data.wished_arrival,
            "Het gewenste vertrek moet na de gewenste aankomst liggen.",
        )
    texts: dict[str, Any] = {
        "requester_name": check.text(
            "requester_name", data.requester_name, label="De naam van de aanvrager", max_length=200
        ),
        "flexibility": check.text(
            "flexibility", data.flexibility, label="De flexibiliteit", max_length=200
        ),
        "notes": check.text("notes", data.notes, label="De opmerking", max_length=4000),
        "reject_reason": check.text(
            "reject_reason", data.reject_reason, label="De reden", max_length=2000
        ),
    }
    check.raise_if_any()
    return replace(data, **texts)


def save_request(
    db: Database,
    data: RequestData,
    *,
    who: WhoAsked | None = None,
    now: datetime | None = None,
) -> RequestData:
    """Create or update a request; a change of the wished dates goes into the history.

    Placing, rejecting and withdrawing have their own functions; here the status can only move
    between 'nieuw' and 'in behandeling'. Refuses a stale version (lost update).
    """
    data = validate_request(data)
    now = (now or datetime.now()).replace(microsecond=0)
    with db.session() as s:
        guest = s.get(Guest, data.guest_id)
        if guest is None:
            raise ValidationError({"guest_id": "Deze gast bestaat niet (meer)."})
        funder_id = _check_funding(s, data)
        if data.id is None:
            if data.status not in OPEN:
                raise ValidationError({"status": "Een nieuwe aanvraag is nieuw of in behandeling."})
            row = StayRequest(version=1)
            s.add(row)
        else:
            row = _load(s, data.id)
            if row.version != data.version:
                raise ConflictError(
                    "Deze aanvraag is intussen door iemand anders gewijzigd. "
                    "Sluit het venster en open de aanvraag opnieuw."
                )
            _check_status_change(row, data)
            _record_date_change(s, row, data, who or WhoAsked(), now)
            row.version += 1
        for name in _COLUMNS:
            if name not in ("stay_id", "reject_reason"):  # set by place / reject only
                setattr(row, name, getattr(data, name))
        row.funder_id = funder_id
        s.flush()
        return _to_data(row, guest)


def _check_funding(s: Session, data: RequestData) -> int | None:
    """The funder of the request: the one given, else the allocation's."""
    funder_id = data.funder_id
    if funder_id is not None and s.get(Funder, funder_id) is None:
        raise ValidationError({"funder_id": "Deze financier bestaat niet (meer)."})
    if data.allocation_id is not None:
        allocation = s.get(Allocation, data.allocation_id)
        if allocation is None or allocation.guest_id != data.guest_id:
            raise ValidationError({"allocation_id": "Deze toewijzing hoort niet bij deze gast."})
        if funder_id is None:
            funder_id = allocation.funder_id
        elif allocation.funder_id != funder_id:
            raise ValidationError(
                {"allocation_id": "Deze toewijzing hoort bij een andere financier."}
            )
    return funder_id


def _check_status_change(row: StayRequest, data: RequestData) -> None:
    if data.status == row.status:
        if row.status not in OPEN and (
            (data.wished_arrival, data.wished_departure)
            != (row.wished_arrival, row.wished_departure)
        ):
            raise ServiceError(
                f"Deze aanvraag is {RequestStatus(row.status).label.lower()}; de gewenste data "
                "liggen vast. Wijzig het verblijf in de planning."
            )
        return
    if row.status not in OPEN or data.status not in OPEN:
        raise ValidationError(
            {"status": "Gebruik Plaatsen, Afwijzen of Intrekken om de status te veranderen."}
        )


def _record_date_change(
    s: Session, row: StayRequest, data: RequestData, who: WhoAsked, now: datetime
) -> None:
    old = (row.wished_arrival, row.wished_departure)
    new = (data.wished_arrival, data.wished_departure)
    if old == new:
        return
    assert new[0] is not None  # checked before saving: a request has a wished arrival
    parts = []
    if old[0] != new[0]:
        parts.append(f"gewenste aankomst {format_date(old[0])} → {format_date(new[0])}")
    if old[1] != new[1]:
        parts.append(f"gewenst vertrek {format_date(old[1])} → {format_date(new[1])}")
    s.add(
        DateChange(
            request_id=row.id,
            changed_at=now,
            what="; ".join(parts),
            old_arrival=old[0],
            old_departure=old[1],
            new_arrival=new[0],
            new_departure=new[1],
            asked_by=who.asked_by.strip(),
            channel=who.channel,
            late=is_late_cancellation(now.date(), min(old[0], new[0])),
        )
    )


# --- reading -----------------------------------------------------------------------------


def get_request(db: Database, request_id: int) -> RequestData:
    with db.session(write=False) as s:
        row = _load(s, request_id)
        return _to_data(row, s.get(Guest, row.guest_id))


def list_requests(db: Database, *, open_only: bool = True) -> list[RequestData]:
    """Open requests by wished arrival; with open_only False all of them, newest first."""
    query = select(StayRequest, Guest).join(Guest, StayRequest.guest_id == Guest.id)
    if open_only:
        query = query.where(StayRequest.status.in_(OPEN)).order_by(
            StayRequest.wished_arrival, StayRequest.id
        )
    else:
        query = query.order_by(StayRequest.wished_arrival.desc(), StayRequest.id.desc())
    with db.session(write=False) as s:
        return [_to_data(row, guest) for row, guest in s.execute(query)]


# --- closing a request -------------------------------------------------------------------


def _load_open(s: Session, request_id: int, action: str) -> StayRequest:
    row = _load(s, request_id)
    if row.status not in OPEN:
        raise ServiceError(
            f"{action} kan niet: deze aanvraag is al {RequestStatus(row.status).label.lower()}."
        )
    return row


def place_request(
    db: Database,
    request_id: int,
    *,
    room_id: int,
    arrival: date,
    departure: date,
    bed_id: int | None = None,
    status: str = StayStatus.OPTION.value,
    now: datetime | None = None,
    cap_accepted_by: str = "",
) -> StayData:
    """Book the request as a stay (with the request's allocation) and mark it placed.

    Placed on other dates than wished, the difference is kept in the request's history.
    """
    with db.session() as s:
        row = _load_open(s, request_id, "Plaatsen")
        stay = add_stay(
            s,
            NewStay(
                guest_id=row.guest_id,
                room_id=room_id,
                arrival=arrival,
                departure=departure,
                status=status,
                allocation_id=row.allocation_id,
                bed_id=bed_id,
                notes=row.notes,
                cap_accepted_by=cap_accepted_by,
            ),
        )
        if (arrival, departure) != (row.wished_arrival, row.wished_departure):
            moment = (now or datetime.now()).replace(microsecond=0)
            s.add(
                DateChange(
                    request_id=row.id,
                    stay_id=stay.id,
                    changed_at=moment,
                    what=(
                        f"geplaatst op {format_date(arrival)} tot {format_date(departure)} "
                        f"(gevraagd {format_date(row.wished_arrival)} tot "
                        f"{format_date(row.wished_departure)})"
                    ),
                    old_arrival=row.wished_arrival,
                    old_departure=row.wished_departure,
                    new_arrival=arrival,
                    new_departure=departure,
                    new_room_id=room_id,
                    late=False,
                )
            )
        row.status = RequestStatus.PLACED.value
        row.stay_id = stay.id
        row.version += 1
        s.flush()
        return to_stay_data(stay)


def reject_request(db: Database, request_id: int, reason: str) -> RequestData:
    """Refuse a request; the reason is required (funders ask why requests were refused)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reject_reason": "Vul de reden van de afwijzing in."})
    with db.session() as s:
        row = _load_open(s, request_id, "Afwijzen")
        row.status = RequestStatus.REJECTED.value
        row.reject_reason = reason
        row.version += 1
        s.flush()
        return _to_data(row, s.get(Guest, row.guest_id))


def withdraw_request(db: Database, request_id: int) -> RequestData:
    """The requester no longer needs the stay."""
    with db.session() as s:
        row = _load_open(s, request_id, "Intrekken")
        row.status = RequestStatus.WITHDRAWN.value
        row.version += 1
        s.flush()
        return _to_data(row, s.get(Guest, row.guest_id))
