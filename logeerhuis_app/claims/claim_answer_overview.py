"""Per month what the municipalities did with the WMO323 lines: declared, granted, rejected
and not yet answered, and the rejected lines with their code in Dutch and what is next."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import select

from ..db.models import Claim as ClaimRow
from ..db.models import ClaimLine as ClaimLineRow
from ..db.models import ClaimLineAnswer, RejectedLineFix
from ..domain.enums import FunderKind
from ..domain.months import Month
from ..domain.return_codes import describe_all
from ..storage.database import Database
from .claim_answers import as_line, signed_amount


@dataclass(frozen=True)
class RejectedLine:
    reference: str
    claim_number: str
    funder_name: str
    guest_name: str
    period_from: date
    period_to: date
    amount_cents: int  # signed
    codes: str  # "9307: Begindatum prestatie ..." (Dutch)
    state: str  # te corrigeren | gecorrigeerd ... | opnieuw gedeclareerd in ...

    @property
    def to_fix(self) -> bool:
        return self.state == TO_FIX


TO_FIX = "te corrigeren"


@dataclass(frozen=True)
class MonthAnswers:
    declared_cents: int
    accepted_cents: int
    rejected_cents: int
    waiting_cents: int  # no answer read yet
    rejected: tuple[RejectedLine, ...]


def month_answers(db: Database, month: Month) -> MonthAnswers:
    with db.session() as s:
        rows = s.execute(
            select(ClaimLineRow, ClaimRow, ClaimLineAnswer)
            .join(ClaimRow, ClaimLineRow.claim_id == ClaimRow.id)
            .outerjoin(ClaimLineAnswer, ClaimLineAnswer.claim_line_id == ClaimLineRow.id)
            .where(ClaimRow.year == month.year, ClaimRow.month == month.month,
                   ClaimRow.funder_kind == FunderKind.GEMEENTE)
            .order_by(ClaimLineRow.id)
        ).all()  # fmt: skip
        fixed = set(s.scalars(select(RejectedLineFix.claim_line_id)))
        again = dict(
            s.execute(
                select(ClaimLineRow.redeclares, ClaimRow.number)
                .join(ClaimRow, ClaimLineRow.claim_id == ClaimRow.id)
                .where(ClaimLineRow.redeclares != "")
            ).all()
        )
    declared = accepted = rejected = waiting = 0
    found = []
    for line, claim, verdict in rows:
        if not as_line(line).in_message:
            continue
        amount = signed_amount(line)
        declared += amount
        if verdict is None:
            waiting += amount
        elif verdict.accepted:
            accepted += amount
        else:
            rejected += amount
            if line.reference in again:
                state = f"opnieuw gedeclareerd in {again[line.reference]}"
            elif line.id in fixed:
                state = "gecorrigeerd: gaat mee in de volgende declaratie"
            else:
                state = TO_FIX
            found.append(
                RejectedLine(line.reference, claim.number, claim.funder_name, line.guest_name,
                             line.period_from, line.period_to, amount,
                             describe_all(tuple(verdict.codes.split())), state)
            )  # fmt: skip
    return MonthAnswers(declared, accepted, rejected, waiting, tuple(found))


def rejected_lines_of(db: Database, claim_number: str) -> list[RejectedLine]:
    """The rejected lines of one claim (after reading its answer)."""
    with db.session() as s:
        row = s.scalar(select(ClaimRow).where(ClaimRow.number == claim_number))
        if row is None:
            return []
        month = Month(row.year, row.month)
    return [r for r in month_answers(db, month).rejected if r.claim_number == claim_number]
