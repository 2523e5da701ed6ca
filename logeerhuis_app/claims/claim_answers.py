"""Reading a municipality's answer (WMO325) to a sent WMO323, and what staff do with it:
each declared line is granted or rejected with its WJ001 code; a rejected line is put right
and marked, after which it goes into the next declaration once (decision 0046).

A file is checked in full before anything is stored; any mismatch with what was sent is a
Dutch refusal and nothing changes. Reading the same file again changes nothing.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access, require_role
from ..db.locking import take_turn
from ..db.models import Claim as ClaimRow
from ..db.models import ClaimAnswer, ClaimLineAnswer, RejectedLineFix
from ..db.models import ClaimLine as ClaimLineRow
from ..documents.claims.wmo325 import MAX_BYTES, AnswerFileError, parse_wmo325
from ..domain.access_log import CHANGE
from ..domain.claim_answers import ClaimAnswerMessage, line_verdicts
from ..domain.claims import ClaimLine
from ..domain.dates import format_date
from ..domain.enums import FunderKind
from ..domain.money import format_cents
from ..services.errors import NotFoundError, ServiceError
from ..storage.database import Database


@dataclass(frozen=True)
class AnswerResult:
    claim_number: str
    already_read: bool  # the same file was read before: nothing changed
    accepted: int
    rejected: int
    granted_cents: int

    @property
    def summary(self) -> str:
        if self.already_read:
            return (
                f"Dit antwoord op declaratie {self.claim_number} was al ingelezen; "
                "er is niets veranderd."
            )
        return (
            f"Antwoord op declaratie {self.claim_number} ingelezen: {self.accepted} regel(s) "
            f"toegekend, {self.rejected} afgewezen; toegekend {format_cents(self.granted_cents)}."
        )


def read_wmo325_file(db: Database, path: Path, *, by: str, now: datetime) -> AnswerResult:
    """Read an answer from a file: bounded (a file bigger than any WMO325 is refused unread)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise ServiceError(f"{path} is geen bestand.")
        if path.stat().st_size > MAX_BYTES:
            raise ServiceError(
                f"{path.name} is te groot voor een WMO325 (meer dan "
                f"{MAX_BYTES // 1024 // 1024} MB); niets ingelezen."
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as exc:
        raise ServiceError(f"{path} kan niet worden gelezen: {exc.strerror or exc}.") from exc
    return read_wmo325(db, data, by=by, now=now)


def read_wmo325(db: Database, data: bytes, *, by: str, now: datetime) -> AnswerResult:
    require_role(db)
    try:
        answer = parse_wmo325(data)
    except AnswerFileError as exc:
        raise ServiceError(f"Niet ingelezen: {exc.args[0]}") from exc
    digest = hashlib.sha256(data).hexdigest()
    with db.session() as s:
        take_turn(s, "claim-answers")
        claim = _claim(s, answer)
        earlier = s.scalar(select(ClaimAnswer).where(ClaimAnswer.claim_id == claim.id))
        lines = _message_lines(s, claim)
        if earlier is not None:
            if earlier.sha256 == digest:
                return _result(s, claim, earlier, already=True)
            raise ServiceError(
                f"Niet ingelezen: op declaratie {claim.number} is op "
                f"{format_date(earlier.read_at.date())} al een ander antwoord ingelezen; de "
                "gemeente stuurt er maar één."
            )
        verdicts = line_verdicts(answer, [ln.reference for ln in lines])
        _check(answer, claim, lines, verdicts)
        row = ClaimAnswer(
            claim_id=claim.id,
            identification=answer.identification,
            answered_on=answer.answered_on,
            codes=" ".join(answer.header_codes + answer.declaration_codes)[:100],
            granted_cents=_granted(lines, verdicts),
            sha256=digest,
            read_at=now.replace(microsecond=0),
            read_by=by,
        )
        s.add(row)
        s.flush()
        for line, verdict in zip(lines, verdicts, strict=True):
            codes = " ".join(verdict.codes)[:100]
            s.add(
                ClaimLineAnswer(
                    answer_id=row.id, claim_line_id=line.id, accepted=verdict.accepted, codes=codes
                )
            )
        s.flush()
        log_access(s, CHANGE, detail=f"Declaratie-antwoord (WMO325) op {claim.number} ingelezen")
        return _result(s, claim, row, already=False)


def _claim(s: Session, answer: ClaimAnswerMessage) -> ClaimRow:
    number = answer.declaration_identification
    if answer.declaration_number and answer.declaration_number != number:
        raise ServiceError(
            f"Niet ingelezen: het antwoord noemt twee declaraties ({number} en "
            f"{answer.declaration_number})."
        )
    claim = s.scalar(select(ClaimRow).where(ClaimRow.number == number))
    if claim is None:
        raise ServiceError(
            f"Niet ingelezen: declaratie {number} is in dit logeerhuis niet bekend. Is het een "
            "antwoord voor een ander logeerhuis of een andere administratie?"
        )
    if claim.funder_kind != FunderKind.GEMEENTE:
        raise ServiceError(f"Niet ingelezen: declaratie {number} ging niet naar een gemeente.")
    if answer.sender != claim.funder_code:
        raise ServiceError(
            f"Niet ingelezen: het antwoord komt van gemeentecode {answer.sender}, maar "
            f"declaratie {number} ging naar {claim.funder_name} ({claim.funder_code})."
        )
    if answer.receiver != claim.provider_agb:
        raise ServiceError(
            f"Niet ingelezen: het antwoord is voor AGB-code {answer.receiver}, declaratie "
            f"{number} kwam van AGB-code {claim.provider_agb}."
        )
    return claim


def _message_lines(s: Session, claim: ClaimRow) -> list[ClaimLineRow]:
    """The lines that were in the WMO323 (the summary-only lines were not)."""
    rows = s.scalars(
        select(ClaimLineRow).where(ClaimLineRow.claim_id == claim.id).order_by(ClaimLineRow.id)
    )
    lines = [r for r in rows if as_line(r).in_message]
    if not lines:
        raise ServiceError(f"Niet ingelezen: declaratie {claim.number} had geen WMO323-bestand.")
    return lines


def as_line(row: ClaimLineRow) -> ClaimLine:
    return ClaimLine(row.reference, row.previous_reference, row.kind, row.guest_name, row.bsn,
                     row.allocation_reference, row.care_profile, row.contract_name,
                     row.product_category, row.product_code, row.unit, row.period_from,
                     row.period_to, row.volume, row.tariff_cents, row.amount_cents,
                     row.debit_credit)  # fmt: skip


def signed_amount(row: ClaimLineRow) -> int:
    return row.amount_cents if row.debit_credit == "D" else -row.amount_cents


def _granted(lines: list[ClaimLineRow], verdicts: list) -> int:
    return sum(signed_amount(ln) for ln, v in zip(lines, verdicts, strict=True) if v.accepted)


def _check(answer: ClaimAnswerMessage, claim: ClaimRow, lines: list[ClaimLineRow],
           verdicts: list) -> None:  # fmt: skip
    """Everything in the answer must match what was sent (iWmo TR366, TR367)."""
    by_reference = {ln.reference: ln for ln in lines}
    seen: set[str] = set()
    for answered in answer.lines:
        line = by_reference.get(answered.reference)
        if line is None:
            raise ServiceError(
                f"Niet ingelezen: regel {answered.reference} staat niet in declaratie "
                f"{claim.number}."
            )
        if answered.reference in seen:
            raise ServiceError(f"Niet ingelezen: regel {answered.reference} staat er twee keer in.")
        seen.add(answered.reference)
        if (
            answered.bsn != line.bsn
            or str(answered.allocation_number) != line.allocation_reference.lstrip("0")
            or answered.amount_cents != signed_amount(line)
        ):
            raise ServiceError(
                f"Niet ingelezen: regel {answered.reference} in het antwoord wijkt af van wat er "
                "is gedeclareerd (BSN, toewijzingnummer of bedrag)."
            )
    if answer.declaration_number and not answer.refused_whole:
        if answer.fully_granted and answer.lines:
            raise ServiceError(
                "Niet ingelezen: het antwoord zegt 'volledig toegewezen' maar wijst regels af."
            )
        sent = sum(signed_amount(ln) for ln in lines)
        if answer.submitted_cents != sent:
            raise ServiceError(
                f"Niet ingelezen: het ingediende totaal in het antwoord "
                f"({format_cents(answer.submitted_cents or 0)}) is niet het totaal van declaratie "
                f"{claim.number} ({format_cents(sent)})."
            )
        if answer.granted_cents != _granted(lines, verdicts):
            raise ServiceError(
                f"Niet ingelezen: het toegekende totaal ({format_cents(answer.granted_cents or 0)})"
                " past niet bij de afgewezen regels."
            )


def _result(s: Session, claim: ClaimRow, row: ClaimAnswer, *, already: bool) -> AnswerResult:
    accepted = list(
        s.scalars(select(ClaimLineAnswer.accepted).where(ClaimLineAnswer.answer_id == row.id))
    )
    return AnswerResult(claim.number, already, sum(accepted), len(accepted) - sum(accepted),
                        row.granted_cents)  # fmt: skip


def mark_fixed(db: Database, reference: str, *, by: str, now: datetime) -> None:
    """Staff put right what made the line rejected: it goes into the next declaration."""
    require_role(db)
    with db.session() as s:
        take_turn(s, "claim-answers")
        line = s.scalar(select(ClaimLineRow).where(ClaimLineRow.reference == reference))
        if line is None:
            raise NotFoundError(f"Regel {reference} bestaat niet.")
        verdict = s.scalar(select(ClaimLineAnswer).where(ClaimLineAnswer.claim_line_id == line.id))
        if verdict is None or verdict.accepted:
            raise ServiceError(f"Regel {reference} is niet afgewezen; er is niets te corrigeren.")
        if s.scalar(select(RejectedLineFix.id).where(RejectedLineFix.claim_line_id == line.id)):
            raise ServiceError(
                f"Regel {reference} is al als gecorrigeerd gemarkeerd; hij gaat één keer opnieuw "
                "mee, nooit twee keer."
            )
        s.add(RejectedLineFix(claim_line_id=line.id, marked_at=now.replace(microsecond=0),
                              marked_by=by))  # fmt: skip
        log_access(s, CHANGE, line.guest_id, f"Afgewezen regel {reference} gecorrigeerd")


def answered_on(db: Database, claim_number: str) -> date | None:
    with db.session() as s:
        return s.scalar(
            select(ClaimAnswer.answered_on)
            .join(ClaimRow, ClaimAnswer.claim_id == ClaimRow.id)
            .where(ClaimRow.number == claim_number)
        )
