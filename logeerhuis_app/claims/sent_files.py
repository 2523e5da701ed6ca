"""WMO323 files stored as sent (decision 0047): the first time a claim's file is made it is kept
byte for byte, and every later export gives exactly those bytes, whatever the code does by
then. The claim itself never changes (decision 0012); this keeps the file as well."""

from __future__ import annotations

import hashlib
from datetime import datetime

from sqlalchemy import select

from ..db.locking import take_turn
from ..db.models import Claim as ClaimRow
from ..db.models import SentMessage
from ..documents.claims.wmo323 import render_wmo323
from ..domain.claims import Claim
from ..services.errors import NotFoundError
from ..storage.database import Database


def wmo323_file(db: Database, claim: Claim, *, by: str, now: datetime) -> bytes:
    """The claim's WMO323 as it was first exported (stored now if this is the first time)."""
    with db.session() as s:
        row = s.scalar(select(ClaimRow).where(ClaimRow.number == claim.number))
        if row is None:
            raise NotFoundError(f"Declaratie {claim.number} bestaat niet.")
        stored = s.scalar(select(SentMessage.content).where(SentMessage.claim_id == row.id))
        if stored is not None:
            return stored
        take_turn(s, f"sent-wmo323-{row.id}")
        stored = s.scalar(select(SentMessage.content).where(SentMessage.claim_id == row.id))
        if stored is not None:  # another PC stored it meanwhile
            return stored
        data = render_wmo323(claim)
        s.add(
            SentMessage(
                kind="323",
                identification=claim.number,
                receiver=claim.funder_code,
                year=claim.year,
                month=claim.month,
                sequence=0,
                file_name=f"{claim.number}-wmo-{claim.funder_code}-WMO323.xml",
                claim_id=row.id,
                guest_id=None,
                correction=claim.is_correction,
                content=data,
                sha256=hashlib.sha256(data).hexdigest(),
                made_at=now.replace(microsecond=0),
                made_by=by,
            )
        )
        return data
