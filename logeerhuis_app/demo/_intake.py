"""The demo's intakes and carer strain scores, written in one unit of work after the stays.

Every stay that began has a complete intake, except two that a coordinator let in with an item
open (an override with its reason). Stays in the coming two weeks are mostly complete; a few
still miss a handover or the resuscitation policy. Later stays of returning guests start from
their last intake, with what may have changed not yet confirmed; one art. 21 decision runs out
during a future stay. A handful of carers filled in the Caregiver Strain Index, with consent.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from ..db.models import CarerStrain, IntakeAnswer, IntakeOverride, Stay
from ..domain import carer_strain as csi
from ..domain.dates import format_date
from ..domain.enums import Grondslag, StayStatus
from ..domain.intake import (
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    GATE_CONFIRM,
    ITEMS,
    NO,
    UNKNOWN,
    YES,
    Answer,
    carry_over,
    evaluate,
    open_text,
)
from ..storage.database import Database
from ._model import _Guest

UPCOMING_DAYS = 14  # stays arriving this soon have had their intake (mostly)
STAFF = ("Marieke de Vries", "Jeroen Visser", "Sanne Mulder", "Fatima El Amrani")
COORDINATOR = "Ingrid Bakker (coördinator)"
SO_NAMES = (
    "dr. A. Jansen, specialist ouderengeneeskunde (Zorggroep Eemland)",
    "dr. M. Pijl, specialist ouderengeneeskunde (Beweging 3.0)",
)
ART21_DECISIONS = 5  # guests with a CIZ decision (besluit opname en verblijf)
# (score at intake, score at evaluation or None): the carers who filled in the CSI
STRAIN = ((8, 6), (5, 9), (10, None), (4, None), (7, 7))
OVERRIDES = (
    (
        "handover_medication",
        Answer(NO, note="Medicatieoverzicht komt pas bij aankomst mee."),
        "Medicatieoverzicht van de apotheek komt mee met de dochter; de medicijnen zelf "
        "zijn in de baxterrol. Telefonisch nagevraagd bij de apotheek.",
    ),
    (
        "statement_signed",
        None,
        "De zoon tekent de verklaring logeerzorg bij het brengen; mondeling akkoord gegeven "
        "aan de telefoon. De mantelzorger moest met spoed naar het ziekenhuis.",
    ),
)


@dataclass(frozen=True)
class _Profile:
    """What stays the same for a guest from one intake to the next."""

    resuscitation: str
    resuscitation_note: str
    responsibility: str
    responsibility_note: str
    art21: Answer


@dataclass(frozen=True)
class _Stay:
    id: int
    guest_id: int
    arrival: date
    departure: date

    @property
    def nights(self) -> int:
        return (self.departure - self.arrival).days


def write_demo_intakes(db: Database, rng: random.Random, today: date, guests: list[_Guest]) -> None:
    by_id = {g.data.id: g for g in guests}
    with db.session() as s:
        stays = [
            _Stay(*row)
            for row in s.execute(
                select(Stay.id, Stay.guest_id, Stay.arrival, Stay.departure)
                .where(Stay.status != StayStatus.CANCELLED.value)
                .order_by(Stay.arrival, Stay.id)
            )
        ]
        profiles = _profiles(rng, today, stays, by_id)
        rows, overrides = _intakes(rng, today, stays, by_id, profiles)
        s.execute(insert(IntakeAnswer), rows)
        s.add_all(overrides)
        _strain(s, rng, today, stays, by_id)


def _profiles(rng: random.Random, today: date, stays: list[_Stay], by_id) -> dict[int, _Profile]:
    """Resuscitation, medical responsibility and art. 21 per guest; one decision runs out
    during the guest's next stay."""
    mine: dict[int, list[_Stay]] = {}
    for stay in stays:
        mine.setdefault(stay.guest_id, []).append(stay)
    profiles = {}
    # A fixed share of the guests (not a coin per guest) has a specialist ouderengeneeskunde,
    # so the demo looks the same whatever the date it is built on.
    with_so = set(rng.sample(sorted(mine), round(len(mine) * 0.15)))
    for guest_id in sorted(mine):
        guest = by_id[guest_id]
        so = guest_id in with_so
        nee = rng.random() < 0.45
        profiles[guest_id] = _Profile(
            NO if nee else YES,
            "Niet reanimeren: wilsverklaring in het dossier, besproken met de huisarts."
            if nee
            else "Wel reanimeren; besproken met gast en mantelzorger.",
            "so" if so else "huisarts",
            rng.choice(SO_NAMES) if so else guest.data.gp_name,
            Answer("nvt"),
        )
    pg = [
        g
        for g in sorted(mine)
        if by_id[g].data.grondslag == Grondslag.PG.value
        and mine[g][0].arrival <= today
        and any(st.arrival > today and st.nights >= 2 for st in mine[g])
    ]
    chosen = rng.sample(pg, min(ART21_DECISIONS, len(pg)))
    for number, guest_id in enumerate(chosen):
        own = mine[guest_id]
        decided = own[0].arrival - timedelta(days=rng.randint(14, 60))
        until = max(st.departure for st in own) + timedelta(days=rng.randint(60, 400))
        if number == 0:  # runs out halfway the next stay: the intake shows it
            nxt = next(st for st in own if st.arrival > today and st.nights >= 2)
            until = nxt.arrival + timedelta(days=nxt.nights // 2)
        note = f"Besluit CIZ van {format_date(decided)}."
        art21 = Answer("besluit", decided, note=note, valid_until=until)
        profiles[guest_id] = replace(profiles[guest_id], art21=art21)
    return profiles


def _complete(
    rng: random.Random, guest: _Guest, profile: _Profile, answered_on: date
) -> dict[str, Answer]:
    """Every item answered well, by one member of staff; the handover a day or two later."""
    staff = rng.choice(STAFF)
    carer = guest.data.carers[0]
    handover_on = answered_on + timedelta(days=rng.randint(0, 2))
    notes = {
        "handover_nursing": f"Overdracht van {guest.data.homecare_org or 'de wijkverpleging'}.",
        "handover_medication": f"Actueel medicatieoverzicht van {guest.data.pharmacy_name}.",
        "aids": "Tillift in de kamer." if guest.data.needs_hoist else "Eigen rollator mee.",
        "contacts_known": f"{carer.name} ({carer.relation})",
        "statement_signed": f"Getekend door {carer.name}.",
        "resuscitation": profile.resuscitation_note,
        "medical_responsibility": profile.responsibility_note,
    }
    answers = {}
    for item in ITEMS:
        when = handover_on if item.group == "Overdracht" else answered_on
        value = item.good[0] if item.good else YES
        answers[item.key] = Answer(value, when, staff, notes.get(item.key, ""))
    answers["resuscitation"] = replace(answers["resuscitation"], value=profile.resuscitation)
    answers["medical_responsibility"] = replace(
        answers["medical_responsibility"], value=profile.responsibility
    )
    art21 = profile.art21
    answers["wzd_art21"] = replace(
        answers["wzd_art21"], value=art21.value, note=art21.note, valid_until=art21.valid_until
    )
    return answers


def _intakes(rng, today, stays: list[_Stay], by_id, profiles):
    """The answer rows for every stay, and the overrides of two stays that began."""
    soon = today + timedelta(days=UPCOMING_DAYS)
    began = [st for st in stays if today - timedelta(days=30) <= st.arrival <= today]
    overridden = dict(zip(rng.sample(began, len(OVERRIDES)), OVERRIDES, strict=True))
    expiring = {st.id for st in stays if _expires_during(profiles[st.guest_id], st)}
    upcoming = [st for st in stays if today < st.arrival <= soon and st.id not in expiring]
    gaps = dict(zip(rng.sample(upcoming, min(4, len(upcoming))), range(4), strict=False))
    last: dict[int, dict[str, Answer]] = {}
    rows: list[dict[str, object]] = []
    overrides = []
    for stay in stays:
        guest, profile = by_id[stay.guest_id], profiles[stay.guest_id]
        asked = min(stay.arrival - timedelta(days=rng.randint(3, 21)), today)
        if stay.arrival <= soon or stay.guest_id not in last:
            answers = _complete(rng, guest, profile, asked)
            last[stay.guest_id] = answers
            if stay.arrival > soon:  # a new guest far ahead: only what confirming needs
                answers = {k: answers[k] for k in DEFAULT_REQUIRED[GATE_CONFIRM]}
        else:  # a returning guest: start from the last intake, confirm what may have changed
            answers = carry_over(last[stay.guest_id])
        if stay in gaps:
            answers = _with_gap(answers, gaps[stay], today)
        if stay in overridden:
            key, answer, reason = overridden[stay]
            answers = dict(answers)
            if answer is None:
                del answers[key]
            else:
                answers[key] = replace(answers[key], value=answer.value, note=answer.note)
            state = evaluate(answers, DEFAULT_REQUIRED, arrival=stay.arrival,
                             departure=stay.departure)  # fmt: skip
            overrides.append(
                IntakeOverride(
                    stay_id=stay.id,
                    gate=GATE_CHECK_IN,
                    reason=reason,
                    open_items=open_text(state.open_items[GATE_CHECK_IN]),
                    given_by=COORDINATOR,
                    given_at=datetime.combine(stay.arrival, time(9, 40)),
                )
            )
        rows += [
            {"stay_id": stay.id, "item_key": key, "value": a.value, "answered_on": a.answered_on,
             "staff": a.staff, "note": a.note, "valid_until": a.valid_until,
             "confirmed": a.confirmed}
            for key, a in answers.items()
        ]  # fmt: skip
    return rows, overrides


def _expires_during(profile: _Profile, stay: _Stay) -> bool:
    until = profile.art21.valid_until
    return until is not None and stay.arrival <= until < stay.departure


def _with_gap(answers: dict[str, Answer], kind: int, today: date) -> dict[str, Answer]:
    """An intake for the coming days that is not complete yet."""
    answers = dict(answers)
    if kind in (0, 2):  # the handover has not come in yet
        del answers["handover_medication"]
        if kind == 0:
            del answers["handover_nursing"]
    if kind in (1, 2):
        answers["resuscitation"] = replace(
            answers["resuscitation"],
            value=UNKNOWN,
            answered_on=today,
            note="Huisarts wordt nog gebeld; mantelzorger weet het niet.",
        )
    if kind == 3:
        answers["handover_nursing"] = replace(
            answers["handover_nursing"],
            value=NO,
            note="Wijkverpleging stuurt de overdracht nog.",
        )
    return answers


def _strain(s: Session, rng: random.Random, today: date, stays: list[_Stay], by_id) -> None:
    """The CSI of a few primary carers at intake and, for some, at an evaluation later."""
    past: dict[int, list[_Stay]] = {}
    for stay in stays:
        if stay.departure <= today:
            past.setdefault(stay.guest_id, []).append(stay)
    candidates = [
        g
        for g in sorted(past)
        if len(past[g]) >= 2 and past[g][0].arrival <= today - timedelta(days=60)
    ]
    for guest_id, (first, later) in zip(rng.sample(candidates, len(STRAIN)), STRAIN, strict=True):
        carer = by_id[guest_id].data.carers[0]
        intake, evaluation = past[guest_id][0], past[guest_id][-1]
        moments = [("intake", intake, intake.arrival - timedelta(days=rng.randint(2, 10)), first)]
        if later is not None:
            moments.append(("evaluatie", evaluation, evaluation.departure, later))
        for moment, stay, measured_on, value in moments:
            yes = set(rng.sample(range(csi.COUNT), value))
            answers = tuple(i in yes for i in range(csi.COUNT))
            s.add(
                CarerStrain(
                    carer_id=carer.id,
                    stay_id=stay.id,
                    measured_on=measured_on,
                    moment=moment,
                    answers=csi.encode(answers),
                    score=csi.score(answers),
                    consent=True,
                    consent_recorded_by=rng.choice(STAFF),
                    note=f"Mondeling toestemming gegeven; uitslag besproken met {carer.name}.",
                )
            )
