"""A bed reserved by a funder for a period (e.g. a municipality's crisis bed)."""

from __future__ import annotations

from datetime import date
from typing import cast

from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.enums import TariffModel
from ...domain.validation import InvalidValue
from ...house.contracts import list_contracts
from ...house.funders import list_funders
from ...house.reservations import (
    ReservationData,
    list_reservations,
    remove_reservation,
    reserve_bed,
)
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField
from ..widgets.form import ERROR_STYLE
from .reservation_allocation_dialog import ReservationAllocationDialog


class ReservationsPanel(QGroupBox):
    def __init__(self, context: AppContext, parent: QWidget | None = None) -> None:
        super().__init__("Gereserveerd door een financier (betaald per dag, bezet of niet)", parent)
        self.context = context
        self.bed_ids: tuple[int, ...] = ()
        self.shown: dict[int, ReservationData] = {}  # reservation id -> as listed
        layout = QVBoxLayout(self)
        self.list = QListWidget()
        self.list.setObjectName("reservations")
        self.list.setMaximumHeight(48)
        self.list.setWordWrap(True)  # a line with the bed's toewijzing is long
        listed = QHBoxLayout()
        listed.addWidget(self.list, 1)
        chosen = QVBoxLayout()  # what to do with the reservation chosen in the list
        listed.addLayout(chosen)
        layout.addLayout(listed)
        row = QHBoxLayout()
        self.bed = ChoiceField([])
        self.bed.setObjectName("reservation_bed")
        self.contract = ChoiceField([])
        self.contract.setObjectName("reservation_contract")
        self.start = DateField(required=True)
        self.start.setObjectName("reservation_start")
        self.last = DateField(required=True)
        self.last.setObjectName("reservation_last")
        # Two rows: on one the contract's name and the dates were cut off ("Gemeent", "dd-…").
        row.addWidget(QLabel("Bed"))
        row.addWidget(self.bed)
        row.addWidget(QLabel("Contract"))
        row.addWidget(self.contract, 1)
        layout.addLayout(row)
        row = QHBoxLayout()
        for label, widget in (("Van", self.start), ("t/m", self.last)):
            row.addWidget(QLabel(label))
            row.addWidget(widget)
        self.add_button = QPushButton("Reserveren")
        self.add_button.setObjectName("add_reservation")
        self.add_button.clicked.connect(self.add)
        remove = QPushButton("Reservering weghalen")
        remove.clicked.connect(self.remove)
        self.allocation_button = QPushButton("Toewijzing…")
        self.allocation_button.setObjectName("reservation_allocation")
        self.allocation_button.setToolTip(
            "De cliënt en het toewijzingnummer die de gemeente voor dit bed gaf: daarop gaan de "
            "lege dagen in de WMO323"
        )
        self.allocation_button.clicked.connect(self.edit_allocation)
        row.addWidget(self.add_button)
        row.addStretch(1)
        chosen.addWidget(self.allocation_button)
        chosen.addWidget(remove)
        chosen.addStretch(1)  # beside the list: the page is no taller than before
        layout.addLayout(row)
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def show_room(self, bed_ids: tuple[int, ...]) -> None:
        self.bed_ids = bed_ids
        self.setEnabled(bool(bed_ids))
        self.message.hide()
        self.bed.set_choices([(bed_id, f"bed {n}") for n, bed_id in enumerate(bed_ids, start=1)])
        names = {f.id: f.name for f in list_funders(self.context.db)}
        contracts = [
            c for c in list_contracts(self.context.db) if c.tariff_model == TariffModel.RESERVED_BED
        ]
        self.contract.set_choices(
            [(c.id, f"{names.get(c.funder_id, '')}: {c.name}") for c in contracts]
        )
        self.list.clear()
        self.shown = {}
        for r in list_reservations(self.context.db, date(1900, 1, 1), date(2200, 1, 1)):
            if r.bed_id in bed_ids:
                number = bed_ids.index(r.bed_id) + 1
                item = QListWidgetItem(
                    f"bed {number}: {format_date(r.start)} t/m {format_date(r.last_day)}, "
                    f"{r.funder_name}{allocation_text(r)}"
                )
                item.setData(256, r.id)
                item.setToolTip(item.text())
                assert r.id is not None  # listed, so saved
                self.shown[r.id] = r
                self.list.addItem(item)

    def add(self) -> None:
        try:
            start, last = self.start.value(), self.last.value()
            assert start is not None and last is not None  # required fields: None raises
            if self.contract.value() is None:
                raise InvalidValue(
                    "Maak eerst een contract met het tariefmodel 'per gereserveerde dag'."
                )
        except InvalidValue as exc:
            self._say(exc.message)
            return
        reservation = ReservationData(
            None, cast(int, self.bed.value()), cast(int, self.contract.value()), start, last
        )
        operations.run(
            self.context,
            lambda: reserve_bed(self.context.db, reservation),
            lambda _done: self.show_room(self.bed_ids),
            shown_in=self,
            done="Bed gereserveerd.",
        )

    def remove(self) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        reservation_id = int(item.data(256))
        operations.run(
            self.context,
            lambda: remove_reservation(self.context.db, reservation_id),
            lambda _done: self.show_room(self.bed_ids),
            shown_in=self,
        )

    def edit_allocation(self) -> None:
        item = self.list.currentItem()
        if item is None:
            self._say("Kies eerst een reservering in de lijst.")
            return
        dialog = ReservationAllocationDialog(self.context, self.shown[int(item.data(256))], self)
        if not self.context.prompter.run_dialog(dialog):  # it saves through operations.run
            return
        self.context.status("Toewijzing van het bed opgeslagen.")
        self.show_room(self.bed_ids)

    def show_error(self, error: ServiceError) -> None:
        """A refusal (operations.run): no field marks here, so the field messages themselves."""
        self._say(error.detail)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()


def allocation_text(r: ReservationData) -> str:
    """What the WMO323 does with the bed's empty days (only a municipality declares them)."""
    if r.has_allocation:
        return f"; toewijzing {r.allocation_reference} ({r.allocation_guest_name})"
    if r.funder_kind == "gemeente":
        return "; geen toewijzing: lege dagen niet in de WMO323"
    return ""
