"""The house's logo: a preview, a button to choose a PNG/JPEG file and one to remove it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.validation import InvalidValue
from ..widgets.prompter import Prompter

MAX_READ_BYTES = 20 * 1024 * 1024  # larger files are refused before reading them


class LogoField(QWidget):
    """value() gives (bytes | None, file name); set_value() takes the same pair."""

    def __init__(self, prompter: Prompter, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.prompter = prompter
        self._data: bytes | None = None
        self._name = ""
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.preview = QLabel()
        self.preview.setObjectName("logo_preview")
        self.preview.setFixedSize(180, 90)
        self.preview.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.preview.setStyleSheet("border: 1px solid #c0c0c0; background: white;")
        layout.addWidget(self.preview)
        column = QVBoxLayout()
        self.choose = QPushButton("Logo kiezen…")
        self.choose.setObjectName("choose_logo")
        self.choose.clicked.connect(self.choose_file)
        self.remove = QPushButton("Logo weghalen")
        self.remove.clicked.connect(lambda: self.set_value((None, "")))
        self.name_label = QLabel()
        column.addWidget(self.choose)
        column.addWidget(self.remove)
        column.addWidget(self.name_label)
        column.addStretch(1)
        layout.addLayout(column)
        layout.addStretch(1)

    def choose_file(self) -> None:
        path = self.prompter.open_file("Logo kiezen", "Afbeeldingen (*.png *.jpg *.jpeg)")
        if path is None:
            return
        try:
            if Path(path).stat().st_size > MAX_READ_BYTES:
                raise InvalidValue("Dit bestand is te groot voor een logo.")
            data = Path(path).read_bytes()
        except OSError as exc:
            self.prompter.error("Logo niet gelezen", f"Het bestand kan niet worden gelezen: {exc}")
            return
        except InvalidValue as exc:
            self.prompter.error("Logo niet gelezen", exc.message)
            return
        self.set_value((data, Path(path).name))

    def value(self) -> tuple[bytes | None, str]:
        return self._data, self._name

    def set_value(self, value: tuple[bytes | None, str]) -> None:
        self._data, self._name = value
        pixmap = QPixmap()
        if self._data and pixmap.loadFromData(self._data):
            self.preview.setPixmap(
                pixmap.scaled(
                    self.preview.size(),
                    Qt.AspectRatioMode.KeepAspectRatio,
                    Qt.TransformationMode.SmoothTransformation,
                )
            )
        else:
            self.preview.setPixmap(QPixmap())
            self.preview.setText("geen logo" if not self._data else "onleesbaar")
        self.name_label.setText(self._name)
        self.remove.setEnabled(self._data is not None)

    def raw_state(self) -> object:
        return (len(self._data or b""), hash(self._data), self._name)
