"""Add or change a contract of a funder, with its rate periods."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from PySide6.QtWidgets import QFormLayout, QVBoxLayout, QWidget

from ...domain.enums import CountingRule, TariffModel, Unit
from ...house.contracts import ContractData, save_contract
from ..context import AppContext
from ..widgets.fields import CheckField, ChoiceField, DateField, IntField, NoteField, TextField
from ..widgets.form import Form
from ..widgets.form_dialog import FormDialog
from .rates_table import RatesEditor


class ContractDialog(FormDialog):
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
        self.add_message_and_buttons(layout)
        self.form.set_values(dict(contract.__dict__))

    def store(self, values: dict[str, Any]) -> None:
        self.saved = save_contract(self.context.db, replace(self.contract, **values))
