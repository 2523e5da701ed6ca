"""Start- en stopberichten: the WMO305 and WMO307 files of a month, derived from the Wmo
allocations and their nights (docs/decisions/0019), and saving them to a folder."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..access.access import log_access, require_role
from ..db.models import Allocation, Contract, Funder, Guest, Night, Stay
from ..domain.access_log import EXPORT
from ..domain.care_messages import (
    START,
    CareAllocation,
    CareClient,
    care_problems,
    month_care_messages,
)
from ..domain.claim_checks import agb_problems
from ..domain.enums import FunderKind, StayStatus
from ..domain.months import Month
from ..domain.people import display_name
from ..house.provider import get_provider
from ..services.errors import ServiceError
from ..storage.database import Database
from ..storage.private_files import private_dir, write_private
from ._care_message_store import store_month
from .claim_lines import claim_funders

# A stay counts once it is agreed: an option may still fall through, a cancelled stay did.
_STARTED_STATUSES = (StayStatus.CONFIRMED, StayStatus.PRESENT, StayStatus.DEPARTED)


@dataclass(frozen=True)
class CareMessageFile:
    name: str  # e.g. WMO305-0308-2026-03-001.xml: codes and numbers only
    kind: str  # Dutch description for lists shown to staff
    funder_name: str
    data: bytes


@dataclass(frozen=True)
class CareMessages:
    files: tuple[CareMessageFile, ...]
    problems: tuple[str, ...]  # Dutch: which guest was left out and what to fix


def care_messages(db: Database, month: Month, *, made_on: date) -> CareMessages:
    """The month's WMO305 and WMO307 files (one client each) and what kept guests out.

    Stored as sent (decision 0047): the first time a message is made it is kept with its
    number and Dagtekening; later the same files come back byte for byte, and a change since
    gives a correction message after them."""
    agb = get_provider(db).agb_code
    with db.session() as s:
        allocations = _allocations(s)
        messages, problems = month_care_messages(allocations, agb, month, made_on)
        left_out = {a.allocation_id for a in allocations if care_problems(a)}
        if agb_problems(agb):  # nothing can be made: what was sent stays as it was
            left_out = {a.allocation_id for a in allocations}
        stored = store_month(s, messages, allocations, month, made_on=made_on, left_out=left_out)
        files = tuple(
            CareMessageFile(
                row.file_name,
                _description(row.kind, row.correction, _funder_name(allocations, row.receiver)),
                _funder_name(allocations, row.receiver),
                row.content,
            )
            for row in stored
        )
    return CareMessages(files, tuple(problems))


def _description(kind: str, correction: bool, funder_name: str) -> str:
    word = "startbericht" if kind == START else "stopbericht"
    what = f"Correctie {word}" if correction else word.capitalize()
    return f"{what} WMO{kind} aan {funder_name}"


def _funder_name(allocations: list[CareAllocation], receiver: str) -> str:
    return next((a.funder_name for a in allocations if a.municipality_code == receiver), receiver)


def save_care_messages(db: Database, month: Month, folder: Path, *, made_on: date) -> CareMessages:
    """Write the month's files into `folder` (existing files of the same name are replaced:
    the same month gives the same files) and note it in the access log."""
    require_role(db)
    result = care_messages(db, month, made_on=made_on)
    folder = Path(folder)
    try:
        if not folder.exists():
            private_dir(folder)
        for f in result.files:
            write_private(folder / f.name, f.data)
    except OSError as exc:
        raise ServiceError(
            f"De berichten konden niet worden geschreven in {folder}: {exc.strerror or exc}. "
            "Kies een andere map."
        ) from exc
    if result.files:
        when = f"{month.month:02d}-{month.year}"
        log_access(
            db, EXPORT, detail=f"Start- en stopberichten {when} ({len(result.files)} bestanden)"
        )
    return result


def _allocations(s: Session) -> list[CareAllocation]:
    """Every allocation of a municipality that is claimed through iWmo, with its first night."""
    funders = {f.id: f for f in claim_funders(s) if f.kind == FunderKind.GEMEENTE.value}
    if not funders:
        return []
    first_nights = dict(
        s.execute(
            select(Stay.allocation_id, func.min(Night.day))
            .join(Night, Night.stay_id == Stay.id)
            .where(Night.active.is_(True), Stay.status.in_(_STARTED_STATUSES))
            .group_by(Stay.allocation_id)
        ).all()
    )
    rows = s.execute(
        select(Allocation, Guest, Contract)
        .join(Guest, Allocation.guest_id == Guest.id)
        .outerjoin(Contract, Allocation.contract_id == Contract.id)
        .where(Allocation.funder_id.in_(funders))
        .order_by(Allocation.id)
    ).all()
    return [
        _allocation(allocation, guest, contract, funders[allocation.funder_id], first_nights)
        for allocation, guest, contract in rows
    ]


def _allocation(
    allocation: Allocation,
    guest: Guest,
    contract: Contract | None,
    funder: Funder,
    first_nights: dict[int | None, date],
) -> CareAllocation:
    client = CareClient(
        guest_id=guest.id,
        name=display_name(guest.first_name, guest.prefix, guest.last_name),
        bsn=guest.bsn or "",
        first_name=guest.first_name or "",
        prefix=guest.prefix or "",
        last_name=guest.last_name or "",
        date_of_birth=guest.date_of_birth,
        gender=guest.gender or "",
    )
    return CareAllocation(
        allocation_id=allocation.id,
        client=client,
        funder_name=funder.name,
        municipality_code=funder.cbs_code,
        reference=(allocation.reference or "").strip(),
        product_category=contract.product_category if contract else "",
        product_code=contract.product_code if contract else "",
        start_date=allocation.start_date,
        end_date=allocation.end_date,
        first_night=first_nights.get(allocation.id),
    )
