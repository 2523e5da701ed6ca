"""The demo house: rich, valid by every rule, and the same every time for one seed and day."""

from __future__ import annotations

from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from logeerhuis_app.cli import main
from logeerhuis_app.db.models import (
    Allocation,
    Bed,
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
from logeerhuis_app.domain.enums import FunderKind, StayStatus
from logeerhuis_app.house.municipalities import municipality_name
from logeerhuis_app.house.provider import get_provider
from logeerhuis_app.house.rooms import list_rooms
from logeerhuis_app.planning.request_history import history
from logeerhuis_app.planning.requests import list_requests
from logeerhuis_app.planning.series_reading import list_series
from logeerhuis_app.services.errors import ConflictError
from logeerhuis_app.storage.database import open_database
from tests.integration import demo_support

# The fixture lives in demo_support.py, shared by the demo house and demo records tests.
demo = demo_support.demo


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
