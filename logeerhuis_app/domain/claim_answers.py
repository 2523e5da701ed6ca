"""A municipality's answer (iWmo WMO325, declaratie-antwoord) to a sent WMO323, as plain data,
and what it means for each declared line (decision 0046).

What the answer holds (iWmo 3.2 IV087): always a Header that names the WMO323 it answers
(DeclaratieIdentificatie) with return codes. Header code 0001 (or another rejection) means the
whole declaration was refused and counts as not sent. Otherwise a DeclaratieAntwoord with the
declaration number, the submitted and granted totals and codes: 8001 = all lines granted, 0200 =
see the clients, another code = the whole declaration refused (granted total 0). Only rejected
lines are listed, under their client; a client with a code of its own has all its lines
refused (0233, not assessed). A line that is not listed was granted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .return_codes import FULLY_GRANTED, NO_REMARK, is_remark


@dataclass(frozen=True)
class AnsweredLine:
    """A Prestatie in the answer: a line the municipality rejected, with its codes."""

    reference: str
    bsn: str
    allocation_number: int
    amount_cents: int  # signed (C is negative)
    codes: tuple[str, ...]
    client_codes: tuple[str, ...]


@dataclass(frozen=True)
class ClaimAnswerMessage:
    identification: str  # the WMO325's BerichtIdentificatie
    answered_on: date
    sender: str  # CBS code of the municipality
    receiver: str  # AGB code of the house
    declaration_identification: str  # the WMO323's BerichtIdentificatie
    header_codes: tuple[str, ...]
    declaration_number: str = ""  # empty when the answer has only a Header
    submitted_cents: int | None = None  # signed
    granted_cents: int | None = None  # signed
    declaration_codes: tuple[str, ...] = ()
    lines: tuple[AnsweredLine, ...] = ()

    @property
    def refused_whole(self) -> tuple[str, ...]:
        """The codes that refuse the whole declaration, or () when it was assessed per line."""
        wrong = tuple(c for c in self.header_codes if not is_remark(c))
        if wrong:
            return wrong
        return tuple(c for c in self.declaration_codes if not is_remark(c))

    @property
    def fully_granted(self) -> bool:
        return FULLY_GRANTED in self.declaration_codes and not self.refused_whole


@dataclass(frozen=True)
class LineVerdict:
    reference: str
    accepted: bool
    codes: tuple[str, ...]


def line_verdicts(answer: ClaimAnswerMessage, references: list[str]) -> list[LineVerdict]:
    """Per declared line (its reference): granted, or rejected with the codes that say why."""
    whole = answer.refused_whole
    if whole:
        return [LineVerdict(r, False, whole) for r in references]
    listed = {ln.reference: ln for ln in answer.lines}
    verdicts = []
    for reference in references:
        line = listed.get(reference)
        if line is None:
            verdicts.append(LineVerdict(reference, True, ()))
            continue
        own = tuple(c for c in line.client_codes if c != NO_REMARK)
        codes = own + tuple(c for c in line.codes if c not in own)
        verdicts.append(LineVerdict(reference, False, codes or (NO_REMARK,)))
    return verdicts
