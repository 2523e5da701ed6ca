"""Has the user typed in a panel since it was loaded? Then a reload must not overwrite it.

A page with several panels that each save on their own (Instellingen) reloads when any of them
saved; a panel with unsaved input keeps it (never lose what the user typed).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QTableWidget,
    QWidget,
)


def input_state(root: QWidget) -> tuple[object, ...]:
    """Everything a user can type or tick in `root`, in a comparable form."""
    state: list[object] = []
    for widget in root.findChildren(QWidget):
        if isinstance(widget, QLineEdit):
            state.append(widget.text())
        elif isinstance(widget, QPlainTextEdit):
            state.append(widget.toPlainText())
        elif isinstance(widget, QAbstractSpinBox):
            state.append(widget.text())
        elif isinstance(widget, QComboBox):
            state.append(widget.currentIndex())
        elif isinstance(widget, QAbstractButton) and widget.isCheckable():
            state.append(widget.isChecked())
        elif isinstance(widget, QTableWidget):
            state.extend(_table_state(widget))
    return tuple(state)


def _table_state(table: QTableWidget) -> list[object]:
    cells: list[object] = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            item = table.item(row, column)
            if item is not None:
                checkable = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
                cells.append(item.checkState().value if checkable else item.text())
    return cells


class RemembersLoadedInput:
    """For a panel: call remember_input() after loading and after saving."""

    _loaded_input: tuple[object, ...] | None = None

    def remember_input(self) -> None:
        assert isinstance(self, QWidget)
        self._loaded_input = input_state(self)

    def typed_since_load(self) -> bool:
        assert isinstance(self, QWidget)
        return self._loaded_input is not None and input_state(self) != self._loaded_input
