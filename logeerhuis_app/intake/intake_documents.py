"""PDFs around a stay, gathered from the database: intake form, statement, departure checklist,
evaluation letter. Each reads only what its reader needs; no document carries a BSN.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import Carer, Guest, Provider, Room, Setting, Stay
from ..documents.intake.intake_form import IntakeFormData, render_intake_form
from ..documents.intake.stay_letters import (
    DEFAULT_CONDITIONS,
    DEFAULT_EVALUATION_TEXT,
    DepartureData,
    EvaluationData,
    Letterhead,
    StatementData,
    render_departure_checklist,
    render_evaluation_letter,
    render_statement,
)
from ..domain.access_log import PRINT
from ..domain.enums import StayStatus
from ..domain.intake import Answer
from ..domain.people import display_name
from ..domain.rooms import room_label
from ..house.house_texts import CONDITIONS, EVALUATION
from ..services.errors import NotFoundError
from ..storage.database import Database
from .intake import load_intake


def intake_form_pdf(
    db: Database,
    stay_id: int | None,
    *,
    blank: bool = False,
    guest_id: int | None = None,
    printed_on: date | None = None,
) -> bytes:
    """The intake form of a stay; blank (to fill in on the phone) for a stay, a guest or nobody."""
    with db.session() as s:
        provider = _provider(s)
        stay = _stay(s, stay_id) if stay_id is not None else None
        if stay is not None:
            guest = s.get(Guest, stay.guest_id)
        elif guest_id is not None:
            guest = s.get(Guest, guest_id)
            if guest is None:
                raise NotFoundError("Deze gast bestaat niet (meer).")
        else:
            guest = None
        answers: dict[str, Answer] = {}
        overrides: tuple[tuple[str, str, str, datetime], ...] = ()
        if stay is not None and not blank:
            # The same answers the checklist shows: a returning guest's earlier ones included.
            intake = load_intake(s, stay.id)
            answers = dict(intake.answers)
            overrides = tuple((o.gate, o.reason, o.given_by, o.given_at) for o in intake.overrides)
        data = IntakeFormData(
            provider_name=provider.name,
            logo=provider.logo,
            guest_name=_name(guest) if guest is not None else "",
            date_of_birth=guest.date_of_birth if guest is not None else None,
            stay=(stay.arrival, stay.departure) if stay is not None else None,
            answers=answers,
            overrides=overrides,
            printed_on=printed_on or date.today(),
        )
        if guest is not None:
            what = "Leeg intakeformulier" if blank or stay is None else "Intakeformulier"
            log_access(s, PRINT, guest.id, _about(what, stay))
    return render_intake_form(data)


def statement_pdf(
    db: Database, stay_id: int, conditions: str | None = None, *, printed_on: date | None = None
) -> bytes:
    """The "Verklaring logeerzorg" for a stay, with the house's conditions, ready to sign."""
    with db.session() as s:
        stay = _stay(s, stay_id)
        guest = s.get_one(Guest, stay.guest_id)
        data = StatementData(
            provider=_provider(s),
            guest_name=_name(guest),
            date_of_birth=guest.date_of_birth,
            arrival=stay.arrival,
            departure=stay.departure,
            printed_on=printed_on or date.today(),
            conditions=_text_or_setting(s, conditions, CONDITIONS, DEFAULT_CONDITIONS),
        )
        log_access(s, PRINT, guest.id, _about("Verklaring logeerzorg", stay))
    return render_statement(data)


def departure_checklist_pdf(db: Database, stay_id: int, *, printed_on: date | None = None) -> bytes:
    """The checklist for the handover back home on the day of departure."""
    with db.session() as s:
        stay = _stay(s, stay_id)
        guest = s.get_one(Guest, stay.guest_id)
        room = s.get(Room, stay.room_id)
        provider = _provider(s)
        carer = _main_carer(s, guest.id)
        collected_by = ""
        if carer is not None:
            relation = f" ({carer.relation})" if carer.relation else ""
            collected_by = _join(carer.name + relation, carer.phone)
        next_arrival = s.scalar(
            select(Stay.arrival)
            .where(
                Stay.guest_id == guest.id,
                Stay.id != stay.id,
                Stay.arrival >= stay.departure,
                Stay.status != StayStatus.CANCELLED,
            )
            .order_by(Stay.arrival)
            .limit(1)
        )
        data = DepartureData(
            provider_name=provider.name,
            logo=provider.logo,
            guest_name=_name(guest),
            room=room_label(room.name) if room is not None else "",
            arrival=stay.arrival,
            departure=stay.departure,
            printed_on=printed_on or date.today(),
            collected_by=collected_by,
            homecare=_join(guest.homecare_org, guest.homecare_contact, guest.homecare_phone),
            gp=_join(guest.gp_name, guest.gp_phone),
            next_stay=next_arrival,
        )
        log_access(s, PRINT, guest.id, _about("Vertrekchecklist", stay))
    return render_departure_checklist(data)


def evaluation_letter_pdf(
    db: Database,
    stay_id: int,
    text: str | None = None,
    *,
    letter_date: date | None = None,
    signed_by: str = "",
) -> bytes:
    """The evaluation letter to the carer and the guest, sent to the guest's address."""
    with db.session() as s:
        stay = _stay(s, stay_id)
        guest = s.get_one(Guest, stay.guest_id)
        carer = _main_carer(s, guest.id)
        place = " ".join(p for p in (guest.postcode, guest.city) if p)
        data = EvaluationData(
            provider=_provider(s),
            carer_name=carer.name.strip() if carer is not None else "",
            guest_name=_name(guest),
            address_lines=tuple(line for line in (guest.street.strip(), place) if line),
            arrival=stay.arrival,
            departure=stay.departure,
            letter_date=letter_date or date.today(),
            text=_text_or_setting(s, text, EVALUATION, DEFAULT_EVALUATION_TEXT),
            signed_by=signed_by.strip(),
        )
        log_access(s, PRINT, guest.id, _about("Evaluatiebrief", stay))
    return render_evaluation_letter(data)


def _about(what: str, stay: Stay | None) -> str:
    return f"{what} (verblijf {stay.id})" if stay is not None else what


def _stay(s: Session, stay_id: int) -> Stay:
    stay = s.get(Stay, stay_id)
    if stay is None:
        raise NotFoundError("Dit verblijf bestaat niet (meer).")
    return stay


def _provider(s: Session) -> Letterhead:
    row = s.get(Provider, 1)
    if row is None:
        return Letterhead(name="Logeerhuis")
    return Letterhead(
        name=row.name or "Logeerhuis",
        street=row.street,
        postcode=row.postcode,
        city=row.city,
        phone=row.phone,
        email=row.email,
        kvk=row.kvk,
        agb_code=row.agb_code,
        logo=row.logo,
    )


def _name(guest: Guest) -> str:
    return display_name(guest.first_name, guest.prefix, guest.last_name)


def _main_carer(s: Session, guest_id: int) -> Carer | None:
    """The primary carer, else the first one recorded."""
    return s.scalars(
        select(Carer)
        .where(Carer.guest_id == guest_id)
        .order_by(Carer.is_primary.desc(), Carer.id)
        .limit(1)
    ).first()


def _join(*parts: str) -> str:
    return ", ".join(p.strip() for p in parts if p and p.strip())


def _text_or_setting(s: Session, given: str | None, key: str, default: str) -> str:
    """The text passed in; else the house's own text from the settings; else the default."""
    if given is not None and given.strip():
        return given
    row = s.get(Setting, key)  # plain text, as house.house_texts stores it
    return row.value if row is not None and row.value.strip() else default
