"""What an editor's fields show, as typed, to notice unsaved changes.

Owns reading the raw, unparsed state of any field widget: line and text edits, check and combo
boxes, table widgets cell by cell, and custom fields through their own `raw_state()`.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QTableWidget, QWidget


def raw_value(widget: QWidget) -> object:
    """What a field shows, as typed (not parsed): compared before and after to see a change."""
    if isinstance(widget, QLineEdit):
        return widget.text()
    if isinstance(widget, QPlainTextEdit):
        return widget.toPlainText()
    if isinstance(widget, QCheckBox):
        return widget.isChecked()
    if isinstance(widget, QComboBox):
        return widget.currentIndex()
    if isinstance(widget, QTableWidget):
        return [
            [_cell(widget, r, c) for c in range(widget.columnCount())]
            for r in range(widget.rowCount())
        ]
    raw = getattr(widget, "raw_state", None)
    return raw() if callable(raw) else None


def _cell(table: QTableWidget, row: int, column: int) -> object:
    item = table.item(row, column)
    if item is None:
        return None
    if item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
        return item.checkState() == Qt.CheckState.Checked
    return item.text()
