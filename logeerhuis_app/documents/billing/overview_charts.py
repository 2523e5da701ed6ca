"""Bar charts for the overview PDF, drawn with reportlab.graphics (vector, no matplotlib)."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.charts.barcharts import HorizontalBarChart, VerticalBarChart
from reportlab.graphics.shapes import Drawing, String
from reportlab.lib import colors
from reportlab.lib.colors import Color
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..fonts import register_fonts

BAR = colors.HexColor("#2F6F8F")
BAR_LIGHT = colors.HexColor("#9CC3D5")
AXIS = colors.HexColor("#9AA7B4")
INK = colors.HexColor("#333333")
_FONT_SIZE = 8


def horizontal_bars(
    labels: Sequence[str],
    values: Sequence[float],
    texts: Sequence[str],
    width: float,
    *,
    maximum: float | None = None,
    colour: Color = BAR,
) -> Drawing:
    """One bar per label, top to bottom in the given order, its text right of the bar."""
    regular, _bold = register_fonts()
    row = 6 * mm
    label_width = max((stringWidth(x, regular, _FONT_SIZE) for x in labels), default=0) + 3 * mm
    text_width = max((stringWidth(x, regular, _FONT_SIZE) for x in texts), default=0) + 3 * mm
    height = max(len(labels), 1) * row + 2 * mm
    drawing = Drawing(width, height)
    if not labels:
        return drawing
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width, 1 * mm
    chart.width = max(width - label_width - text_width, 20 * mm)
    chart.height = len(labels) * row
    # The chart draws its first category at the bottom; reverse for reading order.
    chart.data = [list(reversed([float(v) for v in values]))]
    chart.categoryAxis.categoryNames = list(reversed(list(labels)))
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.labels.dx = -5
    chart.categoryAxis.strokeColor = AXIS
    chart.categoryAxis.tickLeft = 0
    chart.valueAxis.visible = False
    chart.valueAxis.valueMin = 0
    top = max([float(v) for v in values] + [maximum or 0.0, 1.0])
    chart.valueAxis.valueMax = top
    chart.bars[0].fillColor = colour
    chart.bars[0].strokeColor = None
    chart.barWidth = row * 0.62
    chart.groupSpacing = row * 0.38
    drawing.add(chart)
    # The value texts right of each bar, placed by hand so they never overlap the bars.
    for index, (value, text) in enumerate(zip(values, texts, strict=True)):
        x = chart.x + chart.width * (float(value) / top) + 1.5 * mm
        y = chart.y + chart.height - (index + 0.5) * row - _FONT_SIZE * 0.35
        drawing.add(String(x, y, text, fontName=regular, fontSize=_FONT_SIZE, fillColor=INK))
    return drawing


def month_bars(
    labels: Sequence[str], values: Sequence[int], texts: Sequence[str], width: float
) -> Drawing:
    """Twelve columns (nights per month) with their number above each column."""
    regular, _bold = register_fonts()
    height = 55 * mm
    drawing = Drawing(width, height)
    chart = VerticalBarChart()
    chart.x, chart.y = 10 * mm, 7 * mm
    chart.width, chart.height = width - 12 * mm, height - 13 * mm
    chart.data = [[float(v) for v in values]]
    chart.categoryAxis.categoryNames = list(labels)
    chart.categoryAxis.labels.fontName = regular
    chart.categoryAxis.labels.fontSize = _FONT_SIZE
    chart.categoryAxis.labels.dy = -2
    chart.categoryAxis.strokeColor = AXIS
    chart.valueAxis.labels.fontName = regular
    chart.valueAxis.labels.fontSize = _FONT_SIZE - 1
    chart.valueAxis.strokeColor = AXIS
    chart.valueAxis.valueMin = 0
    top = max([float(v) for v in values] + [1.0])
    chart.valueAxis.valueMax = _nice_ceiling(top * 1.12)
    chart.valueAxis.valueStep = chart.valueAxis.valueMax / 4
    chart.valueAxis.visibleGrid = True
    chart.valueAxis.gridStrokeColor = colors.HexColor("#E3E8ED")
    chart.valueAxis.labelTextFormat = lambda v: f"{v:.0f}"
    chart.bars[0].fillColor = BAR
    chart.bars[0].strokeColor = None
    chart.barLabelFormat = lambda v: ""  # real labels below, in our own font
    drawing.add(chart)
    step = chart.width / max(len(values), 1)
    for index, text in enumerate(texts):
        value = float(values[index])
        x = chart.x + step * (index + 0.5)
        y = chart.y + chart.height * value / chart.valueAxis.valueMax + 1.5
        drawing.add(
            String(
                x,
                y,
                text,
                fontName=regular,
                fontSize=_FONT_SIZE - 1,
                fillColor=INK,
                textAnchor="middle",
            )
        )
    return drawing


def _nice_ceiling(value: float) -> float:
    """A round axis top (multiple of 4 x 1, 2, 5 x 10^n) at or above value."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (0.1, 0.2, 0.25, 0.5, 1.0, 2.0, 2.5, 5.0):
        candidate = magnitude * step * 4
        if candidate >= value:
            return candidate
    return magnitude * 40
