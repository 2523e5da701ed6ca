"""Structureel logeren: a weekly series in one go, with a conflict report before saving."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import DUTCH_WEEKDAYS, format_date
from ...house.allocations import list_allocations
from ...house.guests import search_guests
from ...planning.planner_view import PlannerBed
from ...planning.series import SeriesData, SeriesResult, create_series, plan_series
from ...planning.series_occupancy import SeriesOccurrence
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField, IntField, NoteField
from ..widgets.form import ERROR_STYLE, Form
from .cap_confirm import with_cap_choice


class SeriesDialog(QDialog):
    def __init__(
        self, context: AppContext, beds: tuple[PlannerBed, ...], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.result_: SeriesResult | None = None
        self.setWindowTitle("Vaste logeerdagen (reeks)")
        self.setMinimumWidth(640)
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        guests = search_guests(context.db, include_inactive=False, limit=5000)
        rooms: dict[int, str] = {}
        for bed in beds:
            rooms.setdefault(bed.room_id, bed.room_name)
        add = self.form.add
        add(
            grid,
            "guest_id",
            "Gast",
            ChoiceField([(0, "— kies een gast —")] + [(g.id, g.name) for g in guests]),
        )
        add(grid, "room_id", "Kamer", ChoiceField(list(rooms.items())))
        add(grid, "arrival_weekday", "Aankomst op", ChoiceField(list(enumerate(DUTCH_WEEKDAYS))))
        add(grid, "nights", "Nachten per keer", IntField(minimum=1, maximum=6, required=True))
        add(grid, "start_date", "Vanaf", DateField(required=True))
        add(grid, "end_date", "Tot en met", DateField())
        add(grid, "weeks", "Of: aantal weken", IntField(minimum=1, maximum=260))
        add(grid, "allocation_id", "Financiering", ChoiceField([(None, "— geen —")]))
        add(grid, "notes", "Notitie", NoteField(lines=2))
        self.form.fields["guest_id"].currentIndexChanged.connect(self._fill_allocations)
        start = date.today() + timedelta(days=7)
        self.form.set_values({"arrival_weekday": 1, "nights": 2, "start_date": start, "weeks": 12})
        self.report = QTableWidget(0, 3)
        self.report.setObjectName("series_report")
        self.report.setHorizontalHeaderLabels(["Aankomst", "Vertrek", "Kan het?"])
        self.report.horizontalHeader().setStretchLastSection(True)
        self.report.verticalHeader().hide()
        self.report.setMinimumHeight(180)
        layout.addWidget(self.report)
        self.summary = QLabel("Klik op Controleren om te zien welke weken passen.")
        self.summary.setObjectName("series_summary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        self.check_button = QPushButton("Controleren")
        self.check_button.setObjectName("check_series")
        self.check_button.clicked.connect(self.check)
        self.save_button = QPushButton("Reeks opslaan")
        self.save_button.setObjectName("save_series")
        self.save_button.clicked.connect(self.save)
        self.save_button.setEnabled(False)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.check_button)
        buttons.addStretch(1)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        for widget in self.form.fields.values():
            signal = getattr(widget, "textChanged", None) or getattr(
                widget, "currentIndexChanged", None
            )
            if signal is not None:
                signal.connect(lambda *_a: self.save_button.setEnabled(False))

    def _fill_allocations(self) -> None:
        guest_id = self.form.fields["guest_id"].value()
        allocations = list_allocations(self.context.db, guest_id) if guest_id else []
        field = self.form.fields["allocation_id"]
        field.set_choices(
            [(None, "— geen —")]
            + [(a.id, f"{a.funder_name} {a.reference}".strip()) for a in allocations]
        )
        if allocations:
            field.setCurrentIndex(1)

    def _data(self) -> SeriesData | None:
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return None
        if values["end_date"] is not None:
            values["weeks"] = None
        return replace(SeriesData(), **values)

    def check(self) -> list[SeriesOccurrence]:
        data = self._data()
        if data is None:
            return []
        checked = operations.run(
            self.context, lambda: plan_series(self.context.db, data), shown_in=self
        )
        if checked is None:
            return []
        plan = checked.value
        self.form.clear_errors()
        self.message.hide()
        self.report.setRowCount(len(plan))
        for row, occurrence in enumerate(plan):
            text = "vrij" if occurrence.free else occurrence.problem
            if not occurrence.free and occurrence.alternatives:
                text += " Vrij: " + ", ".join(occurrence.alternatives) + "."
            for column, value in enumerate(
                (format_date(occurrence.arrival), format_date(occurrence.departure), text)
            ):
                self.report.setItem(row, column, QTableWidgetItem(value))
        self.report.resizeColumnsToContents()
        free = sum(o.free for o in plan)
        busy = len(plan) - free
        self.summary.setText(
            f"{free} van de {len(plan)} weken passen."
            + (
                f" {busy} {'week' if busy == 1 else 'weken'} niet: die worden overgeslagen."
                if busy
                else ""
            )
        )
        self.save_button.setEnabled(free > 0)
        return plan

    def save(self) -> None:
        data = self._data()
        if data is None:
            return
        outcome = operations.run(
            self.context,
            lambda: with_cap_choice(
                self.context,
                lambda name: create_series(self.context.db, data, cap_accepted_by=name),
            ),
            shown_in=self,
            done=lambda value: _saved_text(value[0]),
        )
        if outcome is not None:
            self.result_ = outcome.value[0]
            self.accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal: under the fields it concerns, the rest (or the reason) as the message."""
        self.form.show_refusal(error, self.message)


def _saved_text(result: SeriesResult) -> str:
    skipped = len(result.skipped)
    return f"Reeks opgeslagen: {len(result.created)} verblijven gepland" + (
        f", {skipped} weken overgeslagen." if skipped else "."
    )
