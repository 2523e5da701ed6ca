"""Funders: municipalities, care offices, insurers, pgb holders and private payers."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Funder
from ..domain.enums import FunderKind
from ..domain.validation import (
    normalize_cbs_municipality_code,
    normalize_email,
    normalize_phone,
    normalize_postcode,
    normalize_uzovi,
)
from ..services.errors import ConflictError, NotFoundError
from ..services.field_check import FieldCheck
from ..storage.database import Database


@dataclass(frozen=True)
class FunderData:
    id: int | None = None
    version: int = 0
    kind: str = FunderKind.GEMEENTE.value
    name: str = ""
    cbs_code: str = ""
    uzovi_code: str = ""
    contact_name: str = ""
    street: str = ""
    postcode: str = ""
    city: str = ""
    email: str = ""
    phone: str = ""
    invoice_to_guest: bool = False
    wants_invoice: bool = False
    active: bool = True
    notes: str = ""

    @property
    def kind_label(self) -> str:
        return FunderKind(self.kind).label


_FIELDS = [f.name for f in fields(FunderData) if f.name not in ("id", "version")]


def list_funders(
    db: Database, *, kind: str | None = None, include_inactive: bool = True
) -> list[FunderData]:
    query = select(Funder).order_by(Funder.kind, Funder.name)
    if kind is not None:
        query = query.where(Funder.kind == kind)
    if not include_inactive:
        query = query.where(Funder.active.is_(True))
    with db.session(write=False) as s:
        return [_to_data(f) for f in s.scalars(query)]


def get_funder(db: Database, funder_id: int) -> FunderData:
    with db.session(write=False) as s:
        return _to_data(load_funder(s, funder_id))


def load_funder(s: Session, funder_id: int) -> Funder:
    funder = s.get(Funder, funder_id)
    if funder is None:
        raise NotFoundError("Deze financier bestaat niet (meer).")
    return funder


def _to_data(f: Funder) -> FunderData:
    return FunderData(id=f.id, version=f.version, **{n: getattr(f, n) for n in _FIELDS})


def validate_funder(data: FunderData) -> FunderData:
    check = FieldCheck()
    check.rule("kind", data.kind in {k.value for k in FunderKind}, "Kies een soort financier.")
    check.required("name", data.name, "Vul de naam van de financier in.")
    name = check.text("name", data.name, label="De naam", max_length=200)
    cbs = check.optional("cbs_code", data.cbs_code, normalize_cbs_municipality_code)
    if data.kind == FunderKind.GEMEENTE:
        check.required("cbs_code", data.cbs_code, "Een gemeente heeft een CBS-code van 4 cijfers.")
    normalized: dict[str, Any] = {
        "uzovi_code": check.optional("uzovi_code", data.uzovi_code, normalize_uzovi),
        "postcode": check.optional("postcode", data.postcode, normalize_postcode),
        "email": check.optional("email", data.email, normalize_email),
        "phone": check.optional("phone", data.phone, normalize_phone),
    }
    check.raise_if_any()
    return replace(
        data,
        name=name,
        cbs_code=cbs,
        street=data.street.strip(),
        city=data.city.strip(),
        contact_name=data.contact_name.strip(),
        # A pgb is always invoiced to the budget holder, never claimed (issue 18).
        invoice_to_guest=data.invoice_to_guest or data.kind == FunderKind.PGB,
        wants_invoice=data.wants_invoice or data.kind == FunderKind.PGB,
        **normalized,
    )


def save_funder(db: Database, data: FunderData) -> FunderData:
    data = validate_funder(data)
    with db.session() as s:
        if data.id is None:
            funder = Funder(version=1)
            s.add(funder)
        else:
            funder = load_funder(s, data.id)
            if funder.version != data.version:
                raise ConflictError(
                    "Deze financier is intussen elders gewijzigd. Open hem opnieuw."
                )
            funder.version += 1
        for name in _FIELDS:
            setattr(funder, name, getattr(data, name))
        s.flush()
        return _to_data(funder)
