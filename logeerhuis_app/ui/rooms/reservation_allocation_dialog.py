"""The toewijzing a municipality gave for a reserved bed: the client its empty days are declared
on in the WMO323 and the toewijzingnummer (decision 0033). Empty both to remove it."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.dates import format_date
from ...house.guests import search_guests
from ...house.reservations import ReservationData, set_reservation_allocation
from ...services.errors import ServiceError, ValidationError
from ..context import AppContext
from ..widgets.fields import ChoiceField, TextField
from ..widgets.form import ERROR_STYLE, Form


class ReservationAllocationDialog(QDialog):
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
        self.message = QLabel()
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _clients(self) -> list[tuple[object, str]]:
        """Guests with a BSN (iWmo declares on a BSN), and the current client in any case."""
        current = self.reservation.allocation_guest_id
        choices: list[tuple[object, str]] = [(None, "— geen toewijzing —")]
        for g in search_guests(self.context.db):
            if (g.bsn and g.active) or g.id == current:
                born = f"{format_date(g.date_of_birth)}, " if g.date_of_birth else ""
                choices.append((g.id, f"{g.name} ({born}{g.city or 'woonplaats onbekend'})"))
        return choices

    def save(self) -> None:
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return
        assert self.reservation.id is not None  # the dialog is for a saved reservation
        try:
            self.saved = set_reservation_allocation(
                self.context.db,
                self.reservation.id,
                values["allocation_guest_id"],
                values["allocation_reference"],
                version=self.reservation.version,
            )
        except ValidationError as exc:
            rest = self.form.show_errors(exc.field_errors)
            self._say(rest or "Controleer de rood gemarkeerde velden.")
            return
        except ServiceError as exc:
            self._say(exc.message)
            return
        self.accept()

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
