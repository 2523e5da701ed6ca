"""The intake checklist of one stay: every item with answer, date, staff member and note."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.intake import GATE_CHECK_IN, GATE_CONFIRM, GROUPS, ITEMS, Answer, Item, open_text
from ...domain.validation import InvalidValue
from ...intake.intake import expiry_note, get_intake, save_intake
from ...intake.intake_reading import IntakeData
from ...services.errors import ServiceError, ValidationError
from .. import operations
from ..context import AppContext
from ..document_actions import save_pdf
from ..widgets.fields import DateField, TextField
from ..widgets.form import ERROR_STYLE

YES_NO = (("ja", "Ja"), ("nee", "Nee"))


class ItemRow:
    """The widgets of one checklist item."""

    def __init__(self, item: Item, grid: QGridLayout, row: int) -> None:
        self.item = item
        question = QLabel(item.question)
        question.setWordWrap(True)
        question.setMinimumWidth(260)
        grid.addWidget(question, row, 0)
        self.answer = QComboBox()
        self.answer.setObjectName(f"answer_{item.key}")
        self.answer.addItem("—", "")
        for value, label in item.options or YES_NO:
            self.answer.addItem(label, value)
        grid.addWidget(self.answer, row, 1)
        self.day = DateField()
        self.day.setObjectName(f"date_{item.key}")
        grid.addWidget(self.day, row, 2)
        self.staff = TextField(max_length=60)
        self.staff.setPlaceholderText("medewerker")
        self.staff.setObjectName(f"staff_{item.key}")
        grid.addWidget(self.staff, row, 3)
        self.note = TextField()
        self.note.setPlaceholderText("naam SO" if item.with_name else "notitie")
        self.note.setObjectName(f"note_{item.key}")
        grid.addWidget(self.note, row, 4)
        self.valid_until = DateField()
        self.valid_until.setPlaceholderText("geldig tot")
        self.valid_until.setVisible(item.key == "wzd_art21")
        grid.addWidget(self.valid_until, row, 5)
        self.confirm = QCheckBox("bevestigd")
        self.confirm.setObjectName(f"confirm_{item.key}")
        self.confirm.setStyleSheet("color: #b35c00;")
        grid.addWidget(self.confirm, row, 6)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.hide()
        grid.addWidget(self.error, row + 1, 0, 1, 7)
        self.answer.currentIndexChanged.connect(lambda _i: self.confirm.setChecked(True))

    def show(self, answer: Answer | None) -> None:
        answer = answer or Answer()
        self.answer.setCurrentIndex(max(self.answer.findData(answer.value), 0))
        self.day.set_value(answer.answered_on)
        self.staff.set_value(answer.staff)
        self.note.set_value(answer.note)
        self.valid_until.set_value(answer.valid_until)
        self.confirm.setChecked(answer.confirmed)
        self.confirm.setVisible(not answer.confirmed)  # only carried-over answers ask for it

    def read(self, today: date, staff: str) -> Answer | None:
        value = self.answer.currentData() or ""
        day = self.day.value()
        if not value and not self.note.value():
            return None
        return Answer(
            value=value,
            answered_on=day or today,
            staff=self.staff.value() or staff,
            note=self.note.value(),
            valid_until=self.valid_until.value(),
            confirmed=self.confirm.isChecked(),
        )


class IntakeDialog(QDialog):
    def __init__(
        self, context: AppContext, stay_id: int, guest_name: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.stay_id = stay_id
        self.intake: IntakeData = get_intake(context.db, stay_id)
        self.setWindowTitle(f"Intake van {guest_name}")
        self.slug = "-".join(guest_name.lower().split()) or str(stay_id)
        self.resize(1100, 720)
        layout = QVBoxLayout(self)
        self.state_label = QLabel()
        self.state_label.setObjectName("intake_state")
        self.state_label.setWordWrap(True)
        layout.addWidget(self.state_label)
        staff_row = QHBoxLayout()
        staff_row.addWidget(QLabel("Ingevuld door:"))
        self.default_staff = TextField(max_length=60)
        self.default_staff.setObjectName("intake_staff")
        staff_row.addWidget(self.default_staff)
        staff_row.addStretch(1)
        layout.addLayout(staff_row)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        inner = QWidget()
        column = QVBoxLayout(inner)
        self.rows: dict[str, ItemRow] = {}
        for group in GROUPS:
            box = QGroupBox(group)
            grid = QGridLayout(box)
            for index, item in enumerate(i for i in ITEMS if i.group == group):
                self.rows[item.key] = ItemRow(item, grid, index * 2)
            grid.setColumnStretch(4, 1)
            column.addWidget(box)
        scroll.setWidget(inner)
        layout.addWidget(scroll, 1)
        self.message = QLabel()
        self.message.setObjectName("dialog_error")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QHBoxLayout()
        for name, text, slot in (
            ("form_pdf", "Intakeformulier (PDF)", self.form_pdf),
            ("blank_pdf", "Leeg formulier (PDF)", self.blank_pdf),
            ("statement_pdf", "Verklaring logeerzorg (PDF)", self.statement_pdf),
        ):
            button = QPushButton(text)
            button.setObjectName(name)
            button.clicked.connect(lambda _c=False, f=slot: f())
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.save_button = QPushButton("Opslaan")
        self.save_button.setObjectName("save_intake")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        close = QPushButton("Sluiten")
        close.clicked.connect(self.reject)
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self._show(self.intake)

    def form_pdf(self) -> None:
        from ...intake.intake_documents import intake_form_pdf

        if self.save():  # the form shows what is on screen
            save_pdf(
                self.context,
                "Intakeformulier",
                f"intake-{self.slug}.pdf",
                lambda: intake_form_pdf(self.context.db, self.stay_id),
            )

    def blank_pdf(self) -> None:
        from ...intake.intake_documents import intake_form_pdf

        save_pdf(
            self.context,
            "Leeg intakeformulier",
            f"intake-leeg-{self.slug}.pdf",
            lambda: intake_form_pdf(self.context.db, self.stay_id, blank=True),
        )

    def statement_pdf(self) -> None:
        from ...intake.intake_documents import statement_pdf

        save_pdf(
            self.context,
            "Verklaring logeerzorg",
            f"verklaring-{self.slug}.pdf",
            lambda: statement_pdf(self.context.db, self.stay_id),
        )

    def _show(self, intake: IntakeData) -> None:
        for key, row in self.rows.items():
            row.show(intake.answers.get(key))
        lines = [f"<b>{intake.summary}</b>"]
        if intake.carried_from:
            lines.append("Overgenomen van het vorige verblijf: bevestig wat nog klopt (oranje).")
        for gate, label in ((GATE_CONFIRM, "Bevestigen"), (GATE_CHECK_IN, "Inchecken")):
            still = intake.state.open_items.get(gate, ())
            lines.append(f"{label}: " + (open_text(still) if still else "in orde."))
        note = expiry_note(intake)
        if note:
            lines.append(f"<span style='color:#b00020'>{note}</span>")
        for o in intake.overrides:
            lines.append(
                f"<i>Overruled ({o.gate}) door {o.given_by} op "
                f"{format_date(o.given_at.date())}: {o.reason}</i>"
            )
        self.state_label.setText("<br>".join(lines))

    def answers(self) -> dict[str, Answer]:
        today = date.today()
        staff = self.default_staff.value()
        result: dict[str, Answer] = {}
        problems: dict[str, str] = {}
        for key, row in self.rows.items():
            row.error.hide()
            try:
                answer = row.read(today, staff)
            except InvalidValue as exc:
                problems[key] = exc.message
                continue
            if answer is not None:
                result[key] = answer
        if problems:
            raise ValidationError(problems)
        return result

    def save(self) -> bool:
        outcome = operations.run(
            self.context,
            lambda: save_intake(self.context.db, self.stay_id, self.answers()),
            shown_in=self,
            done=lambda intake: f"Intake opgeslagen. {intake.summary}",
        )
        if outcome is None:
            return False
        self.intake = outcome.value
        self.message.hide()
        self._show(self.intake)
        return True

    def show_error(self, error: ServiceError) -> None:
        """A refusal: under the items it concerns, or the reason as the message."""
        text = error.message
        if isinstance(error, ValidationError):
            unknown = []
            for key, message in error.field_errors.items():
                row = self.rows.get(key)
                if row is None:
                    unknown.append(message)
                    continue
                row.error.setText(message)
                row.error.show()
            text = " ".join(unknown) or "Niet opgeslagen: controleer de rood gemarkeerde punten."
        self.message.setText(text)
        self.message.show()
