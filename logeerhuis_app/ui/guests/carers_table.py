"""The carers of a guest, edited in place as rows of a small table."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...house.guests import CarerData

if TYPE_CHECKING:
    from ..context import AppContext

_HEADERS = ("Naam", "Relatie", "Telefoon", "E-mail", "Eerste contact")
_ID_ROLE = Qt.ItemDataRole.UserRole


class CarersEditor(QWidget):
    """value() gives a tuple of CarerData (keeping ids), set_value() shows them."""

    def __init__(self, parent: QWidget | None = None, context: AppContext | None = None) -> None:
        super().__init__(parent)
        self.context = context
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, len(_HEADERS))
        self.table.setObjectName("carers_table")
        self.table.setHorizontalHeaderLabels(_HEADERS)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.table.setMinimumHeight(120)
        layout.addWidget(self.table)
        buttons = QHBoxLayout()
        self.add_button = QPushButton("Mantelzorger toevoegen")
        self.add_button.setObjectName("add_carer")
        self.add_button.clicked.connect(self.add_row)
        self.remove_button = QPushButton("Verwijderen")
        self.remove_button.setObjectName("remove_carer")
        self.remove_button.clicked.connect(self.remove_selected)
        self.strain_button = QPushButton("Belasting mantelzorger (CSI)…")
        self.strain_button.setObjectName("carer_strain")
        self.strain_button.setToolTip(
            "De Caregiver Strain Index van de gekozen mantelzorger vastleggen (met toestemming)"
        )
        self.strain_button.clicked.connect(self.open_strain)
        self.strain_button.setEnabled(context is not None)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.strain_button)
        layout.addLayout(buttons)

    def set_context(self, context: AppContext) -> None:
        """The database and prompter, needed for the strain index (CSI) dialog."""
        self.context = context
        self.strain_button.setEnabled(True)

    def open_strain(self) -> None:
        """The CSI dialog for the selected carer; a carer must be saved first."""
        if self.context is None:
            return
        from .strain_dialog import StrainDialog

        prompter = self.context.prompter
        title = "Belasting mantelzorger"
        row = self.table.currentRow()
        first = self.table.item(row, 0) if row >= 0 else None
        if first is None:
            prompter.info(title, "Kies eerst een mantelzorger in de tabel.")
            return
        carer_id = first.data(_ID_ROLE)
        if carer_id is None:
            prompter.info(
                title,
                "Deze mantelzorger is nog niet opgeslagen. Sla eerst de gast op; daarna kunt u "
                "de belasting vastleggen.",
            )
            return
        dialog = StrainDialog(self.context, carer_id, first.text().strip(), self)
        prompter.run_dialog(dialog)

    def add_row(self, carer: CarerData | None = None) -> None:
        carer = carer if isinstance(carer, CarerData) else CarerData()
        row = self.table.rowCount()
        self.table.insertRow(row)
        for column, text in enumerate((carer.name, carer.relation, carer.phone, carer.email)):
            item = QTableWidgetItem(text)
            if column == 0:
                item.setData(_ID_ROLE, carer.id)
            self.table.setItem(row, column, item)
        primary = QTableWidgetItem()
        primary.setFlags(Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEnabled)
        primary.setCheckState(
            Qt.CheckState.Checked if carer.is_primary else Qt.CheckState.Unchecked
        )
        self.table.setItem(row, 4, primary)
        if carer.id is None and carer.name == "":
            self.table.setCurrentCell(row, 0)
            self.table.editItem(self._name_item(row))

    def remove_selected(self) -> None:
        row = self.table.currentRow()
        if row >= 0:
            self.table.removeRow(row)

    def value(self) -> tuple[CarerData, ...]:
        carers = []
        for row in range(self.table.rowCount()):
            texts = [self._text(row, c) for c in range(4)]
            if not any(texts):
                continue  # an empty row the user added and left
            first, primary = self.table.item(row, 0), self.table.item(row, 4)
            checked = primary is not None and primary.checkState() == Qt.CheckState.Checked
            carers.append(
                CarerData(
                    id=first.data(_ID_ROLE) if first is not None else None,
                    name=texts[0],
                    relation=texts[1],
                    phone=texts[2],
                    email=texts[3],
                    is_primary=checked,
                )
            )
        return tuple(carers)

    def set_value(self, carers: tuple[CarerData, ...]) -> None:
        self.table.setRowCount(0)
        for carer in carers:
            self.add_row(carer)

    def _name_item(self, row: int) -> QTableWidgetItem:
        item = self.table.item(row, 0)
        assert item is not None  # add_row fills every cell
        return item

    def _text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""
