"""The zorgkantoor's AW319 file of a sent claim: made where its PDF and CSV are made (the
Declaraties page, the month export), refused in Dutch when an identifier is missing (0048).

A claim keeps the UZOVI and AGB codes it was made with. When one was still empty then and the
house has filled it in since (Financiers, Instellingen), the file takes today's code: the
claim itself never changes, only the file that is written from it.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from sqlalchemy import select

from .. import __version__
from ..db.models import Claim as ClaimRow
from ..db.models import Funder
from ..documents.claims.aw319 import Aw319Refused, render_aw319
from ..domain.claims import Claim
from ..domain.enums import FunderKind
from ..domain.wlz_declaration import file_lines, file_notes, file_problems
from ..house.provider import get_provider
from ..services.errors import ServiceError
from ..storage.database import Database

TITLE = "AW319-bestand"


def offers_aw319(claim: Claim) -> bool:
    """Whether the claim has a Wlz declaration file at all (zorgkantoor, Z1003 lines of VV)."""
    return claim.funder_kind == FunderKind.ZORGKANTOOR and bool(file_lines(claim))


def aw319_name(claim: Claim) -> str:
    """Numbers and codes only, never a name or BSN (DOMAIN.md 7)."""
    return f"{claim.number}-wlz-{claim.funder_code or 'onbekend'}-AW319.txt"


def aw319_problems(db: Database, claim: Claim) -> list[str]:
    return file_problems(with_current_codes(db, claim))


def aw319_file(db: Database, claim: Claim) -> bytes:
    """The file's bytes, or a ServiceError listing in Dutch what to fix first."""
    try:
        return render_aw319(with_current_codes(db, claim), software=f"LH{__version__}")
    except Aw319Refused as refused:
        raise ServiceError(
            f"Het {TITLE} is niet gemaakt. Los eerst dit op:\n- " + "\n- ".join(refused.problems)
        ) from refused


def draft_notes(claim: Claim) -> list[str]:
    """Aandachtspunten for a zorgkantoor draft: what would stop or thin its AW319 file."""
    if not offers_aw319(claim):
        return []
    return [f"{TITLE}: {p}" for p in file_problems(claim, draft=True)] + file_notes(claim)


def with_current_codes(db: Database, claim: Claim) -> Claim:
    if claim.funder_kind != FunderKind.ZORGKANTOOR:
        return claim
    changes: dict[str, Any] = {}
    if not re.fullmatch(r"\d{4}", claim.funder_code or "") and claim.number:
        with db.session() as s:
            code = s.scalar(
                select(Funder.uzovi_code)
                .join(ClaimRow, ClaimRow.funder_id == Funder.id)
                .where(ClaimRow.number == claim.number)
            )
        if code:
            changes["funder_code"] = code
    if not re.fullmatch(r"\d{8}", claim.provider.agb_code or ""):
        agb = get_provider(db).agb_code
        if agb:
            changes["provider"] = replace(claim.provider, agb_code=agb)
    return replace(claim, **changes) if changes else claim
