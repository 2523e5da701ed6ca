"""The planner grid: beds down, days across, stays as bars; create, move and resize by mouse
or keyboard. The grid only paints and reports intentions (signals); the page calls services.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import cast

from PySide6.QtCore import QEvent, QPointF, Qt, Signal
from PySide6.QtGui import QHelpEvent, QKeyEvent, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QToolTip, QWidget

from ...domain.dates import format_date
from ...domain.enums import StayStatus
from ...domain.holidays import holidays_between
from ...domain.planning import Booking, collision_message, find_collision, first_colliding_day
from ...domain.rooms import room_label
from ...planning.planner_view import PlannerBed, PlannerReservation, PlannerStay, PlannerView
from .geometry import GridGeometry

REQUEST_MIME = "application/x-logeerhuis-request"
EDGE = 6  # pixels at a bar's end that resize instead of move
FIXED = (StayStatus.DEPARTED, StayStatus.CANCELLED)


@dataclass
class _Drag:
    mode: str  # "create", "move", "start", "end"
    row: int
    press_x: float
    stay: PlannerStay | None = None
    current: tuple[int, date, date] | None = None  # (row, arrival, departure)


class PlannerGrid(QWidget):
    create_requested = Signal(int, object, object)  # bed_id, arrival, departure
    move_requested = Signal(int, int, object, object)  # stay_id, bed_id, arrival, departure
    open_requested = Signal(int)
    cancel_requested = Signal(int)
    refused = Signal(str)
    request_dropped = Signal(int, int, object)  # request_id, bed_id, day
    scroll_requested = Signal(int)  # days

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("planner_grid")
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAcceptDrops(True)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.view: PlannerView | None = None
        self.geometry_ = GridGeometry(date.today(), 30)
        self.days = 35
        self.today = date.today()
        self.cursor_row, self.cursor_day = 0, date.today()
        self.selected_stay: int | None = None
        self._drag: _Drag | None = None
        self._rows: dict[int, int] = {}
        self._holidays: dict[date, str] = {}

    # -- data --------------------------------------------------------------------------------
    def set_view(self, view: PlannerView, first_day: date, days: int, day_width: int) -> None:
        self.view = view
        self.days = days
        self.geometry_ = GridGeometry(first_day, day_width)
        self._rows = {bed.bed_id: row for row, bed in enumerate(view.beds)}
        self._holidays = holidays_between(first_day, first_day + timedelta(days=days))
        if not first_day <= self.cursor_day < first_day + timedelta(days=days):
            self.cursor_day = first_day
        self.setFixedHeight(self.geometry_.y_of(len(view.beds)) + 2)
        self.setMinimumWidth(self.geometry_.label_width + days * day_width)
        self.update()

    @property
    def beds(self) -> tuple[PlannerBed, ...]:
        return self.view.beds if self.view is not None else ()

    def stay_by_id(self, stay_id: int | None) -> PlannerStay | None:
        if self.view is None or stay_id is None:
            return None
        return next((s for s in self.view.stays if s.id == stay_id), None)

    def _bookings(self) -> list[Booking]:
        stays = self.view.stays if self.view is not None else ()
        return [
            Booking(s.id, s.bed_id, s.arrival, s.departure, s.guest_name)
            for s in stays
            if s.status != StayStatus.CANCELLED
        ]

    def _bed_under(self, pos: QPointF) -> int | None:
        """The bed of the row under a point in the days area (not the labels), if any."""
        row = self.geometry_.row_at(pos.y())
        if (
            self.view is None
            or not 0 <= row < len(self.beds)
            or pos.x() < self.geometry_.label_width
        ):
            return None
        return self.beds[row].bed_id

    def reservation_at(self, pos: QPointF) -> PlannerReservation | None:
        """The funder's reservation of the bed and day under a point, if any."""
        bed_id = self._bed_under(pos)
        if bed_id is None or self.view is None:
            return None
        day = self.geometry_.day_at(pos.x())
        for reservation in self.view.reservations:
            if reservation.bed_id == bed_id and reservation.start <= day < reservation.end:
                return reservation
        return None

    def stay_at(self, pos: QPointF) -> tuple[PlannerStay | None, str]:
        """The stay bar under a point and which part: 'start', 'end' or 'body'."""
        bed_id = self._bed_under(pos)
        if bed_id is None or self.view is None:
            return None, ""
        for stay in reversed(self.view.stays):
            if stay.bed_id != bed_id or stay.status == StayStatus.CANCELLED:
                continue
            left, right = self.geometry_.bar_span(stay.arrival, stay.departure)
            if left <= pos.x() <= right:
                if pos.x() - left <= EDGE:
                    return stay, "start"
                if right - pos.x() <= EDGE:
                    return stay, "end"
                return stay, "body"
        return None, ""

    # -- checking a proposed place -----------------------------------------------------------
    def problem_for(self, stay_id: int | None, row: int, arrival: date, departure: date) -> str:
        """Dutch reason why a stay cannot go there, or '' when it can."""
        if not 0 <= row < len(self.beds):
            return "Zet het verblijf op een kamer."
        if departure <= arrival:
            return "Een verblijf duurt minstens één nacht."
        bed = self.beds[row]
        other = find_collision(self._bookings(), bed.bed_id, arrival, departure, stay_id)
        if other is not None:
            day = first_colliding_day(arrival, departure, other.arrival, other.departure)
            return collision_message(bed.room_name, other, day or arrival)
        for closure in self.view.closures if self.view is not None else ():
            if (
                closure.room_id == bed.room_id
                and closure.start < departure
                and closure.end > arrival
            ):
                last = closure.end - timedelta(days=1)
                return (
                    f"{room_label(bed.room_name)} is gesloten van {format_date(closure.start)} "
                    f"tot en met {format_date(last)}."
                )
        return ""

    # -- mouse -------------------------------------------------------------------------------
    def mousePressEvent(self, event: QMouseEvent) -> None:
        self.setFocus()
        pos = event.position()
        row = self.geometry_.row_at(pos.y())
        if event.button() != Qt.MouseButton.LeftButton or not 0 <= row < len(self.beds):
            return
        if pos.x() < self.geometry_.label_width:
            return
        stay, part = self.stay_at(pos)
        self.cursor_row, self.cursor_day = row, self.geometry_.day_at(pos.x())
        if stay is not None:
            self.selected_stay = stay.id
            mode = "move" if part == "body" else part
            if StayStatus(stay.status) in FIXED:
                mode = ""
            elif stay.status == StayStatus.PRESENT and mode in ("move", "start"):
                mode = "end"  # a guest who is here can only stay longer or leave earlier
            self._drag = _Drag(mode, row, pos.x(), stay) if mode else None
        else:
            self.selected_stay = None
            self._drag = _Drag("create", row, pos.x())
        self.update()

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        pos = event.position()
        drag = self._drag
        if drag is None:
            stay, part = self.stay_at(pos)
            shape = Qt.CursorShape.ArrowCursor
            if stay is not None and StayStatus(stay.status) not in FIXED:
                shape = (
                    Qt.CursorShape.SizeHorCursor
                    if part in ("start", "end")
                    else Qt.CursorShape.OpenHandCursor
                )
            self.setCursor(shape)
            return
        g = self.geometry_
        if drag.mode == "create":
            arrival, departure = g.stay_dates_for_drag(drag.press_x, pos.x())
            drag.current = (drag.row, arrival, departure)
        elif drag.stay is not None:
            stay = drag.stay
            shift = (g.day_at(pos.x()) - g.day_at(drag.press_x)).days
            if drag.mode == "move":
                row = max(0, min(len(self.beds) - 1, g.row_at(pos.y())))
                step = timedelta(days=shift)
                drag.current = (row, stay.arrival + step, stay.departure + step)
            elif drag.mode == "start":
                last_arrival = stay.departure - timedelta(days=1)
                arrival = min(stay.arrival + timedelta(days=shift), last_arrival)
                drag.current = (drag.row, arrival, stay.departure)
            else:
                first_departure = stay.arrival + timedelta(days=1)
                departure = max(stay.departure + timedelta(days=shift), first_departure)
                drag.current = (drag.row, stay.arrival, departure)
        self.update()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        self.update()
        if drag is None or drag.current is None:
            return
        row, arrival, departure = drag.current
        stay = drag.stay
        if stay is not None and (row, arrival, departure) == (
            drag.row,
            stay.arrival,
            stay.departure,
        ):
            return
        problem = self.problem_for(stay.id if stay else None, row, arrival, departure)
        if problem:
            self.refused.emit(problem)
            return
        bed_id = self.beds[row].bed_id
        if stay is None:
            self.create_requested.emit(bed_id, arrival, departure)
        else:
            self.move_requested.emit(stay.id, bed_id, arrival, departure)

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        stay, _part = self.stay_at(event.position())
        self._drag = None
        if stay is not None:
            self.open_requested.emit(stay.id)

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ToolTip:
            help_event = cast(QHelpEvent, event)  # a ToolTip event is a QHelpEvent
            pos = QPointF(help_event.pos())
            stay, _part = self.stay_at(pos)
            reserved = self.reservation_at(pos)
            text = tooltip_text(stay) if stay is not None else ""
            if reserved is not None:
                text = "\n".join(filter(None, (text, reservation_text(reserved))))
            if text:
                QToolTip.showText(help_event.globalPos(), text, self)
            else:
                QToolTip.hideText()
            return True
        return super().event(event)

    # -- drops from the waiting lane ---------------------------------------------------------
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasFormat(REQUEST_MIME):
            event.acceptProposedAction()

    def dragMoveEvent(self, event) -> None:
        if event.mimeData().hasFormat(REQUEST_MIME):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        pos = event.position()
        row = self.geometry_.row_at(pos.y())
        if not 0 <= row < len(self.beds):
            return
        request_id = int(bytes(event.mimeData().data(REQUEST_MIME)).decode())
        event.acceptProposedAction()
        self.request_dropped.emit(request_id, self.beds[row].bed_id, self.geometry_.day_at(pos.x()))

    # -- keyboard ----------------------------------------------------------------------------
    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, mods = event.key(), event.modifiers()
        ctrl = bool(mods & Qt.KeyboardModifier.ControlModifier)
        shift = bool(mods & Qt.KeyboardModifier.ShiftModifier)
        stay = self.stay_by_id(self.selected_stay)
        if ctrl and stay is not None and key in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            step = timedelta(days=-1 if key == Qt.Key.Key_Left else 1)
            row = self._rows.get(stay.bed_id, 0)
            if shift:  # Ctrl+Shift+arrow: a night longer or shorter
                self._propose(stay, row, stay.arrival, stay.departure + step)
            else:
                self._propose(stay, row, stay.arrival + step, stay.departure + step)
            return
        if ctrl and stay is not None and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            row = self._rows.get(stay.bed_id, 0) + (-1 if key == Qt.Key.Key_Up else 1)
            self._propose(stay, row, stay.arrival, stay.departure)
            return
        moves: dict[int, tuple[int, int]] = {
            Qt.Key.Key_Left: (0, -1),
            Qt.Key.Key_Right: (0, 1),
            Qt.Key.Key_Up: (-1, 0),
            Qt.Key.Key_Down: (1, 0),
        }
        if key in moves:
            d_row, d_day = moves[key]
            self.cursor_row = max(0, min(len(self.beds) - 1, self.cursor_row + d_row))
            self.cursor_day += timedelta(days=d_day)
            last = self.geometry_.first_day + timedelta(days=self.days - 1)
            if self.cursor_day < self.geometry_.first_day:
                self.scroll_requested.emit(-7)
            elif self.cursor_day > last:
                self.scroll_requested.emit(7)
            self._select_under_cursor()
        elif key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            if stay is not None:
                self.open_requested.emit(stay.id)
            elif 0 <= self.cursor_row < len(self.beds):
                arrival = self.cursor_day
                self._propose(None, self.cursor_row, arrival, arrival + timedelta(days=1))
        elif key == Qt.Key.Key_Delete and stay is not None:
            self.cancel_requested.emit(stay.id)
        elif key == Qt.Key.Key_PageDown:
            self.scroll_requested.emit(7)
        elif key == Qt.Key.Key_PageUp:
            self.scroll_requested.emit(-7)
        else:
            super().keyPressEvent(event)
            return
        self.update()

    def _select_under_cursor(self) -> None:
        self.selected_stay = None
        if not 0 <= self.cursor_row < len(self.beds) or self.view is None:
            return
        bed_id = self.beds[self.cursor_row].bed_id
        for stay in self.view.stays:
            if (
                stay.bed_id == bed_id
                and stay.arrival <= self.cursor_day < stay.departure
                and (stay.status != StayStatus.CANCELLED)
            ):
                self.selected_stay = stay.id

    def _propose(self, stay: PlannerStay | None, row: int, arrival: date, departure: date) -> None:
        problem = self.problem_for(stay.id if stay else None, row, arrival, departure)
        if problem:
            self.refused.emit(problem)
            return
        bed_id = self.beds[row].bed_id
        if stay is None:
            self.create_requested.emit(bed_id, arrival, departure)
        else:
            self.move_requested.emit(stay.id, bed_id, arrival, departure)

    # -- painting ----------------------------------------------------------------------------
    def paintEvent(self, event: QPaintEvent) -> None:
        from .painting import paint_grid

        painter = QPainter(self)
        try:
            paint_grid(self, painter, event.rect())
        finally:
            painter.end()


def tooltip_text(stay: PlannerStay) -> str:
    lines = [
        f"<b>{stay.guest_name}</b>",
        f"{format_date(stay.arrival)} – {format_date(stay.departure)} ({stay.nights} "
        f"{'nacht' if stay.nights == 1 else 'nachten'})",
        f"Status: {StayStatus(stay.status).label}",
    ]
    if stay.funder_name:
        lines.append(
            f"Financier: {stay.funder_name}" + (f" ({stay.cap_text})" if stay.cap_text else "")
        )
    if stay.series_id:
        lines.append("Vaste logeerdagen (reeks)")
    if stay.intake_summary:
        lines.append(stay.intake_summary)
    if stay.notes:
        lines.append(f"Notitie: {stay.notes}")
    lines += [f"<span style='color:#c62828'>⚠ {w}</span>" for w in stay.warnings]
    return "<br>".join(lines)


def reservation_text(reservation: PlannerReservation) -> str:
    last = reservation.end - timedelta(days=1)
    text = (
        f"Bed gereserveerd door {reservation.funder_name}, "
        f"{format_date(reservation.start)} t/m {format_date(last)} (betaald, ook als het leeg is)"
    )
    if reservation.allocation_reference:
        return (
            f"{text}\nToewijzing {reservation.allocation_reference} "
            f"({reservation.allocation_guest_name}): de lege dagen gaan in de WMO323"
        )
    if reservation.funder_kind == "gemeente":
        return f"{text}\nGeen toewijzing voor het bed: de lege dagen gaan niet mee in de WMO323"
    return text
