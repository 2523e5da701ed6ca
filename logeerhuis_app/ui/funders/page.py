"""Financiers en contracten: who pays (gemeente, zorgkantoor, ...) and under which contract."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date
from ...domain.enums import FunderKind, TariffModel
from ...domain.money import format_cents
from ...domain.rates import RatePeriod, rate_on
from ...house.contracts import ContractData, get_contract, list_contracts
from ...house.funders import FunderData, get_funder, list_funders, save_funder, validate_funder
from ...services.changes import Change
from ..master_detail import MasterDetailPage
from ..widgets.fields import CheckField, ChoiceField, NoteField, TextField
from ..widgets.municipality_field import MunicipalityCodeField
from ..widgets.record_table import Column, RecordTableModel
from .contract_dialog import ContractDialog


def _code(f: FunderData) -> str:
    return f.cbs_code or f.uzovi_code


def _current_rate(c: ContractData) -> str:
    periods = [RatePeriod(r.valid_from, r.valid_to, r.amount_cents, r.housing_cents, r.stay_cents)
               for r in c.rates]  # fmt: skip
    rate = rate_on(periods, date.today()) or (periods[-1] if periods else None)
    if rate is None:
        return ""
    if c.tariff_model == TariffModel.SPLIT_DAY:
        return f"{format_cents(rate.housing_cents)} + {format_cents(rate.stay_cents)}"
    return format_cents(rate.amount_cents)


CONTRACT_COLUMNS = (
    Column("Contract", lambda c: c.name),
    Column("Product", lambda c: f"{c.product_category} {c.product_code}".strip()),
    Column("Tariefmodel", lambda c: TariffModel(c.tariff_model).label),
    Column("Tarief nu", _current_rate, align_right=True),
    Column(
        "Geldig", lambda c: f"{format_date(c.valid_from)} t/m {format_date(c.valid_to) or 'open'}"
    ),
)


class FundersPage(MasterDetailPage):
    nav_title = "Financiers en contracten"
    topics = (Change.FUNDERS,)  # funders, their contracts and rates
    new_label = "Nieuwe financier"
    item_noun = "financier"
    list_width = 470
    columns = (
        Column("Financier", lambda f: f.name),
        Column("Soort", lambda f: FunderKind(f.kind).label),
        Column("Code", _code),
    )

    def __init__(self, context, parent: QWidget | None = None) -> None:
        super().__init__(context, parent)
        self.model.dimmed = lambda f: not f.active

    def load_records(self, search: str) -> list[Any]:
        return list_funders(self.context.db)

    def count_text(self, count: int) -> str:
        return "1 financier" if count == 1 else f"{count} financiers"

    def blank(self) -> FunderData:
        return FunderData()

    def fetch(self, item_id: int) -> FunderData:
        return get_funder(self.context.db, item_id)

    def check(self, item) -> None:
        validate_funder(item)

    def save(self, item: FunderData) -> FunderData:
        return save_funder(self.context.db, item)

    def after_load(self, item: FunderData) -> None:
        self._show_contracts(item.id)

    def build_editor(self, layout: QVBoxLayout) -> None:
        grid = QFormLayout()
        layout.addLayout(grid)
        add = self.form.add
        add(grid, "kind", "Soort", ChoiceField(FunderKind.choices()))
        add(grid, "name", "Naam *", TextField())
        add(grid, "cbs_code", "Gemeentecode (CBS)", MunicipalityCodeField())
        add(grid, "uzovi_code", "UZOVI-code", TextField(max_length=4))
        add(grid, "contact_name", "Contactpersoon", TextField())
        add(grid, "street", "Adres", TextField())
        add(grid, "postcode", "Postcode", TextField(max_length=7))
        add(grid, "city", "Plaats", TextField())
        add(grid, "email", "E-mail", TextField())
        add(grid, "phone", "Telefoon", TextField(max_length=20))
        add(
            grid,
            "wants_invoice",
            "",
            CheckField("Wil een factuur (naast of in plaats van declaratie)"),
        )
        add(grid, "invoice_to_guest", "", CheckField("Factuur naar de gast zelf"))
        add(grid, "active", "", CheckField("Actief"))
        add(grid, "notes", "Opmerkingen", NoteField(lines=2))
        self.form.fields["kind"].currentIndexChanged.connect(self._kind_changed)

        box = QGroupBox("Contracten")
        box_layout = QVBoxLayout(box)
        self.contracts_model = RecordTableModel(CONTRACT_COLUMNS, self)
        self.contracts_model.dimmed = lambda c: not c.active
        self.contracts = QTableView()
        self.contracts.setObjectName("contracts_table")
        self.contracts.setModel(self.contracts_model)
        self.contracts.setSelectionBehavior(QTableView.SelectionBehavior.SelectRows)
        self.contracts.verticalHeader().hide()
        self.contracts.verticalHeader().setDefaultSectionSize(self.fontMetrics().height() + 8)
        self.contracts.horizontalHeader().setStretchLastSection(True)
        self.contracts.doubleClicked.connect(lambda _i: self.edit_contract())
        box_layout.addWidget(self.contracts)
        buttons = QHBoxLayout()
        self.new_contract_button = QPushButton("Nieuw contract")
        self.new_contract_button.setObjectName("new_contract")
        self.new_contract_button.clicked.connect(self.new_contract)
        edit = QPushButton("Contract wijzigen")
        edit.clicked.connect(self.edit_contract)
        buttons.addWidget(self.new_contract_button)
        buttons.addWidget(edit)
        buttons.addStretch(1)
        box_layout.addLayout(buttons)
        layout.addWidget(box, 1)

    def _kind_changed(self) -> None:
        kind = self.form.fields["kind"].value()
        self.form.fields["cbs_code"].setEnabled(kind == FunderKind.GEMEENTE)
        self.form.fields["uzovi_code"].setEnabled(
            kind in (FunderKind.ZORGKANTOOR, FunderKind.ZORGVERZEKERAAR)
        )

    def _show_contracts(self, funder_id: int | None) -> None:
        records = list_contracts(self.context.db, funder_id=funder_id) if funder_id else []
        self.contracts_model.set_records(records)
        self.contracts.resizeColumnsToContents()
        self.new_contract_button.setEnabled(funder_id is not None)
        self._kind_changed()

    def new_contract(self) -> None:
        if self.current is None or self.current.id is None:
            return
        first = date(date.today().year, 1, 1)
        self._open_contract(ContractData(funder_id=self.current.id, valid_from=first))

    def edit_contract(self) -> None:
        index = self.contracts.currentIndex()
        if index.isValid():
            record = self.contracts_model.record(index.row())
            self._open_contract(get_contract(self.context.db, record.id))

    def _open_contract(self, contract: ContractData) -> None:
        dialog = ContractDialog(self.context, contract, self)
        if self.context.prompter.run_dialog(dialog):  # it saved through operations.run
            self.context.status(f"Contract opgeslagen: {dialog.saved.name if dialog.saved else ''}")
            self._show_contracts(contract.funder_id)
