"""A stay by keyboard: create one, or open one to change, check in or out, or cancel."""

from __future__ import annotations

from collections.abc import Callable
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
from ...planning.stays import NewStay
from ...services.errors import ServiceError
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField, NoteField, TextField
from ..widgets.form import ERROR_STYLE, Form
from .stay_choices import (
    CancelStay,
    ChangeSeriesLater,
    ChangeStatus,
    DocumentKind,
    MoveStay,
    OpenIntake,
    SaveDocument,
    StatusStep,
    StayChoice,
)


class StayDialog(QDialog):
    """Accepted, `choice` says what to do: for a new stay (`stay` None) a `NewStay`, for an
    existing one the typed choice of the button pressed (planner/stay_choices.py)."""

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
        self.choice: StayChoice | None = None
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
            for name, text, choose in self._actions(stay):
                button = QPushButton(text)
                button.setObjectName(f"action_{name}")
                button.clicked.connect(lambda _c=False, f=choose: self._choose(f))
                row.addWidget(button)
        row.addStretch(1)
        box = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        save = box.button(QDialogButtonBox.StandardButton.Save)
        save.setText("Opslaan")
        save.setObjectName("save_stay")
        box.button(QDialogButtonBox.StandardButton.Cancel).setText("Sluiten")
        box.accepted.connect(lambda: self._choose(self._new if stay is None else self._move))
        box.rejected.connect(self.reject)
        row.addWidget(box)
        if stay is not None and StayStatus(stay.status) in (
            StayStatus.DEPARTED,
            StayStatus.CANCELLED,
        ):
            save.setEnabled(False)
        return row

    def _actions(self, stay: PlannerStay) -> list[tuple[str, str, Callable[[], StayChoice | None]]]:
        """The buttons an existing stay offers in its status: (object name, text, choice)."""
        status = StayStatus(stay.status)
        planned = status in (StayStatus.OPTION, StayStatus.CONFIRMED)
        actions: list[tuple[str, str, Callable[[], StayChoice | None]]] = []
        if planned or status == StayStatus.PRESENT:
            actions.append(("intake", "Intake…", OpenIntake))
        if status == StayStatus.OPTION:
            actions.append(("confirm", "Bevestigen", lambda: self._status(StatusStep.CONFIRM)))
        if planned:
            actions += [
                ("check_in", "Inchecken", lambda: self._status(StatusStep.CHECK_IN)),
                ("cancel", "Annuleren…", CancelStay),
            ]
        if status == StayStatus.PRESENT:
            actions.append(("check_out", "Uitchecken", lambda: self._status(StatusStep.CHECK_OUT)))
        if status in (StayStatus.PRESENT, StayStatus.DEPARTED):
            actions += [
                ("doc_departure", "Vertrekchecklist", lambda: SaveDocument(DocumentKind.DEPARTURE)),
                ("doc_evaluation", "Evaluatiebrief", lambda: SaveDocument(DocumentKind.EVALUATION)),
            ]
        if stay.series_id and planned:
            actions.append(("series_later", "Reeks vanaf hier wijzigen", self._series_later))
        return actions

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

    def _choose(self, choose: Callable[[], StayChoice | None]) -> None:
        """Keep what the button asks for and close; a field problem keeps the dialog open."""
        choice = choose()
        if choice is not None:
            self.choice = choice
            self.accept()

    def _read(self, *, planned: bool = False) -> dict[str, Any] | None:
        """The fields, or None after marking what is wrong; `planned`: a guest and at least a
        night are needed too."""
        values, problems = self.form.read()
        if planned and not problems:
            if not values.get("guest_id"):
                problems["guest_id"] = "Kies de gast."
            elif values["departure"] <= values["arrival"]:
                problems["departure"] = "Het vertrek moet na de aankomst liggen."
        if problems:
            self.form.show_errors(problems)
            return None
        return values

    def _new(self) -> NewStay | None:
        values = self._read(planned=True)
        if values is None:
            return None
        bed_id = values["bed_id"]
        return NewStay(
            guest_id=values["guest_id"],
            room_id=next(b.room_id for b in self.beds if b.bed_id == bed_id),
            bed_id=bed_id,
            arrival=values["arrival"],
            departure=values["departure"],
            status=values["status"],
            allocation_id=values["allocation_id"],
            notes=values["notes"],
        )

    def _move(self) -> MoveStay | None:
        values = self._read(planned=True)
        if values is None:
            return None
        return MoveStay(
            values["bed_id"],
            values["arrival"],
            values["departure"],
            asked_by=values["asked_by"],
            channel=values["channel"] or "",
        )

    def _series_later(self) -> ChangeSeriesLater | None:
        values = self._read(planned=True)
        if values is None:
            return None
        return ChangeSeriesLater(values["bed_id"], values["arrival"], values["departure"])

    def _status(self, step: StatusStep) -> ChangeStatus | None:
        """A check-in happens on the arrival date as typed, a check-out on the departure."""
        values = self._read()
        if values is None:
            return None
        day = {StatusStep.CHECK_IN: "arrival", StatusStep.CHECK_OUT: "departure"}.get(step)
        when = datetime.combine(values[day], datetime.now().time()) if day else None
        return ChangeStatus(step, when)

    def show_error(self, error: ServiceError) -> None:
        """A refusal: under the fields it concerns, the rest (or the reason) as the message."""
        self.form.show_refusal(error, self.message)
