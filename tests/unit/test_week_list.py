"""The week list PDF, read back with pypdf: the text a staff member would actually see."""

from __future__ import annotations

import io
import re
from datetime import date, timedelta

import pypdf
import pytest
from PIL import Image as PILImage

from logeerhuis_app.documents.planning.week_list import (
    WeekListData,
    WeekListEntry,
    render_week_list,
)

MONDAY = date(2026, 3, 16)  # ISO week 12
LONG_NAME = "Maria Theresia Wilhelmina Josephina van Oldenbarnevelt-Smits"
ACCENT_NAME = "Geertruida van den Heuvel-Brouwer"
LONG_NOTE = (
    "Neemt eigen knuffel en nachtlampje mee; slaapt het best met de deur op een kier. "
    "Vader haalt op rond half vijf, moeder belt vooraf. Graag extra tijd bij het avondeten "
    "en rustig aankondigen wanneer de volgende activiteit begint. Houdt van puzzels, "
    "van buiten spelen en van voorlezen voor het slapengaan, met dezelfde boeken steeds."
)[:300]
BUSY_FRIDAY = tuple(f"Vrijdaggast {i:02d} de Vries" for i in range(1, 19))
BUSY_SUNDAY = tuple(f"Zondaggast {i:02d} Jansen" for i in range(1, 19))


def _day(offset: int) -> date:
    return MONDAY + timedelta(days=offset)


def _week_data(logo: bytes | None = None) -> WeekListData:
    entries = [
        WeekListEntry(_day(0), "vertrek", "Kamer 1", ACCENT_NAME, 3, "Crème brûlée, één"),
        WeekListEntry(_day(0), "vertrek", "Kamer 2", "Zoë Maës", 2, "Jas ligt nog in de hal."),
        # Tuesday (offset 1) has no movements.
        WeekListEntry(_day(2), "aankomst", "Tuinkamer", LONG_NAME, 4, LONG_NOTE),
        WeekListEntry(_day(3), "vertrek", "Kamer 3", "Daniël Koçak", 1, ""),
    ]
    entries += [
        WeekListEntry(_day(4), "aankomst", f"Kamer {i % 6 + 1}", name, 2, "Via de zijdeur.")
        for i, name in enumerate(BUSY_FRIDAY)
    ]
    entries.append(WeekListEntry(_day(5), "aankomst", "Kamer 4", "Noël Brouwer", 1, ""))
    entries += [
        WeekListEntry(_day(6), "vertrek", f"Kamer {i % 6 + 1}", name, 2, "Tas staat klaar.")
        for i, name in enumerate(BUSY_SUNDAY)
    ]
    present = (
        (_day(0), ("Kamer 3 – Daniël Koçak",)),
        (_day(1), ("Kamer 3 – Daniël Koçak",)),
        (_day(2), ("Kamer 3 – Daniël Koçak", f"Tuinkamer – {LONG_NAME}")),
        (_day(3), (f"Tuinkamer – {LONG_NAME}",)),
        (_day(4), tuple(f"Kamer {i % 6 + 1} – {n}" for i, n in enumerate(BUSY_FRIDAY))),
        (_day(5), tuple(f"Kamer {i % 6 + 1} – {n}" for i, n in enumerate(BUSY_SUNDAY))),
    )
    return WeekListData(
        provider_name="Logeerhuis De Zonnebloem",
        logo=logo,
        week_start=MONDAY,
        entries=tuple(entries),
        present=present,
        printed_on=date(2026, 3, 13),
    )


def _png_logo() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 120), (40, 110, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def _pages(pdf: bytes) -> list[str]:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return [page.extract_text() for page in reader.pages]


def _flat(text: str) -> str:
    """Whitespace collapsed, so text wrapped inside a cell compares as one line."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def pages() -> list[str]:
    return _pages(render_week_list(_week_data(logo=_png_logo())))


def test_test_data_is_what_it_claims() -> None:
    assert len(LONG_NAME) == 60
    assert len(LONG_NOTE) == 300


def test_title_names_the_iso_week_and_its_days(pages: list[str]) -> None:
    first = _flat(pages[0])
    assert "Weeklijst week 12 — 16 maart 2026 t/m 22 maart 2026" in first
    assert "Logeerhuis De Zonnebloem" in first


def test_every_weekday_has_its_heading_with_date(pages: list[str]) -> None:
    text = _flat(" ".join(pages))
    headings = [
        "maandag 16 maart",
        "dinsdag 17 maart",
        "woensdag 18 maart",
        "donderdag 19 maart",
        "vrijdag 20 maart",
        "zaterdag 21 maart",
        "zondag 22 maart",
    ]
    positions = [text.find(h) for h in headings]
    assert all(p >= 0 for p in positions), dict(zip(headings, positions, strict=True))
    assert positions == sorted(positions)


def test_guests_accents_and_long_text_are_printed_whole(pages: list[str]) -> None:
    text = _flat(" ".join(pages))
    for name in (ACCENT_NAME, "Zoë Maës", "Daniël Koçak", "Noël Brouwer", LONG_NAME):
        assert name in text
    for name in BUSY_FRIDAY + BUSY_SUNDAY:
        assert name in text
    assert "Crème brûlée, één" in text
    assert _flat(LONG_NOTE) in text
    assert "Soort Kamer Gast Nachten Notities" in text
    assert "Aankomst" in text and "Vertrek" in text


def test_a_quiet_day_says_so(pages: list[str]) -> None:
    text = _flat(" ".join(pages))
    tuesday = text[text.index("dinsdag 17 maart") : text.index("woensdag 18 maart")]
    assert "Geen aankomsten of vertrekken." in tuesday
    assert "Aanwezig: 1 gast" in tuesday
    assert text.count("Geen aankomsten of vertrekken.") == 1


def test_present_count_per_day(pages: list[str]) -> None:
    text = _flat(" ".join(pages))
    assert "Aanwezig: 2 gasten" in text
    assert f"Aanwezig: {len(BUSY_FRIDAY)} gasten" in text
    sunday = text[text.index("zondag 22 maart") :]
    assert "Aanwezig: 0 gasten" in sunday


def test_every_page_has_the_footer_with_the_page_count(pages: list[str]) -> None:
    total = len(pages)
    assert total >= 2  # the busy week does not fit on one page
    for number, page in enumerate(pages, start=1):
        flat = _flat(page)
        assert f"Afgedrukt op 13-03-2026 — pagina {number} van {total}" in flat
        assert "Vertrouwelijk: alleen voor medewerkers" in flat


def test_renderer_adds_no_bsn_like_number(pages: list[str]) -> None:
    data = _week_data()
    fields = [data.provider_name]
    for e in data.entries:
        fields += [e.room, e.guest_name, e.notes]
    nine_digits = re.compile(r"(?<!\d)\d{9}(?!\d)")
    assert not any(nine_digits.search(f) for f in fields)  # the data holds none...
    for page in pages:  # ...and the PDF invents none
        assert not nine_digits.search(page)
        assert not nine_digits.search(page.replace(" ", ""))


def test_a_readable_logo_is_placed_on_the_first_page() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_week_list(_week_data(logo=_png_logo()))))
    assert len(reader.pages[0].images) == 1


@pytest.mark.parametrize("logo", [b"garbage", b"", None, b"\x89PNG\r\n\x1a\nbroken"])
def test_a_missing_or_unreadable_logo_is_skipped(logo: bytes | None) -> None:
    pdf = render_week_list(_week_data(logo=logo))
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert not reader.pages[0].images
    assert "Weeklijst week 12" in _flat(reader.pages[0].extract_text())


def test_week_start_must_be_a_monday() -> None:
    data = _week_data()
    tuesday = WeekListData(
        data.provider_name, None, MONDAY + timedelta(days=1), (), (), data.printed_on
    )
    with pytest.raises(ValueError):
        render_week_list(tuesday)
