"""The process the crash test kills: it runs the real services until SIGKILL stops it.

Usage: crash_child.py DATA_DIR|SERVER_URL JOURNAL HOUSE_JSON SEED

After every service call that returned, one JSON line goes to the journal, flushed and
fsynced: the parent then knows which operations reported success and must be in the database.
It never imports Qt (checked before "ready" is printed).
"""

from __future__ import annotations

import json
import os
import random
import sys
from datetime import date, datetime, time, timedelta
from pathlib import Path

from sqlalchemy import select

from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.billing.invoice_finalising import finalise
from logeerhuis_app.billing.invoicing import make_drafts
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.db.models import Invoice, MonthClosure, Stay
from logeerhuis_app.domain.months import Month
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import ServiceError
from logeerhuis_app.storage.database import open_database, open_database_url

FIRST_YEAR = 2026
MONTHS = 24  # 2026 and 2027; December's invoices are dated in January: two number series


def month_of(index: int) -> tuple[int, int]:
    """Month index 0 is January 2026."""
    return FIRST_YEAR + index // 12, index % 12 + 1


class Journal:
    def __init__(self, path: Path) -> None:
        self.handle = open(path, "a", encoding="utf-8")  # noqa: SIM115  (lives until the kill)

    def write(self, **entry: object) -> None:
        self.handle.write(json.dumps(entry, default=str) + "\n")
        self.handle.flush()
        os.fsync(self.handle.fileno())


def closed_months(db) -> list[int]:  # type: ignore[no-untyped-def]
    """The month indexes closed so far."""
    with db.session() as s:
        rows = s.execute(select(MonthClosure.year, MonthClosure.month)).all()
        return sorted((year - FIRST_YEAR) * 12 + month - 1 for year, month in rows)


def draft_ids(db) -> list[int]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return list(s.scalars(select(Invoice.id).where(Invoice.number.is_(None))))


def stays_from(db, first: date) -> list[tuple[int, date, date]]:  # type: ignore[no-untyped-def]
    with db.session() as s:
        rows = s.execute(
            select(Stay.id, Stay.arrival, Stay.departure).where(Stay.arrival >= first)
        ).all()
        return [tuple(r) for r in rows]  # type: ignore[misc]


def plan(db, journal: Journal, rng: random.Random, house: dict, open_from: int) -> None:  # type: ignore[no-untyped-def,type-arg]
    first, after = Month(*month_of(min(open_from + rng.randrange(2), MONTHS - 1))).bounds()
    arrival = first + timedelta(days=rng.randrange((after - first).days - 1))
    departure = min(arrival + timedelta(days=rng.randint(1, 4)), after)
    guest_id, allocation_id = rng.choice(house["guests"])
    new = NewStay(
        guest_id,
        rng.choice(house["rooms"]),
        arrival,
        departure,
        status="bevestigd",
        allocation_id=allocation_id,
    )
    try:
        stay = create_stay(db, new)
    except ServiceError:
        return  # the room is full then: a refusal is not a success
    journal.write(op="stay", id=stay.id, guest_id=guest_id, arrival=arrival, departure=departure)


def correct(db, journal: Journal, rng: random.Random, open_from: int, seed: int, n: int) -> None:  # type: ignore[no-untyped-def]
    # Also nights of closed months: those become correction lines on the next invoice.
    stays = stays_from(db, Month(*month_of(max(0, open_from - 1))).first)
    if not stays:
        return
    stay_id, arrival, departure = rng.choice(stays)
    day = arrival + timedelta(days=rng.randrange((departure - arrival).days))
    billable = rng.random() < 0.3
    reason = f"crash {seed} {n}"
    correct_night(db, stay_id, day, billable=billable, reason=reason, by="test", now=datetime.now())
    journal.write(op="correction", stay_id=stay_id, day=day, billable=billable, reason=reason)


def drafts(db, journal: Journal, index: int) -> None:  # type: ignore[no-untyped-def]
    year, month = month_of(index)
    made = make_drafts(db, Month(year, month))
    journal.write(op="drafts", year=year, month=month, ids=[d.id for d in made])


def advance(db, journal: Journal, open_from: int) -> None:  # type: ignore[no-untyped-def]
    """Finalise a waiting draft, or else close the next month and make its drafts."""
    waiting = draft_ids(db)
    if waiting:
        invoice_id = waiting[0]
        with db.session() as s:
            first = s.get(Invoice, invoice_id).period_from  # type: ignore[union-attr]
        invoice_date = Month.of(first).after  # the next month's first day
        final = finalise(db, invoice_id, invoice_date=invoice_date, by="test", now=datetime.now())
        with db.session() as s:
            sha = s.get(Invoice, invoice_id).pdf_sha256  # type: ignore[union-attr]
        journal.write(
            op="final", id=final.id, number=final.number, total=final.total_cents, sha=sha
        )
        return
    if open_from >= MONTHS:
        return
    year, month = month_of(open_from)
    # The clock of the simulation: a month is closed on the first day after it, so the test
    # does not depend on today's date (2027 is still to come until it has begun).
    closed_on = datetime.combine(Month(year, month).after, time(9))
    close_month(db, Month(year, month), by="test", now=closed_on)
    journal.write(op="close", year=year, month=month)
    drafts(db, journal, open_from)


def main() -> int:
    target, journal_path, house_path, seed = sys.argv[1:5]
    house = json.loads(Path(house_path).read_text(encoding="utf-8"))
    rng = random.Random(int(seed))
    if target.startswith("postgresql"):
        db = open_database_url(target, migrate=False)
    else:
        db = open_database(Path(target), migrate=False)
    journal = Journal(Path(journal_path))
    assert "PySide6" not in sys.modules, "the crash child must not load Qt"
    closed = closed_months(db)
    if closed:  # a kill may have come between closing a month and making its drafts
        drafts(db, journal, closed[-1])
    print("ready", flush=True)
    for n in range(10_000):
        open_from = (closed_months(db) or [-1])[-1] + 1
        choice = rng.random()
        if choice < 0.55:
            plan(db, journal, rng, house, open_from)
        elif choice < 0.8:
            correct(db, journal, rng, open_from, int(seed), n)
        else:
            advance(db, journal, open_from)
    return 0


if __name__ == "__main__":
    sys.exit(main())
