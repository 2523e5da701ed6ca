"""Code run in child processes by tests/integration/test_concurrency_races.py: two programs on one
database (a SQLite file or a PostgreSQL server), racing each other round after round.

Each child opens its own Database, waits at the shared barrier before every round (so both
really start the same unit of work at once) and reports per round what the user would see:
("ok", value), ("refused", the Dutch message) or ("error", the traceback).
"""

from __future__ import annotations

import traceback
from dataclasses import replace
from datetime import date
from pathlib import Path


def fake_pdf(*_args) -> bytes:  # type: ignore[no-untyped-def]
    return b"%PDF-1.4 test\n"


def open_target(target: str):  # type: ignore[no-untyped-def]
    from logeerhuis_app.storage.database import open_database, open_database_url

    if target.startswith("postgresql"):
        return open_database_url(target)
    return open_database(Path(target))


def race(target: str, scenario: str, rounds: list, who: str, barrier, results) -> None:  # type: ignore[no-untyped-def, type-arg]
    """Run `scenario` once per round, starting each round together with the other child."""
    from logeerhuis_app.services.errors import ServiceError

    step = SCENARIOS[scenario]
    db = open_target(target)
    try:
        for index, item in enumerate(rounds):
            barrier.wait(timeout=120)
            try:
                outcome = ("ok", step(db, item, who))
            except ServiceError as exc:
                outcome = ("refused", exc.detail)  # as shown beside the field
            except Exception:  # what the user would see as a traceback
                outcome = ("error", traceback.format_exc())
            results.put((who, index, outcome))
    finally:
        db.close()


def _finalise(db, invoice_id: int, _who: str):  # type: ignore[no-untyped-def]
    from logeerhuis_app.billing.invoice_finalising import finalise

    final = finalise(db, invoice_id, invoice_date=date(2026, 8, 1), by="pc", render=fake_pdf)
    return final.number


def _invoices(db, month: tuple[int, int], _who: str):  # type: ignore[no-untyped-def]
    """What `logeerhuis invoices JJJJ-MM` does: (re)make the drafts, finalise them at once."""
    from logeerhuis_app.billing.invoice_batch import finalise_all
    from logeerhuis_app.billing.invoicing import make_drafts
    from logeerhuis_app.domain.months import Month

    drafts = make_drafts(db, Month(*month))
    finals = finalise_all(
        db, [d.id for d in drafts], invoice_date=date(2026, 8, 1), by="pc", render=fake_pdf
    )
    return [f.number for f in finals]


def _save_guest(db, loaded, who: str):  # type: ignore[no-untyped-def]
    from logeerhuis_app.house.guests import save_guest

    return save_guest(db, replace(loaded, city=f"Stad van {who}")).version


def _register_bsn(db, bsn: str, who: str):  # type: ignore[no-untyped-def]
    from logeerhuis_app.house.guests import GuestData, save_guest

    return save_guest(db, GuestData(first_name=who, last_name="Nieuw", bsn=bsn)).id


def _book_bed(db, booking: tuple, who: str):  # type: ignore[no-untyped-def, type-arg]
    from logeerhuis_app.planning.stays import NewStay, create_stay

    guests, room_id, arrival, departure = booking
    return create_stay(db, NewStay(guests[who], room_id, arrival, departure)).id


def _close_month(db, month: tuple[int, int], _who: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    from logeerhuis_app.billing.months import close_month
    from logeerhuis_app.domain.months import Month

    close_month(db, Month(*month), by="pc", now=datetime(2026, 8, 1, 9, 0))
    return month


def _submit_claim(db, claim: tuple[int, int, int], _who: str):  # type: ignore[no-untyped-def]
    from datetime import datetime

    from logeerhuis_app.claims.claims import submit_claim
    from logeerhuis_app.domain.months import Month

    year, month, funder_id = claim
    return submit_claim(
        db, Month(year, month), funder_id, by="pc", now=datetime(2026, 8, 1, 9)
    ).number


def _view_or_write(db, guest_id: int, who: str):  # type: ignore[no-untyped-def]
    """One child opens the guest 20 times, the other saves it 20 times, at the same time."""
    from logeerhuis_app.house.guests import get_guest, save_guest

    for n in range(20):
        data = get_guest(db, guest_id)
        if who == "b":
            save_guest(db, replace(data, city=f"Stad {n}"))
    return who


def _export_or_write(db, guest_id: int, who: str):  # type: ignore[no-untyped-def]
    """One child exports everything 10 times (export-data), the other saves a guest 10 times."""
    from logeerhuis_app.house.guests import get_guest, save_guest
    from logeerhuis_app.storage.data_exchange import export_data

    for n in range(10):
        if who == "a":
            assert export_data(db)["tables"]["guests"]
        else:
            save_guest(db, replace(get_guest(db, guest_id), city=f"Stad {n}"))
    return who


SCENARIOS = {
    "finalise": _finalise,
    "invoices": _invoices,
    "save_guest": _save_guest,
    "register_bsn": _register_bsn,
    "book_bed": _book_bed,
    "close_month": _close_month,
    "submit_claim": _submit_claim,
    "view_or_write": _view_or_write,
    "export_or_write": _export_or_write,
}
