"""Simple bar charts painted with QPainter: the data is set, paintEvent only draws it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR = QColor("#2f6f8f")
BAR_LIGHT = QColor("#7fb2c9")
AXIS = QColor("#9aa7b4")
GRID = QColor("#e3e8ed")


class _Chart(QWidget):
    def __init__(self, title: str, colour: QColor, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.colour = colour
        self.bars: list[tuple[str, float, str]] = []  # (label, value, text shown)
        self.maximum = 0.0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_bars(self, bars: list[tuple[str, float, str]], maximum: float | None = None) -> None:
        self.bars = list(bars)
        self.maximum = max([maximum or 0.0, *[value for _l, value, _t in self.bars], 1.0])
        self.updateGeometry()
        self.update()

    def _title(self, painter: QPainter) -> float:
        """Draw the title; returns the height it took."""
        font = painter.font()
        font.setBold(True)
        painter.setFont(font)
        height = painter.fontMetrics().height()
        painter.setPen(self.palette().windowText().color())
        painter.drawText(QRectF(0, 0, self.width(), height), Qt.AlignmentFlag.AlignLeft, self.title)
        font.setBold(False)
        painter.setFont(font)
        return height + 6


class HorizontalBars(_Chart):
    """One row per label: the label, a bar, and its text right of the bar."""

    def _row(self) -> int:
        return self.fontMetrics().height() + 8

    def sizeHint(self) -> QSize:
        rows = max(len(self.bars), 1)
        return QSize(360, self.fontMetrics().height() + 6 + rows * self._row() + 4)

    def minimumSizeHint(self) -> QSize:
        return QSize(240, self.sizeHint().height())

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._title(painter)
        metrics = painter.fontMetrics()
        if not self.bars:
            painter.setPen(AXIS)
            painter.drawText(QRectF(0, top, self.width(), self._row()), "Geen gegevens")
            return
        label_width = max(metrics.horizontalAdvance(label) for label, _v, _t in self.bars) + 10
        text_width = max(metrics.horizontalAdvance(text) for _l, _v, text in self.bars) + 8
        span = max(self.width() - label_width - text_width, 20)
        row = self._row()
        ink = self.palette().windowText().color()
        for index, (label, value, text) in enumerate(self.bars):
            y = top + index * row
            painter.setPen(ink)
            label_box = QRectF(0, y, label_width - 8, row)
            painter.drawText(
                label_box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, label
            )
            length = span * value / self.maximum
            painter.fillRect(QRectF(label_width, y + 3, length, row - 6), self.colour)
            text_box = QRectF(label_width + length + 4, y, text_width, row)
            painter.drawText(
                text_box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, text
            )
        painter.setPen(AXIS)
        # PySide6's stubs give drawLine int coordinates only; it takes floats as well.
        painter.drawLine(label_width, top, label_width, top + len(self.bars) * row)  # type: ignore[call-overload]


class ColumnBars(_Chart):
    """Columns side by side (the months of a year), the label below, the text above."""

    def sizeHint(self) -> QSize:
        return QSize(600, 210)

    def minimumSizeHint(self) -> QSize:
        return QSize(300, 210)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        top = self._title(painter)
        metrics = painter.fontMetrics()
        if not self.bars:
            return
        line = metrics.height()
        base = self.height() - line - 6  # the x axis
        height = max(base - top - line - 4, 10)  # room for the number above the tallest column
        step = self.width() / len(self.bars)
        ink = self.palette().windowText().color()
        painter.setPen(GRID)
        for quarter in (1, 2, 3, 4):
            y = base - height * quarter / 4
            painter.drawLine(0, y, self.width(), y)  # type: ignore[call-overload]  # as above
        for index, (label, value, text) in enumerate(self.bars):
            x = index * step
            column = height * value / self.maximum
            painter.fillRect(
                QRectF(x + step * 0.18, base - column, step * 0.64, column), self.colour
            )
            painter.setPen(ink)
            centre = Qt.AlignmentFlag.AlignHCenter
            painter.drawText(
                QRectF(x, base + 3, step, line), centre | Qt.AlignmentFlag.AlignTop, label
            )
            painter.drawText(
                QRectF(x, base - column - line - 2, step, line),
                centre | Qt.AlignmentFlag.AlignBottom,
                text,
            )
        painter.setPen(AXIS)
        painter.drawLine(0, base, self.width(), base)
