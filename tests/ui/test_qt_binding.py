"""Guard against a Qt binding that loses references to None (PySide6 6.12.0 on Python 3.11).

Every void QPainter call in 6.12.0 released a reference to None it never took; after enough
painting Python deallocated None and the app aborted (exit code 134) at exit. We pin the
binding below 6.12 (docs/decisions/0009); this test fails if an upgrade brings the bug back.
"""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter


def test_painting_keeps_the_reference_count_of_none(qapp):
    image = QImage(50, 50, QImage.Format.Format_ARGB32)
    painter = QPainter(image)
    try:
        before = sys.getrefcount(None)
        for _ in range(500):
            painter.setPen(QColor("#111111"))
            painter.setBrush(QColor("#eeeeee"))
            painter.drawRoundedRect(QRectF(1, 1, 20, 10), 4, 4)
            painter.drawLine(0, 0, 10, 10)
            painter.drawRect(QRect(0, 0, 5, 5))
        lost = before - sys.getrefcount(None)
    finally:
        painter.end()
    assert lost < 100, f"the Qt binding lost {lost} references to None"
