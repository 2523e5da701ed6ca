"""Draw the app icon with Qt and write logeerhuis_app/resources/icon.png and icon.ico.

A house at night (a lit window, a moon) on the app's blue. The generated files are committed;
run this again only to change the drawing: `.venv/bin/python installer/make_icon.py`.

The .ico holds 16, 24, 32, 48, 64 and 256 pixels: each size is written by Qt's own ICO writer
(one image per file) and the entries are joined into one file, the 256 one kept as PNG.
"""

from __future__ import annotations

import os
import struct
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QImage,
    QImageWriter,
    QPainter,
    QPainterPath,
    QPolygonF,
)

RESOURCES = Path(__file__).resolve().parent.parent / "logeerhuis_app" / "resources"
ICO_SIZES = (16, 24, 32, 48, 64, 256)
BLUE, NIGHT = QColor("#2f6f8f"), QColor("#1d4a61")
WALL, ROOF = QColor("#fbf7ef"), QColor("#c8553d")
LIGHT, MOON = QColor("#ffd45c"), QColor("#ffe9a8")


def draw(size: int) -> QImage:
    """The icon at `size` pixels, drawn on a 100 x 100 grid."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    p.scale(size / 100, size / 100)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(QRectF(2, 2, 96, 96), 18, 18)
    p.setBrush(NIGHT)
    p.drawRoundedRect(QRectF(2, 70, 96, 28), 18, 18)
    p.drawRect(QRectF(2, 70, 96, 12))
    # the moon: a circle with a bite taken out of it
    moon = QPainterPath()
    moon.addEllipse(QPointF(76, 22), 12, 12)
    bite = QPainterPath()
    bite.addEllipse(QPointF(82, 17), 10, 10)
    p.setBrush(MOON)
    p.drawPath(moon.subtracted(bite))
    # the house: walls, roof, a lit window and a door
    p.setBrush(WALL)
    p.drawRect(QRectF(22, 46, 52, 38))
    p.setBrush(ROOF)
    p.drawPolygon(QPolygonF([QPointF(14, 50), QPointF(48, 20), QPointF(82, 50)]))
    p.setBrush(LIGHT)
    p.drawRect(QRectF(30, 56, 16, 14))
    p.setBrush(BLUE)
    p.drawRect(QRectF(54, 58, 13, 26))
    p.end()
    return image


def encode(image: QImage, fmt: bytes) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    writer = QImageWriter(buffer, fmt)
    if not writer.write(image):
        raise SystemExit(f"Qt kan geen {fmt.decode()} schrijven: {writer.errorString()}")
    buffer.close()
    return bytes(data.data())


def ico(images: list[QImage]) -> bytes:
    """One .ico from several sizes: Qt's ICO writer for the small ones, PNG for 256."""
    entries: list[tuple[bytes, bytes]] = []  # (16-byte directory entry without offset, data)
    for image in images:
        if image.width() >= 256:
            data = encode(image, b"png")
            entry = struct.pack("<BBBBHHI", 0, 0, 0, 0, 1, 32, len(data))
        else:
            single = encode(image, b"ico")
            count = struct.unpack_from("<H", single, 4)[0]
            assert count == 1, "Qt wrote more than one image"
            entry = single[6:18]  # width, height, colours, reserved, planes, bits, size
            offset = struct.unpack_from("<I", single, 18)[0]
            data = single[offset : offset + struct.unpack_from("<I", entry, 8)[0]]
        entries.append((entry, data))
    out = bytearray(struct.pack("<HHH", 0, 1, len(entries)))
    offset = 6 + 16 * len(entries)
    for entry, data in entries:
        out += entry + struct.pack("<I", offset)
        offset += len(data)
    for _entry, data in entries:
        out += data
    return bytes(out)


def main() -> int:
    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    assert app is not None
    RESOURCES.mkdir(parents=True, exist_ok=True)
    (RESOURCES / "icon.png").write_bytes(encode(draw(256), b"png"))
    (RESOURCES / "icon.ico").write_bytes(ico([draw(size) for size in ICO_SIZES]))
    print(f"Geschreven: {RESOURCES / 'icon.png'} en {RESOURCES / 'icon.ico'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
