"""Two PCs on one PostgreSQL database at the same moment: numbers stay gapless, no lost update."""

from __future__ import annotations

import multiprocessing
from dataclasses import replace
from datetime import datetime

import pytest
from pg_workers import finalise_all, finalise_batch, number_claims
from sqlalchemy import select

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import submit_claim
from logeerhuis_app.db.models import Claim, Guest, Invoice
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, get_guest, save_guest
from logeerhuis_app.services.errors import ConflictError
from logeerhuis_app.storage.database import open_database_url

INVOICES = 24
NOW = datetime(2026, 4, 2, 10, 0)


def _run_two(target, args_a, args_b):  # type: ignore[no-untyped-def]
    """Start two processes that wait for each other at a barrier, then run at once."""
    spawn = multiprocessing.get_context("spawn")
    barrier, results = spawn.Barrier(2), spawn.Queue()
    children = [
        spawn.Process(target=target, args=(*args, barrier, results)) for args in (args_a, args_b)
    ]
    for child in children:
        child.start()
    outcome = [results.get(timeout=120) for _ in children]
    for child in children:
        child.join(timeout=60)
        assert child.exitcode == 0
    return outcome


def test_two_pcs_finalising_at_once_give_numbers_without_gaps_or_doubles(pg_url, invoice_drafts):
    db = open_database_url(pg_url)
    ids = invoice_drafts(db, INVOICES)
    # Both PCs go through all drafts, in opposite order: they meet in the middle.
    first, second = _run_two(finalise_all, (pg_url, ids), (pg_url, list(reversed(ids))))
    assert first and second, "both PCs finalised some invoices"
    with db.session() as s:
        rows = s.execute(select(Invoice.id, Invoice.sequence, Invoice.number)).all()
    db.close()
    assert sorted(seq for _id, seq, _n in rows) == list(range(1, INVOICES + 1))
    assert len({n for _id, _s, n in rows}) == INVOICES
    # Each invoice was finalised by exactly one PC, with the number it reported.
    reported = dict(first + second)
    assert len(first) + len(second) == INVOICES == len(reported)
    assert reported == {invoice_id: number for invoice_id, _s, number in rows}


def test_two_pcs_numbering_claims_at_once_give_no_doubles(db, pg_url, wmo_house):
    gemeente, _stay = wmo_house()
    close_month(db, Month(2026, 3), by="test", now=NOW)
    first = submit_claim(db, Month(2026, 3), gemeente.id, by="test", now=NOW)
    with db.session() as s:
        template = s.scalar(select(Claim.id).where(Claim.number == first.number))
    a, b = _run_two(number_claims, (pg_url, template, 10), (pg_url, template, 10))
    assert len(a) == len(b) == 10
    assert sorted(a + b) == [f"D2026{n:05d}" for n in range(2, 22)]


def test_a_second_save_of_the_same_guest_gets_the_dutch_conflict_message(pg_url):
    pc_a, pc_b = open_database_url(pg_url), open_database_url(pg_url)
    try:
        guest = save_guest(pc_a, GuestData(first_name="Anna", last_name="Smit"))
        on_a, on_b = get_guest(pc_a, guest.id), get_guest(pc_b, guest.id)
        save_guest(pc_a, replace(on_a, city="Baarn"))
        with pytest.raises(ConflictError, match="intussen door iemand anders gewijzigd"):
            save_guest(pc_b, replace(on_b, city="Soest"))
        assert get_guest(pc_b, guest.id).city == "Baarn"
    finally:
        pc_a.close()
        pc_b.close()


def test_two_saves_in_the_same_moment_cannot_both_pass_the_version_compare(pg_url):
    """B has read version 1 inside its transaction when A commits version 2: the compare in
    the service passed, yet the row lock taken before the UPDATE stops B."""
    pc_a, pc_b = open_database_url(pg_url), open_database_url(pg_url)
    try:
        guest = save_guest(pc_a, GuestData(first_name="Anna", last_name="Smit"))
        stale = pytest.raises(ConflictError, match="intussen door iemand anders gewijzigd")
        with stale, pc_b.session() as s:
            row = s.get(Guest, guest.id)
            assert row.version == guest.version  # B's compare passes
            save_guest(pc_a, replace(guest, city="Baarn"))
            row.city, row.version = "Soest", row.version + 1
        assert get_guest(pc_a, guest.id).city == "Baarn"
    finally:
        pc_a.close()
        pc_b.close()


def test_two_pcs_finalising_a_batch_each_get_consecutive_numbers(pg_url, invoice_drafts):
    """Each PC finalises its own month at once: the series row is held for the whole batch,
    so each batch gets a consecutive run of numbers and together they leave no gap."""
    db = open_database_url(pg_url)
    ids = invoice_drafts(db, INVOICES)
    first, second = _run_two(finalise_batch, (pg_url, ids[::2]), (pg_url, ids[1::2]))
    with db.session() as s:
        rows = dict(s.execute(select(Invoice.id, Invoice.sequence)).all())
    db.close()
    assert sorted(rows.values()) == list(range(1, INVOICES + 1))
    for batch in (first, second):
        sequences = [rows[invoice_id] for invoice_id, _number in batch]
        assert sequences == list(range(sequences[0], sequences[0] + len(batch)))


def test_the_same_batch_on_two_pcs_at_once_is_finalised_once(pg_url, invoice_drafts):
    """Both PCs press "Alle concepten definitief" for the same month: one does it all, the
    other is refused in Dutch and uses no number."""
    db = open_database_url(pg_url)
    ids = invoice_drafts(db, INVOICES)
    outcomes = _run_two(finalise_batch, (pg_url, ids), (pg_url, ids))
    with db.session() as s:
        sequences = sorted(s.scalars(select(Invoice.sequence)))
    db.close()
    done = [o for o in outcomes if isinstance(o, list)]
    refused = [o for o in outcomes if isinstance(o, str)]
    assert len(done) == 1 and len(done[0]) == INVOICES
    assert len(refused) == 1 and "al definitief" in refused[0] and "geen enkele" in refused[0]
    assert sequences == list(range(1, INVOICES + 1))
