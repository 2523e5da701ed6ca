"""The allocations of the guest in the editor: a list with add, change and remove."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.enums import AllocationKind, VolumeFrequency
from ...house.allocations import AllocationData, delete_allocation, list_allocations
from ...house.wlz_elsewhere import nights_elsewhere, set_nights_elsewhere
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.record_table import Column, RecordTableModel
from .allocation_dialog import AllocationDialog


def _period(a: AllocationData) -> str:
    return f"{format_date(a.start_date)} t/m {format_date(a.end_date) or 'open'}"


def _volume(a: AllocationData) -> str:
    if a.volume is None:
        return ""
    return f"{a.volume} {VolumeFrequency(a.volume_frequency).label.lower()}"


COLUMNS = (
    Column("Financier", lambda a: a.funder_name),
    Column("Soort", lambda a: AllocationKind(a.kind).label),
    Column("Kenmerk", lambda a: a.reference),
    Column("Periode", _period),
    Column("Volume", _volume),
    Column("Profiel", lambda a: a.care_profile),
    Column("Contract", lambda a: a.contract_name),
)


class AllocationsPanel(QWidget):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.guest_id: int | None = None
        layout = QVBoxLayout(self)
        self.hint = QLabel("Sla de gast eerst op; daarna kunt u toewijzingen toevoegen.")
        layout.addWidget(self.hint)
        self.model = RecordTableModel(COLUMNS, self)
        self.model.dimmed = lambda a: a.end_date is not None and a.end_date < date.today()
        self.table = QTableView()
        self.table.setObjectName("allocations_table")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QTableView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit_selected())
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Toewijzing toevoegen")
        self.add_button.setObjectName("add_allocation")
        self.add_button.clicked.connect(self.add)
        self.edit_button = QPushButton("Wijzigen")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Verwijderen")
        self.delete_button.clicked.connect(self.delete_selected)
        for button in (self.add_button, self.edit_button, self.delete_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout.addLayout(buttons)
        elsewhere = QHBoxLayout()
        self.elsewhere_label = QLabel()
        self.elsewhere = QLineEdit()
        self.elsewhere.setObjectName("wlz_elsewhere")
        self.elsewhere.setMaximumWidth(60)
        self.elsewhere_button = QPushButton("Opslaan")
        self.elsewhere_button.setObjectName("save_wlz_elsewhere")
        self.elsewhere_button.clicked.connect(self.save_elsewhere)
        elsewhere.addWidget(self.elsewhere_label)
        elsewhere.addWidget(self.elsewhere)
        elsewhere.addWidget(self.elsewhere_button)
        elsewhere.addStretch(1)
        layout.addLayout(elsewhere)
        self.show_guest(None)

    def show_guest(self, guest_id: int | None) -> None:
        self.guest_id = guest_id
        self.hint.setVisible(guest_id is None)
        for button in (self.add_button, self.edit_button, self.delete_button):
            button.setEnabled(guest_id is not None)
        records = list_allocations(self.context.db, guest_id) if guest_id is not None else []
        self.model.set_records(records)
        self.table.resizeColumnsToContents()
        year = date.today().year
        self.elsewhere_label.setText(f"Wlz-logeernachten elders gebruikt in {year}:")
        used = nights_elsewhere(self.context.db, guest_id, year) if guest_id is not None else 0
        self.elsewhere.setText(str(used) if used else "")
        self.elsewhere.setEnabled(guest_id is not None)
        self.elsewhere_button.setEnabled(guest_id is not None)

    def save_elsewhere(self) -> None:
        if self.guest_id is None:
            return
        text = self.elsewhere.text().strip() or "0"
        if not text.isdigit():
            refusal = ServiceError("Vul een aantal nachten in (een heel getal).")
            operations.show_error(self.context, refusal, title="Niet opgeslagen")
            return
        guest_id, year = self.guest_id, date.today().year
        operations.run(
            self.context,
            lambda: set_nights_elsewhere(self.context.db, guest_id, year, int(text)),
            title="Niet opgeslagen",
            done="Wlz-nachten elders opgeslagen; ze tellen mee voor de 156.",
        )

    def _selected(self) -> AllocationData | None:
        index = self.table.currentIndex()
        return self.model.record(index.row()) if index.isValid() else None

    def add(self) -> None:
        if self.guest_id is not None:
            self._open(AllocationData(guest_id=self.guest_id, start_date=date.today()))

    def edit_selected(self) -> None:
        allocation = self._selected()
        if allocation is not None:
            self._open(allocation)

    def _open(self, allocation: AllocationData) -> None:
        dialog = AllocationDialog(self.context, allocation, self)
        if self.context.prompter.run_dialog(dialog):  # it saved through operations.run
            self.context.status("Toewijzing opgeslagen.")
            self.show_guest(self.guest_id)

    def delete_selected(self) -> None:
        allocation = self._selected()
        if allocation is None:
            return
        if not self.context.prompter.confirm(
            "Toewijzing verwijderen", f"Toewijzing {allocation.reference or ''} verwijderen?"
        ):
            return
        allocation_id = allocation.id
        assert allocation_id is not None  # listed, so saved
        operations.run(
            self.context,
            lambda: delete_allocation(self.context.db, allocation_id),
            lambda _done: self.show_guest(self.guest_id),
            title="Niet verwijderd",
        )
