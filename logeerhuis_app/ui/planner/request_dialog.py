"""An incoming request (aanvraag): register it, change it (kept as history), reject or withdraw."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import date, timedelta

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.enums import Channel, RequesterKind, RequestStatus
from ...house.funders import list_funders
from ...house.guests import GuestData, save_guest, search_guests
from ...planning.planning import WhoAsked
from ...planning.request_history import history
from ...planning.requests import RequestData, reject_request, save_request, withdraw_request
from ...services.errors import ServiceError
from .. import operations
from ..context import AppContext
from ..widgets.fields import ChoiceField, DateField, NoteField, TextField
from ..widgets.form import ERROR_STYLE, Form

OPEN = (RequestStatus.NEW.value, RequestStatus.IN_PROGRESS.value)
NEW_GUEST_MESSAGE = "Kies een gast of vul de achternaam van de nieuwe gast in."


class RequestDialog(QDialog):
    def __init__(
        self, context: AppContext, request: RequestData | None = None, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.request = request or RequestData(
            received_on=date.today(),
            wished_arrival=date.today() + timedelta(days=14),
            wished_departure=date.today() + timedelta(days=17),
        )
        self.saved: RequestData | None = None
        is_new = self.request.id is None
        self.setWindowTitle(
            "Nieuwe aanvraag" if is_new else f"Aanvraag van {self.request.guest_name}"
        )
        self.setMinimumWidth(560)
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        add = self.form.add
        guests = search_guests(context.db, include_inactive=False, limit=5000)
        add(
            grid,
            "guest_id",
            "Gast",
            ChoiceField(
                [(0, "— nieuwe gast (vul hieronder in) —")] + [(g.id, g.name) for g in guests]
            ),
        )
        self.new_guest = QGroupBox("Nieuwe gast")
        new_grid = QFormLayout(self.new_guest)
        add(new_grid, "new_first_name", "Voornaam", TextField(max_length=80))
        add(new_grid, "new_prefix", "Tussenvoegsel", TextField(max_length=20))
        add(new_grid, "new_last_name", "Achternaam", TextField(max_length=80))
        grid.addRow(self.new_guest)
        add(grid, "requester_kind", "Aangevraagd door", ChoiceField(RequesterKind.choices()))
        add(grid, "requester_name", "Naam aanvrager", TextField())
        add(grid, "channel", "Via", ChoiceField(Channel.choices()))
        add(grid, "received_on", "Ontvangen op", DateField(required=True))
        add(grid, "wished_arrival", "Gewenste aankomst", DateField(required=True))
        add(grid, "wished_departure", "Gewenst vertrek", DateField(required=True))
        add(grid, "flexibility", "Hoe flexibel", TextField())
        funders = list_funders(context.db, include_inactive=False)
        add(
            grid,
            "funder_id",
            "Financiering",
            ChoiceField([(None, "— nog onbekend —")] + [(f.id, f.name) for f in funders]),
        )
        statuses = [(s.value, s.label) for s in RequestStatus if s.value in OPEN]
        add(grid, "status", "Status", ChoiceField(statuses))
        add(grid, "notes", "Opmerkingen", NoteField(lines=3))
        self.form.fields["guest_id"].currentIndexChanged.connect(self._guest_changed)
        self.form.set_values(dict(self.request.__dict__))
        self._guest_changed()
        if not is_new:
            layout.addWidget(self._history_label())
        self.message = QLabel()
        self.message.setObjectName("dialog_error")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        if not is_new and self.request.status in OPEN:
            for name, text, slot in (
                ("reject", "Afwijzen…", self.reject_request),
                ("withdraw", "Ingetrokken", self.withdraw),
            ):
                button = QPushButton(text)
                button.setObjectName(f"action_{name}")
                button.clicked.connect(slot)
                buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("save_request")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)

    def _history_label(self) -> QLabel:
        changes = history(self.context.db, request_id=self.request.id)
        lines = [
            f"{c.changed_at.strftime('%d-%m-%Y %H:%M')}: {c.what}"
            + (
                f" (gevraagd door {c.asked_by}" + (f", via {c.channel}" if c.channel else "") + ")"
                if c.asked_by
                else ""
            )
            + (" — minder dan een week van tevoren" if c.late else "")
            for c in changes
        ]
        label = QLabel(
            "<b>Wijzigingen</b><br>" + ("<br>".join(lines) if lines else "Nog geen wijzigingen.")
        )
        label.setObjectName("request_history")
        label.setWordWrap(True)
        return label

    def _guest_changed(self) -> None:
        self.new_guest.setVisible(not self.form.fields["guest_id"].value())

    def save(self) -> None:
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return
        new_names = {k: values.pop(k) for k in ("new_first_name", "new_prefix", "new_last_name")}
        if not values["guest_id"]:
            if not new_names["new_last_name"]:
                self.form.show_errors({"new_last_name": NEW_GUEST_MESSAGE})
                return
            new_guest = GuestData(
                first_name=new_names["new_first_name"],
                prefix=new_names["new_prefix"],
                last_name=new_names["new_last_name"],
            )
            # Saved on its own: a refused request then keeps the guest, chosen in the form.
            added = operations.run(
                self.context, lambda: save_guest(self.context.db, new_guest), shown_in=self
            )
            if added is None:
                return
            guest = added.value
            values["guest_id"] = guest.id
            self.form.fields["guest_id"].set_choices(
                [*self._choices(), (guest.id, guest.display_name)]
            )
            self.form.fields["guest_id"].set_value(guest.id)
        who = WhoAsked(
            values["requester_name"] or RequesterKind(values["requester_kind"]).label,
            values["channel"],
        )
        request = replace(self.request, **values)
        self._finish(lambda: save_request(self.context.db, request, who=who))

    def _choices(self) -> list[tuple[object, str]]:
        field = self.form.fields["guest_id"]
        return [(field.itemData(i), field.itemText(i)) for i in range(field.count())]

    def _saved_id(self) -> int:
        assert self.request.id is not None  # only a saved request can be rejected or withdrawn
        return self.request.id

    def reject_request(self) -> None:
        reason = self.context.prompter.ask_text("Aanvraag afwijzen", "Reden van de afwijzing:")
        if not reason:
            return
        request_id = self._saved_id()
        self._finish(lambda: reject_request(self.context.db, request_id, reason))

    def withdraw(self) -> None:
        request_id = self._saved_id()
        self._finish(lambda: withdraw_request(self.context.db, request_id))

    def _finish(self, op: Callable[[], RequestData]) -> None:
        """Save, reject or withdraw; keep what was saved and close, or show the refusal."""
        outcome = operations.run(
            self.context,
            op,
            shown_in=self,
            done=lambda saved: (
                f"Aanvraag van {saved.guest_name}: {RequestStatus(saved.status).label.lower()}."
            ),
        )
        if outcome is not None:
            self.saved = outcome.value
            self.accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal: under the fields it concerns, the rest (or the reason) as the message."""
        self.form.show_refusal(error, self.message)
