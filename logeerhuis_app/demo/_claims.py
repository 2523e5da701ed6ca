"""The demo house's claims: every closed month declared to its municipalities and the
zorgkantoor, and one night found absent afterwards, corrected with a correction claim."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from ..billing.corrections import correct_night
from ..claims.claims import claim_drafts, pending_corrections, submit_claim
from ..db.models import ClaimLine as ClaimLineRow
from ..domain.enums import LineKind
from ..domain.months import Month
from ..storage.database import Database

BY = "Ingrid Bakker"


def build_demo_claims(db: Database, months: list[Month], today: date) -> int:
    made = 0
    for month in months:
        when = datetime.combine(month.after + timedelta(days=3), time(14, 0))
        for draft in claim_drafts(db, month, today=when.date()):
            if draft.ready:
                submit_claim(db, month, draft.funder_id, by=BY, now=when)
                made += 1
    if len(months) >= 2:
        made += _absent_night_corrected(db, today)
    return made


def _absent_night_corrected(db: Database, today: date) -> int:
    """A guest turned out to be in hospital one claimed night: credit and re-declare it."""
    with db.session() as s:
        line = s.scalar(
            select(ClaimLineRow)
            .where(
                ClaimLineRow.kind == LineKind.STAY,
                ClaimLineRow.stay_id.is_not(None),
                ClaimLineRow.volume > 1,
                ClaimLineRow.allocation_reference != "",
            )
            .order_by(ClaimLineRow.id)
        )
        if line is None:
            return 0
        stay_id, day = line.stay_id, line.period_from
        assert stay_id is not None  # the query asks for a line of a stay
    when = datetime.combine(today - timedelta(days=2), time(10, 0))
    correct_night(
        db,
        stay_id,
        day,
        billable=False,
        reason="Opgenomen in het ziekenhuis (bericht van de dochter, achteraf).",
        by=BY,
        now=when,
    )
    made = 0
    for draft in pending_corrections(db, today=when.date()):
        if draft.ready:
            submit_claim(db, draft.claim.period, draft.funder_id, by=BY, now=when)
            made += 1
    return made
