"""Which automatic backups to keep: the newest of each recent day, week and month.

Pure rules on moments (datetimes); the service maps them to files. File names hold only the
moment (logeerhuis-2026-11-28T1530.sqlite3), never anything about a person.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

BACKUP_PREFIX = "logeerhuis-"
BACKUP_SUFFIX = ".sqlite3"
_NAME = re.compile(r"^logeerhuis-(\d{4})-(\d{2})-(\d{2})T(\d{2})(\d{2})\.sqlite3$")
BACKUP_INTERVAL = timedelta(days=1)


@dataclass(frozen=True)
class RotationPolicy:
    daily: int = 14
    weekly: int = 8
    monthly: int = 24

    @property
    def most_kept(self) -> int:
        return self.daily + self.weekly + self.monthly


DEFAULT_POLICY = RotationPolicy()


def backup_name(moment: datetime) -> str:
    return f"{BACKUP_PREFIX}{moment:%Y-%m-%dT%H%M}{BACKUP_SUFFIX}"


def parse_backup_name(name: str) -> datetime | None:
    """The moment in an automatic backup's name; None for any other file (never rotated)."""
    match = _NAME.match(name)
    if not match:
        return None
    try:
        year, month, day, hour, minute = (int(part) for part in match.groups())
        return datetime(year, month, day, hour, minute)
    except ValueError:
        return None


def backups_to_keep(
    moments: Iterable[datetime], policy: RotationPolicy = DEFAULT_POLICY
) -> set[datetime]:
    """The newest backup of each of the last `daily` days, `weekly` ISO weeks and `monthly`
    months that have a backup. The newest backup of all is always kept."""
    ordered = sorted(set(moments), reverse=True)
    kept: set[datetime] = set(ordered[:1])
    buckets: list[tuple[int, Callable[[datetime], tuple[int, ...]]]] = [
        (policy.daily, lambda m: (m.year, m.month, m.day)),
        (policy.weekly, lambda m: tuple(m.isocalendar()[:2])),
        (policy.monthly, lambda m: (m.year, m.month)),
    ]
    for count, bucket_of in buckets:
        seen: set[tuple[int, ...]] = set()
        for moment in ordered:  # newest first: the first one met in a bucket is its newest
            if len(seen) >= count:
                break
            bucket = bucket_of(moment)
            if bucket not in seen:
                seen.add(bucket)
                kept.add(moment)
    return kept


def backups_to_delete(
    moments: Iterable[datetime],
    policy: RotationPolicy = DEFAULT_POLICY,
    now: datetime | None = None,
) -> list[datetime]:
    """The automatic backups that rotation removes, oldest first.

    With `now`, backups named after it (the clock was wrong once) are left alone and take no
    part: otherwise they would count as newest and push out the backup just made."""
    every = {m for m in moments if now is None or m <= now}
    return sorted(every - backups_to_keep(every, policy))


def backup_due(newest: datetime | None, now: datetime) -> bool:
    """True when there is no backup yet or the newest is a day old (or from the future:
    a clock set back must not stop the backups)."""
    if newest is None:
        return True
    return not (now - BACKUP_INTERVAL < newest <= now + timedelta(minutes=5))
