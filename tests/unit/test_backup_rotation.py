"""The rotation rule for automatic backups: newest per day, ISO week and month."""

from __future__ import annotations

from datetime import datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.backup_rotation import (
    DEFAULT_POLICY,
    RotationPolicy,
    backup_due,
    backup_name,
    backups_to_delete,
    backups_to_keep,
    parse_backup_name,
)

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31)).map(
    lambda m: m.replace(second=0, microsecond=0)
)
moment_lists = st.lists(moments, max_size=200)
policies = st.builds(
    RotationPolicy,
    daily=st.integers(0, 20),
    weekly=st.integers(0, 10),
    monthly=st.integers(0, 30),
)


@given(moment_lists, policies)
def test_never_deletes_the_newest_and_keeps_at_most_the_policy(found, policy):
    kept = backups_to_keep(found, policy)
    if found:
        assert max(found) in kept
    assert len(kept) <= max(1, policy.most_kept)
    assert kept <= set(found)


@given(moment_lists)
def test_kept_and_deleted_split_the_backups_and_rotation_is_stable(found):
    kept = backups_to_keep(found)
    deleted = backups_to_delete(found)
    assert kept.isdisjoint(deleted)
    assert kept | set(deleted) == set(found)
    assert deleted == sorted(deleted)
    # rotating again removes nothing more
    assert backups_to_keep(kept) == kept


@given(moment_lists)
def test_each_of_the_last_fourteen_days_with_a_backup_keeps_its_newest(found):
    kept = backups_to_keep(found)
    days = sorted({m.date() for m in found}, reverse=True)[: DEFAULT_POLICY.daily]
    for day in days:
        assert max(m for m in found if m.date() == day) in kept


def test_two_years_of_six_hourly_backups_shrink_to_fourteen_days_eight_weeks_24_months():
    start = datetime(2024, 1, 1, 8, 0)
    found = [start + timedelta(hours=6 * i) for i in range(4 * 730)]
    kept = sorted(backups_to_keep(found), reverse=True)
    newest = max(found)
    assert kept[0] == newest
    assert len(kept) <= 14 + 8 + 24
    assert len({m.date() for m in kept}) == len(kept)  # one a day at most
    assert all(m.hour == 20 for m in kept[1:])  # the newest of its day (02, 08, 14, 20)
    assert sum(1 for m in kept if newest - m < timedelta(days=14)) == 14
    months = {(m.year, m.month) for m in kept}
    assert len(months) == 24


def test_a_single_backup_is_kept_even_with_an_empty_policy():
    one = datetime(2026, 3, 1, 12, 0)
    assert backups_to_keep([one], RotationPolicy(0, 0, 0)) == {one}
    assert backups_to_keep([]) == set()


def test_names_hold_only_the_moment_and_read_back():
    moment = datetime(2026, 11, 28, 15, 30)
    assert backup_name(moment) == "logeerhuis-2026-11-28T1530.sqlite3"
    assert parse_backup_name(backup_name(moment)) == moment


def test_other_files_are_never_taken_for_an_automatic_backup():
    for name in (
        "logeerhuis.sqlite3",
        "logeerhuis-vervangen-2026-11-28T153000.sqlite3",
        "logeerhuis-2026-11-28T1530.sqlite3.bezig",
        "logeerhuis-2026-13-28T1530.sqlite3",
        "logeerhuis-2026-11-28T1530.zip",
        "kopie van logeerhuis-2026-11-28T1530.sqlite3",
    ):
        assert parse_backup_name(name) is None, name


@given(moments)
def test_name_round_trip(moment):
    assert parse_backup_name(backup_name(moment)) == moment


def test_a_backup_is_due_after_a_day_or_when_none_or_from_the_future():
    now = datetime(2026, 11, 28, 15, 30)
    assert backup_due(None, now)
    assert not backup_due(now - timedelta(hours=23), now)
    assert backup_due(now - timedelta(days=1), now)
    assert backup_due(now + timedelta(days=2), now)  # clock was set back


def test_backups_from_the_future_neither_push_out_the_newest_nor_get_deleted():
    now = datetime(2026, 11, 28, 4, 25)
    future = datetime(2026, 11, 28, 9, 16)  # made while the clock was ahead
    older = [now - timedelta(days=d) for d in range(1, 60)]
    deleted = backups_to_delete([future, now, *older], now=now)
    assert now not in deleted and future not in deleted
    assert deleted == backups_to_delete([now, *older])
