"""A stay by keyboard: create one, or open one to change, check in or out, or cancel."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Channel, StayStatus
from ...house.allocations import list_allocations
from ...house.guests import search_guests
from ...planning.planner_view import PlannerBed, PlannerStay
from ...services.errors import ServiceError, ValidationError
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField, NoteField, TextField
from ..widgets.form import ERROR_STYLE, Form


class StayDialog(QDialog):
    """For a new stay `stay` is None; the dialog then returns its values in `values`.

    For an existing stay the action buttons report the chosen action in `action`
    ('move', 'check_in', 'check_out', 'cancel', 'confirm') with `values`.
    """

    def __init__(
        self,
        context: AppContext,
        beds: tuple[PlannerBed, ...],
        *,
        stay: PlannerStay | None = None,
        bed_id: int | None = None,
        arrival: date | None = None,
        departure: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context, self.stay, self.beds = context, stay, beds
        self.action = ""
        self.values: dict[str, Any] = {}
        self.setWindowTitle("Nieuw verblijf" if stay is None else f"Verblijf van {stay.guest_name}")
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        guests = search_guests(context.db, include_inactive=False, limit=5000)
        guest_choices = [(0, "— kies een gast —")] + [(g.id, g.name) for g in guests]
        self.form.add(grid, "guest_id", "Gast", ChoiceField(guest_choices))
        self.form.add(grid, "bed_id", "Kamer", ChoiceField([(b.bed_id, b.label) for b in beds]))
        self.form.add(grid, "arrival", "Aankomst", DateField(required=True))
        self.form.add(grid, "departure", "Vertrek", DateField(required=True))
        self.form.add(grid, "allocation_id", "Financiering", ChoiceField([(None, "— geen —")]))
        planned = (StayStatus.OPTION, StayStatus.CONFIRMED)
        statuses = [(s.value, s.label) for s in (planned if stay is None else StayStatus)]
        self.form.add(grid, "status", "Status", ChoiceField(statuses))
        self.form.add(grid, "notes", "Notitie voor het team", NoteField(lines=2))
        if stay is not None:  # who asked for a change, kept in the history
            self.form.add(grid, "asked_by", "Wijziging gevraagd door", TextField())
            self.form.add(grid, "channel", "Via", ChoiceField([("", "—"), *Channel.choices()]))
        self.form.fields["guest_id"].currentIndexChanged.connect(self._fill_allocations)
        start = arrival or (stay.arrival if stay else date.today())
        self.form.set_values(
            {
                "guest_id": stay.guest_id if stay else 0,
                "bed_id": stay.bed_id if stay else (bed_id or (beds[0].bed_id if beds else 0)),
                "arrival": start,
                "departure": departure or (stay.departure if stay else start + timedelta(days=2)),
                "status": stay.status if stay else StayStatus.CONFIRMED.value,
                "notes": stay.notes if stay else "",
            }
        )
        self._fill_allocations()
        if stay is not None:
            self.form.fields["guest_id"].setEnabled(False)
            self.form.fields["status"].setEnabled(False)
            self.form.fields["allocation_id"].setEnabled(False)
            info = QLabel(self._info_text(stay))
            info.setWordWrap(True)
            layout.addWidget(info)
            layout.addWidget(self._history(stay))
        self.message = QLabel()
        self.message.setObjectName("dialog_error")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        layout.addLayout(self._buttons())

    def _info_text(self, stay: PlannerStay) -> str:
        parts = [f"Status: {StayStatus(stay.status).label}."]
        if stay.intake_summary:
            parts.append(stay.intake_summary)
        if stay.funder_name:
            parts.append(
                f"Financier: {stay.funder_name}"
                + (f" ({stay.cap_text})." if stay.cap_text else ".")
            )
        if stay.series_id:
            parts.append("Onderdeel van een reeks (vaste logeerdagen).")
        parts += [f"⚠ {w}" for w in stay.warnings]
        return " ".join(parts)

    def _history(self, stay: PlannerStay) -> QLabel:
        from ...planning.request_history import history

        changes = history(self.context.db, stay_id=stay.id)[:6]
        lines = [
            f"{c.changed_at.strftime('%d-%m-%Y')}: {c.what}"
            + (f" ({c.asked_by})" if c.asked_by else "")
            + (" — laat" if c.late else "")
            for c in changes
        ]
        label = QLabel("<b>Wijzigingen</b><br>" + "<br>".join(lines) if lines else "")
        label.setObjectName("stay_history")
        label.setWordWrap(True)
        return label

    def _buttons(self) -> QHBoxLayout:
        row = QHBoxLayout()
        stay = self.stay
        if stay is not None:
            status = StayStatus(stay.status)
            actions = []
            if status == StayStatus.OPTION:
                actions.append(("confirm", "Bevestigen"))
            if status in (StayStatus.OPTION, StayStatus.CONFIRMED):
                actions += [("check_in", "Inchecken"), ("cancel", "Annuleren…")]
            if status in (StayStatus.OPTION, StayStatus.CONFIRMED, StayStatus.PRESENT):
                actions.insert(0, ("intake", "Intake…"))
            if status == StayStatus.PRESENT:
                actions.append(("check_out", "Uitchecken"))
            if status in (StayStatus.PRESENT, StayStatus.DEPARTED):
                actions += [
                    ("doc_departure", "Vertrekchecklist"),
                    ("doc_evaluation", "Evaluatiebrief"),
                ]
            if stay.series_id and status in (StayStatus.OPTION, StayStatus.CONFIRMED):
                actions.append(("series_later", "Reeks vanaf hier wijzigen"))
            for name, text in actions:
                button = QPushButton(text)
                button.setObjectName(f"action_{name}")
                button.clicked.connect(lambda _c=False, n=name: self._act(n))
                row.addWidget(button)
        row.addStretch(1)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        box.button(QDialogButtonBox.StandardButton.Save).setText("Opslaan")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        box.accepted.connect(lambda: self._act("move" if stay is not None else "create"))
        box.rejected.connect(self.reject)
        row.addWidget(box)
        if stay is not None and StayStatus(stay.status) in (
            StayStatus.DEPARTED,
            StayStatus.CANCELLED,
        ):
            box.button(QDialogButtonBox.StandardButton.Save).setEnabled(False)
        return row

    def _fill_allocations(self) -> None:
        guest_id = self.form.fields["guest_id"].value()
        allocations = list_allocations(self.context.db, guest_id) if guest_id else []
        field = self.form.fields["allocation_id"]
        field.set_choices(
            [(None, "— geen —")]
            + [(a.id, f"{a.funder_name} {a.reference}".strip()) for a in allocations]
        )
        if allocations and field.value() is None:
            field.setCurrentIndex(1)

    def _act(self, action: str) -> None:
        values, problems = self.form.read()
        if action == "intake" or action.startswith("doc_"):
            problems = {}
        if action in ("create", "move", "series_later") and not problems:
            if not values.get("guest_id"):
                problems["guest_id"] = "Kies de gast."
            elif values["departure"] <= values["arrival"]:
                problems["departure"] = "Het vertrek moet na de aankomst liggen."
        if problems:
            self.form.show_errors(problems)
            return
        self.values, self.action = values, action
        self.accept()

    def show_error(self, error: ServiceError) -> None:
        """The page reports a refused action here, keeping the dialog and what was typed."""
        rest = (
            self.form.show_errors(error.field_errors)
            if isinstance(error, ValidationError)
            else error.message
        )
        self.message.setText(rest or error.message)
        self.message.show()


def now() -> datetime:
    return datetime.now().replace(microsecond=0)
