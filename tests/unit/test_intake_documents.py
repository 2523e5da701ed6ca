"""Intake form, statement, departure checklist and evaluation letter, read back with pypdf."""

from __future__ import annotations

import io
import re
from datetime import date, datetime

import pypdf
import pytest
from PIL import Image as PILImage

from logeerhuis_app.documents.intake.intake_form import IntakeFormData, render_intake_form
from logeerhuis_app.documents.intake.stay_letters import (
    DEFAULT_CONDITIONS,
    DEFAULT_EVALUATION_TEXT,
    DepartureData,
    EvaluationData,
    Letterhead,
    StatementData,
    render_departure_checklist,
    render_evaluation_letter,
    render_statement,
)
from logeerhuis_app.domain.intake import BY_KEY, GROUPS, ITEMS, Answer

GUEST = "Geertruida van den Heuvel-Brouwer"
ARRIVAL, DEPARTURE = date(2026, 3, 13), date(2026, 3, 20)
PRINTED = date(2026, 3, 4)
LONG_NOTE = (
    "Soms onrustig in de avond, goed te begeleiden met muziek en een vaste routine. "
    "Dochter belt elke avond om acht uur; bij onrust eerst koffie aanbieden en rustig praten. "
) * 6
OVERRIDE_REASON = "Tillift wordt door de thuiszorg geleverd op de dag van aankomst."
NINE_DIGITS = re.compile(r"(?<!\d)\d{9}(?!\d)")


def _png_logo() -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (400, 120), (40, 110, 160)).save(buffer, format="PNG")
    return buffer.getvalue()


def _pages(pdf: bytes) -> list[str]:
    return [
        " ".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages
    ]


def _answers() -> dict[str, Answer]:
    answers = {
        item.key: Answer(item.good[0], date(2026, 3, 2), "Marieke Jansen")
        for item in ITEMS
        if item.kind == "yes_no" and item.key != "aids"
    }
    answers["excl_behaviour"] = Answer(
        "nee", date(2026, 3, 1), "Marieke Jansen", LONG_NOTE, None, False
    )
    answers["medical_responsibility"] = Answer(
        "so", date(2026, 3, 2), "Ingrid Bakker", "Dr. A. van Leeuwen, specialist ouderengeneeskunde"
    )
    answers["resuscitation"] = Answer("nee", date(2026, 3, 2), "Ingrid Bakker")
    answers["wzd_art21"] = Answer(
        "besluit", date(2026, 2, 20), "Ingrid Bakker", "", valid_until=date(2026, 12, 31)
    )
    return answers


def _form(answers: dict[str, Answer] | None = None, **changes) -> IntakeFormData:
    values = dict(
        provider_name="Logeerhuis De Zonnebloem",
        logo=_png_logo(),
        guest_name=GUEST,
        date_of_birth=date(1938, 5, 4),
        stay=(ARRIVAL, DEPARTURE),
        answers=_answers() if answers is None else answers,
        overrides=(("bevestigen", OVERRIDE_REASON, "Ingrid Bakker", datetime(2026, 3, 3, 14, 5)),),
        printed_on=PRINTED,
    )
    values.update(changes)
    return IntakeFormData(**values)


def _row(text: str, key: str) -> str:
    """The text of one item's row: from its question up to the next question."""
    start = text.index(BY_KEY[key].question)
    following = [text.find(i.question, start + 1) for i in ITEMS]
    ends = [p for p in following if p > start]
    return text[start : min(ends, default=len(text))]


@pytest.fixture(scope="module")
def filled() -> list[str]:
    return _pages(render_intake_form(_form()))


@pytest.fixture(scope="module")
def blank() -> list[str]:
    return _pages(
        render_intake_form(_form({}, guest_name="", date_of_birth=None, stay=None, overrides=()))
    )


def test_filled_form_shows_every_question_with_its_answer(filled: list[str]) -> None:
    text = " ".join(filled)
    assert "Intakeformulier" in text and "Logeerhuis De Zonnebloem" in text
    assert GUEST in text and "04-05-1938" in text
    assert "aankomst 13-03-2026, vertrek 20-03-2026 (7 nachten)" in text
    for group in GROUPS:
        assert group in text
    for item in ITEMS:
        assert item.question in text
    assert "De gast woont thuis ja 02-03-2026 Marieke Jansen" in text
    assert "Ernstige gedragsproblemen nee" in text
    row = _row(text, "medical_responsibility")
    assert "Overgedragen aan specialist ouderengeneeskunde" in row
    assert "Dr. A. van Leeuwen" in row
    assert "Niet reanimeren" in _row(text, "resuscitation")
    assert " ".join(LONG_NOTE.split()) in text  # a long note wraps, nothing is cut off


def test_unconfirmed_answers_say_so_and_only_those(filled: list[str]) -> None:
    text = " ".join(filled)
    assert "(nog bevestigen)" in _row(text, "excl_behaviour")
    for key in ("incl_home", "wzd_art21", "resuscitation"):
        assert "(nog bevestigen)" not in _row(text, key)


def test_art21_shows_its_decision_date_and_validity(filled: list[str]) -> None:
    row = _row(" ".join(filled), "wzd_art21")
    assert "Besluit CIZ" in row and "(datum" not in row
    assert "geldig tot 31-12-2026" in row
    assert "20-02-2026" in row
    assert "verloopt" not in row


def test_an_art21_decision_that_ends_before_departure_is_flagged() -> None:
    answers = _answers()
    answers["wzd_art21"] = Answer(
        "besluit", date(2026, 2, 20), "Ingrid Bakker", "", date(2026, 3, 15)
    )
    row = _row(" ".join(_pages(render_intake_form(_form(answers)))), "wzd_art21")
    assert "geldig tot 15-03-2026" in row and "verloopt vóór het vertrek" in row


def test_unanswered_items_on_a_filled_form_get_boxes(filled: list[str]) -> None:
    assert "ja nee" in _row(" ".join(filled), "aids")


def test_overrides_are_listed_with_who_when_and_why(filled: list[str]) -> None:
    text = " ".join(filled)
    assert "Overrulingen" in text
    assert "Overruled door Ingrid Bakker op 03-03-2026 14:05 (bij bevestigen):" in text
    assert OVERRIDE_REASON in text


def test_no_overrides_is_said_plainly() -> None:
    text = " ".join(_pages(render_intake_form(_form(overrides=()))))
    assert "Geen: er is geen open punt overruled." in text


@pytest.mark.parametrize("which", ["filled", "blank"])
def test_every_page_counts_pages_and_is_confidential(which: str, request) -> None:
    pages = request.getfixturevalue(which)
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        assert f"Afgedrukt op 04-03-2026 — pagina {number} van {len(pages)}" in page
        assert "Vertrouwelijk" in page


def test_blank_form_has_boxes_and_lines_but_no_answers(blank: list[str]) -> None:
    text = " ".join(blank)
    assert "Intakeformulier (blanco, in te vullen)" in text
    for item in ITEMS:
        assert item.question in text
    assert "De gast woont thuis ja nee" in text
    for _value, label in BY_KEY["wzd_art21"].options:
        assert label in text
    assert "geldig tot" in _row(text, "wzd_art21")
    assert "Wel reanimeren Niet reanimeren Onbekend" in text
    assert "Ingevuld door" in text
    assert "(nog bevestigen)" not in text
    assert "Overrulingen" not in text
    assert "Marieke" not in text


def test_no_bsn_like_number_on_any_document(filled: list[str], blank: list[str]) -> None:
    lh = Letterhead("Logeerhuis De Zonnebloem", kvk="12345678", agb_code="98765432")
    others = [
        render_statement(StatementData(lh, GUEST, date(1938, 5, 4), ARRIVAL, DEPARTURE, PRINTED)),
        render_departure_checklist(_departure()),
        render_evaluation_letter(_evaluation()),
    ]
    for page in filled + blank + [p for pdf in others for p in _pages(pdf)]:
        assert not NINE_DIGITS.search(page)
        assert not NINE_DIGITS.search(page.replace(" ", ""))


@pytest.mark.parametrize("logo, images", [(None, 0), (b"garbage", 0), (b"\x89PNG broken", 0)])
def test_a_missing_or_unreadable_logo_is_skipped(logo, images) -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_intake_form(_form(logo=logo))))
    assert len(reader.pages[0].images) == images
    assert "Intakeformulier" in reader.pages[0].extract_text()


def test_a_readable_logo_is_placed() -> None:
    reader = pypdf.PdfReader(io.BytesIO(render_intake_form(_form())))
    assert len(reader.pages[0].images) == 1


def _letterhead() -> Letterhead:
    return Letterhead(
        "Logeerhuis De Zonnebloem", "Lindelaan 4", "1234 AB", "Zonnedorp", "0123 456 789",
        "info@zonnebloem.nl", "12345678", "98765432", _png_logo(),
    )  # fmt: skip


def test_statement_names_house_guest_stay_conditions_and_signatures() -> None:
    pdf = render_statement(
        StatementData(_letterhead(), GUEST, date(1938, 5, 4), ARRIVAL, DEPARTURE, PRINTED)
    )
    pages = _pages(pdf)
    text = " ".join(pages)
    assert "Verklaring logeerzorg" in text
    assert "Lindelaan 4, 1234 AB Zonnedorp" in text and "KvK 12345678" in text
    assert GUEST in text and "04-05-1938" in text
    assert "aankomst 13-03-2026, vertrek 20-03-2026 (7 nachten)" in text
    assert "geen verpleeghuis" in text and "originele verpakking" in text
    assert "huisarts blijft" in text and "haalt de mantelzorger" in text
    assert "Annuleer" in text and "gegevens" in text
    assert (
        "Logé of wettelijk vertegenwoordiger" in text and "Namens Logeerhuis De Zonnebloem" in text
    )
    assert text.count("Handtekening") == 2 and text.count("Plaats") == 2
    assert f"pagina 1 van {len(pages)}" in pages[0]


def test_statement_takes_the_houses_own_conditions() -> None:
    own = "1. Eigen voorwaarde een.\n\n2. Eigen voorwaarde twee,\nmet een tweede regel."
    data = StatementData(_letterhead(), GUEST, None, ARRIVAL, DEPARTURE, PRINTED, own)
    text = " ".join(_pages(render_statement(data)))
    assert "Eigen voorwaarde een." in text and "met een tweede regel." in text
    assert "geen verpleeghuis" not in text
    assert "Geboortedatum" not in text  # unknown, so not printed
    assert "verpleeghuis" in DEFAULT_CONDITIONS


def _departure(**changes) -> DepartureData:
    values = dict(
        provider_name="Logeerhuis De Zonnebloem",
        logo=_png_logo(),
        guest_name=GUEST,
        room="Tuinkamer",
        arrival=ARRIVAL,
        departure=DEPARTURE,
        printed_on=date(2026, 3, 19),
        collected_by="Jan van den Heuvel (zoon), 06 12345678",
        homecare="Buurtzorg Zonnedorp, Petra Smit",
        gp="Dr. K. Vermeer",
        next_stay=date(2026, 5, 8),
    )
    values.update(changes)
    return DepartureData(**values)


def test_departure_checklist_lists_every_point_with_room_to_write() -> None:
    pages = _pages(render_departure_checklist(_departure()))
    text = " ".join(pages)
    assert "Vertrekchecklist: overdracht naar huis" in text
    assert GUEST in text and "Tuinkamer" in text and "Buurtzorg Zonnedorp" in text
    for point in (
        "Medicatie teruggegeven",
        "Eigen spullen meegegeven",
        "Hulpmiddelen mee terug",
        "Thuiszorg geïnformeerd over de overdracht",
        "Verslag aan de huisarts",
        "Volgend verblijf gepland",
    ):
        assert point in text
    assert "verstuurd niet nodig" in text
    assert "gepland, aankomst 08-05-2026" in text
    assert "Notities" in text and "Afgetekend door" in text
    assert f"pagina 1 van {len(pages)}" in pages[0]
    later = " ".join(_pages(render_departure_checklist(_departure(next_stay=None))))
    assert "nog niet gepland" in later


def _evaluation(**changes) -> EvaluationData:
    values = dict(
        provider=_letterhead(),
        carer_name="Jan van den Heuvel",
        guest_name=GUEST,
        address_lines=("Kerkstraat 12", "1234 CD Zonnedorp"),
        arrival=ARRIVAL,
        departure=DEPARTURE,
        letter_date=date(2026, 3, 23),
        signed_by="Ingrid Bakker",
    )
    values.update(changes)
    return EvaluationData(**values)


def test_evaluation_letter_is_addressed_to_the_carer_at_the_guests_address() -> None:
    pages = _pages(render_evaluation_letter(_evaluation()))
    text = " ".join(pages)
    assert "Jan van den Heuvel Kerkstraat 12 1234 CD Zonnedorp" in text
    assert "Zonnedorp, 23 maart 2026" in text
    assert "13 maart 2026 tot 20 maart 2026" in text
    assert f"Beste Jan van den Heuvel en {GUEST}," in text
    assert "Hartelijk dank" in text and "vragenlijst" in text and "bellen" in text
    assert "Met vriendelijke groet, Ingrid Bakker Logeerhuis De Zonnebloem" in text
    assert "pagina 1 van 1" in pages[0]
    assert "Hartelijk dank" in DEFAULT_EVALUATION_TEXT


def test_evaluation_letter_takes_its_own_text_and_works_without_a_carer() -> None:
    letter = _evaluation(carer_name="", text="Eigen tekst van het huis.", signed_by="")
    text = " ".join(_pages(render_evaluation_letter(letter)))
    assert f"{GUEST} Kerkstraat 12" in text and f"Beste {GUEST}," in text
    assert "Eigen tekst van het huis." in text and "Hartelijk dank" not in text
