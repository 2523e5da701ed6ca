"""Add or change a contract of a funder, with its rate periods."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.enums import CountingRule, TariffModel, Unit
from ...house.contracts import ContractData, save_contract
from ...services.errors import ServiceError, ValidationError
from ..context import AppContext
from ..widgets.fields import CheckField, ChoiceField, DateField, IntField, NoteField, TextField
from ..widgets.form import ERROR_STYLE, Form
from .rates_table import RatesEditor


class ContractDialog(QDialog):
    def __init__(
        self, context: AppContext, contract: ContractData, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.context = context
        self.contract = contract
        self.saved: ContractData | None = None
        self.setWindowTitle("Nieuw contract" if contract.id is None else "Contract wijzigen")
        self.setMinimumWidth(820)
        layout = QVBoxLayout(self)
        grid = QFormLayout()
        layout.addLayout(grid)
        self.form = Form()
        add = self.form.add
        add(grid, "name", "Naam *", TextField())
        add(grid, "reference", "Contractnummer", TextField(max_length=50))
        add(grid, "product_category", "Productcategorie", TextField(max_length=2))
        add(grid, "product_code", "Productcode", TextField(max_length=5))
        add(grid, "unit", "Eenheid", ChoiceField(Unit.choices()))
        add(grid, "tariff_model", "Tariefmodel", ChoiceField(TariffModel.choices()))
        add(grid, "counting_rule", "Telregel", ChoiceField(CountingRule.choices()))
        add(grid, "vv_only", "", CheckField("Alleen voor cliënten met een VV-zorgprofiel"))
        add(grid, "late_cancel_billable", "", CheckField("Late annulering wordt betaald"))
        add(grid, "late_cancel_days", "Laat is binnen (dagen)", IntField(minimum=0, maximum=60))
        add(grid, "valid_from", "Contract geldig vanaf", DateField(required=True))
        add(grid, "valid_to", "Tot en met", DateField())
        add(grid, "rates", "Tarieven", RatesEditor())
        add(grid, "active", "", CheckField("Actief"))
        add(grid, "notes", "Opmerkingen", NoteField(lines=2))
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
        self.form.set_values(dict(contract.__dict__))

    def save(self) -> None:
        values, problems = self.form.read()
        if problems:
            self.form.show_errors(problems)
            return
        try:
            self.saved = save_contract(self.context.db, replace(self.contract, **values))
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
