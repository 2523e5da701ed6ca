"""A SIMULATION of a municipality's answer (WMO325) to one of the house's WMO323 claims.

The house never makes a WMO325: the municipality does. This stand-in exists so that the demo
house has an answer to read (Declaraties > "WMO325 inlezen…") and the tests have real files;
it is made by the app's own writer (documents/claims/wmo325), from the stored claim.
"""

from __future__ import annotations

from datetime import date

from ..documents.claims.wmo325 import render_wmo325
from ..domain.claim_answers import AnsweredLine, ClaimAnswerMessage
from ..domain.return_codes import FULLY_GRANTED, NO_REMARK
from ..storage.database import Database
from .claims import get_claim


def simulated_answer(
    db: Database, claim_number: str, rejected: dict[str, tuple[str, ...]], *, answered_on: date
) -> bytes:
    """The municipality's answer to a claim, rejecting the lines in `rejected` (reference ->
    WJ001 codes) and granting the rest."""
    claim = get_claim(db, claim_number)
    lines = {ln.reference: ln for ln in claim.message_lines}
    answered = tuple(
        AnsweredLine(ref, lines[ref].bsn, int(lines[ref].allocation_reference),
                     lines[ref].signed_cents, codes, (NO_REMARK,))
        for ref, codes in rejected.items()
    )  # fmt: skip
    granted = sum(ln.signed_cents for ref, ln in lines.items() if ref not in rejected)
    answer = ClaimAnswerMessage(
        identification=f"A{claim.number[1:]}"[:12],
        answered_on=answered_on,
        sender=claim.funder_code,
        receiver=claim.provider.agb_code,
        declaration_identification=claim.number,
        header_codes=(NO_REMARK,),
        declaration_number=claim.number,
        submitted_cents=claim.message_total_cents,
        granted_cents=granted,
        declaration_codes=(NO_REMARK,) if answered else (FULLY_GRANTED,),
        lines=answered,
    )
    return render_wmo325(answer, lines)
