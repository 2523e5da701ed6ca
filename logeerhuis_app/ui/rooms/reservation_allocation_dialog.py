"""The toewijzing a municipality gave for a reserved bed: the client its empty days are declared
on in the WMO323 and the toewijzingnummer (decision 0033). Empty both to remove it."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.dates import format_date
from ...house.guests import search_guests
from ...house.reservations import ReservationData, set_reservation_allocation
from ..context import AppContext
from ..widgets.fields import ChoiceField, TextField
from ..widgets.form import Form
from ..widgets.form_dialog import FormDialog


class ReservationAllocationDialog(FormDialog):
    def __init__(
        self, context: AppContext, reservation: ReservationData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.reservation = reservation
        self.saved: ReservationData | None = None
        self.setWindowTitle("Toewijzing voor het gereserveerde bed")
        self.setMinimumWidth(460)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"{reservation.funder_name}, {format_date(reservation.start)} t/m "
            f"{format_date(reservation.last_day)}. De lege dagen van het bed gaan in de WMO323 "
            "op de cliënt en het toewijzingnummer die de gemeente voor het bed gaf. Laat beide "
            "leeg als er geen toewijzing is (dan staan de lege dagen alleen op de samenvatting)."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        self.form.add(grid, "allocation_guest_id", "Cliënt", ChoiceField(self._clients()))
        self.form.add(grid, "allocation_reference", "Toewijzingnummer", TextField(max_length=50))
        self.form.set_values(
            {
                "allocation_guest_id": reservation.allocation_guest_id,
                "allocation_reference": reservation.allocation_reference,
            }
        )
        self.add_message_and_buttons(layout)

    def _clients(self) -> list[tuple[object, str]]:
        """Guests with a BSN (iWmo declares on a BSN), and the current client in any case."""
        current = self.reservation.allocation_guest_id
        choices: list[tuple[object, str]] = [(None, "— geen toewijzing —")]
        for g in search_guests(self.context.db):
            if (g.bsn and g.active) or g.id == current:
                born = f"{format_date(g.date_of_birth)}, " if g.date_of_birth else ""
                choices.append((g.id, f"{g.name} ({born}{g.city or 'woonplaats onbekend'})"))
        return choices

    def store(self, values: dict[str, Any]) -> None:
        assert self.reservation.id is not None  # the dialog is for a saved reservation
        self.saved = set_reservation_allocation(
            self.context.db,
            self.reservation.id,
            values["allocation_guest_id"],
            values["allocation_reference"],
            version=self.reservation.version,
        )
