"""What a WMO301 would do to the house's data, and why the house would refuse it: the checks
that need the database (the municipality, the provider's AGB code, the guest, the contract,
nights already billed). Used for the preview and again, in the same unit of work, to apply
(decision 0044)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import Allocation, Contract, Funder, Guest, Night, Provider, Stay
from ..domain import allocation_messages as am
from ..domain.allocation_messages import AllocatedProduct, AllocationMessage, Problem
from ..domain.dates import format_date
from ..domain.enums import AllocationKind, FunderKind, StayStatus
from ..domain.people import display_name
from ..house.allocations import AllocationData
from ..house.guests import GuestData, validate_guest
from ..house.municipalities import municipality_name
from ..services.errors import ValidationError
from ._billed_nights import billed_days

NEW, CHANGED, UNCHANGED = "nieuw", "gewijzigd", "ongewijzigd"


@dataclass(frozen=True)
class ProductPlan:
    product: AllocatedProduct
    action: str  # NEW, CHANGED or UNCHANGED
    data: AllocationData  # what is saved (guest_id 0 while the guest is still to be made)
    contract_name: str
    changes: tuple[str, ...]  # Dutch: what changes on an existing allocation
    warnings: tuple[str, ...]  # planned stays outside the new period


@dataclass(frozen=True)
class Plan:
    message: AllocationMessage
    municipality: str
    funder_id: int
    guest_id: int | None
    guest_name: str
    new_guest: GuestData | None
    products: tuple[ProductPlan, ...]
    problems: tuple[Problem, ...]


def make_plan(s: Session, message: AllocationMessage, today: date) -> Plan:
    head, client = message.header, message.client
    municipality = municipality_name(head.sender) or f"CBS-code {head.sender}"
    empty = Plan(message, municipality, 0, None, client.name, None, (), ())
    problems = am.message_problems(message, today)
    if any(p.code == am.TECHNICAL for p in problems):
        return replace(empty, problems=tuple(problems))  # level 2: nothing else is judged
    funder = _funder(s, head.sender)
    problems += _header_problems(s, message, funder, municipality)
    if problems or funder is None:
        return replace(empty, problems=tuple(problems))
    guest = s.scalar(select(Guest).where(Guest.bsn == client.bsn))
    new_guest = None
    if guest is None:
        new_guest, problem = _guest_from(message, municipality)
        if problem is not None:
            return replace(empty, funder_id=funder.id, problems=(problem,))
    products = []
    for index, product in enumerate(message.products):
        planned, found = _product_plan(s, funder, guest, product, f"product:{index}")
        problems += found
        if planned is not None:
            products.append(planned)
    name = display_name(guest.first_name, guest.prefix, guest.last_name) if guest else client.name
    return Plan(message, municipality, funder.id, guest.id if guest else None, name, new_guest,
                tuple(products), tuple(problems))  # fmt: skip


def _funder(s: Session, cbs: str) -> Funder | None:
    return s.scalar(
        select(Funder)
        .where(Funder.kind == FunderKind.GEMEENTE.value, Funder.cbs_code == cbs)
        .order_by(Funder.active.desc(), Funder.id)
        .limit(1)
    )


def _header_problems(
    s: Session, message: AllocationMessage, funder: Funder | None, municipality: str
) -> list[Problem]:
    head = message.header
    found = []
    if municipality_name(head.sender) is None:
        text = f"Gemeentecode {head.sender} staat niet op de CBS-lijst."
        found.append(Problem(am.MUNICIPALITY_INVALID, text))
    elif funder is None:
        text = (
            f"Gemeente {municipality} ({head.sender}) staat niet bij Financiers en contracten. "
            "Voeg de gemeente en haar contract toe en lees het bericht daarna opnieuw in."
        )
        found.append(Problem(am.MUNICIPALITY_INVALID, text))
    provider = s.get(Provider, 1)
    agb = provider.agb_code if provider is not None else ""
    if head.receiver != agb:
        ours = f"AGB-code {agb}" if agb else "nog geen AGB-code (Instellingen)"
        found.append(Problem(am.TECHNICAL,
                             f"Dit bericht is voor de aanbieder met AGB-code {head.receiver}; dit "
                             f"logeerhuis heeft {ours}."))  # fmt: skip
    return found


def _guest_from(message: AllocationMessage, municipality: str) -> tuple[GuestData, Problem | None]:
    c, head = message.client, message.header
    data = GuestData(
        first_name=c.first_names or c.initials, prefix=c.prefix, last_name=c.last_name,
        date_of_birth=c.date_of_birth, gender=am.GENDERS.get(c.gender_code, ""), bsn=c.bsn,
        street=" ".join(p for p in (c.street, c.house_number) if p), postcode=c.postcode,
        city=c.city, municipality_code=head.sender,
        notes=f"Aangemaakt uit toewijzingsbericht {head.identification} van {municipality} "
              f"({format_date(head.dated)}).",
    )  # fmt: skip
    try:
        return validate_guest(data), None
    except ValidationError as exc:
        return data, Problem(am.TECHNICAL, "De cliënt kan niet als gast worden vastgelegd: "
                             f"{exc.detail}", "client")  # fmt: skip


def _product_plan(
    s: Session, funder: Funder, guest: Guest | None, p: AllocatedProduct, where: str
) -> tuple[ProductPlan | None, list[Problem]]:
    contract, problem = _contract(s, funder, p)
    if contract is None:
        return None, [Problem(am.PRODUCT_INVALID, problem, where)]
    existing = _existing(s, funder.id, p.number)
    if existing is not None and (guest is None or existing.guest_id != guest.id):
        return None, [Problem(am.NUMBER_NOT_UNIQUE, f"Toewijzingnummer {p.number} hoort in dit "
                              "logeerhuis al bij een andere cliënt.", where)]  # fmt: skip
    end = p.start if am.is_withdrawn(p) else p.end
    base = _data(s, existing) if existing is not None else AllocationData(
        guest_id=guest.id if guest else 0, funder_id=funder.id,
        kind=AllocationKind.TOEWIJZING.value, reference=p.number,
    )  # fmt: skip
    data = replace(base, contract_id=contract.id, start_date=p.start, end_date=end,
                   volume=p.volume, volume_frequency=p.frequency_key)  # fmt: skip
    if existing is None and am.is_withdrawn(p):
        note = (f"Toewijzing {p.number} is door de gemeente verwijderd en stond niet in het "
                "logeerhuis: er wordt niets vastgelegd.")  # fmt: skip
        return ProductPlan(p, UNCHANGED, data, contract.name, (), (note,)), []
    if existing is None:
        return ProductPlan(p, NEW, data, contract.name, (), ()), []
    billed = sorted(d for d in billed_days(s, existing.id) if not _inside(d, p.start, end))
    if billed:
        days = ", ".join(format_date(d) for d in billed[:5]) + (" …" if len(billed) > 5 else "")
        return None, [Problem(am.HAS_CLAIMED_LINES,
                              f"Toewijzing {p.number}: {len(billed)} nacht(en) buiten de nieuwe "
                              f"periode zijn al gedeclareerd of gefactureerd ({days}). Overleg met "
                              "de gemeente; het bericht verandert niets.", where)]  # fmt: skip
    changes = _changes(base, data, contract.name, s)
    if am.is_withdrawn(p):
        changes = (f"ingetrokken door de gemeente (reden 13): geldig t/m {format_date(end)}",
                   *changes)  # fmt: skip
    action = CHANGED if changes else UNCHANGED
    warnings = _stays_outside(s, existing.id, p.start, end) if changes else ()
    return ProductPlan(p, action, data, contract.name, changes, warnings), []


def _contract(s: Session, funder: Funder, p: AllocatedProduct) -> tuple[Contract | None, str]:
    rows = list(s.scalars(
        select(Contract).where(Contract.funder_id == funder.id,
                               Contract.product_category == p.category)
        .order_by(Contract.active.desc(), Contract.id)
    ))  # fmt: skip
    if p.code:
        rows = [c for c in rows if c.product_code == p.code]
    what = f"product {p.category}/{p.code}" if p.code else f"productcategorie {p.category}"
    if not rows:
        return None, (f"Toewijzing {p.number}: er is geen contract met {funder.name} voor {what} "
                      "(Financiers en contracten).")  # fmt: skip
    if not p.code and len({c.product_code for c in rows}) > 1:
        return None, (f"Toewijzing {p.number}: de gemeente noemt alleen {what}; er zijn meer "
                      f"contracten met {funder.name} in die categorie.")  # fmt: skip
    contract = rows[0]
    if contract.unit != p.unit:
        return None, (f"Toewijzing {p.number}: het contract '{contract.name}' rekent in eenheid "
                      f"{contract.unit}, de toewijzing in eenheid {p.unit}.")  # fmt: skip
    return contract, ""


def _existing(s: Session, funder_id: int, number: str) -> Allocation | None:
    """The funder's toewijzing with this number (an older entry may carry leading zeros)."""
    rows = s.scalars(
        select(Allocation).where(
            Allocation.funder_id == funder_id, Allocation.kind == AllocationKind.TOEWIJZING
        )
    )
    return next((a for a in rows if a.reference.lstrip("0") == number.lstrip("0")), None)


def _data(s: Session, row: Allocation) -> AllocationData:
    from ..house.allocations import allocation_data

    return allocation_data(s, row)


def _inside(day: date, start: date, end: date | None) -> bool:
    return start <= day and (end is None or day <= end)


def _changes(
    before: AllocationData, after: AllocationData, contract: str, s: Session
) -> tuple[str, ...]:
    def period(d: AllocationData) -> str:
        return f"{format_date(d.start_date)} t/m {format_date(d.end_date) or 'open'}"

    def amount(d: AllocationData) -> str:
        per = {"week": "per week", "month": "per maand", "total": "in totaal"}
        return f"{d.volume} {per.get(d.volume_frequency, '')}" if d.volume else "geen volume"

    found = []
    if (before.start_date, before.end_date) != (after.start_date, after.end_date):
        found.append(f"periode {period(before)} wordt {period(after)}")
    if (before.volume, before.volume_frequency) != (after.volume, after.volume_frequency):
        found.append(f"volume {amount(before)} wordt {amount(after)}")
    if before.contract_id != after.contract_id:
        old = s.get(Contract, before.contract_id) if before.contract_id else None
        found.append(f"contract '{old.name if old else 'geen'}' wordt '{contract}'")
    return tuple(found)


def _stays_outside(
    s: Session, allocation_id: int, start: date, end: date | None
) -> tuple[str, ...]:
    rows = s.execute(
        select(Stay, Night.day)
        .join(Night, Night.stay_id == Stay.id)
        .where(Night.allocation_id == allocation_id, Night.active.is_(True),
               Stay.status != StayStatus.CANCELLED.value)
        .order_by(Stay.arrival, Night.day)
    ).all()  # fmt: skip
    outside: dict[Stay, list[date]] = defaultdict(list)
    for stay, day in rows:
        if not _inside(day, start, end):
            outside[stay].append(day)
    return tuple(
        f"Het verblijf van {format_date(stay.arrival)} tot {format_date(stay.departure)} heeft "
        f"{len(days)} nacht(en) buiten de toewijzing (vanaf {format_date(days[0])}). Verplaats "
        "of annuleer het, of vraag de gemeente om een verlenging."
        for stay, days in outside.items()
    )
