"""Two programs on one database at the same moment (real processes, on SQLite and [postgresql]):
every round ends with exactly one winner, the other is told why in Dutch, and nothing is
doubled, lost or left with a gap. A barrier starts both children's unit of work together.
"""

from __future__ import annotations

import multiprocessing
from datetime import date, datetime, timedelta

import pytest
from concurrency_workers import race
from sqlalchemy import func, select

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.db.models import (
    AccessLogEntry,
    Claim,
    Guest,
    Invoice,
    MonthClosure,
    Stay,
)
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, get_guest, save_guest
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.planning.stays import NewStay, create_stay

ROUNDS = 5


@pytest.fixture
def target(db, request, data_dir) -> str:
    """Where the children open the same database: the data folder or the server URL."""
    if db.on_server:
        return request.getfixturevalue("pg_url")
    return str(data_dir)


def _race(target: str, scenario: str, rounds: list) -> list[dict]:  # type: ignore[type-arg]
    """Both children run every round; per round what each was told, by child ("a", "b")."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    children = [
        spawn.Process(target=race, args=(target, scenario, rounds, who, barrier, results))
        for who in ("a", "b")
    ]
    for child in children:
        child.start()
    per_round: list[dict] = [{} for _ in rounds]  # type: ignore[type-arg]
    for _ in range(2 * len(rounds)):
        who, index, outcome = results.get(timeout=300)
        per_round[index][who] = outcome
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    return per_round


def _one_winner(per_round: list[dict], refusal: str) -> list:  # type: ignore[type-arg]
    """Every round: one "ok", one Dutch refusal containing `refusal`, no traceback."""
    winners = []
    for outcomes in per_round:
        errors = [value for kind, value in outcomes.values() if kind == "error"]
        assert not errors, errors[0]
        kinds = sorted(kind for kind, _value in outcomes.values())
        assert kinds == ["ok", "refused"], outcomes
        told = next(value for kind, value in outcomes.values() if kind == "refused")
        assert refusal in told, told
        winners.append(next(value for kind, value in outcomes.values() if kind == "ok"))
    return winners


def _sequences(db) -> list[int]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return sorted(s.scalars(select(Invoice.sequence).where(Invoice.number.is_not(None))))


def test_two_finalisations_of_one_draft_give_one_number_and_no_gap(db, target, invoice_drafts):
    ids = invoice_drafts(db, ROUNDS)
    numbers = _one_winner(_race(target, "finalise", ids), "al definitief")
    assert sorted(numbers) == [f"2026-{n:04d}" for n in range(1, ROUNDS + 1)]
    assert _sequences(db) == list(range(1, ROUNDS + 1))


def _invoiced_house(db, save_test_provider) -> None:  # type: ignore[no-untyped-def]
    """Two private guests with a stay in each of the months March to July 2026."""
    save_test_provider(db)
    room = save_room(db, RoomData(name="Linde", beds=2))
    private = save_funder(
        db,
        FunderData(
            kind="particulier", name="Particulier", wants_invoice=True, invoice_to_guest=True
        ),
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=private.id, name="Particulier logeren", valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=12500),),
        ),
    )  # fmt: skip
    for first, last in (("Anna", "Smit"), ("Piet", "Dam")):
        guest = save_guest(
            db,
            GuestData(first_name=first, last_name=last, street="Kerkstraat 1",
                      postcode="3811 AA", city="Amersfoort"),
        )  # fmt: skip
        allocation = save_allocation(
            db,
            AllocationData(
                guest_id=guest.id, funder_id=private.id, contract_id=contract.id,
                kind="particulier", start_date=date(2026, 1, 1),
            ),
        )  # fmt: skip
        for month in range(3, 3 + ROUNDS):
            create_stay(
                db,
                NewStay(guest.id, room.id, date(2026, month, 10), date(2026, month, 13),
                        status="bevestigd", allocation_id=allocation.id),
            )  # fmt: skip


def test_two_invoice_runs_for_one_month_invoice_every_guest_once(db, target, provider_saver):
    _invoiced_house(db, provider_saver)
    months = [(2026, month) for month in range(3, 3 + ROUNDS)]
    for outcomes in _race(target, "invoices", months):
        errors = [value for kind, value in outcomes.values() if kind == "error"]
        assert not errors, errors[0]
        made = [value for kind, value in outcomes.values() if kind == "ok" and value]
        assert len(made) == 1 and len(made[0]) == 2, outcomes  # one run invoiced both guests
        for kind, value in outcomes.values():  # the other found nothing left, or was told so
            assert kind == "ok" or "definitief" in value or "intussen" in value, outcomes
    with db.session() as s:
        finals = s.execute(
            select(Invoice.period_from, Invoice.customer_name).where(Invoice.number.is_not(None))
        ).all()
    assert len(finals) == len(set(finals)) == 2 * ROUNDS  # nobody invoiced twice
    assert _sequences(db) == list(range(1, 2 * ROUNDS + 1))


def test_two_saves_of_one_guest_from_one_loaded_version_one_wins(db, target):
    loaded = [
        get_guest(db, save_guest(db, GuestData(first_name=f"Gast{n}", last_name="Smit")).id)
        for n in range(ROUNDS)
    ]
    _one_winner(_race(target, "save_guest", loaded), "intussen door iemand anders gewijzigd")
    for guest in loaded:
        stored = get_guest(db, guest.id)
        assert stored.version == guest.version + 1  # exactly one save went through
        assert stored.city in ("Stad van a", "Stad van b")


def _bsn(n: int) -> str:
    """A BSN that passes the 11-test: 8 digits, then the check digit that makes it pass."""
    for base in range(10_000_000 + 97 * n, 99_999_999):
        digits = [int(c) for c in f"{base:08d}"]
        rest = sum(d * w for d, w in zip(digits, range(9, 1, -1), strict=True)) % 11
        if rest < 10:
            return f"{base:08d}{rest}"
    raise AssertionError


def test_two_registrations_of_one_bsn_make_one_guest(db, target):
    bsns = [_bsn(n) for n in range(ROUNDS)]
    _one_winner(_race(target, "register_bsn", bsns), "Dit BSN hoort al bij")
    with db.session() as s:
        assert sorted(s.scalars(select(Guest.bsn))) == sorted(bsns)


def test_two_bookings_of_one_bed_give_one_stay(db, target):
    room = save_room(db, RoomData(name="Eik", beds=1))
    guests = {
        who: save_guest(db, GuestData(first_name=who, last_name="Gast")).id for who in ("a", "b")
    }
    start = date(2026, 9, 7)
    bookings = [
        (guests, room.id, start + timedelta(weeks=n), start + timedelta(weeks=n, days=3))
        for n in range(ROUNDS)
    ]
    _one_winner(_race(target, "book_bed", bookings), "bezet")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Stay)) == ROUNDS


def test_two_closings_of_one_month_close_it_once(db, target):
    months = [(2026, month) for month in range(2, 2 + ROUNDS)]
    _one_winner(_race(target, "close_month", months), "is al afgesloten")
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(MonthClosure)) == ROUNDS


def test_two_claims_for_one_month_are_sent_once(db, target, wmo_house):
    gemeente, stay = wmo_house()
    for month in range(4, 3 + ROUNDS):  # the house's stay is in March; one more per month
        create_stay(
            db,
            NewStay(stay.guest_id, stay.room_id, date(2026, month, 10), date(2026, month, 12),
                    status="bevestigd", allocation_id=stay.allocation_id),
        )  # fmt: skip
    for month in range(3, 3 + ROUNDS):
        close_month(db, Month(2026, month), by="test", now=datetime(2026, 8, 1, 9))
    claims = [(2026, month, gemeente.id) for month in range(3, 3 + ROUNDS)]
    numbers = _one_winner(_race(target, "submit_claim", claims), "niets (meer) te declareren")
    assert sorted(numbers) == [f"D2026{n:05d}" for n in range(1, ROUNDS + 1)]
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Claim)) == ROUNDS


def test_viewing_a_guest_while_another_program_saves_it_never_fails(db, target):
    guest = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    with db.session() as s:
        before = s.scalar(select(func.count()).select_from(AccessLogEntry))
    for outcomes in _race(target, "view_or_write", [guest.id] * 2):
        assert [kind for kind, _value in outcomes.values()] == ["ok", "ok"], outcomes
    with db.session() as s:
        after = s.scalar(select(func.count()).select_from(AccessLogEntry))
    # 2 rounds x 2 children x 20 views, and child b's 20 saves per round
    assert after - before == 2 * (2 * 20 + 20)


def test_a_save_from_a_replaced_version_changes_nothing_and_is_told_in_dutch(db):
    """The version check is in the SQL itself (UPDATE ... WHERE version = :loaded, row count
    checked): even past the service's own compare, a stale save cannot overwrite."""
    from sqlalchemy import text

    from logeerhuis_app.services.errors import ConflictError

    guest = save_guest(db, GuestData(first_name="Anna", last_name="Smit", city="Baarn"))
    stale = pytest.raises(ConflictError, match="intussen door iemand anders gewijzigd")
    with stale, db.session() as s:
        row = s.get(Guest, guest.id)
        # another program's save, committed between this session's read and its write
        s.execute(text("UPDATE guests SET version = version + 1 WHERE id = :id"), {"id": guest.id})
        row.city, row.version = "Soest", row.version + 1
    stored = get_guest(db, guest.id)
    assert (stored.city, stored.version) == ("Baarn", guest.version)


def test_exporting_everything_while_another_program_saves_never_fails(db, target):
    guest = save_guest(db, GuestData(first_name="Anna", last_name="Smit"))
    for outcomes in _race(target, "export_or_write", [guest.id] * 2):
        assert [kind for kind, _value in outcomes.values()] == ["ok", "ok"], outcomes
    assert get_guest(db, guest.id).version == guest.version + 20
