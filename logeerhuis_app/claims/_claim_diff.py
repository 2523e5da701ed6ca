"""What a claimed month still needs: per stay or contract, the sent lines against the lines due
now, with the municipality's answers (WMO325) taken into account (decisions 0012, 0046).

- A sent line is a debit line of the funder whose product period lies in the month and that no
  credit line cancels. A line declared again after a rejection sits in a later claim, but its
  period is still this month's, so it counts here.
- A rejected line was never paid and is never credited (iWmo IV085). While staff have not
  marked it as put right, its stay or contract is held: nothing is credited or declared for it.
  Once marked, the difference for that stay or contract goes into the next declaration (the
  earliest month after this one that has no claim yet), once: the new line names the rejected
  one (`redeclares`), so it is never declared again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Claim as ClaimRow
from ..db.models import ClaimLine as ClaimLineRow
from ..db.models import ClaimLineAnswer, RejectedLineFix
from ..domain.claims import ClaimLine
from ..domain.dates import format_date
from ..domain.months import Month
from .claim_lines import SourcedLine, month_lines

Source = tuple[int | None, int | None, int | None]  # stay, guest, contract


@dataclass
class MonthPlan:
    sent: list[ClaimLineRow] = field(default_factory=list)
    wanted: list[SourcedLine] = field(default_factory=list)
    # subject -> (its sent rows that still count, its due lines, the rejected rows to declare)
    carried: dict[tuple, tuple] = field(default_factory=dict)
    held: list[str] = field(default_factory=list)  # Dutch: rejected lines awaiting correction


def is_claimed(s: Session, funder_id: int, month: Month) -> bool:
    return (
        s.scalar(
            select(ClaimRow.id).where(
                ClaimRow.funder_id == funder_id,
                ClaimRow.year == month.year,
                ClaimRow.month == month.month,
            )
        )
        is not None
    )


def sent_rows(s: Session, funder_id: int, month: Month) -> list[ClaimLineRow]:
    first, after = month.bounds()
    rows = list(
        s.scalars(
            select(ClaimLineRow)
            .join(ClaimRow, ClaimLineRow.claim_id == ClaimRow.id)
            .where(
                ClaimRow.funder_id == funder_id,
                ClaimLineRow.period_from >= first,
                ClaimLineRow.period_from < after,
            )
            .order_by(ClaimLineRow.id)
        )
    )
    credited = {r.previous_reference for r in rows if r.debit_credit == "C"}
    return [r for r in rows if r.debit_credit == "D" and r.reference not in credited]


def plan_month(s: Session, funder_id: int, month: Month, wanted: list[SourcedLine]) -> MonthPlan:
    rows = sent_rows(s, funder_id, month)
    rejected, fixed = _answers(s, [r.id for r in rows])
    done = _redeclared(s, [r.reference for r in rows if r.id in fixed])
    before: dict[tuple, list[ClaimLineRow]] = defaultdict(list)
    for row in rows:
        before[subject_of(row)].append(row)
    after: dict[tuple, list[SourcedLine]] = defaultdict(list)
    for sl in wanted:
        after[sl.subject].append(sl)
    plan = MonthPlan()
    for subject in [*before, *(k for k in after if k not in before)]:
        mine, due = before.get(subject, []), after.get(subject, [])
        refused = [r for r in mine if r.id in rejected]
        if not refused:
            plan.sent += mine
            plan.wanted += due
            continue
        kept = [r for r in mine if r.id not in rejected]
        waiting = [r for r in refused if r.id not in fixed]
        if waiting:
            plan.held += [_held_note(r) for r in waiting]
            continue
        pending = [r for r in refused if r.reference not in done]
        if pending:
            plan.carried[subject] = (kept, due, pending)
        else:
            plan.sent += kept
            plan.wanted += due
    return plan


def _held_note(row: ClaimLineRow) -> str:
    who = row.guest_name or row.contract_name
    return (
        f"{who} ({format_date(row.period_from)} t/m {format_date(row.period_to)}): regel "
        f"{row.reference} is afgewezen door de gemeente. Herstel de oorzaak en markeer de regel "
        "als gecorrigeerd; pas dan gaat hij opnieuw mee."
    )


def _answers(s: Session, line_ids: list[int]) -> tuple[set[int], set[int]]:
    """The rejected lines among these, and those of them marked as put right."""
    if not line_ids:
        return set(), set()
    rejected = set(
        s.scalars(
            select(ClaimLineAnswer.claim_line_id).where(
                ClaimLineAnswer.claim_line_id.in_(line_ids), ClaimLineAnswer.accepted.is_(False)
            )
        )
    )
    fixed = set(
        s.scalars(
            select(RejectedLineFix.claim_line_id).where(RejectedLineFix.claim_line_id.in_(rejected))
        )
    )
    return rejected, fixed


def _redeclared(s: Session, references: list[str]) -> set[str]:
    if not references:
        return set()
    return set(
        s.scalars(select(ClaimLineRow.redeclares).where(ClaimLineRow.redeclares.in_(references)))
    )


def carried_lines(
    s: Session, funder_id: int, month: Month
) -> tuple[list[tuple[ClaimLine, Source]], list[SourcedLine]]:
    """The lines an earlier month hands to this month's declaration: corrected rejected lines
    declared again (with the credits of their stay or contract), and their due lines (for the
    checks). Only when this month is that month's next unclaimed one."""
    found: list[tuple[ClaimLine, Source]] = []
    sourced: list[SourcedLine] = []
    for earlier in _months_with_fixes(s, funder_id):
        if earlier >= month or _next_unclaimed(s, funder_id, earlier) != month:
            continue
        plan = plan_month(s, funder_id, earlier, month_lines(s, earlier).get(funder_id, []))
        for kept, due, pending in plan.carried.values():
            lines = difference(kept, due)
            debits = sorted(
                (i for i, (ln, _src) in enumerate(lines) if ln.debit_credit == "D"),
                key=lambda i: lines[i][0].period_from,
            )
            for i, row in zip(debits, sorted(pending, key=lambda r: r.period_from), strict=False):
                line, source = lines[i]
                lines[i] = (replace(line, redeclares=row.reference), source)
            found += lines
            sourced += due
    return found, sourced


def redeclaration_months(s: Session) -> list[Month]:
    """The months whose next declaration would carry a rejected line put right."""
    found = set()
    for funder_id in set(s.scalars(select(ClaimRow.funder_id))):
        for month in _months_with_fixes(s, funder_id):
            found.add(_next_unclaimed(s, funder_id, month))
    return sorted(found)


def _months_with_fixes(s: Session, funder_id: int) -> list[Month]:
    days = s.scalars(
        select(ClaimLineRow.period_from)
        .join(RejectedLineFix, RejectedLineFix.claim_line_id == ClaimLineRow.id)
        .join(ClaimRow, ClaimLineRow.claim_id == ClaimRow.id)
        .where(ClaimRow.funder_id == funder_id)
    )
    return sorted({Month.of(d) for d in days})


def _next_unclaimed(s: Session, funder_id: int, month: Month) -> Month:
    claimed = {
        Month(y, m)
        for y, m in s.execute(
            select(ClaimRow.year, ClaimRow.month).where(ClaimRow.funder_id == funder_id)
        )
    }
    month = month.next()
    while month in claimed:
        month = month.next()
    return month


def subject_of(row: ClaimLineRow) -> tuple:
    if row.stay_id is not None:
        return ("stay", row.stay_id)
    return (row.kind, row.contract_id, row.contract_name)


def _signature(row: ClaimLineRow) -> tuple:
    return (
        row.kind,
        row.bsn,
        row.allocation_reference,
        row.product_category,
        row.product_code,
        row.unit,
        row.period_from,
        row.period_to,
        row.volume,
        row.tariff_cents,
    )


def difference(
    sent: list[ClaimLineRow], wanted: list[SourcedLine]
) -> list[tuple[ClaimLine, Source]]:
    """Per stay or contract: credit each sent line that is no longer due as it was, and debit
    each due line that was not sent; lines that stayed the same are left alone."""
    before: dict[tuple, list[ClaimLineRow]] = defaultdict(list)
    for row in sent:
        before[subject_of(row)].append(row)
    after: dict[tuple, list[SourcedLine]] = defaultdict(list)
    for sl in wanted:
        after[sl.subject].append(sl)
    lines: list[tuple[ClaimLine, Source]] = []
    for subject in [*before, *(k for k in after if k not in before)]:
        unmatched = list(after.get(subject, []))
        for row in before.get(subject, []):
            same = next((sl for sl in unmatched if sl.signature == _signature(row)), None)
            if same is None:  # sent, but no longer due as it was
                lines.append((credit(row), (row.stay_id, row.guest_id, row.contract_id)))
            else:
                unmatched.remove(same)  # sent and still due: left alone
        lines += [(sl.line, (sl.stay_id, sl.guest_id, sl.contract_id)) for sl in unmatched]
    return lines


def credit(row: ClaimLineRow) -> ClaimLine:
    return ClaimLine(
        reference="",
        previous_reference=row.reference,
        kind=row.kind,
        guest_name=row.guest_name,
        bsn=row.bsn,
        allocation_reference=row.allocation_reference,
        care_profile=row.care_profile,
        contract_name=row.contract_name,
        product_category=row.product_category,
        product_code=row.product_code,
        unit=row.unit,
        period_from=row.period_from,
        period_to=row.period_to,
        volume=row.volume,
        tariff_cents=row.tariff_cents,
        amount_cents=row.amount_cents,
        debit_credit="C",
        year_nights=row.year_nights,
    )
