"""Privacy duties (AVG): what the house holds about a guest (inzage), removing the care data on
request while the financial records stay for their legal 7 years, and retention periods.

The inzage is generic over the schema: every row that points to the guest, to one of the
guest's stays or to one of the guest's carers, so a table added later is included by itself.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import Table, func, select
from sqlalchemy.orm import Session

from ..db.base import Base
from ..db.models import (
    Carer,
    CarerStrain,
    Guest,
    IntakeAnswer,
    IntakeOverride,
    Invoice,
    Setting,
    Stay,
)
from ..domain.access_log import CHANGE, EXPORT
from ..domain.dates import format_date
from ..domain.people import display_name
from ..mail.mail_recipients import forget_guest
from ..services.errors import NotFoundError, ValidationError
from ..storage.database import Database
from .access import log_access, require_role

CARE_YEARS_KEY, FINANCIAL_YEARS_KEY = "retention.care_years", "retention.financial_years"
DEFAULT_CARE_YEARS, DEFAULT_FINANCIAL_YEARS = 20, 7

# Guest fields that are care data (cleared on request); name, address, BSN and date of birth
# stay, because invoices and claims of the last 7 years refer to them.
CARE_FIELDS = {
    "phone": "", "email": "", "iban": "", "emergency_name": "", "emergency_relation": "",
    "emergency_phone": "", "insurer": "", "policy_number": "", "gp_name": "", "gp_phone": "",
    "pharmacy_name": "", "pharmacy_phone": "", "homecare_org": "", "homecare_contact": "",
    "homecare_phone": "", "height_cm": None, "weight_kg": None, "care_needs": "", "notes": "",
    "needs_hoist": False, "needs_ground_floor": False, "needs_wheelchair_access": False,
}  # fmt: skip
_SKIPPED_COLUMNS = {"pdf"}  # stored invoice PDFs: listed by number, not dumped as bytes


# -- inzage -----------------------------------------------------------------------------------
def guest_dossier(db: Database, guest_id: int, *, now: datetime) -> bytes:
    """Everything the house holds about one guest, as readable JSON (UTF-8)."""
    with db.session() as s:
        guest = s.get(Guest, guest_id)
        if guest is None:
            raise NotFoundError("Deze gast bestaat niet (meer).")
        keys = {
            "guest_id": {guest_id},
            "stay_id": set(s.scalars(select(Stay.id).where(Stay.guest_id == guest_id))),
            "carer_id": set(s.scalars(select(Carer.id).where(Carer.guest_id == guest_id))),
        }
        tables: dict[str, list[dict]] = {}
        for table in Base.metadata.sorted_tables:
            rows = _rows_about(s, table, guest_id, keys)
            if rows:
                tables[table.name] = rows
        name = display_name(guest.first_name, guest.prefix, guest.last_name)
        log_access(s, EXPORT, guest_id, "Inzage: alle gegevens van de gast")
    document = {
        "soort": "inzage: alle gegevens van het logeerhuis over deze gast",
        "gast": name,
        "gemaakt_op": now.replace(microsecond=0).isoformat(),
        "tabellen": tables,
    }
    return json.dumps(document, ensure_ascii=False, indent=2, default=_plain).encode("utf-8")


def _rows_about(s: Session, table: Table, guest_id: int, keys: dict[str, set[int]]) -> list[dict]:
    if table.name == "guests":
        condition = table.c.id == guest_id
    else:
        columns = [(table.c[k], ids) for k, ids in keys.items() if k in table.c and ids]
        if not columns:
            return []
        condition = columns[0][0].in_(columns[0][1])
        for column, ids in columns[1:]:
            condition = condition | column.in_(ids)
    names = [c.name for c in table.c if c.name not in _SKIPPED_COLUMNS]
    result = s.execute(select(*(table.c[n] for n in names)).where(condition))
    return [dict(zip(names, row, strict=True)) for row in result]


def _plain(value: object) -> object:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return str(value)


# -- removal of care data ---------------------------------------------------------------------
@dataclass(frozen=True)
class Erased:
    fields: int
    intake_answers: int
    overrides: int
    strain_scores: int


def erase_care_data(db: Database, guest_id: int, *, reason: str) -> Erased:
    """Remove the guest's care data; stays, nights, invoices and claims remain (7 years)."""
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom de zorggegevens worden verwijderd."})
    with db.session() as s:
        guest = s.get(Guest, guest_id)
        if guest is None:
            raise NotFoundError("Deze gast bestaat niet (meer).")
        fields = sum(1 for f, empty in CARE_FIELDS.items() if getattr(guest, f) != empty)
        for field, empty in CARE_FIELDS.items():
            setattr(guest, field, empty)
        guest.notes = f"Zorggegevens verwijderd op verzoek ({reason.strip()[:200]})."
        stays = select(Stay.id).where(Stay.guest_id == guest_id)
        carers = select(Carer.id).where(Carer.guest_id == guest_id)
        counts = []
        for model, column, ids in (
            (IntakeAnswer, IntakeAnswer.stay_id, stays),
            (IntakeOverride, IntakeOverride.stay_id, stays),
            (CarerStrain, CarerStrain.carer_id, carers),
        ):
            rows = list(s.scalars(select(model).where(column.in_(ids))))
            for row in rows:
                s.delete(row)
            counts.append(len(rows))
        for carer in s.scalars(select(Carer).where(Carer.guest_id == guest_id)):
            carer.notes = ""
        forget_guest(s, guest_id)  # remembered e-mail recipients: contact data like `email`
        for stay in s.scalars(select(Stay).where(Stay.guest_id == guest_id)):
            stay.notes = ""
        log_access(s, CHANGE, guest_id, f"Zorggegevens verwijderd: {reason.strip()}")
    return Erased(fields, *counts)


# -- retention --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Retention:
    care_years: int = DEFAULT_CARE_YEARS
    financial_years: int = DEFAULT_FINANCIAL_YEARS


def get_retention(db: Database) -> Retention:
    with db.session() as s:
        values = {row.key: row.value for row in s.scalars(select(Setting))}
    try:
        return Retention(
            int(values.get(CARE_YEARS_KEY, DEFAULT_CARE_YEARS)),
            int(values.get(FINANCIAL_YEARS_KEY, DEFAULT_FINANCIAL_YEARS)),
        )
    except ValueError:
        return Retention()


def set_retention(db: Database, retention: Retention) -> None:
    require_role(db)
    problems = {}
    if not 15 <= retention.care_years <= 100:
        problems["care_years"] = "Zorgdossiers bewaart u wettelijk minstens 15 jaar (WGBO)."
    if not 7 <= retention.financial_years <= 100:
        problems["financial_years"] = "Financiële gegevens bewaart u wettelijk minstens 7 jaar."
    if problems:
        raise ValidationError(problems)
    with db.session() as s:
        for key, value in (
            (CARE_YEARS_KEY, retention.care_years),
            (FINANCIAL_YEARS_KEY, retention.financial_years),
        ):
            row = s.get(Setting, key)
            if row is None:
                s.add(Setting(key=key, value=str(value)))
            else:
                row.value = str(value)


def past_retention(db: Database, *, today: date) -> list[str]:
    """Records whose retention period has ended (Dutch, one line each), oldest first."""
    retention = get_retention(db)
    care_limit = _years_before(today, retention.care_years)
    money_limit = _years_before(today, retention.financial_years)
    found = []
    with db.session() as s:
        last_stay = (
            select(Stay.guest_id, func.max(Stay.departure).label("last"))
            .group_by(Stay.guest_id)
            .subquery()
        )
        rows = s.execute(
            select(Guest, last_stay.c.last).outerjoin(last_stay, last_stay.c.guest_id == Guest.id)
        ).all()
        for guest, last in rows:
            last_change = max(d for d in (guest.updated_at.date(), last) if d is not None)
            if last_change < care_limit:
                name = display_name(guest.first_name, guest.prefix, guest.last_name)
                text = (
                    f"Zorgdossier van {name}: laatste wijziging of verblijf "
                    f"{format_date(last_change)}, termijn van {retention.care_years} jaar voorbij."
                )
                found.append((last_change, text))
        for invoice in s.scalars(
            select(Invoice).where(Invoice.number.is_not(None), Invoice.invoice_date < money_limit)
        ):
            found.append(
                (invoice.invoice_date, f"Factuur {invoice.number} van "
                 f"{format_date(invoice.invoice_date)}: termijn van "
                 f"{retention.financial_years} jaar voorbij.")
            )  # fmt: skip
    return [text for _when, text in sorted(found)]


def _years_before(day: date, years: int) -> date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)
