"""Reading a WMO301 (toewijzing) in: first a preview of what it creates or changes, then, on
confirm, everything in one unit of work, with the answer (WMO302) kept and written to the
'berichten' folder. The same file twice changes nothing the second time (decision 0044)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path

from ..db.locking import take_turn
from ..documents.claims.iwmo_reading import MessageFormatError, parse_message
from ..documents.claims.wmo301 import parse_wmo301
from ..documents.claims.wmo302 import render_wmo302
from ..domain import allocation_messages as am
from ..domain.allocation_messages import AllocationMessage, Problem
from ..domain.dates import format_date
from ..house.allocations import store_allocation
from ..house.guests import store_guest
from ..house.municipalities import municipality_label
from ..services.errors import ServiceError
from ..storage.database import Database
from ._wmo301_plan import NEW, UNCHANGED, Plan, make_plan
from .received_messages import (
    PROCESSED,
    REFUSED,
    MessageAnswer,
    MessageRefused,
    answer_identification,
    answer_name,
    processed_before,
    sha256,
    store_answer,
    write_answer_file,
)

KIND = "WMO301"
_ACTIONS = {NEW: "nieuwe toewijzing", "gewijzigd": "wijziging", UNCHANGED: "ongewijzigd"}


@dataclass(frozen=True)
class MessagePreview:
    """What reading a message in would do, in Dutch, for the dialog and the command line."""

    kind: str
    data: bytes
    title: str
    lines: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    offer: str = ""  # a question the user must say yes to (creating a guest), or ""
    changes: bool = True  # False: reading it in changes nothing (read before, or the same)


@dataclass(frozen=True)
class AppliedMessage:
    lines: tuple[str, ...]
    warnings: tuple[str, ...] = ()
    answer_path: Path | None = None
    changed: bool = True


def read_wmo301(db: Database, data: bytes, *, today: date) -> MessagePreview:
    """The preview; MessageRefused (Dutch, with the WMO302 to answer with) for a bad message."""
    message = _parse(data)
    with db.session(write=False) as s:
        earlier = processed_before(s, message.header.sender, message.header.identification)
        if earlier is not None and earlier.sha256 == sha256(data):
            when = format_date(earlier.read_at.date())
            return MessagePreview(KIND, data, _title(message), (
                f"Dit bericht is al ingelezen op {when} door {earlier.read_by or 'onbekend'}.",
                "Nog eens inlezen verandert niets.",
            ), changes=False)  # fmt: skip
        plan = make_plan(s, message, today)
    _refuse_if_problems(plan, data, today, earlier_other=earlier is not None)
    return _preview(plan, data)


def apply_wmo301(
    db: Database, preview: MessagePreview, *, data_dir: Path, create_guest: bool, by: str,
    now: datetime,
) -> AppliedMessage:  # fmt: skip
    data, today = preview.data, now.date()
    message = _parse(data)
    head = message.header
    with db.session() as s:
        take_turn(s, f"wmo301-{head.sender}")  # two PCs reading one file: the second waits
        earlier = processed_before(s, head.sender, head.identification)
        if earlier is not None and earlier.sha256 == sha256(data):
            return AppliedMessage(("Dit bericht was al ingelezen; er is niets veranderd.",),
                                  changed=False)  # fmt: skip
        plan = make_plan(s, message, today)
        _refuse_if_problems(plan, data, today, earlier_other=earlier is not None)
        guest_id = plan.guest_id
        if guest_id is None:
            if not create_guest or plan.new_guest is None:
                raise ServiceError(
                    f"{plan.guest_name} staat nog niet bij de gasten. Kies 'Gast aanmaken uit "
                    "het bericht', of leg de gast eerst vast met dit BSN."
                )
            guest_id = store_guest(s, plan.new_guest).id
        note = f"Toewijzing uit WMO301 {head.identification} ({plan.municipality})"
        for product in plan.products:
            if product.action != UNCHANGED:
                store_allocation(s, replace(product.data, guest_id=guest_id), note=note)
        answer = _answer(data, message, PROCESSED, (), None, _summary(plan), today)
        store_answer(s, answer, guest_id=guest_id, by=by, now=now)
    path = write_answer_file(data_dir, answer)
    lines = [f"{_ACTIONS[p.action].capitalize()}: toewijzing {p.product.number}"
             for p in plan.products]  # fmt: skip
    if plan.new_guest is not None:
        lines.insert(0, f"Nieuwe gast: {plan.guest_name}")
    warnings = tuple(w for p in plan.products for w in p.warnings)
    return AppliedMessage(tuple(lines), warnings, path)


def _parse(data: bytes) -> AllocationMessage:
    try:
        return parse_wmo301(parse_message(data))
    except MessageFormatError as exc:  # the XSD level: no answer is made (IV028)
        raise MessageRefused(f"Het bericht is niet ingelezen. {exc}") from None


def _refuse_if_problems(plan: Plan, data: bytes, today: date, *, earlier_other: bool) -> None:
    problems = list(plan.problems)
    if earlier_other:
        problems.insert(0, Problem(am.IDENTIFICATION_NOT_UNIQUE,
                                   f"Er is al een ander bericht met identificatie "
                                   f"{plan.message.header.identification} ingelezen."))  # fmt: skip
    if not problems:
        return
    answer = _answer(data, plan.message, REFUSED, problems, plan, _summary(plan), today)
    text = "\n".join(f"• {p.text} (retourcode {p.code})" for p in problems)
    raise MessageRefused(
        f"Het toewijzingsbericht van {plan.municipality} is afgekeurd; er is niets veranderd.\n"
        f"{text}",
        answer,
    )


def _answer(
    data: bytes, message: AllocationMessage, outcome: str, problems: Sequence[Problem],
    plan: Plan | None, summary: str, today: date,
) -> MessageAnswer:  # fmt: skip
    """The WMO302 as IV028 builds it (see documents/claims/wmo302.py)."""
    head = message.header
    header_codes: list[str] = []
    product_codes: list[list[str]] | None = None
    level2 = [p for p in problems if p.code == am.TECHNICAL]
    on_header = [p.code for p in problems if p.where == "header"]
    if level2:
        header_codes = [am.TECHNICAL]
    elif on_header:
        header_codes = list(dict.fromkeys(on_header))
    elif problems:
        header_codes = [am.NO_REMARK]
        product_codes = [
            list(dict.fromkeys(p.code for p in problems if p.where == f"product:{n}"))
            for n in range(len(message.products))
        ]
    codes = tuple(dict.fromkeys(p.code for p in problems))
    xml = render_wmo302(
        data, identification=answer_identification(head.sender, head.identification, outcome),
        made_on=today, header_codes=header_codes, product_codes=product_codes,
    )  # fmt: skip
    return MessageAnswer(
        KIND, head.sender, head.identification, head.dated, sha256(data), outcome, codes,
        summary, answer_name("WMO302", head.sender, head.identification, outcome), xml,
    )  # fmt: skip


def _title(message: AllocationMessage) -> str:
    head = message.header
    return (f"Toewijzing (WMO301) {head.identification} van {municipality_label(head.sender)} "
            f"({head.sender}), dagtekening {format_date(head.dated)}")  # fmt: skip


def _summary(plan: Plan) -> str:
    numbers = ", ".join(p.number for p in plan.message.products)
    return f"{plan.municipality}: {plan.guest_name}, toewijzing {numbers}"


def _preview(plan: Plan, data: bytes) -> MessagePreview:
    message = plan.message
    client = message.client
    lines = [f"Gemeente: {plan.municipality} ({message.header.sender})"]
    if plan.guest_id is not None:
        lines.append(f"Gast: {plan.guest_name} (gevonden op BSN)")
    else:
        lines.append(f"Gast: {plan.guest_name}, geboren {format_date(client.date_of_birth)}: "
                     "nog niet bekend in het logeerhuis")  # fmt: skip
    for p in plan.products:
        product = p.product
        lines.append(f"Toewijzing {product.number} ({_ACTIONS[p.action]}): {product.describe()}, "
                     f"contract '{p.contract_name}'")  # fmt: skip
        lines += [f"    {change}" for change in p.changes]
        if product.reason and product.reason != am.REMOVED:
            lines.append(f"    reden: {am.REASON_LABELS.get(product.reason, product.reason)}")
    changes = plan.guest_id is None or any(p.action != UNCHANGED for p in plan.products)
    if not changes:
        lines.append("Alle toewijzingen staan er al zo in: inlezen verandert niets aan de "
                     "toewijzingen (het antwoordbericht wordt wel gemaakt).")  # fmt: skip
    offer = ""
    if plan.guest_id is None:
        offer = (f"Gast {plan.guest_name} aanmaken uit het bericht (naam, geboortedatum, BSN, "
                 "adres)")  # fmt: skip
    warnings = tuple(w for p in plan.products for w in p.warnings)
    return MessagePreview(KIND, data, _title(message), tuple(lines), warnings, offer, True)
