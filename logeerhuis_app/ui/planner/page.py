"""Planner: the page the staff look at all day.

The start builds and paints this page first, before the ORM is loaded (decision 0034): what
it shows comes from planning/planner_view.py (SQLAlchemy Core); the services that change
stays, and the dialogs, are imported when they are first used.
"""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut, QUndoStack
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...planning.planner_view import PlannerView, load_planner
from ...services.changes import Change
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..page import Page
from ..widgets.fields import DateField
from .commands import StayIds
from .geometry import ZOOMS
from .grid import PlannerGrid
from .remote_refresh import RemoteRefresh
from .waiting_lane import WaitingLane

LOAD_MARGIN = timedelta(weeks=8)


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class PlannerPage(Page):
    nav_title = "Planner"
    # Everything the grid shows: stays (and requests, intake), beds, guests' names, the
    # funding warnings (allocations, funders) and the intake marks (the house's settings).
    topics = (
        Change.STAYS,
        Change.ROOMS,
        Change.GUESTS,
        Change.ALLOCATIONS,
        Change.FUNDERS,
        Change.SETTINGS,
    )

    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.today = date.today()
        self.first_day = monday_of(self.today) - timedelta(days=7)
        self.zoom = "maand"
        self.undo_stack = QUndoStack(self)
        self.ids = StayIds()
        self.view: PlannerView | None = None
        self._loaded: tuple[date, date, bool] | None = None
        self.loads = 0  # how often data was loaded (a scroll within the window loads nothing)
        self._build()

    # -- layout ------------------------------------------------------------------------------
    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 4)
        bar = QHBoxLayout()
        self.back_button = self._button(
            bar, "◀ Week", "Een week terug (PageUp)", lambda: self.scroll_days(-7)
        )
        self._button(bar, "Vandaag", "Naar vandaag", self.go_today)
        self.forward_button = self._button(
            bar, "Week ▶", "Een week verder (PageDown)", lambda: self.scroll_days(7)
        )
        bar.addSpacing(12)
        bar.addWidget(QLabel("Ga naar:"))
        self.jump = DateField()
        self.jump.setObjectName("jump_date")
        self.jump.returnPressed.connect(self._jump)
        bar.addWidget(self.jump)
        self.zoom_box = QComboBox()
        self.zoom_box.setObjectName("zoom")
        for key, (label, _days, _width) in ZOOMS.items():
            self.zoom_box.addItem(label, key)
        self.zoom_box.setCurrentIndex(list(ZOOMS).index(self.zoom))
        self.zoom_box.currentIndexChanged.connect(self._zoom_changed)
        bar.addWidget(self.zoom_box)
        self.show_cancelled = QCheckBox("Geannuleerde tonen")
        self.show_cancelled.toggled.connect(lambda _c: self._show())
        bar.addWidget(self.show_cancelled)
        bar.addStretch(1)
        layout.addLayout(bar)
        bar = QHBoxLayout()
        self._button(bar, "Nieuw verblijf…", "Nieuw verblijf (Ctrl+N)", self.new_item)
        self.series_button = self._button(
            bar, "Reeks…", "Vaste logeerdagen in één keer", self.new_series
        )
        self.request_button = self._button(
            bar, "Aanvraag…", "Nieuwe aanvraag registreren", self.new_request
        )
        self.week_list_button = self._button(
            bar, "Weeklijst…", "Weeklijst van de eerste week als PDF (Ctrl+P)", self.print_week_list
        )
        self.undo_button = self._button(bar, "Ongedaan maken", "Ctrl+Z", self.undo_stack.undo)
        self.redo_button = self._button(bar, "Opnieuw", "Ctrl+Y", self.undo_stack.redo)
        self.undo_stack.canUndoChanged.connect(self.undo_button.setEnabled)
        self.undo_stack.canRedoChanged.connect(self.redo_button.setEnabled)
        self.undo_button.setEnabled(False)
        self.redo_button.setEnabled(False)
        bar.addStretch(1)
        layout.addLayout(bar)

        self.period_label = QLabel()
        self.period_label.setObjectName("period_label")
        layout.addWidget(self.period_label)
        row = QHBoxLayout()
        self.grid = PlannerGrid()
        scroll = self.scroll_area = QScrollArea()
        scroll.setWidget(self.grid)
        scroll.setWidgetResizable(True)
        scroll.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        row.addWidget(scroll, 1)
        lane_box = QWidget()
        lane_box.setFixedWidth(240)
        lane_layout = QVBoxLayout(lane_box)
        lane_layout.setContentsMargins(6, 0, 0, 0)
        lane_layout.addWidget(QLabel("<b>Wachtende aanvragen</b>"))
        self.lane = WaitingLane()
        lane_layout.addWidget(self.lane)
        row.addWidget(lane_box)
        layout.addLayout(row, 1)
        legend = QLabel(
            "Optie: geel · Bevestigd: blauw · Aanwezig: groen · Vertrokken: grijs · "
            "↻ reeks · ⚠ let op (financiering of kamer) · intake: ○ onvolledig, ⊘ geblokkeerd, "
            "◐ overruled · paarse streep: bed gereserveerd door een financier. Slepen over vrije "
            "dagen maakt een "
            "verblijf; slepen verplaatst; de uiteinden slepen verandert aankomst of vertrek."
        )
        legend.setWordWrap(True)
        legend.setStyleSheet("color: #555;")
        layout.addWidget(legend)

        self.grid.create_requested.connect(self.create_stay_at)
        self.grid.move_requested.connect(self.move_stay)
        self.grid.open_requested.connect(self.open_stay)
        self.grid.cancel_requested.connect(self.cancel_stay)
        self.grid.refused.connect(self.refused)
        self.grid.scroll_requested.connect(self.scroll_days)
        self.grid.request_dropped.connect(self.place_request)
        self.lane.itemDoubleClicked.connect(self._open_request_item)
        for keys, slot in (
            (QKeySequence.StandardKey.Undo, self.undo_stack.undo),
            (QKeySequence.StandardKey.Redo, self.undo_stack.redo),
            (QKeySequence("Ctrl+Shift+Z"), self.undo_stack.redo),
        ):
            shortcut = QShortcut(keys, self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        # Another PC on the same server may change the planning: reload when it did.
        self.remote = RemoteRefresh(
            self, lambda: self.context.db, self.refresh, status=lambda t: self.context.status(t)
        )

    def _button(self, bar: QHBoxLayout, text: str, tip: str, slot) -> QPushButton:
        button = QPushButton(text)
        button.setToolTip(tip)
        button.clicked.connect(lambda _c=False: slot())
        bar.addWidget(button)
        return button

    # -- navigation --------------------------------------------------------------------------
    @property
    def days(self) -> int:
        return ZOOMS[self.zoom][1]

    def refresh(self) -> None:
        """Reload the data (after a change) and show it."""
        self._loaded = None
        self._show()
        if hasattr(self, "remote"):  # not yet during __init__
            self.remote.seen()

    def _show(self) -> None:
        """Show the period; data is loaded for a wider window, so scrolling a week within it
        costs a repaint only."""
        end = self.first_day + timedelta(days=self.days)
        cancelled = self.show_cancelled.isChecked()
        loaded = self._loaded
        if (
            loaded is None
            or loaded[2] != cancelled
            or not loaded[0] <= self.first_day < end <= loaded[1]
        ):
            start, stop = self.first_day - LOAD_MARGIN, end + LOAD_MARGIN
            self.view = load_planner(self.context.db, start, stop, include_cancelled=cancelled)
            self._loaded = (start, stop, cancelled)
            self.loads += 1
            self.lane.set_requests(self.view.requests)
        assert self.view is not None
        self.grid.set_view(self.view, self.first_day, self.days, self.day_width())
        last = end - timedelta(days=1)
        self.period_label.setText(f"{format_date(self.first_day)} t/m {format_date(last)}")

    def day_width(self) -> int:
        """The zoom's width, widened to fill the visible area when there is room."""
        _label, days, minimum = ZOOMS[self.zoom]
        available = self.scroll_area.viewport().width() - self.grid.geometry_.label_width - 2
        return max(minimum, available // days)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.view is not None:
            self.grid.set_view(self.view, self.first_day, self.days, self.day_width())

    def scroll_days(self, days: int) -> None:
        self.first_day += timedelta(days=days)
        self._show()

    def go_today(self) -> None:
        self.first_day = monday_of(self.today) - timedelta(days=7)
        self._show()

    def _jump(self) -> None:
        try:
            day = self.jump.value()
        except ServiceError:
            return
        except ValueError as exc:
            self.context.status(getattr(exc, "message", str(exc)))
            return
        if day is not None:
            self.first_day = monday_of(day)
            self.grid.cursor_day = day
            self._show()

    def _zoom_changed(self) -> None:
        self.zoom = self.zoom_box.currentData()
        self._show()

    def focus_search(self) -> None:
        self.jump.setFocus()

    def refused(self, message: str) -> None:
        """What the planner itself rules out (a drag onto a taken bed), before any service."""
        self.context.status(message)
        self.context.prompter.error("Kan niet", message)

    def room_of_bed(self, bed_id: int) -> int:
        return next(b.room_id for b in self.grid.beds if b.bed_id == bed_id)

    def print_week_list(self) -> None:
        from ...planning.week_list import write_week_list

        shown = self.first_day <= self.today < self.first_day + timedelta(days=self.days)
        week = monday_of(self.today) if shown else self.first_day
        suggested = f"weeklijst-{week.isocalendar()[0]}-week-{week.isocalendar()[1]:02d}.pdf"
        path = self.context.prompter.save_file("Weeklijst opslaan", suggested, "PDF (*.pdf)")
        if path is None:
            return
        outcome = operations.run(
            self.context,
            lambda: write_week_list(self.context.db, week, path),
            title="Weeklijst niet gemaakt",
            done=lambda written: f"Weeklijst opgeslagen: {written}",
        )
        if outcome is not None:
            self.context.prompter.open_document(outcome.value)

    # -- edits: each in its own module, imported when first used (decision 0034) -------------
    def new_item(self) -> None:
        self.create_stay_at(
            self.grid.beds[0].bed_id if self.grid.beds else 0,
            self.today,
            self.today + timedelta(days=2),
        )

    def create_stay_at(self, bed_id: int, arrival: date, departure: date) -> None:
        from .edits import create_stay_at

        create_stay_at(self, bed_id, arrival, departure)

    def move_stay(self, stay_id: int, bed_id: int, arrival: date, departure: date) -> None:
        from .edits import move_stay

        move_stay(self, stay_id, bed_id, arrival, departure)

    def cancel_stay(self, stay_id: int) -> None:
        from .edits import cancel_stay

        cancel_stay(self, stay_id)

    def open_stay(self, stay_id: int) -> None:
        from .stay_actions import open_stay

        open_stay(self, stay_id)

    def open_intake(self, stay_id: int, guest_name: str) -> None:
        from .stay_actions import open_intake

        open_intake(self, stay_id, guest_name)

    def new_series(self) -> None:
        from .request_actions import new_series

        new_series(self)

    def new_request(self) -> None:
        self.open_request(None)

    def _open_request_item(self, item) -> None:
        request_id = self.lane.request_id(item)
        if request_id is not None:
            self.open_request(request_id)

    def open_request(self, request_id: int | None) -> None:
        from .request_actions import open_request

        open_request(self, request_id)

    def place_request(self, request_id: int, bed_id: int, day: date) -> None:
        from .request_actions import place_dropped_request

        place_dropped_request(self, request_id, bed_id, day)
