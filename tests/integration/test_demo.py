"""The demo house: rich, valid by every rule, and the same every time for one seed and day."""

from __future__ import annotations

from collections import Counter
from datetime import date, datetime, time, timedelta

import pytest
from sqlalchemy import func, select

from logeerhuis_app.claims.claims import list_claims
from logeerhuis_app.cli import main
from logeerhuis_app.db.models import (
    Allocation,
    Bed,
    Carer,
    CarerStrain,
    Contract,
    Funder,
    Guest,
    IntakeAnswer,
    IntakeOverride,
    Night,
    Room,
    RoomClosure,
    Stay,
    StayRequest,
    StaySeries,
    WlzNightsElsewhere,
)
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.domain import carer_strain as csi
from logeerhuis_app.domain.enums import FunderKind, StayStatus
from logeerhuis_app.domain.intake import (
    BY_KEY,
    DEFAULT_REQUIRED,
    GATE_CHECK_IN,
    ITEMS,
    Answer,
    evaluate,
)
from logeerhuis_app.house.municipalities import municipality_name
from logeerhuis_app.house.provider import get_provider
from logeerhuis_app.house.rooms import list_rooms
from logeerhuis_app.planning.request_history import history
from logeerhuis_app.planning.requests import list_requests
from logeerhuis_app.planning.series_reading import list_series
from logeerhuis_app.services.errors import ConflictError
from logeerhuis_app.storage.database import open_database


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    today = date.today()
    db = open_database(tmp_path_factory.mktemp("demo"))
    summary = build_demo(db, today=today)
    yield db, summary, today
    db.close()


def _count(s, query) -> int:  # type: ignore[no-untyped-def]
    return s.scalar(select(func.count()).select_from(query.subquery()))


def _passes_11_test(bsn: str) -> bool:
    digits = [int(c) for c in bsn]
    total = sum(d * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - digits[8]
    return len(bsn) == 9 and total % 11 == 0


def test_the_summary_matches_what_is_stored(demo):
    db, summary, _today = demo
    with db.session() as s:
        assert _count(s, select(Room)) == summary.rooms == 6
        assert _count(s, select(Guest)) == summary.guests
        assert _count(s, select(Funder)) == summary.funders
        assert _count(s, select(Contract)) == summary.contracts
        assert _count(s, select(Allocation)) == summary.allocations
        assert _count(s, select(Stay)) == summary.stays
        assert _count(s, select(Night).where(Night.active.is_(True))) == summary.nights
        cancelled = select(Stay).where(Stay.status == StayStatus.CANCELLED.value)
        assert _count(s, cancelled) == summary.cancelled_stays
    assert 80 <= summary.guests <= 100
    assert summary.allocations >= summary.guests


def test_provider_and_rooms_are_complete(demo):
    db, _summary, _today = demo
    provider = get_provider(db)
    assert provider.name == "Logeerhuis De Linde" and provider.is_complete
    assert provider.payment_term_days == 30 and "btw" in provider.vat_exemption_text
    rooms = list_rooms(db)
    assert len(rooms) == 6 and all(r.active for r in rooms)
    assert sorted(len(r.bed_ids) for r in rooms) == [1, 1, 1, 1, 1, 2]
    assert {r.environment for r in rooms} == {"beschermd", "beschut"}
    assert any(r.has_hoist for r in rooms) and any(r.wheelchair_accessible for r in rooms)


def test_every_guest_has_a_valid_bsn_address_and_carer(demo):
    db, _summary, _today = demo
    with db.session() as s:
        guests = s.scalars(select(Guest)).all()
        assert all(_passes_11_test(g.bsn) for g in guests)
        assert len({g.bsn for g in guests}) == len(guests)
        assert all(g.postcode and g.city and len(g.municipality_code) == 4 for g in guests)
        assert all(g.carers and date(1930, 1, 1) <= g.date_of_birth for g in guests)
        assert any(g.prefix in ("van", "de", "van der", "van den") for g in guests)
        inactive = [g for g in guests if not g.active]
        assert 2 <= len(inactive) <= 12
        later = select(Stay).where(
            Stay.guest_id.in_([g.id for g in inactive]), Stay.departure > date.today()
        )
        assert _count(s, later) == 0


def test_three_gemeenten_with_real_cbs_codes(demo):
    db, _summary, _today = demo
    with db.session() as s:
        gemeenten = s.scalars(select(Funder).where(Funder.kind == FunderKind.GEMEENTE.value)).all()
        kinds = set(s.scalars(select(Funder.kind)))
    assert len(gemeenten) == 3
    assert all(len(g.cbs_code) == 4 and g.cbs_code.isdigit() for g in gemeenten)
    assert {FunderKind.ZORGKANTOOR, FunderKind.PGB, FunderKind.PARTICULIER} <= kinds
    for gemeente in gemeenten:  # the shipped CBS list of 1 January 2026
        assert municipality_name(gemeente.cbs_code) == gemeente.name.removeprefix("Gemeente ")
    with db.session() as s:
        home_codes = set(
            s.scalars(select(Guest.municipality_code).where(Guest.municipality_code != ""))
        )
    assert home_codes and all(municipality_name(code) for code in home_codes)


def test_contracts_show_every_tariff_model_and_a_rate_change(demo):
    db, _summary, today = demo
    with db.session() as s:
        contracts = s.scalars(select(Contract)).all()
        models = {c.tariff_model for c in contracts}
        assert {"per_night", "reserved_bed", "split_day"} <= models
        wmo = [c for c in contracts if c.product_category == "04"]
        assert len(wmo) == 3 and all(len(c.product_code) == 5 for c in wmo)
        change = date(today.year, 1, 1)
        assert all(any(r.valid_from == change for r in c.rates) for c in wmo)


def test_z1003_is_for_vv_profiles_only(demo):
    db, _summary, _today = demo
    with db.session() as s:
        z1003 = s.scalar(select(Contract).where(Contract.product_code == "Z1003"))
        assert z1003 is not None and z1003.vv_only
        assert s.get(Funder, z1003.funder_id).kind == FunderKind.ZORGKANTOOR.value
        profiles = s.scalars(
            select(Allocation.care_profile).where(Allocation.contract_id == z1003.id)
        ).all()
        nights = select(Night).join(Allocation).where(Allocation.contract_id == z1003.id)
        assert len(profiles) >= 10 and all("VV" in p for p in profiles)
        assert _count(s, nights) > 100
        others = s.scalars(
            select(Allocation.care_profile).where(Allocation.kind == "indicatie")
        ).all()
        assert any("VV" not in p for p in others)  # VG/LG clients use the other Wlz contract


def test_stays_run_from_last_year_into_next_quarter_with_fitting_statuses(demo):
    db, _summary, today = demo
    with db.session() as s:
        stays = s.scalars(select(Stay)).all()
    assert min(st.arrival for st in stays) <= today - timedelta(days=330)  # about a year back
    assert max(st.departure for st in stays) > today
    statuses = Counter(st.status for st in stays)
    assert statuses[StayStatus.DEPARTED] > 200 and statuses[StayStatus.CONFIRMED] > 20
    assert statuses[StayStatus.OPTION] > 0
    for st in stays:
        if st.status == StayStatus.DEPARTED:
            assert st.departure <= today
        elif st.status == StayStatus.PRESENT:
            assert st.arrival <= today < st.departure
        elif st.status != StayStatus.CANCELLED:
            assert st.arrival > today
    share = statuses[StayStatus.CANCELLED] / len(stays)
    assert 0.04 <= share <= 0.10


def test_recurring_guests_are_real_weekly_series_with_their_stays_linked(demo):
    db, summary, _today = demo
    with db.session() as s:
        series = s.scalars(select(StaySeries)).all()
        assert len(series) == summary.recurring_series >= 6
        for row in series:
            stays = s.scalars(select(Stay).where(Stay.series_id == row.id)).all()
            assert len(stays) >= 15
            assert {st.arrival.weekday() for st in stays} == {row.arrival_weekday}
            assert {(st.departure - st.arrival).days for st in stays} == {row.nights} <= {1, 2, 3}
            assert {st.guest_id for st in stays} == {row.guest_id}
            assert {st.room_id for st in stays} == {row.room_id}
            assert {st.allocation_id for st in stays} == {row.allocation_id}
            assert row.start_date <= min(st.arrival for st in stays)
            assert max(st.arrival for st in stays) <= row.end_date
    listed = list_series(db)
    assert len(listed) == len(series) and sum(x.planned > 0 for x in listed) >= 5


def test_open_requests_come_from_several_requesters_and_closed_ones_have_history(demo):
    db, summary, today = demo
    open_ones = list_requests(db)
    assert 5 <= len(open_ones) == summary.open_requests <= 8
    assert all(r.wished_arrival > today and r.notes and r.guest_name for r in open_ones)
    assert len({r.requester_kind for r in open_ones}) >= 4
    assert len({r.channel for r in open_ones}) >= 3
    assert {r.status for r in open_ones} == {"nieuw", "in_behandeling"}
    everything = list_requests(db, open_only=False)
    statuses = Counter(r.status for r in everything)
    assert statuses["geplaatst"] >= 2 and statuses["afgewezen"] >= 1
    assert statuses["ingetrokken"] >= 1
    assert all(r.reject_reason for r in everything if r.status == "afgewezen")
    with db.session() as s:
        for request in (r for r in everything if r.status == "geplaatst"):
            stay = s.get(Stay, request.stay_id)
            assert stay is not None and stay.guest_id == request.guest_id
            assert (stay.arrival, stay.departure) == (
                request.wished_arrival,
                request.wished_departure,
            )
    changes = [c for r in everything for c in history(db, request_id=r.id)]
    assert len(changes) >= 5 and any(c.late for c in changes) and not all(c.late for c in changes)
    assert all(c.changed_at.date() <= today and c.asked_by for c in changes)


def test_a_room_is_closed_for_painting_and_nothing_is_booked_there(demo):
    db, summary, today = demo
    with db.session() as s:
        (closure,) = s.scalars(select(RoomClosure)).all()
        assert summary.closures == 1 and "schilder" in closure.reason.lower()
        assert today < closure.start_date <= today + timedelta(days=60)
        assert (closure.end_date - closure.start_date).days == 7
        beds = s.scalars(select(Bed.id).where(Bed.room_id == closure.room_id)).all()
        busy = select(Night).where(
            Night.bed_id.in_(beds), Night.active.is_(True),
            Night.day >= closure.start_date, Night.day < closure.end_date,
        )  # fmt: skip
        assert _count(s, busy) == 0
        # The series in that room skip the closed week.
        assert _count(s, select(StaySeries).where(StaySeries.room_id == closure.room_id)) >= 1


def test_one_wlz_guest_used_nights_elsewhere_and_stays_within_the_cap(demo):
    db, _summary, today = demo
    with db.session() as s:
        (elsewhere,) = s.scalars(select(WlzNightsElsewhere)).all()
        assert elsewhere.year == today.year and elsewhere.nights > 0 and elsewhere.note
        here = s.scalar(
            select(func.count())
            .select_from(Night)
            .join(Stay, Night.stay_id == Stay.id)
            .join(Allocation, Night.allocation_id == Allocation.id)
            .join(Funder, Allocation.funder_id == Funder.id)
            .where(Stay.guest_id == elsewhere.guest_id, Night.active.is_(True),
                   Funder.kind == "zorgkantoor", Night.day >= date(today.year, 1, 1),
                   Night.day <= date(today.year, 12, 31))
        )  # fmt: skip
    assert here + elsewhere.nights <= 156


def test_cancelled_stays_free_their_beds_and_say_why(demo):
    db, _summary, _today = demo
    with db.session() as s:
        cancelled = s.scalars(select(Stay).where(Stay.status == StayStatus.CANCELLED.value)).all()
        assert cancelled
        for stay in cancelled:
            assert stay.nights and not any(n.active for n in stay.nights)
            assert stay.cancel_reason and stay.cancelled_by and stay.cancelled_at is not None
            assert stay.cancelled_at.date() < date.today()


def test_no_bed_and_no_guest_is_booked_twice_on_one_night(demo):
    db, _summary, _today = demo
    with db.session() as s:
        doubles = s.execute(
            select(Night.bed_id, Night.day).where(Night.active.is_(True))
            .group_by(Night.bed_id, Night.day).having(func.count() > 1)
        ).all()  # fmt: skip
        guest_doubles = s.execute(
            select(Stay.guest_id, Night.day).join(Stay).where(Night.active.is_(True))
            .group_by(Stay.guest_id, Night.day).having(func.count() > 1)
        ).all()  # fmt: skip
    assert doubles == [] and guest_doubles == []


def test_nights_are_funded_by_the_guests_own_allocation_and_within_the_wlz_cap(demo):
    db, _summary, _today = demo
    with db.session() as s:
        rows = s.execute(
            select(Night.day, Stay.guest_id, Allocation)
            .join(Stay, Night.stay_id == Stay.id)
            .join(Allocation, Night.allocation_id == Allocation.id)
        ).all()
        assert len(rows) == _count(s, select(Night))  # every night has an allocation
        wlz_ids = set(s.scalars(select(Funder.id).where(Funder.kind == "zorgkantoor")))
    wlz_per_year: Counter[tuple[int, int]] = Counter()
    for day, guest_id, allocation in rows:
        assert allocation.guest_id == guest_id
        assert allocation.start_date <= day
        assert allocation.end_date is None or day <= allocation.end_date
        if allocation.funder_id in wlz_ids:
            wlz_per_year[(guest_id, day.year)] += 1
    assert wlz_per_year and max(wlz_per_year.values()) <= 156


def test_occupancy_is_realistic(demo):
    _db, summary, _today = demo
    beds, days = 7, 365 + 91
    assert 0.60 <= summary.nights / (beds * days) <= 0.75


def test_demo_refuses_a_filled_database(demo):
    db, _summary, _today = demo
    with pytest.raises(ConflictError) as info:
        build_demo(db)
    assert "lege gegevensmap" in info.value.message


def test_cli_makes_the_same_house_once_and_then_refuses(demo, tmp_path, capsys):
    db, summary, today = demo
    assert main(["--data-dir", str(tmp_path), "demo"]) == 0
    assert "Demo-logeerhuis gemaakt" in capsys.readouterr().out
    assert main(["--data-dir", str(tmp_path), "demo"]) != 0
    assert "bevat al gegevens" in capsys.readouterr().err
    assert main(["--data-dir", str(tmp_path), "demo", "--if-empty"]) == 0
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    if date.today() != today:
        pytest.skip("de dag wisselde tijdens de test")
    other = open_database(tmp_path)
    try:
        names = select(Guest.first_name, Guest.prefix, Guest.last_name).order_by(Guest.id)
        with db.session() as s, other.session() as t:
            assert s.execute(names.limit(10)).all() == t.execute(names.limit(10)).all()
            planned = (Guest, Allocation, Stay, Night, StaySeries, StayRequest)
            for model in (*planned, IntakeAnswer, IntakeOverride, CarerStrain):
                assert _count(s, select(model)) == _count(t, select(model))
            assert _count(t, select(Stay)) == summary.stays
    finally:
        other.close()


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
