"""A CBS municipality code with, beneath it, the name the code stands for (as it is typed)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from ...domain.validation import InvalidValue, normalize_cbs_municipality_code
from ...house.municipalities import MUNICIPALITY_LIST_DATE, municipality_name
from .fields import TextField

HINT_STYLE = "color: #555;"


class MunicipalityCodeField(TextField):
    """`companion` is the label with the name; Form.add places it under the field."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, max_length=6)
        self.companion = QLabel()
        self.companion.setObjectName("municipality_name")
        self.companion.setStyleSheet(HINT_STYLE)
        self.companion.hide()
        self.textChanged.connect(self._show_name)

    def _show_name(self, text: str) -> None:
        if not text.strip():
            self.companion.hide()
            return
        try:
            code = normalize_cbs_municipality_code(text)
        except InvalidValue:
            self.companion.hide()  # the form says what is wrong when it is saved
            return
        name = municipality_name(code)
        self.companion.setText(
            f"Gemeente {name}"
            if name
            else f"Niet op de CBS-lijst van {MUNICIPALITY_LIST_DATE.day} januari "
            f"{MUNICIPALITY_LIST_DATE.year} (een opgeheven gemeente of een typefout?)"
        )
        self.companion.show()
