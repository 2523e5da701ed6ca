"""Planner: the page the staff look at all day.

The start builds and paints this page first, before the ORM is loaded (decision 0034): what
it shows comes from planning/planner_view.py (SQLAlchemy Core); the services that change
stays, and the dialogs, are imported when they are first used.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING

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
from ...domain.enums import RequestStatus, StayStatus
from ...planning.planner_view import PlannerView, load_planner
from ...services.errors import ServiceError
from ..context import TOPIC_ROOMS, TOPIC_STAYS, AppContext
from ..page import Page
from ..widgets.fields import DateField
from .commands import ServiceCommand, StayIds
from .geometry import ZOOMS
from .grid import PlannerGrid
from .remote_refresh import RemoteRefresh
from .waiting_lane import WaitingLane

if TYPE_CHECKING:
    from ...intake.intake import IntakeGateError
    from ...planning.stays import NewStay, StayData

LOAD_MARGIN = timedelta(weeks=8)


ACTION_DONE = {
    "confirm": "bevestigd",
    "check_in": "ingecheckt",
    "check_out": "uitgecheckt",
}


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


class PlannerPage(Page):
    nav_title = "Planner"
    topics = (TOPIC_STAYS, TOPIC_ROOMS)

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
        self.grid.refused.connect(self._refused)
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

    def _refused(self, message: str) -> None:
        self.context.status(message)
        self.context.prompter.error("Kan niet", message)

    def _changed(self) -> None:
        before = self.loads
        self.context.announce(TOPIC_STAYS)  # reloads this page too when it is visible
        if self.loads == before:
            self.refresh()

    def _push(self, text: str, redo, undo) -> None:
        self.undo_stack.push(ServiceCommand(text, redo, undo, self._refused, self._changed))
        self.context.status(text)
        self._changed()

    def print_week_list(self) -> None:
        from ...planning.week_list import write_week_list

        shown = self.first_day <= self.today < self.first_day + timedelta(days=self.days)
        week = monday_of(self.today) if shown else self.first_day
        suggested = f"weeklijst-{week.isocalendar()[0]}-week-{week.isocalendar()[1]:02d}.pdf"
        path = self.context.prompter.save_file("Weeklijst opslaan", suggested, "PDF (*.pdf)")
        if path is None:
            return
        try:
            written = write_week_list(self.context.db, week, path)
        except ServiceError as exc:
            self.context.prompter.error("Weeklijst niet gemaakt", exc.message)
            return
        self.context.status(f"Weeklijst opgeslagen: {written}")
        self.context.prompter.open_document(written)

    # -- edits -------------------------------------------------------------------------------
    def _room_of_bed(self, bed_id: int) -> int:
        return next(b.room_id for b in self.grid.beds if b.bed_id == bed_id)

    def new_item(self) -> None:
        self.create_stay_at(
            self.grid.beds[0].bed_id if self.grid.beds else 0,
            self.today,
            self.today + timedelta(days=2),
        )

    def create_stay_at(self, bed_id: int, arrival: date, departure: date) -> None:
        from dataclasses import replace

        from ...planning import planning
        from ...planning.stays import NewStay, create_stay
        from .cap_confirm import with_cap_choice
        from .stay_dialog import StayDialog

        dialog = StayDialog(
            self.context,
            self.grid.beds,
            bed_id=bed_id,
            arrival=arrival,
            departure=departure,
            parent=self,
        )
        while self.context.prompter.run_dialog(dialog):
            values = dialog.values
            new = NewStay(
                guest_id=values["guest_id"],
                room_id=self._room_of_bed(values["bed_id"]),
                bed_id=values["bed_id"],
                arrival=values["arrival"],
                departure=values["departure"],
                status=values["status"],
                allocation_id=values["allocation_id"],
                notes=values["notes"],
            )

            def save(name: str, new: NewStay = new) -> StayData:
                return create_stay(self.context.db, replace(new, cap_accepted_by=name))

            try:
                created, accepted = with_cap_choice(self.context, save)
            except ServiceError as exc:
                dialog.show_error(exc)
                continue
            new = replace(new, cap_accepted_by=accepted)  # a redo repeats the choice
            original = created.id

            def redo(new: NewStay = new, original: int = original) -> None:
                self.ids.remap(original, create_stay(self.context.db, new).id)

            def undo(original: int = original) -> None:
                planning.delete_planned(self.context.db, self.ids.resolve(original))

            self._push(f"Verblijf gepland ({format_date(new.arrival)})", redo, undo)
            self.grid.selected_stay = created.id
            return

    def move_stay(
        self, stay_id: int, bed_id: int, arrival: date, departure: date, who: object = None
    ) -> None:
        from ...planning import planning
        from .cap_confirm import with_cap_choice

        who = who if isinstance(who, planning.WhoAsked) else planning.WhoAsked("medewerker")
        stay = self.grid.stay_by_id(stay_id)
        if stay is None:
            return
        room_id = self._room_of_bed(bed_id)
        try:
            _moved, accepted = with_cap_choice(
                self.context,
                lambda name: planning.move_stay(
                    self.context.db,
                    stay_id,
                    room_id=room_id,
                    bed_id=bed_id,
                    arrival=arrival,
                    departure=departure,
                    who=who,
                    cap_accepted_by=name,
                ),
            )
        except ServiceError as exc:
            self._refused(exc.detail)
            return
        old = (stay.room_id, stay.bed_id, stay.arrival, stay.departure)

        def redo() -> None:
            planning.move_stay(
                self.context.db,
                self.ids.resolve(stay_id),
                room_id=room_id,
                bed_id=bed_id,
                arrival=arrival,
                departure=departure,
                cap_accepted_by=accepted,
            )

        def undo() -> None:
            planning.move_stay(
                self.context.db,
                self.ids.resolve(stay_id),
                room_id=old[0],
                bed_id=old[1],
                arrival=old[2],
                departure=old[3],
            )

        self._push(f"{stay.guest_name} verplaatst", redo, undo)

    def cancel_stay(self, stay_id: int) -> None:
        stay = self.grid.stay_by_id(stay_id)
        if stay is None or stay.status not in (StayStatus.OPTION, StayStatus.CONFIRMED):
            self._refused("Alleen een optie of een bevestigd verblijf kan worden geannuleerd.")
            return
        reason = self.context.prompter.ask_text(
            "Verblijf annuleren", f"Reden van de annulering van {stay.guest_name}:"
        )
        if not reason:
            return
        if stay.series_id and self.context.prompter.confirm(
            "Reeks", "Dit verblijf hoort bij vaste logeerdagen. Ook alle volgende keren annuleren?"
        ):
            self._cancel_series_from(stay, reason)
            return
        from ...planning import planning

        try:
            planning.cancel(
                self.context.db,
                stay_id,
                reason=reason,
                cancelled_by=self.context.who(),
                when=datetime.now(),
            )
        except ServiceError as exc:
            self._refused(exc.message)
            return

        def redo() -> None:
            planning.cancel(
                self.context.db,
                self.ids.resolve(stay_id),
                reason=reason,
                cancelled_by=self.context.who(),
                when=datetime.now(),
            )

        def undo() -> None:
            from .cap_confirm import with_cap_choice

            with_cap_choice(
                self.context,
                lambda name: planning.reinstate(
                    self.context.db,
                    self.ids.resolve(stay_id),
                    StayStatus(stay.status),
                    cap_accepted_by=name,
                ),
            )

        self._push(f"Verblijf van {stay.guest_name} geannuleerd", redo, undo)

    def _cancel_series_from(self, stay, reason: str) -> None:
        from ...planning.series import cancel_occurrences

        try:
            count = cancel_occurrences(
                self.context.db,
                stay.id,
                and_later=True,
                reason=reason,
                cancelled_by=self.context.who(),
                when=datetime.now(),
            )
        except ServiceError as exc:
            self._refused(exc.message)
            return
        self.context.status(
            f"{count} verblijven van {stay.guest_name} geannuleerd (deze en volgende)."
        )
        self._changed()

    def _change_series_later(self, stay, values) -> None:
        """This and all later weeks of a series move to the weekday, length and room chosen."""
        from ...planning.series import change_later
        from .cap_confirm import with_cap_choice

        arrival = values["arrival"]
        try:
            result, _accepted = with_cap_choice(
                self.context,
                lambda name: change_later(
                    self.context.db,
                    stay.id,
                    room_id=self._room_of_bed(values["bed_id"]),
                    arrival_weekday=arrival.weekday(),
                    nights=(values["departure"] - arrival).days,
                    cap_accepted_by=name,
                ),
            )
        except ServiceError as exc:
            self._refused(exc.detail)
            return
        skipped = len(result.skipped)
        self.context.status(
            f"Reeks aangepast vanaf {format_date(arrival)}: {len(result.created)} weken"
            + (f", {skipped} overgeslagen." if skipped else ".")
        )
        self._changed()

    def _departure_document(self, stay, action: str) -> None:
        from ...intake.intake_documents import departure_checklist_pdf, evaluation_letter_pdf
        from ..document_actions import save_pdf

        slug = "-".join(stay.guest_name.lower().split())
        if action == "doc_departure":
            save_pdf(
                self.context,
                "Vertrekchecklist",
                f"vertrek-{slug}.pdf",
                lambda: departure_checklist_pdf(self.context.db, stay.id),
            )
        else:
            save_pdf(
                self.context,
                "Evaluatiebrief",
                f"evaluatie-{slug}.pdf",
                lambda: evaluation_letter_pdf(self.context.db, stay.id),
            )

    def open_intake(self, stay_id: int, guest_name: str) -> None:
        from .intake_dialog import IntakeDialog

        self.context.prompter.run_dialog(IntakeDialog(self.context, stay_id, guest_name, self))
        self._changed()

    def _override(self, stay_id: int, error: IntakeGateError) -> bool:
        """Offer a coordinator to let the stay pass with a written reason."""
        from ...intake.intake import override

        if not self.context.prompter.confirm(
            "Intake niet compleet",
            f"{error.message}\n\nWilt u als coördinator toch doorgaan? U schrijft dan op waarom.",
        ):
            return False
        reason = self.context.prompter.ask_text("Reden", "Waarom mag de gast toch komen?")
        if not reason:
            return False
        try:
            override(
                self.context.db,
                stay_id,
                error.gate,
                reason=reason,
                given_by=self.context.who("coördinator"),
                now=datetime.now(),
            )
        except ServiceError as exc:
            self._refused(exc.message)
            return False
        return True

    def open_stay(self, stay_id: int) -> None:
        from ...intake.intake import IntakeGateError
        from ...planning import planning
        from .stay_dialog import StayDialog

        stay = self.grid.stay_by_id(stay_id)
        if stay is None:
            return
        dialog = StayDialog(self.context, self.grid.beds, stay=stay, parent=self)
        while self.context.prompter.run_dialog(dialog):
            values, action = dialog.values, dialog.action
            if action == "move":
                if (values["bed_id"], values["arrival"], values["departure"]) != (
                    stay.bed_id,
                    stay.arrival,
                    stay.departure,
                ):
                    who = planning.WhoAsked(
                        values.get("asked_by") or "medewerker", values.get("channel") or ""
                    )
                    self.move_stay(
                        stay_id, values["bed_id"], values["arrival"], values["departure"], who
                    )
                return
            if action == "series_later":
                self._change_series_later(stay, values)
                return
            if action == "cancel":
                self.cancel_stay(stay_id)
                return
            if action.startswith("doc_"):
                self._departure_document(stay, action)
                dialog = StayDialog(self.context, self.grid.beds, stay=stay, parent=self)
                continue
            if action == "intake":
                self.open_intake(stay_id, stay.guest_name)
                dialog = StayDialog(self.context, self.grid.beds, stay=stay, parent=self)
                continue
            try:
                try:
                    self._status_action(stay_id, action, values)
                except IntakeGateError as exc:
                    if not (exc.overridable and self._override(stay_id, exc)):
                        raise
                    self._status_action(stay_id, action, values)
            except ServiceError as exc:
                dialog.show_error(exc)
                continue
            self.context.status(f"{stay.guest_name}: {ACTION_DONE.get(action, 'gelukt')}.")
            self._changed()
            return

    def _status_action(self, stay_id: int, action: str, values: dict) -> None:
        from ...planning import planning

        if action == "confirm":
            planning.set_status(self.context.db, stay_id, StayStatus.CONFIRMED)
        elif action == "check_in":
            when = datetime.combine(values["arrival"], datetime.now().time())
            planning.check_in(self.context.db, stay_id, when=when)
        elif action == "check_out":
            when = datetime.combine(values["departure"], datetime.now().time())
            planning.check_out(self.context.db, stay_id, when=when)

    def new_series(self) -> None:
        from .series_dialog import SeriesDialog

        dialog = SeriesDialog(self.context, self.grid.beds, self)
        if self.context.prompter.run_dialog(dialog) and dialog.result_ is not None:
            result = dialog.result_
            skipped = len(result.skipped)
            self.context.status(
                f"Reeks opgeslagen: {len(result.created)} verblijven gepland"
                + (f", {skipped} weken overgeslagen." if skipped else ".")
            )
            self._changed()

    def new_request(self) -> None:
        self.open_request(None)

    def _open_request_item(self, item) -> None:
        request_id = self.lane.request_id(item)
        if request_id is not None:
            self.open_request(request_id)

    def open_request(self, request_id: int | None) -> None:
        from ...planning.requests import get_request
        from .request_dialog import RequestDialog

        request = get_request(self.context.db, request_id) if request_id is not None else None
        dialog = RequestDialog(self.context, request, self)
        if self.context.prompter.run_dialog(dialog) and dialog.saved is not None:
            saved = dialog.saved
            self.context.status(
                f"Aanvraag van {saved.guest_name}: {RequestStatus(saved.status).label.lower()}."
            )
            self._changed()

    def place_request(self, request_id: int, bed_id: int, day: date) -> None:
        from ...planning import requests as request_service
        from .cap_confirm import with_cap_choice

        request = (
            next((r for r in self.view.requests if r.id == request_id), None) if self.view else None
        )
        if request is None:
            return
        departure = day + timedelta(days=request.nights)
        problem = self.grid.problem_for(None, self.grid._rows.get(bed_id, -1), day, departure)
        if problem:
            self._refused(problem)
            return
        try:
            with_cap_choice(
                self.context,
                lambda name: request_service.place_request(
                    self.context.db,
                    request_id,
                    room_id=self._room_of_bed(bed_id),
                    bed_id=bed_id,
                    arrival=day,
                    departure=departure,
                    cap_accepted_by=name,
                ),
            )
        except ServiceError as exc:
            self._refused(exc.message)
            return
        self.context.status(f"Aanvraag van {request.guest_name} geplaatst.")
        self._changed()
