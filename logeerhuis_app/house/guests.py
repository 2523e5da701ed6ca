"""Guests and their carers: search, read, save."""

from __future__ import annotations

from contextlib import suppress
from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, or_, select
from sqlalchemy.orm import Session, selectinload

from ..access.access import log_access
from ..db.locking import take_turn
from ..db.models import Carer, Guest
from ..domain.access_log import CHANGE, VIEW
from ..domain.enums import Grondslag
from ..domain.people import display_name, sort_name
from ..domain.text_limits import NOTE_MAX_LENGTH
from ..domain.validation import (
    normalize_bsn,
    normalize_cbs_municipality_code,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_postcode,
)
from ..services.errors import ConflictError, NotFoundError, ValidationError
from ..services.field_check import FieldCheck
from ..storage.database import Database


@dataclass(frozen=True)
class CarerData:
    id: int | None = None
    name: str = ""
    relation: str = ""
    phone: str = ""
    email: str = ""
    is_primary: bool = False
    notes: str = ""


@dataclass(frozen=True)
class GuestData:
    """Everything the house records about a guest. id None means a new guest."""

    id: int | None = None
    version: int = 0
    first_name: str = ""
    prefix: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    gender: str = ""
    bsn: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    municipality_code: str = ""
    phone: str = ""
    email: str = ""
    iban: str = ""
    emergency_name: str = ""
    emergency_relation: str = ""
    emergency_phone: str = ""
    insurer: str = ""
    policy_number: str = ""
    gp_name: str = ""
    gp_phone: str = ""
    pharmacy_name: str = ""
    pharmacy_phone: str = ""
    homecare_org: str = ""
    homecare_contact: str = ""
    homecare_phone: str = ""
    grondslag: str = Grondslag.OTHER.value
    height_cm: int | None = None
    weight_kg: int | None = None
    care_needs: str = ""
    needs_hoist: bool = False
    needs_ground_floor: bool = False
    needs_wheelchair_access: bool = False
    notes: str = ""
    active: bool = True
    carers: tuple[CarerData, ...] = field(default_factory=tuple)

    @property
    def display_name(self) -> str:
        return display_name(self.first_name, self.prefix, self.last_name)


@dataclass(frozen=True)
class GuestSummary:
    id: int
    name: str  # sort form: "Berg, Jan van der"
    date_of_birth: date | None
    bsn: str
    city: str
    active: bool


_SCALAR_FIELDS = [f.name for f in fields(GuestData) if f.name not in ("id", "version", "carers")]
_CARER_FIELDS = [f.name for f in fields(CarerData) if f.name != "id"]
_PHONE_FIELDS = ("phone", "emergency_phone", "gp_phone", "pharmacy_phone", "homecare_phone")


def search_guests(
    db: Database, text: str = "", *, include_inactive: bool = True, limit: int = 500
) -> list[GuestSummary]:
    """Guests whose name, BSN or date of birth matches the text (all guests when empty)."""
    query = select(Guest)
    for term in text.split():
        query = query.where(_term_filter(term))
    if not include_inactive:
        query = query.where(Guest.active.is_(True))
    query = query.order_by(Guest.last_name, Guest.first_name, Guest.id).limit(limit)
    with db.session(write=False) as s:
        return [_summary(g) for g in s.scalars(query)]


def _term_filter(term: str):
    from ..domain.dates import parse_date
    from ..domain.validation import InvalidValue

    like = f"%{term}%"
    conditions: list[ColumnElement[bool]] = [
        Guest.first_name.ilike(like),
        Guest.prefix.ilike(like),
        Guest.last_name.ilike(like),
    ]
    if term.isdigit():
        conditions.append(Guest.bsn.like(like))
    with suppress(InvalidValue):  # a term that is a date also matches the date of birth
        conditions.append(Guest.date_of_birth == parse_date(term))
    return or_(*conditions)


def _summary(g: Guest) -> GuestSummary:
    return GuestSummary(
        id=g.id,
        name=sort_name(g.first_name, g.prefix, g.last_name),
        date_of_birth=g.date_of_birth,
        bsn=g.bsn,
        city=g.city,
        active=g.active,
    )


def get_guest(db: Database, guest_id: int) -> GuestData:
    """The guest's full record; the view is written to the access log."""
    with db.session() as s:
        data = _to_data(_load(s, guest_id))
        log_access(s, VIEW, guest_id, "Gastgegevens geopend")
        return data


def _load(s: Session, guest_id: int) -> Guest:
    guest = s.get(Guest, guest_id, options=[selectinload(Guest.carers)])
    if guest is None:
        raise NotFoundError("Deze gast bestaat niet (meer).")
    return guest


def _to_data(g: Guest) -> GuestData:
    carers = tuple(
        CarerData(id=c.id, **{name: getattr(c, name) for name in _CARER_FIELDS}) for c in g.carers
    )
    return GuestData(
        id=g.id,
        version=g.version,
        carers=carers,
        **{name: getattr(g, name) for name in _SCALAR_FIELDS},
    )


def validate_guest(data: GuestData) -> GuestData:
    """The normalised guest, or ValidationError naming every bad field (Dutch)."""
    check = FieldCheck()
    check.required("last_name", data.last_name, "Vul de achternaam in.")
    texts: dict[str, Any] = {
        name: check.text(name, getattr(data, name), label=label, max_length=length)
        for name, label, length in (
            ("first_name", "De voornaam", 100),
            ("prefix", "Het tussenvoegsel", 30),
            ("last_name", "De achternaam", 100),
            ("street", "Het adres", 200),
            ("city", "De woonplaats", 100),
            ("emergency_name", "De naam", 200),
            ("insurer", "De zorgverzekeraar", 100),
            ("policy_number", "Het polisnummer", 50),
            ("gp_name", "De huisarts", 200),
            ("pharmacy_name", "De apotheek", 200),
            ("homecare_org", "De thuiszorgorganisatie", 200),
            ("homecare_contact", "De contactpersoon", 200),
            ("emergency_relation", "De relatie", 100),
            ("care_needs", "De zorgbehoefte", NOTE_MAX_LENGTH),
            ("notes", "De opmerkingen", NOTE_MAX_LENGTH),
        )
    }
    normalized: dict[str, Any] = {
        "bsn": check.optional("bsn", data.bsn, normalize_bsn),
        "postcode": check.optional("postcode", data.postcode, normalize_postcode),
        "iban": check.optional("iban", data.iban, normalize_iban),
        "email": check.optional("email", data.email, normalize_email),
        "municipality_code": check.optional(
            "municipality_code", data.municipality_code, normalize_cbs_municipality_code
        ),
    }
    for name in _PHONE_FIELDS:
        normalized[name] = check.optional(name, getattr(data, name), normalize_phone)
    today = date.today()
    if data.date_of_birth is not None:
        check.rule(
            "date_of_birth", data.date_of_birth <= today, "De geboortedatum ligt in de toekomst."
        )
        check.rule(
            "date_of_birth", data.date_of_birth.year >= 1900, "De geboortedatum ligt vóór 1900."
        )
    check.rule("gender", data.gender in ("", "M", "V", "X"), "Kies man, vrouw of anders.")
    check.rule("grondslag", data.grondslag in {g.value for g in Grondslag}, "Kies een grondslag.")
    if data.height_cm is not None:
        check.rule(
            "height_cm",
            30 < data.height_cm < 260,
            "Vul een lengte in centimeters in (tussen 30 en 260).",
        )
    if data.weight_kg is not None:
        check.rule(
            "weight_kg",
            10 < data.weight_kg < 400,
            "Vul een gewicht in kilo's in (tussen 10 en 400).",
        )
    carers = []
    for index, carer in enumerate(data.carers):
        name = carer.name.strip()
        check.rule(f"carers.{index}.name", bool(name), "Vul de naam van de mantelzorger in.")
        phone = check.optional(f"carers.{index}.phone", carer.phone, normalize_phone)
        email = check.optional(f"carers.{index}.email", carer.email, normalize_email)
        for key, value, label, limit in (
            ("name", name, "De naam", 200),
            ("relation", carer.relation, "De relatie", 100),
            ("notes", carer.notes, "De notitie", NOTE_MAX_LENGTH),
        ):
            check.text(f"carers.{index}.{key}", value, label=label, max_length=limit)
        carers.append(
            replace(carer, name=name, relation=carer.relation.strip(), phone=phone, email=email)
        )
    check.raise_if_any()
    return replace(data, **texts, **normalized, carers=tuple(carers))


def save_guest(db: Database, data: GuestData) -> GuestData:
    """Create or update a guest with its carers; refuses a stale version (lost update)."""
    data = validate_guest(data)
    with db.session() as s:
        return _to_data(store_guest(s, data))


def store_guest(s: Session, data: GuestData) -> Guest:
    """Write a validated guest in the caller's unit of work (a message read in creates one)."""
    if data.bsn:
        take_turn(s, f"bsn-{data.bsn}")  # two PCs registering one BSN: the second waits
        _refuse_duplicate_bsn(s, data.bsn, data.id)
    if data.id is None:
        guest = Guest(version=1)
        s.add(guest)
    else:
        guest = _load(s, data.id)
        if guest.version != data.version:
            raise ConflictError(
                "Deze gast is intussen door iemand anders gewijzigd. "
                "Sluit het venster en open de gast opnieuw."
            )
        guest.version += 1
    for name in _SCALAR_FIELDS:
        setattr(guest, name, getattr(data, name))
    _sync_carers(guest, data.carers)
    s.flush()
    log_access(s, CHANGE, guest.id, "Gast aangemaakt" if data.id is None else "Gast gewijzigd")
    return guest


def _refuse_duplicate_bsn(s: Session, bsn: str, own_id: int | None) -> None:
    other = s.scalar(select(Guest).where(Guest.bsn == bsn, Guest.id != (own_id or -1)))
    if other is not None:
        name = display_name(other.first_name, other.prefix, other.last_name)
        raise ValidationError({"bsn": f"Dit BSN hoort al bij {name}."})


def _sync_carers(guest: Guest, carers: tuple[CarerData, ...]) -> None:
    existing = {c.id: c for c in guest.carers}
    kept: list[Carer] = []
    for data in carers:
        row = existing.get(data.id) if data.id is not None else None
        if row is None:
            row = Carer()
        for name in _CARER_FIELDS:
            setattr(row, name, getattr(data, name))
        kept.append(row)
    guest.carers = kept  # carers left out are deleted (delete-orphan)
