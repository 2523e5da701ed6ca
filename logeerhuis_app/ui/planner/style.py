"""Colours of the planner, one place: status colours stay the same on every screen."""

from __future__ import annotations

from PySide6.QtGui import QColor

STATUS_COLOURS = {
    "optie": ("#f3e3a6", "#8a6d00"),  # fill, border
    "bevestigd": ("#9cc7e6", "#2f6f8f"),
    "aanwezig": ("#8fd19e", "#2e7d32"),
    "vertrokken": ("#d5d8dc", "#7b8288"),
    "geannuleerd": ("#f4c7c3", "#b0413e"),
}
WEEKEND = QColor("#f1f3f5")
HOLIDAY = QColor("#fde9d9")
TODAY = QColor("#d32f2f")
GRID_LINE = QColor("#dde1e5")
CLOSED = QColor("#b0b6bb")
SELECTION = QColor(47, 111, 143, 70)
PREVIEW_OK = QColor(46, 125, 50, 90)
PREVIEW_BAD = QColor(211, 47, 47, 90)
WARNING = QColor("#c62828")
TEXT = QColor("#1d1f21")
RESERVED = QColor("#7b1fa2")


_COLOURS = {
    status: (QColor(fill), QColor(border)) for status, (fill, border) in STATUS_COLOURS.items()
}


def status_colours(status: str) -> tuple[QColor, QColor]:
    """Shared colour objects (made once; painting hundreds of bars should not build them)."""
    return _COLOURS.get(status, _COLOURS["optie"])
