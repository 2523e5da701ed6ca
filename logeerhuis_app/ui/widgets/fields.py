"""Typed input fields that read and write plain values and keep whatever the user typed.

Each field's `value()` raises `InvalidValue` (Dutch message) for text it cannot read; the form
shows that message beside the field and leaves the text as typed.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QComboBox, QLineEdit, QPlainTextEdit, QWidget

from ...domain.dates import format_date, parse_optional_date
from ...domain.money import format_amount, parse_euro
from ...domain.text_limits import NOTE_MAX_LENGTH, too_long
from ...domain.validation import InvalidValue


class DateField(QLineEdit):
    """A date typed the Dutch way: 14-03-2026, 14-3-2026 or 14032026."""

    def __init__(self, parent: QWidget | None = None, *, required: bool = False) -> None:
        super().__init__(parent)
        self.required = required
        self.setPlaceholderText("dd-mm-jjjj")
        self.setMaxLength(10)
        self.setMaximumWidth(130)
        self.editingFinished.connect(self._tidy)

    def value(self) -> date | None:
        parsed = parse_optional_date(self.text())
        if parsed is None and self.required:
            raise InvalidValue("Vul een datum in als dd-mm-jjjj.")
        return parsed

    def set_value(self, value: date | None) -> None:
        self.setText(format_date(value))

    def _tidy(self) -> None:
        """Rewrite a readable date in the standard form; leave unreadable text for the user."""
        try:
            parsed = parse_optional_date(self.text())
        except InvalidValue:
            return
        if parsed is not None:
            self.setText(format_date(parsed))


class IntField(QLineEdit):
    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        minimum: int = 0,
        maximum: int = 10**6,
        required: bool = False,
        unit: str = "",
    ) -> None:
        super().__init__(parent)
        self.minimum, self.maximum, self.required = minimum, maximum, required
        self.setMaximumWidth(110)
        if unit:
            self.setPlaceholderText(unit)

    def value(self) -> int | None:
        text = self.text().strip()
        if not text:
            if self.required:
                raise InvalidValue("Vul een getal in.")
            return None
        if not text.lstrip("-").isdigit():
            raise InvalidValue("Vul een heel getal in.")
        number = int(text)
        if not self.minimum <= number <= self.maximum:
            raise InvalidValue(f"Vul een getal van {self.minimum} tot {self.maximum} in.")
        return number

    def set_value(self, value: int | None) -> None:
        self.setText("" if value is None else str(value))


class MoneyField(QLineEdit):
    """An amount in euro, typed as 123,45; the value is integer cents."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("0,00")
        self.setMaximumWidth(130)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def value(self) -> int:
        text = self.text().strip()
        return 0 if not text else parse_euro(text)

    def set_value(self, cents: int) -> None:
        self.setText(format_amount(cents))


class ChoiceField(QComboBox):
    """A combo box over (value, label) pairs; value() gives the stored value."""

    def __init__(
        self, choices: Sequence[tuple[object, str]], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.set_choices(choices)

    def set_choices(self, choices: Sequence[tuple[object, str]]) -> None:
        current = self.currentData() if self.count() else None
        self.blockSignals(True)
        self.clear()
        for value, label in choices:
            self.addItem(label, value)
        self.blockSignals(False)
        if current is not None:
            self.set_value(current)

    def value(self) -> object:
        return self.currentData()

    def set_value(self, value: object) -> None:
        index = self.findData(value)
        self.setCurrentIndex(max(index, 0))


class TextField(QLineEdit):
    def __init__(self, parent: QWidget | None = None, *, max_length: int = 200) -> None:
        super().__init__(parent)
        self.setMaxLength(max_length)
        if max_length <= 40:  # codes and numbers: a field as wide as what fits in it
            digit = self.fontMetrics().horizontalAdvance("0")
            self.setMaximumWidth(max(90, digit * (max_length + 3)))

    def value(self) -> str:
        return self.text().strip()

    def set_value(self, value: str) -> None:
        self.setText(value or "")


class NoteField(QPlainTextEdit):
    """Free text; longer than `max_length` is refused beside the field (a plain-text edit has
    no maxLength of its own), and the service refuses it as well."""

    def __init__(
        self, parent: QWidget | None = None, *, lines: int = 3, max_length: int = NOTE_MAX_LENGTH
    ) -> None:
        super().__init__(parent)
        self.max_length = max_length
        self.setTabChangesFocus(True)
        self.setFixedHeight(12 + lines * self.fontMetrics().lineSpacing())

    def value(self) -> str:
        text = self.toPlainText().strip()
        if len(text) > self.max_length:
            raise InvalidValue(too_long(self.max_length))
        return text

    def set_value(self, value: str) -> None:
        self.setPlainText(value or "")


class CheckField(QCheckBox):
    def value(self) -> bool:
        return self.isChecked()

    def set_value(self, value: bool) -> None:
        self.setChecked(bool(value))
