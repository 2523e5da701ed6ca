"""A small layout engine on the reportlab canvas that sets text the way platypus would.

Owns the page geometry of an A4 document with the invoice's margins, breaking text of regular
and bold runs into lines (as reportlab's Paragraph does), table cells, rows and tables, blocks
of text, and placing them page after page with a table's head repeated. Drawing the canvas
directly costs a fraction of laying out through platypus (decision 0010);
documents/billing/invoice.py is what is drawn with it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from .fonts import register_fonts

MARGIN = 18 * mm
WIDTH = A4[0] - 2 * MARGIN - 12  # the page frame keeps 6 pt padding on either side
LEFT = MARGIN + 6  # left edge of the text
TOP = A4[1] - MARGIN - 6  # top of the text on every page
BOTTOM = 22 * mm + 6  # the text stops here; the footer is below
FUZZ = 1e-6

# (font size, leading) of the text styles
BASE = (9, 12)
SMALL = (7.5, 9.5)
TITLE = (17, 21)


# -- text -------------------------------------------------------------------------------------
# A run is (bold, text); a line is a list of runs. Breaking follows reportlab's Paragraph:
# words split on white space except the no-break space of amounts, greedy, a line may exceed
# the width by 5% of a space per word, and a word wider than the line is split by letters.

_SPACES = re.compile(r"[\t\n\v\f\r \u0085\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+")

Run = tuple[bool, str]


def font_name(bold: bool) -> str:
    regular, heavy = register_fonts()
    return heavy if bold else regular


def text_width(text: str, bold: bool, size: float) -> float:
    width: float = stringWidth(text, font_name(bold), size)
    return width


def wrap(runs: list[Run], width: float, size: float) -> list[list[Run]]:
    """Break text made of regular and bold runs into lines no wider than `width`."""
    words: list[tuple[bool, list[Run]]] = []  # (font of the space before it, its runs)
    glue = False  # the previous run ended inside a word
    space_bold = False
    for bold, text in runs:
        for n, part in enumerate(_SPACES.split(text)):
            if n > 0:
                glue, space_bold = False, bold  # the space is set in the font it was typed in
            if not part:
                continue
            if glue and words:
                words[-1][1].append((bold, part))
            else:
                words.append((space_bold, [(bold, part)]))
            glue = True
    lines: list[list[Run]] = []
    line: list[Run] = []
    words_on_line = 0
    used = 0.0
    space = text_width(" ", False, size)
    for space_bold, word in words:
        word_width = sum(text_width(t, b, size) for b, t in word)
        if word_width > width:  # cut by letters, the first piece filling up this line
            start = used + text_width(" ", space_bold, size) if words_on_line else 0.0
            *pieces, word = _split_long(word, start, width, size)
            for piece in pieces:
                if words_on_line and piece:
                    line = _append(line, (space_bold, " "))
                for run in piece:
                    line = _append(line, run)
                lines.append(line)
                line, used, words_on_line = [], 0.0, 0
            word_width = sum(text_width(t, b, size) for b, t in word)
        elif words_on_line and used + text_width(" ", space_bold, size) + word_width > width + (
            0.05 * space * words_on_line
        ):
            lines.append(line)
            line, used, words_on_line = [], 0.0, 0
        if words_on_line:
            line = _append(line, (space_bold, " "))
            used += text_width(" ", space_bold, size)
        for run in word:
            line = _append(line, run)
        used += word_width
        words_on_line += 1
    if line:
        lines.append(line)
    return lines


def _append(line: list[Run], run: Run) -> list[Run]:
    if line and line[-1][0] == run[0]:
        return [*line[:-1], (run[0], line[-1][1] + run[1])]
    return [*line, run]


def _split_long(word: list[Run], start: float, width: float, size: float) -> list[list[Run]]:
    """A word wider than the line cut into pieces: the first fills the line from `start`, the
    next ones a line each, the last (returned last) continues as an ordinary word."""
    pieces: list[list[Run]] = []
    piece: list[Run] = []
    used = start
    for bold, text in word:
        for char in text:
            w = text_width(char, bold, size)
            if used + w > width and (piece or w <= width):
                pieces.append(piece)
                piece, used = [], 0.0
            piece = _append(piece, (bold, char))
            used += w
    pieces.append(piece)
    return pieces


def plain(text: str, width: float, size: float, bold: bool = False) -> list[list[Run]]:
    return wrap([(bold, text)], width, size)


# -- cells, rows and blocks -------------------------------------------------------------------


@dataclass
class Cell:
    """Text in a table cell: top aligned, the first baseline one font size below the padding."""

    lines: list[list[Run]]
    size: float = BASE[0]
    leading: float = BASE[1]
    right: bool = False
    color: colors.Color = colors.black

    @property
    def height(self) -> float:
        return len(self.lines) * self.leading


def text_cell(text: str, bold: bool = False, right: bool = False) -> Cell:
    """A plain string cell as platypus draws it: one line per newline, never wrapped."""
    return Cell([[(bold, line)] if line else [] for line in text.split("\n")], right=right)


@dataclass
class Row:
    cells: list[Cell | None]
    height: float
    fill: colors.Color | None = None
    keep_with_previous: bool = False  # a subtotal or total never starts a page
    # (first column, last column, above (else below), width, colour), in drawing order
    rules: tuple[tuple[int, int, bool, float, colors.Color], ...] = ()


def make_row(cells: list[Cell | None], pad_top: float, pad_bottom: float, **kw: Any) -> Row:
    inner = max((c.height for c in cells if c is not None), default=0.0)
    return Row(cells, inner + pad_top + pad_bottom, **kw)


Draw = Callable[[Canvas, float], None]  # draws a block whose top is at y


@dataclass
class Block:
    height: float
    draw: Draw
    spacer: bool = False


def draw_lines(
    c: Canvas,
    lines: list[list[Run]],
    x: float,
    y: float,
    size: float,
    leading: float,
    *,
    right: float = 0.0,
) -> None:
    """Lines of runs; `y` is the first baseline. With `right`, aligned to that x instead."""
    for line in lines:
        if line:
            text = c.beginText()
            offset = 0.0
            if right:
                offset = right - x - sum(text_width(t, b, size) for b, t in line)
            text.setTextOrigin(x + offset, y)
            for bold, part in line:
                text.setFont(font_name(bold), size, leading)
                text.textOut(part)
            c.drawText(text)
        y -= leading


def paragraph(
    lines: list[list[Run]], style: tuple[float, float], color: colors.Color = colors.black
) -> Block:
    size, leading = style

    def draw(c: Canvas, top: float) -> None:
        c.setFillColor(color)
        draw_lines(c, lines, LEFT, top - size, size, leading)

    return Block(len(lines) * leading, draw)


def spacer(height: float) -> Block:
    return Block(height, lambda c, top: None, spacer=True)


@dataclass
class Table:
    widths: tuple[float, ...]
    rows: list[Row]
    pad_left: float
    pad_right: float
    pad_top: float
    head: int = 0  # rows repeated on every page

    def draw(self, c: Canvas, top: float, rows: list[Row]) -> None:
        xs = [LEFT]
        for w in self.widths:
            xs.append(xs[-1] + w)
        tops, y = [], top
        for row in rows:
            tops.append(y)
            y -= row.height
        for row, row_top in zip(rows, tops, strict=True):  # backgrounds under the text
            if row.fill is not None:
                c.setFillColor(row.fill)
                c.rect(xs[0], row_top - row.height, xs[-1] - xs[0], row.height, stroke=0, fill=1)
        for row, row_top in zip(rows, tops, strict=True):
            for n, cell in enumerate(row.cells):
                if cell is None or not cell.lines:
                    continue
                c.setFillColor(cell.color)
                x, baseline = xs[n] + self.pad_left, row_top - self.pad_top - cell.size
                right = xs[n + 1] - self.pad_right if cell.right else 0.0
                draw_lines(c, cell.lines, x, baseline, cell.size, cell.leading, right=right)
        c.saveState()
        c.setLineCap(1)
        c.setLineJoin(1)
        for row, row_top in zip(rows, tops, strict=True):
            for first, last, above, width, color in row.rules:
                at = row_top if above else row_top - row.height
                c.setStrokeColor(color)
                c.setLineWidth(width)
                c.line(xs[first], at, xs[last + 1], at)
        c.restoreState()


# -- pages ------------------------------------------------------------------------------------


def paginate(flow: list[Block | Table]) -> list[list[Callable[[Canvas], None]]]:
    """Place the blocks top down, page after page; a table continues under its head."""
    pages: list[list[Callable[[Canvas], None]]] = [[]]
    y = TOP

    def new_page() -> None:
        nonlocal y
        pages.append([])
        y = TOP

    def place(draw: Draw, top: float) -> Callable[[Canvas], None]:
        return lambda c: draw(c, top)

    for item in flow:
        if isinstance(item, Block):
            if y - item.height < BOTTOM - FUZZ:
                new_page()
                if item.spacer:
                    continue  # a page starts with text, not with white space
            pages[-1].append(place(item.draw, y))
            y -= item.height
            continue
        head, body = item.rows[: item.head], item.rows[item.head :]
        head_height = sum(r.height for r in head)
        while body:
            room = y - head_height - BOTTOM + FUZZ
            count, used = 0, 0.0
            while count < len(body) and used + body[count].height <= room:
                used += body[count].height
                count += 1
            while 1 < count < len(body) and body[count].keep_with_previous:
                count -= 1
                used -= body[count].height
            if count == 0:
                if y == TOP:  # a row taller than a page: give it a page of its own
                    count, used = 1, body[0].height
                else:
                    new_page()
                    continue
            rows = head + body[:count]
            pages[-1].append(partial(item.draw, top=y, rows=rows))
            y -= head_height + used
            body = body[count:]
            if body:
                new_page()
    return pages
