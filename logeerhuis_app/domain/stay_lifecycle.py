"""The life of a stay: which status may follow which (DOMAIN.md).

option -> confirmed -> present -> departed; a planned stay (option or confirmed) may be
cancelled, and a cancellation may be undone. The stay writer (planning/stay_writer.py) asks
`refusal` before every change of status, so this table is the one place the rule lives.
"""

from __future__ import annotations

from collections.abc import Mapping

from .enums import StayStatus

_PLANNED = frozenset({StayStatus.OPTION, StayStatus.CONFIRMED})

# old status (None: a new stay) -> the statuses it may become.
TRANSITIONS: Mapping[StayStatus | None, frozenset[StayStatus]] = {
    # A stay recorded afterwards (a paper diary caught up, the demo's past) starts as present
    # or departed; a new stay is never cancelled.
    None: _PLANNED | {StayStatus.PRESENT, StayStatus.DEPARTED},
    StayStatus.OPTION: _PLANNED | {StayStatus.PRESENT, StayStatus.CANCELLED},
    StayStatus.CONFIRMED: _PLANNED | {StayStatus.PRESENT, StayStatus.CANCELLED},
    StayStatus.PRESENT: frozenset({StayStatus.DEPARTED}),
    StayStatus.DEPARTED: frozenset(),
    StayStatus.CANCELLED: _PLANNED,  # undoing the cancellation
}


def refusal(old: StayStatus | str | None, new: StayStatus | str) -> str | None:
    """Why a stay with status `old` may not become `new` (Dutch), or None when it may."""
    before = StayStatus(old) if old is not None else None
    after = StayStatus(new)
    if after in TRANSITIONS[before]:
        return None
    if before is None:
        return "Een nieuw verblijf kan niet geannuleerd zijn."
    was = before.label.lower()
    if after == StayStatus.CANCELLED:
        return f"Annuleren kan niet: dit verblijf is {was}."
    if after == StayStatus.PRESENT:
        return f"Inchecken kan niet: dit verblijf is {was}."
    if after == StayStatus.DEPARTED:
        return "Uitchecken kan alleen voor een gast die aanwezig is."
    if after == StayStatus.OPTION:
        return f"Een {was} verblijf kan geen optie meer worden."
    return f"Een {was} verblijf kan niet meer worden bevestigd."
