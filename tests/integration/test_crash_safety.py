"""Proof that nothing is lost: a process running the services is killed 20 times mid-work.

The child (crash_child.py) plans stays, corrects nights, closes months, makes drafts and
finalises invoices, and journals each call only after it returned. After every SIGKILL the
database must pass SQLite's integrity check, hold every journaled operation, and keep the
invoice rules: numbers of a year 1..n without gaps, totals equal to the sum of the lines,
and final invoices exactly as they were. The same runs against a PostgreSQL server (the
child's connection dies with it; the server must roll back what was not committed).
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Connection, text

from logeerhuis_app.domain.pricing import invoice_number
from logeerhuis_app.house.allocations import AllocationData, save_allocation
from logeerhuis_app.house.contracts import ContractData, RateData, save_contract
from logeerhuis_app.house.funders import FunderData, save_funder
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.storage.database import Database, open_database, open_database_url

CHILD = Path(__file__).with_name("crash_child.py")
ROOT = Path(__file__).resolve().parents[2]
KILLS = 20
SEED = 20260307
PROGRESS_TIMEOUT = 120  # seconds for a few service calls, however busy the machine

pytestmark = pytest.mark.slow  # about 20 s per database: 20 child processes


def _open(target: str) -> Database:
    """A data directory (the SQLite file) or a server URL."""
    if target.startswith("postgresql"):
        return open_database_url(target)
    return open_database(Path(target))


def _build_house(target: str) -> dict:
    db = _open(target)
    save_provider(
        db,
        ProviderData(
            name="Logeerhuis De Linde", street="Lindelaan 12", postcode="3818 AB",
            city="Amersfoort", kvk="61234567", agb_code="73730123", iban="NL91ABNA0417164300",
        ),
    )  # fmt: skip
    rooms = [save_room(db, RoomData(name=name, beds=2)).id for name in ("Linde", "Eik")]
    private = save_funder(
        db,
        FunderData(
            kind="particulier", name="Particulier", wants_invoice=True, invoice_to_guest=True
        ),
    )
    contract = save_contract(
        db,
        ContractData(
            funder_id=private.id,
            name="Particulier logeren",
            valid_from=date(2026, 1, 1),
            rates=(RateData(valid_from=date(2026, 1, 1), amount_cents=12900),),
        ),
    )
    guests = []
    for first, last in (("Anna", "Smit"), ("Piet", "Dam"), ("Els", "Bos"), ("Kees", "Vos")):
        guest = save_guest(db, GuestData(first_name=first, last_name=last, city="Amersfoort"))
        allocation = save_allocation(
            db,
            AllocationData(
                guest_id=guest.id,
                funder_id=private.id,
                contract_id=contract.id,
                kind="particulier",
                start_date=date(2026, 1, 1),
            ),
        )
        guests.append([guest.id, allocation.id])
    db.close()
    return {"rooms": rooms, "guests": guests}


def _journaled(journal: Path) -> int:
    """Complete journal lines so far (the child appends one after each call that returned)."""
    return journal.read_bytes().count(b"\n") if journal.exists() else 0


def _run_and_kill(
    target: str, journal: Path, house: Path, seed: int, calls: int, delay: float
) -> None:
    """Start the child, let it finish `calls` more service calls (counted in the journal, so
    a slow or busy machine still gets work done between the kills), then kill it `delay`
    seconds later: at a random moment in the middle of the next call."""
    before = _journaled(journal)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    child = subprocess.Popen(
        [sys.executable, str(CHILD), target, str(journal), str(house), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
    )
    try:
        ready = child.stdout.readline()  # type: ignore[union-attr]
        if ready.strip() != "ready":
            child.kill()
            _out, err = child.communicate(timeout=30)
            pytest.fail(f"the child did not start: {ready!r}\n{err}")
        deadline = time.monotonic() + PROGRESS_TIMEOUT
        while _journaled(journal) < before + calls and child.poll() is None:
            if time.monotonic() > deadline:
                pytest.fail(f"the child made no progress in {PROGRESS_TIMEOUT} s")
            time.sleep(0.01)
        time.sleep(delay)
        child.send_signal(signal.SIGKILL)
        _out, err = child.communicate(timeout=30)
    finally:
        if child.poll() is None:
            child.kill()
            child.wait()
    if child.returncode != -signal.SIGKILL:
        pytest.fail(f"the child ended by itself (exit {child.returncode}) before the kill:\n{err}")


def _journal(path: Path) -> list[dict]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").split("\n")
    # The last element is "" after a complete line, or a half-written line cut by the kill:
    # that call's journal entry never completed, so the parent does not count on it.
    return [json.loads(line) for line in lines[:-1]]


def _finals(conn: Connection) -> dict[int, tuple]:
    finals = {}
    rows = conn.execute(
        text(
            "SELECT id, year, sequence, number, total_cents, pdf, pdf_sha256 FROM invoices "
            "WHERE number IS NOT NULL"
        )
    ).fetchall()
    for invoice_id, year, sequence, number, total, pdf, sha in rows:
        lines = tuple(
            tuple(row)
            for row in conn.execute(
                text(
                    "SELECT id, description, quantity, unit_cents, amount_cents "
                    "FROM invoice_lines WHERE invoice_id = :id ORDER BY id"
                ),
                {"id": invoice_id},
            )
        )
        pdf_hash = hashlib.sha256(pdf).hexdigest() if pdf is not None else None
        finals[invoice_id] = (year, sequence, number, total, sha, pdf_hash, lines)
    return finals


def _check(target: str, entries: list[dict], before: dict[int, tuple]) -> dict[int, tuple]:
    db = _open(target)
    try:
        with db.engine.connect() as conn:
            if conn.dialect.name == "sqlite":
                assert conn.exec_driver_sql("PRAGMA integrity_check").fetchall() == [("ok",)]
                assert conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall() == []
            _check_journal(conn, entries)
            finals = _finals(conn)
            _check_invoice_rules(conn, finals)
        for invoice_id, old in before.items():
            assert finals.get(invoice_id) == old, f"final invoice {invoice_id} changed"
        return finals
    finally:
        db.close()


def _one(conn: Connection, sql: str, **params: object) -> tuple | None:
    """One row as a plain tuple, dates as ISO text (as the journal holds them)."""
    row = conn.execute(text(sql), params).first()
    if row is None:
        return None
    return tuple(v.isoformat() if hasattr(v, "isoformat") else v for v in row)


def _check_journal(conn: Connection, entries: list[dict]) -> None:
    last_drafts = {}
    for entry in entries:
        op = entry["op"]
        if op == "stay":
            row = _one(
                conn,
                "SELECT guest_id, arrival, departure FROM stays WHERE id = :id",
                id=entry["id"],
            )
            assert row == (entry["guest_id"], entry["arrival"], entry["departure"]), entry
        elif op == "correction":
            row = _one(
                conn,
                "SELECT stay_id, day, billable FROM night_corrections WHERE reason = :reason",
                reason=entry["reason"],
            )
            assert row == (entry["stay_id"], entry["day"], int(entry["billable"])), entry
        elif op == "close":
            row = _one(
                conn,
                "SELECT 1 FROM month_closures WHERE year = :year AND month = :month",
                year=entry["year"],
                month=entry["month"],
            )
            assert row is not None, entry
        elif op == "drafts":
            last_drafts[(entry["year"], entry["month"])] = entry
        elif op == "final":
            row = _one(
                conn,
                "SELECT number, total_cents, pdf_sha256 FROM invoices WHERE id = :id",
                id=entry["id"],
            )
            assert row == (entry["number"], entry["total"], entry["sha"]), entry
        else:
            raise AssertionError(f"unknown journal entry {entry}")
    # A later make_drafts replaces a month's drafts; the newest ones are there (draft or final).
    for entry in last_drafts.values():
        for invoice_id in entry["ids"]:
            row = _one(conn, "SELECT 1 FROM invoices WHERE id = :id", id=invoice_id)
            assert row is not None, entry


def _check_invoice_rules(conn: Connection, finals: dict[int, tuple]) -> None:
    by_year: dict[int, list[tuple[int, str]]] = {}
    for year, sequence, number, total, sha, pdf_hash, lines in finals.values():
        by_year.setdefault(year, []).append((sequence, number))
        assert total == sum(line[4] for line in lines), number
        assert sha == pdf_hash, f"the stored PDF of {number} does not match its hash"
    counters = {
        year: last
        for year, last in conn.execute(text("SELECT year, last_number FROM invoice_series"))
    }
    for year in set(by_year) | set(counters):
        numbered = sorted(by_year.get(year, []))
        assert [seq for seq, _n in numbered] == list(range(1, len(numbered) + 1)), numbered
        assert [n for _s, n in numbered] == [invoice_number(year, s) for s, _n in numbered]
        assert counters.get(year, 0) == len(numbered), f"counter of {year} skips a number"


def test_killing_the_services_at_random_moments_loses_nothing(tmp_path):
    _kill_repeatedly(str(tmp_path / "data"), tmp_path)


@pytest.mark.postgresql
def test_killing_the_services_on_a_server_loses_nothing(pg_url, tmp_path):
    _kill_repeatedly(pg_url, tmp_path)


def _kill_repeatedly(target: str, tmp_path: Path) -> None:
    house = tmp_path / "house.json"
    house.write_text(json.dumps(_build_house(target)), encoding="utf-8")
    journal = tmp_path / "journal.jsonl"
    rng = random.Random(SEED)
    finals: dict[int, tuple] = {}
    kills = 0
    for _ in range(KILLS):
        calls, delay = rng.randint(3, 6), rng.uniform(0.0, 0.3)
        _run_and_kill(target, journal, house, rng.randrange(10**9), calls, delay)
        finals = _check(target, _journal(journal), finals)
        kills += 1
    entries = _journal(journal)
    done = {op: sum(e["op"] == op for e in entries) for op in ("stay", "correction", "final")}
    # The test only proves something if the child really got work done between the kills.
    assert done["stay"] >= 20 and done["correction"] >= 10 and done["final"] >= 3, done
    assert kills == KILLS
