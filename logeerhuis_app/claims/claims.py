"""Claims (declaraties): drafts per funder per month, checked, then stored as sent.

A draft is computed, never stored. Submitting stores it with a unique number; from then on it
never changes (database triggers). When the nights of a claimed month change later (a night
corrected as absent, say), the difference becomes a correction claim for that same month:
credit lines that point to the original lines, and debit lines with the new values, as iWmo
prescribes (VorigReferentieNummer).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access.access import require_role
from ..billing.months import _is_closed
from ..db.locking import take_turn
from ..db.models import Allocation, Funder, Night
from ..db.models import Claim as ClaimRow
from ..db.models import ClaimLine as ClaimLineRow
from ..domain.claim_checks import AllocationTerms, claim_problems
from ..domain.claims import Claim, ClaimLine, ClaimParty
from ..domain.enums import ClaimKind, FunderKind
from ..domain.months import Month
from ..house.provider import get_provider
from ..services.errors import NotFoundError, ServiceError
from ..storage.database import Database
from ._claim_diff import (
    carried_lines,
    difference,
    is_claimed,
    plan_month,
    redeclaration_months,
)
from .claim_lines import SourcedLine, claim_funders, month_lines, unallocated_bed_notes
from .wlz_declaration import draft_notes


@dataclass(frozen=True)
class ClaimDraft:
    funder_id: int
    claim: Claim
    problems: tuple[str, ...]
    notes: tuple[str, ...] = ()  # aandachtspunten that do not stop the claim
    sources: tuple[tuple[int | None, int | None, int | None], ...] = ()  # per line, for storing

    @property
    def ready(self) -> bool:
        return not self.problems


def claim_drafts(db: Database, month: Month, *, today: date) -> list[ClaimDraft]:
    """What is still to be claimed for a month, per funder: a declaration, or a correction of
    one that was sent. Empty when everything is claimed as the data stands."""
    party = _party(db)
    with db.session() as s:
        return _drafts(s, party, month, today)


def pending_corrections(db: Database, *, today: date) -> list[ClaimDraft]:
    """Corrections for every claimed month whose nights changed since they were claimed, and
    the next declarations that carry rejected lines put right (WMO325)."""
    party = _party(db)
    with db.session() as s:
        rows = s.execute(select(ClaimRow.year, ClaimRow.month).distinct()).all()
        found = []
        for month in sorted(Month(year, number) for year, number in rows):
            found += [d for d in _drafts(s, party, month, today) if d.claim.is_correction]
        # Rejected lines put right wait in the next declaration, which may be a later month.
        for month in redeclaration_months(s):
            found += [
                d
                for d in _drafts(s, party, month, today)
                if any(ln.redeclares for ln in d.claim.lines)
            ]
        return found


def submit_claim(db: Database, month: Month, funder_id: int, *, by: str, now: datetime) -> Claim:
    """Store the funder's draft for the month as sent, with the next declaration number."""
    require_role(db)
    party = _party(db)
    with db.session() as s:
        # A second PC sending the same claim waits here, then finds nothing left to claim.
        take_turn(s, f"claim-{month.year}-{month.month}-{funder_id}")
        drafts = [d for d in _drafts(s, party, month, now.date()) if d.funder_id == funder_id]
        if not drafts:
            raise ServiceError(
                f"Er is voor {month.label} niets (meer) te declareren bij deze financier."
            )
        draft = drafts[0]
        if draft.problems:
            raise ServiceError(
                "Deze declaratie kan nog niet worden gemaakt:\n- " + "\n- ".join(draft.problems)
            )
        row = _store(s, draft, funder_id, by=by, now=now)
        return _to_claim(s, row)


def list_claims(db: Database, year: int | None = None, month: int | None = None) -> list[Claim]:
    with db.session() as s:
        query = select(ClaimRow).order_by(ClaimRow.year, ClaimRow.month, ClaimRow.id)
        if year is not None:
            query = query.where(ClaimRow.year == year)
        if month is not None:
            query = query.where(ClaimRow.month == month)
        return [_to_claim(s, row) for row in s.scalars(query)]


def get_claim(db: Database, number: str) -> Claim:
    with db.session() as s:
        row = s.scalar(select(ClaimRow).where(ClaimRow.number == number))
        if row is None:
            raise NotFoundError(f"Declaratie {number} bestaat niet.")
        return _to_claim(s, row)


# -- drafts -----------------------------------------------------------------------------------
def _drafts(s: Session, party: ClaimParty, month: Month, today: date) -> list[ClaimDraft]:
    closed = _is_closed(s, month)
    refused: list[tuple[int, str]] = []
    target = month_lines(s, month, refused)
    drafts = []
    for funder in claim_funders(s):
        wanted = target.get(funder.id, [])
        held: list[str] = []
        if not is_claimed(s, funder.id, month):
            kind = ClaimKind.DECLARATION
            sourced = [(sl.line, (sl.stay_id, sl.guest_id, sl.contract_id)) for sl in wanted]
            carried, carried_due = carried_lines(s, funder.id, month)
            sourced += carried
            checked = wanted + carried_due
        else:
            plan = plan_month(s, funder.id, month, wanted)
            kind, held, checked = ClaimKind.CORRECTION, plan.held, plan.wanted
            sourced = difference(plan.sent, plan.wanted)
        lines = [line for line, _source in sourced]
        if not lines:
            if held:  # nothing to send yet, but staff must know why
                drafts.append(_held_draft(funder, party, month, today, held))
            continue
        claim = Claim(
            number="",
            kind=kind,
            funder_kind=funder.kind,
            funder_name=funder.name,
            funder_code=funder.cbs_code
            if funder.kind == FunderKind.GEMEENTE
            else funder.uzovi_code,
            year=month.year,
            month=month.month,
            made_on=today,
            provider=party,
            lines=tuple(lines),
        )
        problems = claim_problems(claim, _terms(s, checked))
        problems += [why for funder_id, why in refused if funder_id == funder.id]
        if not closed:
            problems.insert(
                0,
                f"{month.label.capitalize()} is nog niet afgesloten (Registratie): "
                "declareer een maand pas als alle nachten kloppen.",
            )
        # Aandachtspunten: reserved Wmo beds without a toewijzing; for a zorgkantoor, what would
        # stop or thin its AW319 file; lines held back until a rejected line is put right.
        wmo = funder.kind == FunderKind.GEMEENTE
        notes = unallocated_bed_notes(lines) if wmo else draft_notes(claim)
        drafts.append(
            ClaimDraft(funder.id, claim, tuple(problems), tuple(notes + held),
                       tuple(source for _line, source in sourced))
        )  # fmt: skip
    return drafts


def _held_draft(
    funder: Funder, party: ClaimParty, month: Month, today: date, held: list[str]
) -> ClaimDraft:
    """No lines to send: only rejected lines that wait for staff to put them right."""
    claim = Claim("", ClaimKind.CORRECTION, funder.kind, funder.name, funder.cbs_code,
                  month.year, month.month, today, party, ())  # fmt: skip
    return ClaimDraft(funder.id, claim, ("Wacht op correctie van afgewezen regels.",),
                      tuple(held))  # fmt: skip


def _terms(s: Session, wanted: list[SourcedLine]) -> dict[str, AllocationTerms]:
    """Per toewijzingnummer: the allocation's period, volume and all its active nights."""
    ids = {sl.allocation_id for sl in wanted if sl.allocation_id is not None}
    terms = {}
    for allocation in s.scalars(select(Allocation).where(Allocation.id.in_(ids))):
        nights = tuple(
            s.scalars(
                select(Night.day).where(
                    Night.allocation_id == allocation.id, Night.active.is_(True)
                )
            )
        )
        terms[allocation.reference] = AllocationTerms(
            allocation.start_date,
            allocation.end_date,
            allocation.volume,
            allocation.volume_frequency,
            nights,
        )
    return terms


# -- storing ----------------------------------------------------------------------------------
def _next_number(s: Session, year: int) -> str:
    """The next claim number of the year. Two PCs submitting at once take turns (a lock held
    until commit), so both read the highest number after the other's commit: no doubles."""
    take_turn(s, f"claim-numbers-{year}")
    prefix = f"D{year}"
    last = s.scalar(select(func.max(ClaimRow.number)).where(ClaimRow.number.like(f"{prefix}%")))
    sequence = int(last[len(prefix) :]) + 1 if last else 1
    return f"{prefix}{sequence:05d}"


def _store(s: Session, draft: ClaimDraft, funder_id: int, *, by: str, now: datetime) -> ClaimRow:
    claim, party = draft.claim, draft.claim.provider
    funder = s.get(Funder, funder_id)
    assert funder is not None
    number = _next_number(s, now.year)
    row = ClaimRow(
        number=number,
        kind=claim.kind,
        funder_id=funder_id,
        funder_name=claim.funder_name,
        funder_kind=claim.funder_kind,
        funder_code=claim.funder_code,
        year=claim.year,
        month=claim.month,
        made_on=now.date(),
        made_at=now.replace(microsecond=0),
        made_by=by,
        provider_name=party.name,
        provider_street=party.street,
        provider_postcode=party.postcode,
        provider_city=party.city,
        provider_kvk=party.kvk,
        provider_agb=party.agb_code,
        provider_iban=party.iban,
        total_cents=claim.total_cents,
    )
    s.add(row)
    s.flush()
    sources = _sources(s, claim.period, funder_id)
    for index, line in enumerate(claim.lines, start=1):
        known = draft.sources[index - 1] if len(draft.sources) >= index else None
        stay_id, guest_id, contract_id = known or sources.get(_key(line), (None, None, None))
        s.add(
            ClaimLineRow(
                claim_id=row.id,
                reference=f"{number}{index:04d}",
                stay_id=stay_id,
                guest_id=guest_id,
                contract_id=contract_id,
                **{f: getattr(line, f) for f in _LINE_FIELDS},
            )
        )
    s.flush()
    return row


_LINE_FIELDS = (
    "previous_reference",
    "kind",
    "guest_name",
    "bsn",
    "allocation_reference",
    "care_profile",
    "contract_name",
    "product_category",
    "product_code",
    "unit",
    "period_from",
    "period_to",
    "volume",
    "tariff_cents",
    "amount_cents",
    "debit_credit",
    "year_nights",
    "redeclares",
)


def _key(line: ClaimLine) -> tuple:
    return (line.kind, line.bsn, line.contract_name, line.period_from, line.period_to)


def _sources(s: Session, month: Month, funder_id: int) -> dict:
    """Which stay, guest and contract each line came from (kept for later corrections)."""
    found = {}
    for sl in month_lines(s, month).get(funder_id, []):
        found[_key(sl.line)] = (sl.stay_id, sl.guest_id, sl.contract_id)
    for row in s.scalars(
        select(ClaimLineRow)
        .join(ClaimRow, ClaimLineRow.claim_id == ClaimRow.id)
        .where(
            ClaimRow.funder_id == funder_id,
            ClaimRow.year == month.year,
            ClaimRow.month == month.month,
        )
    ):
        line_key = (row.kind, row.bsn, row.contract_name, row.period_from, row.period_to)
        found.setdefault(line_key, (row.stay_id, row.guest_id, row.contract_id))
    return found


def _to_claim(s: Session, row: ClaimRow) -> Claim:
    lines = s.scalars(
        select(ClaimLineRow).where(ClaimLineRow.claim_id == row.id).order_by(ClaimLineRow.id)
    )
    return Claim(
        number=row.number,
        kind=row.kind,
        funder_kind=row.funder_kind,
        funder_name=row.funder_name,
        funder_code=row.funder_code,
        year=row.year,
        month=row.month,
        made_on=row.made_on,
        provider=ClaimParty(
            row.provider_name,
            row.provider_street,
            row.provider_postcode,
            row.provider_city,
            row.provider_kvk,
            row.provider_agb,
            row.provider_iban,
        ),
        lines=tuple(
            ClaimLine(reference=ln.reference, **{f: getattr(ln, f) for f in _LINE_FIELDS})
            for ln in lines
        ),
    )


def _party(db: Database) -> ClaimParty:
    p = get_provider(db)
    return ClaimParty(p.name, p.street, p.postcode, p.city, p.kvk, p.agb_code, p.iban)
