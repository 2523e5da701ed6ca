"""Correcting a night by hand: absent (not billed, e.g. in hospital) or billed after all.

Every correction is kept; the newest per stay and day counts. A night in a closed month is
corrected too, but its invoice is final: the next invoice carries a credit or debit line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import NightCorrection, Stay
from ..domain.access_log import CHANGE
from ..services.errors import NotFoundError, ValidationError
from ..storage.database import Database


@dataclass(frozen=True)
class CorrectionData:
    stay_id: int
    day: date
    billable: bool
    reason: str
    corrected_by: str
    corrected_at: datetime


def correct_night(
    db: Database, stay_id: int, day: date, *, billable: bool, reason: str, by: str, now: datetime
) -> CorrectionData:
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf de reden van de correctie op."})
    with db.session() as s:
        stay = s.get(Stay, stay_id)
        if stay is None:
            raise NotFoundError("Dit verblijf bestaat niet (meer).")
        if not stay.arrival <= day < stay.departure:
            raise ValidationError({"day": "Deze nacht hoort niet bij dit verblijf."})
        row = NightCorrection(
            stay_id=stay_id,
            day=day,
            billable=billable,
            reason=reason.strip(),
            corrected_by=by.strip(),
            corrected_at=now.replace(microsecond=0),
        )
        s.add(row)
        log_access(s, CHANGE, stay.guest_id, f"Nacht {day.isoformat()} gecorrigeerd")
        return CorrectionData(
            stay_id, day, billable, row.reason, row.corrected_by, row.corrected_at
        )


def corrections_for(s: Session, stay_ids: list[int]) -> dict[tuple[int, date], NightCorrection]:
    """The newest correction per (stay, day)."""
    latest: dict[tuple[int, date], NightCorrection] = {}
    if not stay_ids:
        return latest
    rows = s.scalars(
        select(NightCorrection)
        .where(NightCorrection.stay_id.in_(stay_ids))
        .order_by(NightCorrection.id)
    )
    for row in rows:
        latest[(row.stay_id, row.day)] = row
    return latest


def history(db: Database, stay_id: int) -> list[CorrectionData]:
    with db.session() as s:
        rows = s.scalars(
            select(NightCorrection)
            .where(NightCorrection.stay_id == stay_id)
            .order_by(NightCorrection.id.desc())
        )
        return [
            CorrectionData(r.stay_id, r.day, r.billable, r.reason, r.corrected_by, r.corrected_at)
            for r in rows
        ]
