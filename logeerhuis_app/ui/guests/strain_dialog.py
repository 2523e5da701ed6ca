"""Belasting mantelzorger: record the Caregiver Strain Index (CSI) of one carer, with consent.

Thirteen yes/no questions, a live score with a red "overbelast" at 7 or more, and the carer's
earlier scores with their trend. Nothing is stored without the carer's consent.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import carer_strain as csi
from ...domain.dates import format_date
from ...intake.carer_strain import StrainData, StrainRecord, list_strain, record_strain
from ...services.errors import ServiceError, ValidationError
from .. import operations
from ..context import AppContext
from ..widgets.fields import CheckField, ChoiceField, DateField, NoteField, TextField
from ..widgets.form import ERROR_STYLE, Form

OVERBURDENED_STYLE = "color: #b00020; font-weight: bold;"
_HISTORY_HEADERS = ("Datum", "Moment", "Score", "", "Toestemming gevraagd door")


class StrainDialog(QDialog):
    def __init__(
        self,
        context: AppContext,
        carer_id: int,
        carer_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.carer_id = carer_id
        self.saved: StrainRecord | None = None
        self.setWindowTitle(f"Belasting mantelzorger (CSI): {carer_name}")
        self.setMinimumSize(720, 600)
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        self.resize(820, min(900, screen.height() - 60) if screen is not None else 900)
        layout = QVBoxLayout(self)
        intro = QLabel(
            f"Caregiver Strain Index voor <b>{carer_name}</b>: 13 vragen over de afgelopen "
            f"weken, ja of nee. Een score van {csi.OVERBURDENED_FROM} of meer betekent "
            "overbelast. Dit zijn gezondheidsgegevens van de mantelzorger: vraag eerst "
            "toestemming."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)

        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        add = self.form.add
        add(grid, "consent", "Toestemming *", CheckField("De mantelzorger geeft toestemming"))
        add(grid, "consent_recorded_by", "Gevraagd door *", TextField(max_length=200))
        add(grid, "measured_on", "Datum *", DateField(required=True))
        add(grid, "moment", "Moment", ChoiceField(list(csi.MOMENTS)))
        self.form.fields["consent_recorded_by"].setPlaceholderText("naam medewerker")
        self.form.fields["measured_on"].set_value(date.today())
        self.form.fields["moment"].setMaximumWidth(200)

        layout.addWidget(self._questions_box(), 1)
        score_row = QHBoxLayout()
        self.score_label = QLabel()
        self.score_label.setObjectName("score_label")
        self.overburdened_label = QLabel("overbelast")
        self.overburdened_label.setObjectName("overburdened_label")
        self.overburdened_label.setStyleSheet(OVERBURDENED_STYLE)
        score_row.addWidget(self.score_label)
        score_row.addWidget(self.overburdened_label)
        score_row.addStretch(1)
        layout.addLayout(score_row)

        notes = QFormLayout()
        layout.addLayout(notes)
        add(notes, "note", "Toelichting", NoteField(lines=2))
        layout.addWidget(self._history_box(list_strain(context.db, carer_id)))

        self.message = QLabel()
        self.message.setObjectName("message")
        self.message.setStyleSheet(ERROR_STYLE)
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        self.save_button.setText("Opslaan")
        buttons.button(QDialogButtonBox.StandardButton.Cancel).setText("Annuleren")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self._update_score()

    def _questions_box(self) -> QWidget:
        box = QGroupBox("Vragen (aankruisen = ja)")
        outer = QVBoxLayout(box)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        inner = QWidget()
        grid = QGridLayout(inner)
        grid.setColumnStretch(1, 1)
        self.questions: list[QCheckBox] = []
        for number, question in enumerate(csi.QUESTIONS):
            label = QLabel(f"{number + 1}.")
            label.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignRight)
            text = QLabel(question)
            text.setWordWrap(True)
            check = QCheckBox("ja")
            check.setObjectName(f"question_{number + 1}")
            check.toggled.connect(lambda _on: self._update_score())
            text.setBuddy(check)
            grid.addWidget(label, number, 0)
            grid.addWidget(text, number, 1)
            grid.addWidget(check, number, 2, Qt.AlignmentFlag.AlignTop)
            self.questions.append(check)
        scroll.setWidget(inner)
        outer.addWidget(scroll)
        return box

    def _history_box(self, records: list[StrainRecord]) -> QWidget:
        box = QGroupBox("Eerdere metingen")
        column = QVBoxLayout(box)
        self.trend_label = QLabel()
        self.trend_label.setObjectName("trend_label")
        self.history = QTableWidget(0, len(_HISTORY_HEADERS))
        self.history.setObjectName("strain_history")
        self.history.setHorizontalHeaderLabels(_HISTORY_HEADERS)
        self.history.verticalHeader().hide()
        self.history.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        header = self.history.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.history.setMaximumHeight(120)
        self._show_history(records)
        column.addWidget(self.trend_label)
        column.addWidget(self.history)
        return box

    def _show_history(self, records: list[StrainRecord]) -> None:
        self.history.setRowCount(0)
        for record in records:
            row = self.history.rowCount()
            self.history.insertRow(row)
            cells = (
                format_date(record.measured_on),
                record.moment_label,
                str(record.score),
                "overbelast" if record.overburdened else "",
                record.consent_recorded_by,
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and text:
                    item.setForeground(Qt.GlobalColor.red)
                self.history.setItem(row, column, item)
        self.history.setVisible(bool(records))
        if not records:
            self.trend_label.setText("Nog geen eerdere metingen voor deze mantelzorger.")
            return
        trend = csi.trend([(r.measured_on, r.score) for r in records])
        if len(records) > 1:
            trend = f"Verloop sinds {format_date(records[0].measured_on)}: {trend}."
        self.trend_label.setText(trend)

    def answers(self) -> tuple[bool, ...]:
        return tuple(check.isChecked() for check in self.questions)

    @property
    def score(self) -> int:
        return csi.score(self.answers())

    def _update_score(self) -> None:
        value = self.score
        self.score_label.setText(f"Score: {value} van {csi.COUNT}")
        self.overburdened_label.setVisible(csi.is_overburdened(value))

    def save(self) -> None:
        self.message.hide()
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return
        data = StrainData(
            carer_id=self.carer_id,
            measured_on=values["measured_on"],
            moment=values["moment"],
            answers=self.answers(),
            consent=values["consent"],
            consent_recorded_by=values["consent_recorded_by"],
            note=values["note"],
        )
        outcome = operations.run(
            self.context,
            lambda: record_strain(self.context.db, data),
            shown_in=self,
            done=lambda saved: f"Belasting mantelzorger vastgelegd: score {saved.score}",
        )
        if outcome is not None:
            self.saved = outcome.value
            self.accept()

    def show_error(self, error: ServiceError) -> None:
        """A refusal (operations.run): under the fields, else (no consent) as the message."""
        if isinstance(error, ValidationError):
            rest = self.form.show_errors(error.field_errors)
            self._say(rest or error.field_errors.get("consent") or error.message)
        else:
            self._say(error.message)

    def _say(self, text: str) -> None:
        self.message.setText(text)
        self.message.show()
