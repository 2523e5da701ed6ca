"""Registratie: per guest and per day of a month, what each night is and who pays for it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sqlalchemy import select

from ..db.models import Allocation, Contract, Funder, Guest, MonthClosure, Night, Stay
from ..domain.enums import StayStatus
from ..domain.months import Month
from ..domain.people import sort_name
from ..domain.planning import late_cancellation_billed
from ..storage.database import Database
from .corrections import corrections_for

PRESENT, PLANNED, LATE_CANCELLED = "aanwezig", "gepland", "laat geannuleerd"
ABSENT = "afwezig"


@dataclass(frozen=True)
class RegistrationRow:
    guest_id: int
    guest_name: str
    funder_name: str
    contract_name: str
    days: dict[int, str]  # day of month -> PRESENT / PLANNED / LATE_CANCELLED / ABSENT
    stays: dict[int, int] = field(default_factory=dict)  # day of month -> stay id

    @property
    def billable_nights(self) -> int:
        return sum(1 for v in self.days.values() if v in (PRESENT, LATE_CANCELLED))


@dataclass(frozen=True)
class RegistrationMonth:
    year: int
    month: int
    days_in_month: int
    closed: bool
    rows: tuple[RegistrationRow, ...]


def registration_month(
    db: Database, month: Month, *, today: date | None = None
) -> RegistrationMonth:
    first, after = month.bounds()
    today = today or date.today()
    rows: dict[tuple[int, str, str], dict[int, str]] = {}
    stay_of: dict[tuple[int, str, str], dict[int, int]] = {}
    names: dict[int, str] = {}
    with db.session() as s:
        closed = (
            s.scalar(
                select(MonthClosure.id).where(
                    MonthClosure.year == month.year, MonthClosure.month == month.month
                )
            )
            is not None
        )
        result = s.execute(
            select(Night.day, Night.active, Stay, Guest, Funder.name, Contract)
            .join(Stay, Night.stay_id == Stay.id)
            .join(Guest, Stay.guest_id == Guest.id)
            .outerjoin(Allocation, Night.allocation_id == Allocation.id)
            .outerjoin(Funder, Allocation.funder_id == Funder.id)
            .outerjoin(Contract, Allocation.contract_id == Contract.id)
            .where(Night.day >= first, Night.day < after)
        ).all()
        corrections = corrections_for(s, list({stay.id for _d, _a, stay, *_r in result}))
        for day, active, stay, guest, funder_name, contract in result:
            correction = corrections.get((stay.id, day))
            if active and correction is not None and not correction.billable:
                state = ABSENT
            elif active:
                state = PRESENT if day < today or stay.status == StayStatus.DEPARTED else PLANNED
            elif (
                stay.status == StayStatus.CANCELLED
                and contract is not None
                and _late_billed(stay, contract)
            ):
                state = LATE_CANCELLED
            else:
                continue
            key = (
                guest.id,
                funder_name or "— geen financiering —",
                contract.name if contract else "",
            )
            rows.setdefault(key, {})[day.day] = state
            stay_of.setdefault(key, {})[day.day] = stay.id
            names[guest.id] = sort_name(guest.first_name, guest.prefix, guest.last_name)
    ordered = sorted(rows.items(), key=lambda item: (names[item[0][0]], item[0][1]))
    return RegistrationMonth(
        month.year,
        month.month,
        month.last.day,
        closed,
        tuple(
            RegistrationRow(g, names[g], f, c, days, stay_of[(g, f, c)])
            for (g, f, c), days in ordered
        ),
    )


def _late_billed(stay: Stay, contract: Contract) -> bool:
    cancelled_on = stay.cancelled_at.date() if stay.cancelled_at else None
    return late_cancellation_billed(
        stay.arrival, cancelled_on, contract.late_cancel_billable, contract.late_cancel_days
    )
