"""Drawing the planner grid from the data the grid holds; no queries, no decisions."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import QRect, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QPainter, QPen

from ...domain.dates import DUTCH_MONTHS, DUTCH_WEEKDAYS_SHORT
from ...domain.enums import StayStatus
from . import style

# The intake at a glance: open items, something that stops the guest, or a coordinator's override.
INTAKE_MARKS = {"onvolledig": "○ ", "geblokkeerd": "⊘ ", "overruled": "◐ "}

if TYPE_CHECKING:
    from .grid import PlannerGrid


def paint_grid(grid: PlannerGrid, p: QPainter, clip: QRect) -> None:
    g = grid.geometry_
    p.fillRect(clip, QColor("white"))
    days = [g.first_day + timedelta(days=i) for i in range(grid.days)]
    height = g.y_of(len(grid.beds))
    _paint_columns(grid, p, days, height)
    _paint_rows(grid, p, height)
    _paint_closures(grid, p)
    _paint_reservations(grid, p)
    # Rounded corners are worth antialiasing only where bars are wide enough to see them.
    p.setRenderHint(QPainter.RenderHint.Antialiasing, g.day_width >= 20)
    last = g.first_day + timedelta(days=grid.days)
    font = QFont(p.font())
    font.setPointSizeF(8.5 if g.day_width < 20 else 9.0)
    p.setFont(font)
    for stay in grid.view.stays if grid.view is not None else ():
        if stay.departure >= g.first_day and stay.arrival < last:  # loaded, but in sight?
            _paint_stay(grid, p, stay)
    _paint_reservation_labels(grid, p)
    _paint_drag(grid, p)
    _paint_cursor(grid, p)
    p.setRenderHint(QPainter.RenderHint.Antialiasing, False)
    _paint_header(grid, p, days)
    _paint_labels(grid, p)
    if grid.today in days:  # the today marker over everything but the labels
        x = g.x_of(grid.today) + g.day_width / 2
        p.setPen(QPen(style.TODAY, 2))
        p.drawLine(int(x), g.header_height - 6, int(x), height)


def _paint_columns(grid: PlannerGrid, p: QPainter, days: list[date], height: int) -> None:
    g = grid.geometry_
    for day in days:
        x = g.x_of(day)
        if day in grid._holidays:
            p.fillRect(QRect(x, 0, g.day_width, height), style.HOLIDAY)
        elif day.weekday() >= 5:
            p.fillRect(QRect(x, 0, g.day_width, height), style.WEEKEND)
        strong = day.weekday() == 0 or day.day == 1
        p.setPen(QPen(QColor("#9aa3ab") if strong else style.GRID_LINE, 1))
        if strong or g.day_width >= 20:
            p.drawLine(x, g.header_height, x, height)


def _paint_rows(grid: PlannerGrid, p: QPainter, height: int) -> None:
    g = grid.geometry_
    right = g.x_of(grid.geometry_.first_day + timedelta(days=grid.days))
    for row, bed in enumerate(grid.beds):
        y = g.y_of(row + 1)
        next_bed = grid.beds[row + 1] if row + 1 < len(grid.beds) else None
        same_room = next_bed is not None and next_bed.room_id == bed.room_id
        p.setPen(QPen(style.GRID_LINE if same_room else QColor("#9aa3ab"), 1))
        p.drawLine(0, y, right, y)


def _paint_closures(grid: PlannerGrid, p: QPainter) -> None:
    g = grid.geometry_
    for closure in grid.view.closures if grid.view is not None else ():
        for row, bed in enumerate(grid.beds):
            if bed.room_id != closure.room_id:
                continue
            left, right = g.x_of(closure.start), g.x_of(closure.end)
            rect = QRectF(left, g.y_of(row) + 1, right - left, g.row_height - 2)
            p.fillRect(rect, QBrush(style.CLOSED, Qt.BrushStyle.BDiagPattern))
            p.setPen(QColor("#5f666c"))
            p.drawText(
                rect.adjusted(4, 0, -2, 0),
                Qt.AlignmentFlag.AlignVCenter,
                f"Gesloten: {closure.reason}" if closure.reason else "Gesloten",
            )


def _paint_reservations(grid: PlannerGrid, p: QPainter) -> None:
    """A bed a funder reserved: a band along the top of its row (its name: see the labels)."""
    g = grid.geometry_
    for reservation in grid.view.reservations if grid.view is not None else ():
        row = grid._rows.get(reservation.bed_id)
        if row is None:
            continue
        left, right = g.x_of(reservation.start), g.x_of(reservation.end)
        p.fillRect(QRectF(left, g.y_of(row) + 1, right - left, 4), style.RESERVED)


def _paint_reservation_labels(grid: PlannerGrid, p: QPainter) -> None:
    """The funder's name in the widest free stretch of a reserved bed (where no bar is), so
    that it is readable and shows where the funder pays for an empty bed."""
    g = grid.geometry_
    if grid.days > 35 or grid.view is None:
        return
    font = QFont(p.font())
    font.setPointSizeF(7.5)
    p.save()
    p.setFont(font)
    p.setPen(style.RESERVED)
    metrics = p.fontMetrics()
    view_right = g.x_of(g.first_day + timedelta(days=grid.days))
    for reservation in grid.view.reservations:
        row = grid._rows.get(reservation.bed_id)
        if row is None:
            continue
        span = (
            max(g.x_of(reservation.start), g.label_width),
            min(g.x_of(reservation.end), view_right),
        )
        bars = sorted(
            g.bar_span(stay.arrival, stay.departure)
            for stay in grid.view.stays
            if stay.bed_id == reservation.bed_id
        )
        left, right = _widest_gap(span, bars)
        if right - left < 40:
            continue
        rect = QRectF(left + 4, g.y_of(row) + 5, right - left - 8, g.row_height - 6)
        full = f"gereserveerd: {reservation.funder_name}"
        fits = metrics.horizontalAdvance(full) <= rect.width()
        text = full if fits else reservation.funder_name  # the name matters most
        p.drawText(
            rect,
            Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
            metrics.elidedText(text, Qt.TextElideMode.ElideRight, int(rect.width())),
        )
    p.restore()


def _widest_gap(span: tuple[float, float], bars: list[tuple[float, float]]) -> tuple[float, float]:
    """The widest part of `span` that no bar covers (bars sorted by their left edge)."""
    best, start = (0.0, 0.0), span[0]
    for left, right in [*bars, (span[1], span[1])]:
        end = min(left, span[1])
        if end - start > best[1] - best[0]:
            best = (start, end)
        start = max(start, right)
    return best


def _paint_stay(grid: PlannerGrid, p: QPainter, stay) -> None:
    g = grid.geometry_
    row = grid._rows.get(stay.bed_id)
    if row is None:
        return
    left, right = g.bar_span(stay.arrival, stay.departure)
    rect = QRectF(left + 1, g.y_of(row) + 4, right - left - 2, g.row_height - 8)
    fill, border = style.status_colours(stay.status)
    selected = grid.selected_stay == stay.id
    p.setPen(QPen(QColor("#111111") if selected else border, 2 if selected else 1))
    p.setBrush(fill)
    p.drawRoundedRect(rect, 4, 4)
    if stay.status == StayStatus.CANCELLED:
        p.setPen(QPen(border, 1))
        p.drawLine(rect.topLeft(), rect.bottomRight())
    marks = INTAKE_MARKS.get(stay.intake, "") + ("↻ " if stay.series_id else "")
    marks += "⚠ " if stay.warnings else ""
    text_rect = rect.adjusted(5, 0, -3, 0)
    if text_rect.left() < g.label_width + 4:  # a stay that began before the view: name in sight
        text_rect.setLeft(g.label_width + 4)
    if text_rect.width() < 14:
        return
    p.setPen(style.WARNING if stay.warnings else style.TEXT)
    label = p.fontMetrics().elidedText(
        marks + stay.guest_name, Qt.TextElideMode.ElideRight, int(text_rect.width())
    )
    if len(label.rstrip("…").strip()) < 2:
        return  # a lone "…" says nothing; the tooltip has the name
    p.drawText(text_rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft, label)


def _paint_drag(grid: PlannerGrid, p: QPainter) -> None:
    drag = grid._drag
    if drag is None or drag.current is None:
        return
    g = grid.geometry_
    row, arrival, departure = drag.current
    problem = grid.problem_for(drag.stay.id if drag.stay else None, row, arrival, departure)
    left, right = g.bar_span(arrival, departure)
    rect = QRectF(left, g.y_of(row) + 2, right - left, g.row_height - 4)
    p.setPen(QPen(style.TODAY if problem else QColor("#2e7d32"), 2, Qt.PenStyle.DashLine))
    p.setBrush(style.PREVIEW_BAD if problem else style.PREVIEW_OK)
    p.drawRoundedRect(rect, 4, 4)
    nights = (departure - arrival).days
    p.setPen(QColor("#1d1f21"))
    p.drawText(
        rect.adjusted(4, 0, 0, 0),
        Qt.AlignmentFlag.AlignVCenter,
        f"{nights} {'nacht' if nights == 1 else 'nachten'}",
    )


def _paint_cursor(grid: PlannerGrid, p: QPainter) -> None:
    if not grid.hasFocus() or not 0 <= grid.cursor_row < len(grid.beds):
        return
    g = grid.geometry_
    rect = QRect(g.x_of(grid.cursor_day), g.y_of(grid.cursor_row), g.day_width, g.row_height)
    p.setPen(QPen(QColor("#2f6f8f"), 2))
    p.setBrush(Qt.BrushStyle.NoBrush)
    p.drawRect(rect.adjusted(1, 1, -1, -1))


def _paint_month_label(p: QPainter, font: QFont, day: date, x: int, end: int) -> None:
    """The month's name over its days, shortened to fit before the next month's name; left
    out when only a day or two of the month is in view (it would overlap the next)."""
    bold = QFont(font)
    bold.setBold(True)
    metrics = QFontMetrics(bold)
    room = end - x - 6
    text = metrics.elidedText(
        f"{DUTCH_MONTHS[day.month - 1]} {day.year}", Qt.TextElideMode.ElideRight, room
    )
    if room < metrics.horizontalAdvance("mrt…") or text in ("", "…"):
        return
    p.setFont(bold)
    p.drawText(QRect(x + 3, 2, room, 18), Qt.AlignmentFlag.AlignLeft, text)
    p.setFont(font)


def _paint_header(grid: PlannerGrid, p: QPainter, days: list[date]) -> None:
    g = grid.geometry_
    p.fillRect(QRect(0, 0, grid.width(), g.header_height), QColor("#eef2f5"))
    font = QFont(p.font())
    font.setPointSizeF(8.5)
    p.setFont(font)
    p.setPen(QColor("#1d1f21"))
    starts = [d for d in days if d.day == 1 or d == days[0]]
    ends = [g.x_of(d) for d in starts[1:]] + [grid.width()]
    for day, end in zip(starts, ends, strict=True):
        _paint_month_label(p, font, day, g.x_of(day), end)
    for day in days:
        x = g.x_of(day)
        p.setPen(style.TODAY if day == grid.today else QColor("#1d1f21"))
        if g.day_width >= 18:  # weekday above the day number
            p.drawText(
                QRect(x, 18, g.day_width, 13),
                Qt.AlignmentFlag.AlignCenter,
                DUTCH_WEEKDAYS_SHORT[day.weekday()],
            )
            p.drawText(QRect(x, 30, g.day_width, 13), Qt.AlignmentFlag.AlignCenter, str(day.day))
        elif day.weekday() == 0:  # quarter view: Mondays only
            p.drawText(QRect(x + 2, 24, 40, 16), Qt.AlignmentFlag.AlignLeft, str(day.day))
    p.setPen(QColor("#9aa3ab"))
    p.drawLine(0, g.header_height - 1, grid.width(), g.header_height - 1)


def _paint_labels(grid: PlannerGrid, p: QPainter) -> None:
    g = grid.geometry_
    p.fillRect(QRect(0, 0, g.label_width, g.y_of(len(grid.beds))), QColor("#f7f9fa"))
    p.setPen(QColor("#1d1f21"))
    p.drawText(
        QRect(8, 0, g.label_width - 8, g.header_height), Qt.AlignmentFlag.AlignVCenter, "Kamer"
    )
    for row, bed in enumerate(grid.beds):
        rect = QRect(8, g.y_of(row), g.label_width - 12, g.row_height)
        marks = " ".join(
            m for m, has in (("♿", bed.wheelchair_accessible), ("⤒", bed.has_hoist)) if has
        )
        label = p.fontMetrics().elidedText(
            bed.label, Qt.TextElideMode.ElideRight, g.label_width - 40
        )
        p.drawText(rect, Qt.AlignmentFlag.AlignVCenter, label)
        if marks:
            p.setPen(QColor("#5f666c"))
            p.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, marks)
            p.setPen(QColor("#1d1f21"))
    p.setPen(QColor("#9aa3ab"))
    p.drawLine(g.label_width, 0, g.label_width, g.y_of(len(grid.beds)))
