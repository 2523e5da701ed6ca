"""Allocations: a guest's right to care (toewijzing, indicatie, pgb, polis, private)."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access
from ..db.models import Allocation, Contract, Funder, Guest, Night, Stay
from ..domain.access_log import CHANGE
from ..domain.enums import AllocationKind, FunderKind, VolumeFrequency
from ..domain.funding_rules import pgb_payer_finding, vv_only_finding
from ..services.errors import ConflictError, NotFoundError, ServiceError
from ..services.field_check import FieldCheck
from ..storage.database import Database

# Which allocation kinds fit which funder; keeps a Wmo toewijzing from pointing at a zorgkantoor.
_KINDS_FOR_FUNDER = {
    # A pgb belongs to the budget holder (a funder of kind pgb), never to a claiming funder.
    FunderKind.GEMEENTE: {AllocationKind.TOEWIJZING},
    FunderKind.ZORGKANTOOR: {AllocationKind.INDICATIE},
    FunderKind.ZORGVERZEKERAAR: {AllocationKind.POLIS},
    FunderKind.PGB: {AllocationKind.PGB},
    FunderKind.PARTICULIER: {AllocationKind.PARTICULIER},
}


def kinds_for_funder(funder_kind: str) -> list[AllocationKind]:
    """The allocation kinds a funder of this kind can hold (a pgb only under a pgb funder)."""
    allowed = _KINDS_FOR_FUNDER.get(FunderKind(funder_kind), set())
    return [k for k in AllocationKind if k in allowed]


@dataclass(frozen=True)
class AllocationData:
    id: int | None = None
    version: int = 0
    guest_id: int = 0
    funder_id: int = 0
    contract_id: int | None = None
    kind: str = AllocationKind.TOEWIJZING.value
    reference: str = ""
    decision_reference: str = ""
    start_date: date = date(2026, 1, 1)
    end_date: date | None = None
    volume: int | None = None
    volume_frequency: str = VolumeFrequency.TOTAL.value
    care_profile: str = ""
    notes: str = ""
    # Read-only, filled when listed: for display without another query.
    funder_name: str = ""
    contract_name: str = ""

    @property
    def kind_label(self) -> str:
        return AllocationKind(self.kind).label


_FIELDS = [
    f.name
    for f in fields(AllocationData)
    if f.name not in ("id", "version", "funder_name", "contract_name")
]


def list_allocations(db: Database, guest_id: int) -> list[AllocationData]:
    with db.session() as s:
        rows = s.scalars(
            select(Allocation)
            .where(Allocation.guest_id == guest_id)
            .order_by(Allocation.start_date.desc(), Allocation.id)
        )
        return [_to_data(s, a) for a in rows]


def _to_data(s: Session, a: Allocation) -> AllocationData:
    funder = s.get(Funder, a.funder_id)
    contract = s.get(Contract, a.contract_id) if a.contract_id else None
    return AllocationData(
        id=a.id,
        version=a.version,
        funder_name=funder.name if funder else "",
        contract_name=contract.name if contract else "",
        **{n: getattr(a, n) for n in _FIELDS},
    )


def _load(s: Session, allocation_id: int) -> Allocation:
    row = s.get(Allocation, allocation_id)
    if row is None:
        raise NotFoundError("Deze toewijzing of indicatie bestaat niet (meer).")
    return row


def _validate(s: Session, data: AllocationData) -> AllocationData:
    check = FieldCheck()
    guest = s.get(Guest, data.guest_id)
    if guest is None:
        raise NotFoundError("Deze gast bestaat niet (meer).")
    funder = s.get(Funder, data.funder_id) if data.funder_id else None
    check.rule("funder_id", funder is not None, "Kies de financier.")
    check.rule("kind", data.kind in {k.value for k in AllocationKind}, "Kies een soort.")
    check.rule(
        "volume_frequency",
        data.volume_frequency in {f.value for f in VolumeFrequency},
        "Kies per week, per maand of totaal.",
    )
    reference = check.text("reference", data.reference, label="Het kenmerk", max_length=50)
    profile = data.care_profile.strip().upper()
    if funder is not None and data.kind in {k.value for k in AllocationKind}:
        allowed = _KINDS_FOR_FUNDER[FunderKind(funder.kind)]
        pgb = pgb_payer_finding(data.kind, funder.kind)
        check.rule("kind", pgb is None, pgb.text if pgb else "")
        check.rule(
            "kind",
            AllocationKind(data.kind) in allowed,
            f"Een {AllocationKind(data.kind).label.lower()} past niet bij "
            f"{FunderKind(funder.kind).label.lower()}.",
        )
    if data.kind == AllocationKind.TOEWIJZING:
        check.required("reference", reference, "Vul het toewijzingnummer in.")
    if data.kind == AllocationKind.INDICATIE:
        check.required("care_profile", profile, "Vul het zorgprofiel in, bijvoorbeeld 5VV.")
    check.rule(
        "end_date",
        data.end_date is None or data.end_date >= data.start_date,
        "De einddatum ligt vóór de begindatum.",
    )
    check.rule(
        "volume",
        data.volume is None or data.volume > 0,
        "Het volume is een positief aantal etmalen.",
    )
    if data.contract_id is not None:
        contract = s.get(Contract, data.contract_id)
        check.rule(
            "contract_id",
            contract is not None and contract.funder_id == data.funder_id,
            "Dit contract hoort niet bij de gekozen financier.",
        )
        vv = (
            vv_only_finding(contract.name, contract.product_code, contract.vv_only, profile)
            if contract is not None
            else None
        )
        check.rule("care_profile", vv is None, vv.text if vv else "")
    check.raise_if_any()
    return replace(
        data,
        reference=reference,
        care_profile=profile,
        decision_reference=data.decision_reference.strip(),
        notes=data.notes.strip(),
    )


def save_allocation(db: Database, data: AllocationData) -> AllocationData:
    with db.session() as s:
        return _to_data(s, store_allocation(s, data))


def store_allocation(s: Session, data: AllocationData, note: str = "") -> Allocation:
    """Validate and write in the caller's unit of work (a WMO301 read in uses this)."""
    data = _validate(s, data)
    if data.id is None:
        row = Allocation(version=1)
        s.add(row)
    else:
        row = _load(s, data.id)
        if row.version != data.version:
            raise ConflictError("Deze toewijzing is intussen elders gewijzigd.")
        row.version += 1
    for name in _FIELDS:
        setattr(row, name, getattr(data, name))
    s.flush()
    log_access(s, CHANGE, row.guest_id, note or "Toewijzing opgeslagen")
    return row


def allocation_data(s: Session, row: Allocation) -> AllocationData:
    return _to_data(s, row)


def delete_allocation(db: Database, allocation_id: int) -> None:
    """Only an unused allocation may go; one that funds nights is history."""
    with db.session() as s:
        row = _load(s, allocation_id)
        used = s.scalar(select(Stay.id).where(Stay.allocation_id == row.id).limit(1)) or s.scalar(
            select(Night.id).where(Night.allocation_id == row.id).limit(1)
        )
        if used:
            raise ServiceError(
                "Deze toewijzing is al gebruikt voor verblijven en kan niet worden verwijderd. "
                "Zet een einddatum in plaats daarvan."
            )
        s.delete(row)
