"""Reading the intake of stays with SQLAlchemy Core: the planner's labels for many stays at
once, and the parts the intake service (intake/intake.py) shares with them.

Core and not the ORM, so that the planner's first view needs no ORM (decision 0034). Every
function takes what runs the query: a Core connection (`Database.read()`) or an ORM session
(which flushes its pending changes first, so a service sees what it has just written).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Protocol

from sqlalchemy import Connection, exists, select

from ..db import core_tables as t
from ..domain.intake import (
    BY_KEY,
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    GATE_CONFIRM,
    Answer,
    IntakeState,
    carry_over,
    evaluate,
)

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    Reader = Connection | Session

REQUIRED_KEY = "intake.required"


class StayDates(Protocol):
    """What the intake of a stay depends on: a planner row or an ORM stay alike."""

    id: int
    guest_id: int
    arrival: date
    departure: date


@dataclass(frozen=True)
class OverrideData:
    gate: str
    reason: str
    open_items: str
    given_by: str
    given_at: datetime


@dataclass(frozen=True)
class IntakeData:
    stay_id: int
    guest_id: int
    arrival: date
    departure: date
    answers: dict[str, Answer]
    state: IntakeState
    overrides: tuple[OverrideData, ...]
    carried_from: int | None  # the earlier stay the answers were taken from (not saved yet)

    def overridden(self, gate: str) -> bool:
        return any(o.gate == gate for o in self.overrides)

    @property
    def summary(self) -> str:
        """One line for the planner and the stay dialog."""
        state = self.state
        if state.blocks_check_in:
            return "Intake: " + state.blocks_check_in[0]
        if state.problems:
            return "Intake: " + state.problems[0]
        still = state.open_items.get(GATE_CHECK_IN, ())
        if not still:
            return "Intake compleet."
        text = f"Intake onvolledig: {len(still)} {'punt' if len(still) == 1 else 'punten'} open."
        if self.overridden(GATE_CHECK_IN) or self.overridden(GATE_CONFIRM):
            text += " Overruled door een coördinator."
        return text


def read_required(reader: Reader) -> dict[str, tuple[str, ...]]:
    """The items each gate requires: the house's setting, or the defaults."""
    value = reader.execute(
        select(t.settings.c.value).where(t.settings.c.key == REQUIRED_KEY)
    ).scalar()
    if not value:
        return dict(DEFAULT_REQUIRED)
    try:
        stored = json.loads(value)
        return {
            gate: tuple(k for k in stored.get(gate, ()) if k in BY_KEY) for gate in DEFAULT_REQUIRED
        }
    except (ValueError, AttributeError):
        return dict(DEFAULT_REQUIRED)  # a damaged setting never locks the house out


def answers_of(reader: Reader, stay_ids: Iterable[int]) -> dict[int, dict[str, Answer]]:
    """The saved answers per stay (a stay without answers is not in the result)."""
    a = t.intake_answers.c
    rows = reader.execute(
        select(a.stay_id, a.item_key, a.value, a.answered_on, a.staff, a.note, a.valid_until,
               a.confirmed).where(a.stay_id.in_(set(stay_ids)))
    ).all()  # all at once: the planner reads a few thousand  # fmt: skip
    found: dict[int, dict[str, Answer]] = {}
    for stay_id, key, value, answered_on, staff, note, valid_until, confirmed in rows:
        found.setdefault(stay_id, {})[key] = Answer(
            value, answered_on, staff, note, valid_until, confirmed
        )
    return found


def previous_stays_with_intake(reader: Reader, of: Iterable[StayDates]) -> dict[int, int]:
    """Stay id -> the guest's latest stay that arrived on or before it and has intake
    answers of its own (the intake that carries over); one query for many stays (the
    planner) as for one (the intake dialog)."""
    stays = list(of)
    guests = {stay.guest_id for stay in stays}
    if not guests:
        return {}
    has_answers = exists().where(t.intake_answers.c.stay_id == t.stays.c.id)
    by_guest: dict[int, list[tuple[date, int]]] = {}
    for stay_id, guest_id, arrival in reader.execute(
        select(t.stays.c.id, t.stays.c.guest_id, t.stays.c.arrival).where(
            t.stays.c.guest_id.in_(guests), has_answers
        )
    ):
        by_guest.setdefault(guest_id, []).append((arrival, stay_id))
    found = {}
    for stay in stays:
        candidates = [
            (arrival, stay_id)
            for arrival, stay_id in by_guest.get(stay.guest_id, ())
            if stay_id != stay.id and arrival <= stay.arrival
        ]
        if candidates:  # the latest arrival, then the highest id: as ORDER BY ... DESC
            found[stay.id] = max(candidates)[1]
    return found


def intake_labels(reader: Reader, stays: list[StayDates]) -> dict[int, tuple[str, str]]:
    """(label, one-line summary) per stay, for the planner; a few queries for all of them."""
    if not stays:
        return {}
    required = read_required(reader)
    ids = [st.id for st in stays]
    answers = answers_of(reader, ids)
    overridden = {
        (stay_id, gate)
        for stay_id, gate in reader.execute(
            select(t.intake_overrides.c.stay_id, t.intake_overrides.c.gate).where(
                t.intake_overrides.c.stay_id.in_(ids)
            )
        )
    }
    previous = previous_stays_with_intake(reader, [st for st in stays if st.id not in answers])
    earlier = answers_of(reader, previous.values())
    result = {}
    for stay in stays:
        own = answers.get(stay.id)
        if own is None:
            before = previous.get(stay.id)
            own = carry_over(earlier.get(before, {})) if before is not None else {}
        state = evaluate(own, required, arrival=stay.arrival, departure=stay.departure)
        data = IntakeData(
            stay.id,
            stay.guest_id,
            stay.arrival,
            stay.departure,
            own,
            state,
            tuple(
                OverrideData(g, "", "", "", datetime.min)
                for (sid, g) in overridden
                if sid == stay.id
            ),
            None,
        )
        label = state.label
        if label == "onvolledig" and (stay.id, GATE_CHECK_IN) in overridden:
            label = "overruled"
        result[stay.id] = (label, data.summary)
    return result
