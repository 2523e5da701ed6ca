"""The intake form: the checklist of DOMAIN.md section 5 on paper, filled in or blank.

Filled in, it shows what the house checked, when and by whom, and who overruled an open item.
Blank (no answers), it is the form to fill in on the phone, with boxes to tick and room to write.
Plain data in, PDF bytes out; never a BSN. The page scaffolding (styles, logo, footer with
"pagina X van Y", tick boxes and write-on lines) is shared with `stay_letters`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import (
    Flowable,
    KeepTogether,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from ...domain.dates import format_date
from ...domain.intake import (
    GATE_CHECK_IN,
    GATE_CONFIRM,
    GROUPS,
    ITEMS,
    NO,
    UNKNOWN,
    YES,
    Answer,
    Item,
)
from ..page_layout import (
    BASE,
    CONTENT_WIDTH,
    STYLES,
    CheckBoxes,
    FillIn,
    build_pdf,
    grid_table,
    plain_table,
    text,
    with_logo,
)

# ---- the intake form -----------------------------------------------------------------------


@dataclass(frozen=True)
class IntakeFormData:
    provider_name: str
    logo: bytes | None  # PNG or JPEG; skipped when missing or unreadable
    guest_name: str  # "" for a form that is not yet for a known guest
    date_of_birth: date | None
    stay: tuple[date, date] | None  # (arrival, departure)
    answers: dict[str, Answer]  # item key -> answer; empty for a blank form
    overrides: tuple[tuple[str, str, str, datetime], ...]  # (gate, reason, given_by, given_at)
    printed_on: date


_COLUMNS = ("Vraag", "Antwoord", "Datum", "Medewerker", "Notitie")
_WIDTHS = (47 * mm, 39 * mm, 21 * mm, 27 * mm, CONTENT_WIDTH - 134 * mm)
_YES_NO = {YES: "ja", NO: "nee", UNKNOWN: "onbekend"}
_GATES = {GATE_CONFIRM: "bij bevestigen", GATE_CHECK_IN: "bij inchecken"}
_PENDING = colors.HexColor("#FFF4D6")
_AMBER, _RED = "#8A5A00", "#B00020"


def render_intake_form(data: IntakeFormData) -> bytes:
    """The intake checklist as an A4 portrait PDF in Dutch; blank when there are no answers."""
    blank = not data.answers
    story: list[Flowable] = [_header(data, blank), Spacer(1, 5 * mm)]
    for group in GROUPS:
        items = [item for item in ITEMS if item.group == group]
        table = _group_table(items, data, blank)
        story.append(KeepTogether([Paragraph(text(group), STYLES["section"]), table]))
        story.append(Spacer(1, 5 * mm))
    story.extend(_overrides(data.overrides, blank))
    if blank:
        story.append(_filled_in_by())
    title = "Intakeformulier" + (f" {data.guest_name}" if data.guest_name else "")
    footer = "Vertrouwelijk: bevat medische gegevens, alleen voor medewerkers"
    return build_pdf(
        story, title=title, author=data.provider_name, footer=footer, printed_on=data.printed_on
    )


def _header(data: IntakeFormData, blank: bool) -> Flowable:
    title = "Intakeformulier" + (" (blanco, in te vullen)" if blank else "")
    left: list[Flowable] = [
        Paragraph(title, STYLES["title"]),
        Paragraph(text(data.provider_name), STYLES["provider"]),
    ]
    header = with_logo(left, data.logo)
    label = STYLES["label"]
    rows = [
        [Paragraph("Gast", label), _value_or_line(data.guest_name)],
        [Paragraph("Geboortedatum", label), _value_or_line(format_date(data.date_of_birth))],
        [Paragraph("Verblijf", label), _value_or_line(_period(data.stay))],
    ]
    facts = plain_table(rows, (30 * mm, CONTENT_WIDTH - 30 * mm))
    if blank:
        hint = "Kruis per vraag het antwoord aan; noteer datum, medewerker en bijzonderheden."
    else:
        hint = (
            f"Stand van de intake op {format_date(data.printed_on)}. Een antwoord met "
            "“(nog bevestigen)” is overgenomen van een eerder verblijf: vraag het opnieuw na."
        )
    hint_par = Paragraph(hint, STYLES["note"])
    return KeepTogether([header, Spacer(1, 4 * mm), facts, Spacer(1, 2 * mm), hint_par])


def _value_or_line(value: str) -> Flowable:
    return Paragraph(text(value), STYLES["cell"]) if value else FillIn(height=5 * mm)


def _period(stay: tuple[date, date] | None) -> str:
    if stay is None:
        return ""
    arrival, departure = stay
    nights = (departure - arrival).days
    count = "1 nacht" if nights == 1 else f"{nights} nachten"
    return f"aankomst {format_date(arrival)}, vertrek {format_date(departure)} ({count})"


def _group_table(items: list[Item], data: IntakeFormData, blank: bool) -> Table:
    cell = STYLES["cell"]
    rows: list[list[Any]] = [[Paragraph(name, STYLES["head"]) for name in _COLUMNS]]
    pending_rows = []
    departure = data.stay[1] if data.stay else None
    for item in items:
        answer = data.answers.get(item.key)
        if answer is None or not answer.value:
            # Not answered yet: boxes to tick and room to write, also on a filled-in form.
            answer_cell: list[Flowable] = _blank_answer(item)
            date_cell, staff_cell = [], []
            note_cell: list[Flowable] = [Spacer(1, 9 * mm)] if blank else []
        else:
            answer_cell = [Paragraph(_answer_text(item, answer, departure), cell)]
            date_cell = [Paragraph(format_date(answer.answered_on), cell)]
            staff_cell = [Paragraph(text(answer.staff), cell)]
            note_cell = [Paragraph(text(answer.note), cell)]
            if not answer.confirmed:
                pending_rows.append(len(rows))
        rows.append(
            [Paragraph(text(item.question), cell), answer_cell, date_cell, staff_cell, note_cell]
        )
    table = grid_table(rows, _WIDTHS)
    table.setStyle(TableStyle([("BACKGROUND", (0, r), (-1, r), _PENDING) for r in pending_rows]))
    return table


def _blank_answer(item: Item) -> list[Flowable]:
    if item.kind == "yes_no":
        return [CheckBoxes(("ja", "nee"))]
    if item.kind == "choice":
        parts: list[Flowable] = [CheckBoxes([label for _value, label in item.options])]
        if item.key == "wzd_art21":
            parts.append(FillIn("geldig tot", height=6 * mm))
        if item.with_name:
            parts.append(FillIn("naam", height=6 * mm))
        return parts
    return [FillIn(height=6 * mm)]


def _answer_text(item: Item, answer: Answer, departure: date | None) -> str:
    """The answer as the reader knows it: ja/nee or the option's label, with its validity."""
    if item.kind == "yes_no":
        shown = _YES_NO.get(answer.value, answer.value)
    elif item.kind == "choice":
        labels = dict(item.options)
        # "Besluit CIZ (datum en geldig tot)" was a hint for the one who answers.
        shown = re.sub(r"\s*\(.*\)$", "", labels.get(answer.value, answer.value))
    else:
        shown = answer.value
    parts = [text(shown)]
    if answer.valid_until is not None:
        parts.append(f"geldig tot {format_date(answer.valid_until)}")
        if departure is not None and answer.valid_until < departure:
            parts.append(f'<font color="{_RED}">verloopt vóór het vertrek</font>')
    if not answer.confirmed:
        parts.append(f'<font color="{_AMBER}"><i>(nog bevestigen)</i></font>')
    return "<br/>".join(parts)


def _overrides(
    overrides: tuple[tuple[str, str, str, datetime], ...], blank: bool
) -> list[Flowable]:
    if blank and not overrides:
        return []
    parts: list[Flowable] = [Paragraph("Overrulingen", STYLES["section"])]
    if not overrides:
        parts.append(Paragraph("Geen: er is geen open punt overruled.", STYLES["cell"]))
    for gate, reason, given_by, given_at in overrides:
        when = f"{format_date(given_at.date())} {given_at:%H:%M}"
        line = (
            f"<b>Overruled door {text(given_by)} op {when}</b> ({_GATES.get(gate, text(gate))}): "
            f"{text(reason)}"
        )
        parts.append(Paragraph(line, ParagraphStyle("override", BASE, spaceAfter=3)))
    return [KeepTogether(parts[:2]), *parts[2:], Spacer(1, 5 * mm)]


def _filled_in_by() -> Flowable:
    row = [[FillIn("Ingevuld door"), "", FillIn("Datum")]]
    return plain_table(row, (CONTENT_WIDTH * 0.6, 8 * mm, CONTENT_WIDTH * 0.4 - 8 * mm))
