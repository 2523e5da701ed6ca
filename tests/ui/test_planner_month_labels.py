"""The planner's header names each month once, without two names painted over each other."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QColor, QFont, QImage, QPainter

from logeerhuis_app.ui.planner.painting import _paint_month_label


def _inked(room: int, day: date) -> int:
    """How many pixels the label for `day` paints in a header with `room` pixels to spare."""
    image = QImage(300, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    _paint_month_label(painter, QFont(painter.font()), day, 0, room)
    painter.end()
    return sum(
        1 for x in range(300) for y in range(20) if image.pixelColor(x, y) != QColor("white")
    )


def test_a_month_with_one_day_in_view_leaves_its_name_out(qapp) -> None:
    assert _inked(20, date(2026, 11, 30)) == 0  # 30 November before 1 December


def test_a_month_with_room_gets_its_name_shortened_to_fit(qapp) -> None:
    wide, narrow = _inked(300, date(2026, 12, 1)), _inked(60, date(2026, 12, 1))
    assert wide > narrow > 0


def test_no_ink_past_the_next_months_name(qapp) -> None:
    image = QImage(300, 20, QImage.Format.Format_RGB32)
    image.fill(QColor("white"))
    painter = QPainter(image)
    painter.setPen(QColor("black"))
    _paint_month_label(painter, QFont(painter.font()), date(2026, 12, 1), 0, 60)
    painter.end()
    assert all(image.pixelColor(x, y) == QColor("white") for x in range(60, 300) for y in range(20))
