"""The demo house's WMO325: a municipality's answer to one of its WMO323 claims, with one line
rejected, written as a file so a newcomer can try the loop (Declaraties > "WMO325 inlezen…").

It is a SIMULATION made by the app's own writer (claims/answer_simulation), never a copy of
a real message; it is written, not read in, so the demo starts with an answer still to read.
"""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

from ..claims.answer_simulation import simulated_answer
from ..claims.claims import list_claims
from ..claims.received_messages import messages_dir
from ..domain.enums import ClaimKind
from ..storage.database import Database
from ..storage.private_files import write_private

DEMO_CODE = "9307"  # begindatum prestatie ligt niet tussen ingangs- en einddatum toewijzing


def write_demo_answer(db: Database, data_dir: Path, today: date) -> Path | None:
    """Write the answer to the latest Wmo declaration that has two lines or more; its last line
    rejected. Returns the file, or None when the demo has no such claim."""
    claims = [
        c
        for c in list_claims(db)
        if c.is_wmo and c.kind == ClaimKind.DECLARATION and len(c.message_lines) >= 2
    ]
    if not claims:
        return None
    claim = claims[-1]
    rejected = claim.message_lines[-1].reference
    answered_on = min(today, claim.made_on + timedelta(days=10))
    data = simulated_answer(db, claim.number, {rejected: (DEMO_CODE,)}, answered_on=answered_on)
    # Beside the demo's WMO301, so a newcomer finds both messages of the loop in one folder.
    path = messages_dir(data_dir) / f"WMO325-{claim.funder_code}-{claim.number}.xml"
    write_private(path, data)
    return path
