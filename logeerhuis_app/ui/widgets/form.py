"""A form of named fields, each with a message line beneath it for what is wrong.

Widgets follow one small protocol: `value()` (may raise InvalidValue) and `set_value(v)`.
`read()` collects all values and all problems at once, so the user sees every problem together.
"""

from __future__ import annotations

from typing import Any, Protocol

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from ...domain.validation import InvalidValue
from ...services.errors import ServiceError, ValidationError

ERROR_STYLE = "color: #b00020;"
FIELD_ERROR_PROPERTY = "fieldError"


class FieldWidget(Protocol):
    def value(self) -> Any: ...
    def set_value(self, value: Any) -> None: ...


class Form:
    """Owns the field widgets and their message labels; lays them out in a QFormLayout."""

    def __init__(self) -> None:
        # Each a QWidget with the FieldWidget protocol, of many kinds (ChoiceField, DateField,
        # ...): callers use the methods of the kind they added, so the value type is Any.
        self.fields: dict[str, Any] = {}
        self.errors: dict[str, QLabel] = {}

    def add(self, layout: QFormLayout, name: str, label: str, widget: QWidget) -> QWidget:
        """Add a labelled field with its (hidden) message line to a form layout."""
        holder = QWidget()
        column = QVBoxLayout(holder)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(1)
        column.addWidget(widget)
        companion = getattr(widget, "companion", None)  # a line that belongs to the field
        if companion is not None:
            column.addWidget(companion)
        message = QLabel()
        message.setStyleSheet(ERROR_STYLE)
        message.setWordWrap(True)
        message.setObjectName(f"error_{name}")
        message.hide()
        column.addWidget(message)
        caption = QLabel(label)
        caption.setBuddy(widget)
        layout.addRow(caption, holder)
        widget.setObjectName(name)
        self.fields[name] = widget
        self.errors[name] = message
        return widget

    def register(self, name: str, widget: QWidget, message: QLabel | None = None) -> None:
        """Track a field placed by hand (outside a QFormLayout)."""
        widget.setObjectName(name)
        self.fields[name] = widget
        if message is not None:
            message.setStyleSheet(ERROR_STYLE)
            message.hide()
            self.errors[name] = message

    def set_values(self, values: dict[str, Any]) -> None:
        for name, widget in self.fields.items():
            if name in values:
                widget.set_value(values[name])
        self.clear_errors()

    def read(self) -> tuple[dict[str, Any], dict[str, str]]:
        """All values that could be read, and a Dutch message per field that could not."""
        values: dict[str, Any] = {}
        problems: dict[str, str] = {}
        for name, widget in self.fields.items():
            try:
                values[name] = widget.value()
            except InvalidValue as exc:
                problems[name] = exc.message
        return values, problems

    def show_errors(self, problems: dict[str, str]) -> str | None:
        """Show each message under its field; focus the first bad field. Returns messages for
        fields this form does not know (to show elsewhere), joined, or None."""
        self.clear_errors()
        unknown = []
        first: QWidget | None = None
        for name, message in problems.items():
            label = self.errors.get(name)
            widget = self.fields.get(name)
            if label is None:
                unknown.append(message)
                continue
            label.setText(message)
            label.show()
            if widget is not None:
                widget.setProperty(FIELD_ERROR_PROPERTY, True)
                widget.setStyleSheet("border: 1px solid #b00020;")
                first = first or widget
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        return " ".join(unknown) or None

    def show_refusal(self, error: ServiceError, message: QLabel) -> None:
        """A refused save in a dialog: each field message under its field, the rest (or the
        service's reason) in `message`, which the dialog shows below its fields."""
        rest = self.show_errors(error.field_errors) if isinstance(error, ValidationError) else None
        message.setText(
            rest
            or (
                "Controleer de rood gemarkeerde velden."
                if isinstance(error, ValidationError)
                else error.message
            )
        )
        message.show()

    def clear_errors(self) -> None:
        for name, label in self.errors.items():
            label.clear()
            label.hide()
            widget = self.fields.get(name)
            if widget is not None and widget.property(FIELD_ERROR_PROPERTY):
                widget.setProperty(FIELD_ERROR_PROPERTY, False)
                widget.setStyleSheet("")

    def error_text(self, name: str) -> str:
        label = self.errors.get(name)
        return label.text() if label is not None and not label.isHidden() else ""
