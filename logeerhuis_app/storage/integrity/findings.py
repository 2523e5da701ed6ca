"""What the checks found, and how one kind of problem is written down."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from ...domain.dates import format_date

MAX_LISTED = 10  # problems of one kind are shown one by one up to this many, the rest counted


@dataclass
class Findings:
    problems: list[str] = field(default_factory=list)
    facts: list[str] = field(default_factory=list)

    def add(self, heading: str, items: list[str]) -> None:
        """One problem: a heading and the cases, listed up to MAX_LISTED."""
        if items:
            self.problems.append(f"{heading}: {listed(items)}")


def listed(items: list[str]) -> str:
    shown = "; ".join(items[:MAX_LISTED])
    if len(items) > MAX_LISTED:
        shown += f"; en nog {len(items) - MAX_LISTED}"
    return shown + "."


def day(stored: object) -> str:
    if isinstance(stored, date):
        return format_date(stored)
    try:
        return format_date(date.fromisoformat(str(stored)))
    except ValueError:
        return str(stored)
