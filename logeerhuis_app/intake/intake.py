"""The intake checklist of a stay: answers, what is still open, overrides, and the gates.

A stay cannot be confirmed or checked in while a required item is open, unless a coordinator
overrides that gate with a written reason (kept and shown). Some things no override passes:
an unknown resuscitation policy, or a guest waiting for a court order.
"""

from __future__ import annotations

import json
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..access.access import log_access, require_role
from ..db.models import IntakeAnswer, IntakeOverride, Setting, Stay
from ..domain.access_log import CHANGE
from ..domain.dates import format_date
from ..domain.intake import (
    BY_KEY,
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    GATE_CONFIRM,
    Answer,
    carry_over,
    evaluate,
    open_text,
)
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database
from .intake_reading import (
    REQUIRED_KEY,
    IntakeData,
    OverrideData,
    answers_of,
    previous_stays_with_intake,
    read_required,
)

GATE_LABELS = {GATE_CONFIRM: "bevestigen", GATE_CHECK_IN: "inchecken"}


# -- settings ---------------------------------------------------------------------------------
def required_items(db: Database) -> dict[str, tuple[str, ...]]:
    with db.session() as s:
        return read_required(s)


def set_required_items(db: Database, required: dict[str, tuple[str, ...]]) -> None:
    require_role(db)
    unknown = [k for keys in required.values() for k in keys if k not in BY_KEY]
    if unknown:
        raise ValidationError({"required": f"Onbekende intakepunten: {', '.join(unknown)}."})
    value = json.dumps({gate: list(required.get(gate, ())) for gate in DEFAULT_REQUIRED})
    with db.session() as s:
        row = s.get(Setting, REQUIRED_KEY)
        if row is None:
            s.add(Setting(key=REQUIRED_KEY, value=value))
        else:
            row.value = value


# -- reading ----------------------------------------------------------------------------------
def get_intake(db: Database, stay_id: int) -> IntakeData:
    with db.session() as s:
        return load_intake(s, stay_id)


def load_intake(s: Session, stay_id: int) -> IntakeData:
    stay = s.get(Stay, stay_id)
    if stay is None:
        raise NotFoundError("Dit verblijf bestaat niet (meer).")
    answers = answers_of(s, [stay.id]).get(stay.id, {})
    carried_from = None
    if not answers:
        previous = previous_stays_with_intake(s, [stay]).get(stay.id)
        if previous is not None:
            answers = carry_over(answers_of(s, [previous]).get(previous, {}))
            carried_from = previous
    overrides = tuple(
        OverrideData(o.gate, o.reason, o.open_items, o.given_by, o.given_at)
        for o in s.scalars(
            select(IntakeOverride)
            .where(IntakeOverride.stay_id == stay.id)
            .order_by(IntakeOverride.id)
        )
    )
    state = evaluate(answers, read_required(s), arrival=stay.arrival, departure=stay.departure)
    return IntakeData(
        stay.id,
        stay.guest_id,
        stay.arrival,
        stay.departure,
        answers,
        state,
        overrides,
        carried_from,
    )


# -- writing ----------------------------------------------------------------------------------
def validate_answers(answers: dict[str, Answer]) -> dict[str, Answer]:
    problems: dict[str, str] = {}
    for key, answer in answers.items():
        item = BY_KEY.get(key)
        if item is None:
            problems[key] = "Onbekend intakepunt."
            continue
        if not answer.value:
            continue
        allowed = {v for v, _l in item.options} if item.kind == "choice" else {"ja", "nee"}
        if item.kind != "text" and answer.value not in allowed:
            problems[key] = "Kies een van de antwoorden."
        if key == "wzd_art21" and answer.value == "besluit" and answer.valid_until is None:
            problems[key] = "Vul in tot wanneer het besluit geldig is."
        if key == "wzd_art21" and answer.value == "aangevraagd" and answer.answered_on is None:
            problems[key] = "Vul de datum van de aanvraag in."
        if item.with_name and answer.value == "so" and not answer.note.strip():
            problems[key] = "Vul de naam van de specialist ouderengeneeskunde in."
    if problems:
        raise ValidationError(problems)
    return answers


def save_intake(db: Database, stay_id: int, answers: dict[str, Answer]) -> IntakeData:
    """Store every answer given (also the ones taken over from an earlier stay)."""
    validate_answers(answers)
    with db.session() as s:
        stay = s.get(Stay, stay_id)
        if stay is None:
            raise NotFoundError("Dit verblijf bestaat niet (meer).")
        rows = {
            r.item_key: r
            for r in s.scalars(select(IntakeAnswer).where(IntakeAnswer.stay_id == stay_id))
        }
        for key, answer in answers.items():
            row = rows.get(key)
            if row is None:
                row = IntakeAnswer(stay_id=stay_id, item_key=key)
                s.add(row)
            row.value, row.answered_on, row.staff = (
                answer.value,
                answer.answered_on,
                answer.staff.strip(),
            )
            row.note, row.valid_until, row.confirmed = (
                answer.note.strip(),
                answer.valid_until,
                answer.confirmed,
            )
        log_access(s, CHANGE, stay.guest_id, "Intake opgeslagen")
        return load_intake(s, stay_id)


def override(
    db: Database, stay_id: int, gate: str, *, reason: str, given_by: str, now: datetime
) -> IntakeData:
    """A coordinator lets the stay pass this gate with open items; the reason is required."""
    if gate not in GATE_LABELS:
        raise ValueError(gate)
    if not reason.strip():
        raise ValidationError({"reason": "Schrijf op waarom de gast toch mag komen."})
    if not given_by.strip():
        raise ValidationError({"given_by": "Vul in wie dit besluit."})
    with db.session() as s:
        intake = load_intake(s, stay_id)
        if gate == GATE_CHECK_IN and intake.state.blocks_check_in:
            raise ServiceError(intake.state.blocks_check_in[0] + " Dit kan niet worden overruled.")
        s.add(
            IntakeOverride(
                stay_id=stay_id,
                gate=gate,
                reason=reason.strip(),
                open_items=open_text(intake.state.open_items.get(gate, ())),
                given_by=given_by.strip(),
                given_at=now.replace(microsecond=0),
            )
        )
        stay = s.get(Stay, stay_id)
        log_access(s, CHANGE, stay.guest_id if stay else None, f"Intake overruled ({gate})")
        return load_intake(s, stay_id)


def refuse_unless_passes(s: Session, stay_id: int, gate: str) -> None:
    """Raise a Dutch ServiceError when the intake holds the stay back at this gate."""
    intake = load_intake(s, stay_id)
    state = intake.state
    if gate == GATE_CHECK_IN and state.blocks_check_in:
        raise IntakeGateError(gate, state.blocks_check_in[0], overridable=False)
    if state.open_items.get(gate) and not intake.overridden(gate):
        what = open_text(state.open_items[gate])
        raise IntakeGateError(gate, f"De intake is niet compleet om te {GATE_LABELS[gate]}. {what}")
    if gate == GATE_CONFIRM and state.problems and not intake.overridden(gate):
        raise IntakeGateError(gate, state.problems[0])


class IntakeGateError(ServiceError):
    """The intake holds the stay back; `overridable` says whether a coordinator may pass it."""

    def __init__(self, gate: str, message: str, *, overridable: bool = True) -> None:
        super().__init__(message)
        self.gate = gate
        self.overridable = overridable


def expiry_note(intake: IntakeData) -> str:
    """'Het art. 21-besluit verloopt op 01-05-2026, vóór het vertrek.' or ''."""
    notes = []
    for key in intake.state.expired:
        answer = intake.answers[key]
        until = format_date(answer.valid_until)
        notes.append(f"{BY_KEY[key].question} verloopt op {until}, vóór het vertrek.")
    return " ".join(notes)
