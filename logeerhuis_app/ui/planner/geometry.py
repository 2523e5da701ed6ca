"""Where things are on the planner grid: days across, beds down, in pixels.

Pure arithmetic (no painting), so the mapping between mouse positions, dates and beds is tested
on its own and the widget stays about drawing and input.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

# Zoom levels: (Dutch name, number of days shown, day width in pixels)
ZOOMS = {
    "twee_weken": ("Twee weken", 14, 44),
    "maand": ("Maand", 35, 20),
    "kwartaal": ("Kwartaal", 91, 10),
}


@dataclass(frozen=True)
class GridGeometry:
    first_day: date
    day_width: int
    row_height: int = 30
    header_height: int = 44
    label_width: int = 170

    def x_of(self, day: date) -> int:
        """Left edge of a day's column (in content coordinates, after the label column)."""
        return self.label_width + (day - self.first_day).days * self.day_width

    def day_at(self, x: float) -> date:
        """The day under an x position (may be before or after the visible range)."""
        offset = (x - self.label_width) // self.day_width
        return self.first_day + timedelta(days=int(offset))

    def half_day_at(self, x: float) -> tuple[date, bool]:
        """The day under x and whether x is in its afternoon (right half)."""
        day = self.day_at(x)
        return day, (x - self.x_of(day)) >= self.day_width / 2

    def row_at(self, y: float) -> int:
        """Row index under y, or -1 in the header."""
        if y < self.header_height:
            return -1
        return int((y - self.header_height) // self.row_height)

    def y_of(self, row: int) -> int:
        return self.header_height + row * self.row_height

    def bar_span(self, arrival: date, departure: date) -> tuple[float, float]:
        """A stay runs from the afternoon of arrival to the morning of departure, so that on a
        changeover day the leaving and the arriving guest are both visible."""
        left = self.x_of(arrival) + self.day_width * 0.5
        right = self.x_of(departure) + self.day_width * 0.5
        return left, right

    def stay_dates_for_drag(self, start_x: float, end_x: float) -> tuple[date, date]:
        """Dragging over free days: the arrival is the first day touched, the departure the
        day after the last day touched (at least one night)."""
        a, b = sorted((start_x, end_x))
        arrival = self.day_at(a)
        departure = self.day_at(b) + timedelta(days=1)
        return arrival, max(departure, arrival + timedelta(days=1))
