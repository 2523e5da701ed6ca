"""Rate periods of a contract, edited as rows: from, to, amount, housing part, stay part."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import format_date, parse_date, parse_optional_date
from ...domain.money import format_amount, parse_euro
from ...domain.validation import InvalidValue
from ...house.contracts import RateData

_HEADERS = ("Vanaf", "Tot en met", "Tarief", "Woondeel / dag", "Verblijf / nacht")
_ID_ROLE = Qt.ItemDataRole.UserRole


class RatesEditor(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(_HEADERS))
        self.table.setObjectName("rates_table")
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(110)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        add = QPushButton("Tariefperiode toevoegen")
        add.setObjectName("add_rate")
        add.clicked.connect(lambda: self.add_row(None))
        remove = QPushButton("Verwijderen")
        remove.clicked.connect(self._remove)
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout.addLayout(buttons)

    def add_row(self, rate: RateData | None) -> None:
        row = self.table.rowCount()
        self.table.insertRow(row)
        texts = ("", "", "", "", "")
        if rate is not None:
            texts = (
                format_date(rate.valid_from),
                format_date(rate.valid_to),
                format_amount(rate.amount_cents) if rate.amount_cents else "",
                format_amount(rate.housing_cents) if rate.housing_cents else "",
                format_amount(rate.stay_cents) if rate.stay_cents else "",
            )
        for column, text in enumerate(texts):
            item = QTableWidgetItem(text)
            if column >= 2:
                item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if column == 0:
                item.setData(_ID_ROLE, rate.id if rate is not None else None)
            self.table.setItem(row, column, item)

    def _remove(self) -> None:
        if self.table.currentRow() >= 0:
            self.table.removeRow(self.table.currentRow())

    def value(self) -> tuple[RateData, ...]:
        rates = []
        for row in range(self.table.rowCount()):
            texts = [self._text(row, c) for c in range(5)]
            if not any(texts):
                continue
            where = f"Tariefperiode {row + 1}: "
            try:
                valid_from = parse_date(texts[0])
                valid_to = parse_optional_date(texts[1])
                amounts = [parse_euro(t) if t else 0 for t in texts[2:]]
            except InvalidValue as exc:
                raise InvalidValue(where + exc.message) from None
            first = self.table.item(row, 0)
            rates.append(
                RateData(
                    id=first.data(_ID_ROLE) if first is not None else None,
                    valid_from=valid_from,
                    valid_to=valid_to,
                    amount_cents=amounts[0],
                    housing_cents=amounts[1],
                    stay_cents=amounts[2],
                )
            )
        return tuple(rates)

    def set_value(self, rates: tuple[RateData, ...]) -> None:
        self.table.setRowCount(0)
        for rate in rates:
            self.add_row(rate)

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""
