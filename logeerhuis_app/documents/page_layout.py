"""Page scaffolding shared by the intake form and the stay letters: styles, tables, logo,
footer with page numbers, drawn tick boxes and write-on lines."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    Image,
    KeepTogether,
    PageTemplate,
    Table,
    TableStyle,
)

from ..domain.dates import format_date

# ---- page scaffolding shared with stay_letters ---------------------------------------------

MARGIN = 18 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN
GRID = colors.HexColor("#9AA7B4")
HEADER_FILL = colors.HexColor("#E6ECF2")
_LOGO_MAX_WIDTH = 35 * mm
_LOGO_MAX_HEIGHT = 20 * mm

BASE = ParagraphStyle("base", fontName="Helvetica", fontSize=9, leading=11)
STYLES = {
    "title": ParagraphStyle("title", BASE, fontName="Helvetica-Bold", fontSize=14, leading=18),
    "provider": ParagraphStyle("provider", BASE, fontSize=11, leading=14, spaceBefore=2),
    "section": ParagraphStyle(
        "section", BASE, fontName="Helvetica-Bold", fontSize=11, leading=14, spaceAfter=3
    ),
    "cell": BASE,
    "head": ParagraphStyle("head", BASE, fontName="Helvetica-Bold"),
    "label": ParagraphStyle("label", BASE, textColor=colors.HexColor("#555555")),
    "note": ParagraphStyle("note", BASE, textColor=colors.HexColor("#555555")),
    "body": ParagraphStyle("body", BASE, fontSize=10, leading=14, spaceAfter=6),
}
_TABLE_STYLE = [
    ("GRID", (0, 0), (-1, -1), 0.4, GRID),
    ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ("LEFTPADDING", (0, 0), (-1, -1), 4),
    ("RIGHTPADDING", (0, 0), (-1, -1), 4),
    ("TOPPADDING", (0, 0), (-1, -1), 3),
    ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
]


def text(value: str) -> str:
    """Plain text made safe for a Paragraph; line breaks are kept."""
    return escape(value.strip()).replace("\n", "<br/>")


def grid_table(
    rows: list[list[Any]], widths: Sequence[float], *, head: bool = True, **kw: Any
) -> Table:
    """A bordered table whose rows may split over pages; the head row repeats."""
    table = Table(rows, colWidths=list(widths), repeatRows=1 if head else 0, splitInRow=1, **kw)
    style = list(_TABLE_STYLE)
    if head:
        style.append(("BACKGROUND", (0, 0), (-1, 0), HEADER_FILL))
    table.setStyle(TableStyle(style))
    return table


def plain_table(rows: list[list[Any]], widths: Sequence[float], **kw: Any) -> Table:
    """A table without borders or padding, for laying out blocks side by side."""
    table = Table(rows, colWidths=list(widths), **kw)
    table.setStyle(
        TableStyle(
            [("VALIGN", (0, 0), (-1, -1), "TOP")]
            + [(p, (0, 0), (-1, -1), 0) for p in ("LEFTPADDING", "RIGHTPADDING", "TOPPADDING")]
            + [("BOTTOMPADDING", (0, 0), (-1, -1), 2)]
        )
    )
    return table


def logo_image(raw: bytes | None) -> Image | None:
    """The logo scaled to fit 35 x 20 mm, or None when there is none or it cannot be read."""
    if not raw:
        return None
    try:
        width, height = ImageReader(io.BytesIO(raw)).getSize()
    except Exception:  # any unreadable image: print without a logo
        return None
    if width <= 0 or height <= 0:
        return None
    scale = min(_LOGO_MAX_WIDTH / width, _LOGO_MAX_HEIGHT / height)
    return Image(io.BytesIO(raw), width=width * scale, height=height * scale, mask="auto")


def with_logo(left: list[Flowable], logo: bytes | None) -> Flowable:
    """The given header blocks on the left, the logo (if readable) top right."""
    image = logo_image(logo)
    if image is None:
        return KeepTogether(left)
    gap = 6 * mm
    width = image.drawWidth + gap
    table = plain_table([[left, image]], (CONTENT_WIDTH - width, width))
    table.setStyle(TableStyle([("ALIGN", (1, 0), (1, 0), "RIGHT")]))
    return table


def build_pdf(
    story: list[Flowable],
    *,
    title: str,
    author: str,
    footer: str,
    printed_on: date | None,
    pagesize: tuple[float, float] = A4,
    on_page: Callable[[Any, Any], None] | None = None,
) -> bytes:
    """A PDF (A4 portrait unless `pagesize` says otherwise); every page says `footer` left and
    "pagina X van Y" right, and `on_page` may draw on each page (say a CONCEPT mark)."""
    buffer = io.BytesIO()
    document = BaseDocTemplate(
        buffer,
        pagesize=pagesize,
        leftMargin=MARGIN,
        rightMargin=MARGIN,
        topMargin=MARGIN,
        bottomMargin=MARGIN + 8 * mm,  # room for the footer
        title=title,
        author=author,
        invariant=1,  # no creation date or random id: the same data gives the same bytes
    )
    frame = Frame(MARGIN, document.bottomMargin, document.width, document.height, 0, 0, 0, 0)
    marks = {"onPage": on_page} if on_page is not None else {}
    document.addPageTemplates([PageTemplate(id="page", frames=[frame], **marks)])
    document.build(story, canvasmaker=_footer_canvas(footer, printed_on))
    return buffer.getvalue()


def _footer_canvas(footer: str, printed_on: date | None) -> Callable[..., canvas.Canvas]:
    """A canvas maker whose pages carry "pagina X van Y", known only once all are laid out."""
    prefix = f"Afgedrukt op {format_date(printed_on)} — " if printed_on else ""

    class _FooterCanvas(canvas.Canvas):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._pages: list[dict[str, Any]] = []

        def showPage(self) -> None:
            self._pages.append(dict(self.__dict__))
            self._startPage()

        def save(self) -> None:
            for number, state in enumerate(self._pages, start=1):
                self.__dict__.update(state)
                self._draw_footer(number, len(self._pages))
                super().showPage()
            super().save()

        def _draw_footer(self, number: int, total: int) -> None:
            page_width, _ = self._pagesize
            self.saveState()
            self.setStrokeColor(GRID)
            self.setLineWidth(0.4)
            self.line(MARGIN, MARGIN + 4 * mm, page_width - MARGIN, MARGIN + 4 * mm)
            self.setFont("Helvetica", 8)
            self.setFillColor(colors.HexColor("#333333"))
            self.drawString(MARGIN, MARGIN, footer)
            self.drawRightString(
                page_width - MARGIN, MARGIN, f"{prefix}pagina {number} van {total}"
            )
            self.restoreState()

    return _FooterCanvas


class CheckBoxes(Flowable):
    """Empty tick boxes, each with its label; side by side when they fit, else one per line.

    Helvetica has no ballot-box glyph, so the boxes are drawn; the labels stay real text.
    """

    def __init__(self, labels: Sequence[str], *, font_size: float = 9, leading: float = 12):
        super().__init__()
        self.labels = tuple(labels)
        self.font_size = font_size
        self.leading = leading
        self.box = font_size * 0.85
        self.gap = 1.6 * mm
        self._lines: list[list[str]] = []
        self._inline = True

    def _label_width(self, label: str) -> float:
        width: float = stringWidth(label, "Helvetica", self.font_size)
        return width

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        step = self.box + self.gap
        inline = sum(step + self._label_width(x) + 3 * mm for x in self.labels)
        self._inline = inline - 3 * mm <= avail_width
        if self._inline:
            self._lines = [[x] for x in self.labels]
            height = self.leading
        else:
            width = max(avail_width - step, 10 * mm)
            self._lines = [simpleSplit(x, "Helvetica", self.font_size, width) for x in self.labels]
            height = sum(len(lines) for lines in self._lines) * self.leading
        self.width, self.height = avail_width, height
        return avail_width, height

    def draw(self) -> None:
        c = self.canv
        c.setFont("Helvetica", self.font_size)
        c.setLineWidth(0.7)
        step = self.box + self.gap
        x, top = 0.0, self.height
        for lines in self._lines:
            baseline = top - self.leading + (self.leading - self.font_size) / 2 + 1
            c.rect(x, baseline - 0.5, self.box, self.box, stroke=1, fill=0)
            for n, line in enumerate(lines):
                c.drawString(x + step, baseline - n * self.leading, line)
            if self._inline:
                x += step + self._label_width(lines[0]) + 3 * mm
            else:
                top -= len(lines) * self.leading


class FillIn(Flowable):
    """A label followed by a dotted line to write on, as wide as the space it gets."""

    def __init__(self, label: str = "", *, height: float = 7 * mm, font_size: float = 9):
        super().__init__()
        self.label = label
        self.font_size = font_size
        self.line_height = height

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.width, self.height = avail_width, self.line_height
        return avail_width, self.line_height

    def draw(self) -> None:
        c = self.canv
        c.setFont("Helvetica", self.font_size)
        c.setFillColor(colors.HexColor("#555555"))
        start = 0.0
        if self.label:
            c.drawString(0, 2, self.label)
            start = stringWidth(self.label, "Helvetica", self.font_size) + 1.5 * mm
        c.setStrokeColor(colors.HexColor("#777777"))
        c.setLineWidth(0.5)
        c.setDash(1, 1.5)
        c.line(start, 1, self.width, 1)
