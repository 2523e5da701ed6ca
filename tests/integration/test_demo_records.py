"""The demo house's records: intakes, carer strain, invoices and credits, a crisis bed, a WMO325."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

from sqlalchemy import select

from logeerhuis_app.claims.claims import list_claims
from logeerhuis_app.db.models import (
    Carer,
    CarerStrain,
    IntakeAnswer,
    IntakeOverride,
    Stay,
)
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.domain import carer_strain as csi
from logeerhuis_app.domain.enums import StayStatus
from logeerhuis_app.domain.intake import (
    BY_KEY,
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    ITEMS,
    Answer,
    evaluate,
)
from logeerhuis_app.storage.database import open_database
from tests.integration import demo_support

# The fixture lives in demo_support.py, shared by the demo house and demo records tests.
demo = demo_support.demo


def _intakes(s):  # type: ignore[no-untyped-def]
    """Per stay that is not cancelled: (stay, answers by item key)."""
    answers: dict[int, dict[str, Answer]] = {}
    for r in s.scalars(select(IntakeAnswer)):
        answers.setdefault(r.stay_id, {})[r.item_key] = Answer(
            r.value, r.answered_on, r.staff, r.note, r.valid_until, r.confirmed
        )
    stays = s.scalars(select(Stay).where(Stay.status != StayStatus.CANCELLED.value)).all()
    return [(st, answers.get(st.id, {})) for st in stays]


def _open(stay, answers) -> tuple[str, ...]:  # type: ignore[no-untyped-def]
    state = evaluate(answers, DEFAULT_REQUIRED, arrival=stay.arrival, departure=stay.departure)
    return state.open_items[GATE_CHECK_IN] + tuple(state.blocks_check_in)


def test_stays_that_began_have_a_complete_intake_or_a_coordinators_override(demo):
    db, summary, today = demo
    with db.session() as s:
        intakes = _intakes(s)
        overrides = s.scalars(select(IntakeOverride)).all()
    began = [(st, a) for st, a in intakes if st.arrival <= today]
    assert len(overrides) == summary.intake_overrides == 2
    overridden = {o.stay_id for o in overrides}
    for stay, answers in began:
        if stay.id in overridden:
            assert _open(stay, answers), "an override only for an incomplete intake"
        else:
            assert set(answers) == {i.key for i in ITEMS} and not _open(stay, answers)
            given = [(a.staff, a.answered_on) for a in answers.values()]
            assert all(who and on is not None and on <= stay.arrival for who, on in given)
    for override in overrides:
        stay = next(st for st, _a in began if st.id == override.stay_id)
        assert override.gate == GATE_CHECK_IN and "coördinator" in override.given_by
        assert len(override.reason) > 40 and override.open_items.startswith("Nog open:")
        assert override.given_at.date() == stay.arrival
    values = Counter((k, a.value) for _st, answers in began for k, a in answers.items())
    assert values[("resuscitation", "ja")] > 50 and values[("resuscitation", "nee")] > 50
    # Per guest, not per answer: a guest with many stays would weigh more than one with few.
    responsible = {
        (st.guest_id, a["medical_responsibility"].value)
        for st, a in began
        if "medical_responsibility" in a
    }
    by_kind = Counter(kind for _guest, kind in responsible)
    assert by_kind["huisarts"] > 3 * by_kind["so"] > 0
    decisions = [a for _st, answers in began for a in answers.values() if a.value == "besluit"]
    assert decisions and all(a.valid_until is not None for a in decisions)
    assert len({a.valid_until for a in decisions}) >= 3  # several guests
    so = [a for _st, answers in began for a in answers.values() if a.value == "so"]
    assert all("specialist ouderengeneeskunde" in a.note for a in so)


def test_coming_stays_are_mostly_complete_and_returning_guests_must_reconfirm(demo):
    db, summary, today = demo
    with db.session() as s:
        intakes = _intakes(s)
    soon = [(st, a) for st, a in intakes if today < st.arrival <= today + timedelta(days=14)]
    incomplete = [(st, a) for st, a in soon if _open(st, a)]
    assert 3 <= len(incomplete) <= 5 and len(soon) - len(incomplete) >= 10
    gaps = Counter()
    for _stay, answers in incomplete:
        if "handover_medication" not in answers or "handover_nursing" not in answers:
            gaps["handover missing"] += 1
        if answers["resuscitation"].value == "onbekend":
            gaps["resuscitation unknown"] += 1
    assert gaps["handover missing"] >= 1 and gaps["resuscitation unknown"] >= 1
    later = [(st, a) for st, a in intakes if st.arrival > today + timedelta(days=14)]
    carried = [a for _st, a in later if a and not all(x.confirmed for x in a.values())]
    assert len(carried) >= 10
    for answers in carried:
        assert {k for k, a in answers.items() if not a.confirmed} == {
            k for k in answers if BY_KEY[k].reconfirm
        }
    assert summary.intakes == sum(1 for _st, a in intakes if a)
    # One art. 21 decision runs out during a stay to come.
    expiring = [
        st for st, a in intakes
        if st.arrival > today and "wzd_art21" in a and a["wzd_art21"].valid_until is not None
        and st.arrival <= a["wzd_art21"].valid_until < st.departure
    ]  # fmt: skip
    assert len(expiring) == 1


def test_a_few_carers_filled_in_the_strain_index_with_consent(demo):
    db, summary, _today = demo
    with db.session() as s:
        scores = s.scalars(select(CarerStrain).order_by(CarerStrain.measured_on)).all()
        carers = {c.id: c for c in s.scalars(select(Carer))}
        stays = {st.id: st for st in s.scalars(select(Stay))}
    assert len(scores) == summary.strain_scores
    per_carer: dict[int, list[CarerStrain]] = {}
    for row in scores:
        per_carer.setdefault(row.carer_id, []).append(row)
        assert row.consent and row.consent_recorded_by
        assert row.score == csi.score(csi.decode(row.answers))
        assert row.measured_on <= date.today()
        assert stays[row.stay_id].guest_id == carers[row.carer_id].guest_id
    assert 4 <= len(per_carer) <= 6
    assert len({carers[c].guest_id for c in per_carer}) == len(per_carer)
    assert any(csi.is_overburdened(row.score) for row in scores)
    trends = {
        csi.trend([(r.measured_on, r.score) for r in rows])
        for rows in per_carer.values()
        if [r.moment for r in rows] == ["intake", "evaluatie"]
    }
    assert any(t.startswith("gestegen") for t in trends)
    assert any(t.startswith("gedaald") for t in trends)


def test_closed_months_with_invoices_a_credit_payments_and_an_overdue_one(demo):
    from logeerhuis_app.billing.invoice_records import invoice_pdf, list_invoices
    from logeerhuis_app.db.models import MonthClosure

    db, summary = demo[0], demo[1]
    assert summary.closed_months == 3 and summary.invoices >= 6
    with db.session() as s:
        assert s.query(MonthClosure).count() == 3
    invoices = list_invoices(db)
    statuses = {i.status for i in invoices}
    assert {"betaald", "vervallen", "gecrediteerd", "credit"} <= statuses
    by_year: dict[str, list[int]] = {}
    for invoice in invoices:
        if invoice.number:
            year, sequence = invoice.number.split("-")
            by_year.setdefault(year, []).append(int(sequence))
    for sequences in by_year.values():  # gapless per year
        assert sorted(sequences) == list(range(1, len(sequences) + 1))
    for invoice in invoices:
        assert invoice_pdf(db, invoice.id).startswith(b"%PDF")


def test_a_crisis_bed_is_reserved_by_a_municipality(demo):
    from logeerhuis_app.house.reservations import list_reservations

    db, _summary, today = demo
    [reservation] = list_reservations(db, date(2000, 1, 1), date(2100, 1, 1))
    assert reservation.funder_name.startswith("Gemeente ")
    assert reservation.start <= today <= reservation.last_day
    # The municipality gave a toewijzing for the bed: last month's claim declares every reserved
    # day in the WMO323, none only on the summary (decision 0033).
    assert reservation.has_allocation and reservation.allocation_guest_name
    claims = [c for c in list_claims(db, reservation.start.year, reservation.start.month)
              if c.funder_name == reservation.funder_name and c.kind == "declaratie"]  # fmt: skip
    lines = [ln for c in claims for ln in c.lines if "gereserveerd" in ln.contract_name]
    assert lines and all(ln.in_message for ln in lines)
    bed_days = sum(ln.volume for ln in lines if ln.kind == "gereserveerd")
    guest_days = sum(ln.volume for ln in lines if ln.kind == "verblijf")
    month_days = (reservation.start.replace(day=28) + timedelta(days=4)).replace(day=1)
    assert bed_days + guest_days == (month_days - reservation.start).days


def test_the_planner_finds_earlier_intakes_as_the_single_stay_lookup_does(demo):
    """The earlier stay whose intake carries over, for all stays at once, agrees on the demo
    house with the rule asked of the database one stay at a time."""
    from logeerhuis_app.db.models import IntakeAnswer, Stay
    from logeerhuis_app.intake.intake_reading import previous_stays_with_intake

    def one_stay(s, stay):  # type: ignore[no-untyped-def]
        return s.scalar(
            select(Stay.id)
            .join(IntakeAnswer, IntakeAnswer.stay_id == Stay.id)
            .where(Stay.guest_id == stay.guest_id, Stay.id != stay.id, Stay.arrival <= stay.arrival)
            .order_by(Stay.arrival.desc(), Stay.id.desc())
            .limit(1)
        )

    db, _summary, _today = demo
    with db.session() as s:
        stays = list(s.scalars(select(Stay)))
        at_once = previous_stays_with_intake(s, stays)
        one_by_one = {
            stay.id: previous for stay in stays if (previous := one_stay(s, stay)) is not None
        }
    assert at_once == one_by_one
    assert len(at_once) > 50  # the demo has regular guests whose intake carries over


def test_the_demo_has_a_wmo325_to_read_with_one_rejected_line(tmp_path):
    """A demo of its own: reading the answer changes the database, the shared one stays as
    built whatever order the tests run in."""
    from logeerhuis_app.claims.claim_answer_overview import month_answers
    from logeerhuis_app.claims.claim_answers import read_wmo325_file
    from logeerhuis_app.demo.answers import write_demo_answer
    from logeerhuis_app.domain.months import Month

    today = date.today()
    db = open_database(tmp_path / "demo")
    try:
        build_demo(db, today=today)
        path = write_demo_answer(db, tmp_path, today)
        assert path is not None and path.parent.name == "berichten"
        assert path.name.startswith("WMO325-") and path.read_bytes().startswith(b"<?xml")
        result = read_wmo325_file(db, path, by="demo", now=datetime.combine(today, time(9)))
        assert result.rejected == 1 and result.accepted >= 1
        claim = next(c for c in list_claims(db) if c.number == result.claim_number)
        [line] = month_answers(db, Month(claim.year, claim.month)).rejected
        assert line.codes.startswith("9307: Begindatum prestatie") and line.to_fix
    finally:
        db.close()
