"""The access log's hash chain: intact rows pass, any change, removal or insertion is found."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta

from logeerhuis_app.domain.access_log import GENESIS, LogRow, chain_problems, row_hash


def _chain(count: int = 4) -> list[LogRow]:
    rows, prev = [], GENESIS
    start = datetime(2026, 3, 4, 9, 0)
    for index in range(count):
        at = start + timedelta(minutes=index)
        guest = 7 if index % 2 else None
        digest = row_hash(prev, at, "ria", guest, "bekijken", f"regel {index}")
        rows.append(LogRow(index + 1, at, "ria", guest, "bekijken", f"regel {index}", prev, digest))
        prev = digest
    return rows


def test_an_intact_chain_has_no_problems():
    assert chain_problems(_chain()) == []
    assert chain_problems([]) == []


def test_a_changed_field_breaks_the_chain_at_that_row():
    rows = _chain()
    rows[2] = replace(rows[2], detail="iets anders")
    assert chain_problems(rows) == ["Regel 3 is na het vastleggen gewijzigd."]
    rows = _chain()
    rows[1] = replace(rows[1], guest_id=8)
    assert chain_problems(rows) == ["Regel 2 is na het vastleggen gewijzigd."]


def test_a_changed_row_with_a_recomputed_hash_breaks_the_next_link():
    rows = _chain()
    old = rows[1]
    forged = row_hash(old.prev_hash, old.at, "ingrid", old.guest_id, old.action, old.detail)
    rows[1] = replace(old, user_name="ingrid", hash=forged)
    problems = chain_problems(rows)
    assert len(problems) == 1 and problems[0].startswith("Regel 3 sluit niet aan")


def test_a_removed_row_is_found():
    rows = _chain()
    del rows[1]
    assert [p.split()[1] for p in chain_problems(rows)] == ["3"]


def test_the_moment_counts_to_the_second_and_none_differs_from_empty():
    at = datetime(2026, 3, 4, 9, 0, 5)
    assert row_hash("", at, "a", None, "x", "") != row_hash("", at, "a", 0, "x", "")
    assert row_hash("", at, "a", None, "x", "") != row_hash(
        "", at.replace(second=6), "a", None, "x", ""
    )
    assert row_hash("", at, "a", None, "x", "") == row_hash(
        "", at.replace(microsecond=9), "a", None, "x", ""
    )
