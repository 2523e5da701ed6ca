"""The stay's PDFs gathered from a real SQLite database; the guest's BSN never leaves it."""

from __future__ import annotations

import io
from datetime import date, datetime

import pypdf
import pytest

from logeerhuis_app.db.models import IntakeAnswer, IntakeOverride
from logeerhuis_app.house.guests import CarerData, GuestData, save_guest
from logeerhuis_app.house.house_texts import CONDITIONS, EVALUATION, set_text
from logeerhuis_app.house.provider import ProviderData, save_provider
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.intake.intake_documents import (
    departure_checklist_pdf,
    evaluation_letter_pdf,
    intake_form_pdf,
    statement_pdf,
)
from logeerhuis_app.planning.stays import NewStay, create_stay
from logeerhuis_app.services.errors import NotFoundError

BSN = "111222333"


def _text(pdf: bytes) -> str:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


@pytest.fixture
def house(db):
    save_provider(db, ProviderData(name="Logeerhuis De Linde", street="Dorpsstraat 1",
                                   postcode="1234AB", city="Lindehout"))  # fmt: skip
    room = save_room(db, RoomData(name="Linde", beds=1))
    guest = save_guest(
        db,
        GuestData(
            first_name="Anna",
            prefix="de",
            last_name="Vries",
            date_of_birth=date(1940, 2, 3),
            bsn=BSN,
            street="Kerkstraat 12",
            postcode="1234CD",
            city="Lindehout",
            gp_name="Dokter Vermeer",
            homecare_org="Buurtzorg Lindehout",
            carers=(
                CarerData(name="Piet de Vries", relation="zoon"),
                CarerData(name="Els de Vries", relation="dochter", is_primary=True),
            ),
        ),
    )
    stay = create_stay(db, NewStay(guest.id, room.id, date(2026, 3, 13), date(2026, 3, 20)))
    later = create_stay(db, NewStay(guest.id, room.id, date(2026, 5, 8), date(2026, 5, 11)))
    with db.session() as s:
        s.add_all(
            [
                IntakeAnswer(stay_id=stay.id, item_key="incl_home", value="ja",
                             answered_on=date(2026, 3, 2), staff="Marieke Jansen"),
                IntakeAnswer(stay_id=stay.id, item_key="excl_behaviour", value="nee",
                             answered_on=date(2026, 3, 2), staff="Marieke Jansen",
                             note="Rustig in de avond", confirmed=False),
                IntakeAnswer(stay_id=stay.id, item_key="wzd_art21", value="besluit",
                             answered_on=date(2026, 2, 20), staff="Ingrid Bakker",
                             valid_until=date(2026, 12, 31)),
                IntakeOverride(stay_id=stay.id, gate="bevestigen", reason="Tillift komt later",
                               given_by="Ingrid Bakker", given_at=datetime(2026, 3, 3, 9, 30)),
            ]
        )  # fmt: skip
    return stay, later, guest


def test_intake_form_shows_the_stored_answers_and_no_bsn(db, house) -> None:
    stay, _later, _guest = house
    text = _text(intake_form_pdf(db, stay.id, printed_on=date(2026, 3, 4)))
    assert "Logeerhuis De Linde" in text and "Anna de Vries" in text and "03-02-1940" in text
    assert "De gast woont thuis ja 02-03-2026 Marieke Jansen" in text
    assert "Ernstige gedragsproblemen nee" in text and "(nog bevestigen)" in text
    assert "Rustig in de avond" in text
    assert "Besluit CIZ" in text and "geldig tot 31-12-2026" in text
    assert "Overruled door Ingrid Bakker op 03-03-2026 09:30 (bij bevestigen): Tillift" in text
    assert "pagina 1 van" in text
    assert BSN not in text.replace(" ", "")


def test_blank_intake_form_for_a_stay_a_guest_or_nobody(db, house) -> None:
    stay, _later, guest = house
    for pdf in (
        intake_form_pdf(db, stay.id, blank=True),
        intake_form_pdf(db, None, guest_id=guest.id),
    ):
        text = _text(pdf)
        assert "blanco" in text and "Anna de Vries" in text
        assert "Marieke Jansen" not in text and "Overruled" not in text
        assert BSN not in text.replace(" ", "")
    nobody = _text(intake_form_pdf(db, None, blank=True))
    assert "blanco" in nobody and "Anna" not in nobody


def test_statement_with_default_setting_and_given_conditions(db, house) -> None:
    stay, _later, _guest = house
    text = _text(statement_pdf(db, stay.id))
    assert "Verklaring logeerzorg" in text and "Anna de Vries" in text
    assert "Dorpsstraat 1, 1234 AB Lindehout" in text
    assert "aankomst 13-03-2026, vertrek 20-03-2026 (7 nachten)" in text
    assert "geen verpleeghuis" in text
    assert BSN not in text.replace(" ", "")
    set_text(db, CONDITIONS, "Huisregel van De Linde.")
    assert "Huisregel van De Linde." in _text(statement_pdf(db, stay.id))
    given = _text(statement_pdf(db, stay.id, conditions="Speciaal voor deze keer."))
    assert "Speciaal voor deze keer." in given and "Huisregel" not in given


def test_departure_checklist_names_carer_homecare_gp_and_next_stay(db, house) -> None:
    stay, _later, _guest = house
    text = _text(departure_checklist_pdf(db, stay.id))
    assert "Anna de Vries" in text and "Kamer Linde" in text
    assert "Els de Vries (dochter)" in text  # the primary carer, not the first one
    assert "Buurtzorg Lindehout" in text and "Dokter Vermeer" in text
    assert "gepland, aankomst 08-05-2026" in text
    assert "Medicatie teruggegeven" in text
    assert BSN not in text.replace(" ", "")


def test_evaluation_letter_to_the_primary_carer_at_the_guests_address(db, house) -> None:
    stay, _later, _guest = house
    text = _text(evaluation_letter_pdf(db, stay.id, letter_date=date(2026, 3, 23)))
    assert "Els de Vries Kerkstraat 12 1234 CD Lindehout" in text
    assert "Beste Els de Vries en Anna de Vries," in text
    assert "Lindehout, 23 maart 2026" in text and "Hartelijk dank" in text
    assert BSN not in text.replace(" ", "")
    own = '"Tekst tussen aanhalingstekens", door het huis zelf.'  # plain text, not JSON
    set_text(db, EVALUATION, own)
    assert own in _text(evaluation_letter_pdf(db, stay.id))
    assert "Eigen brief." in _text(evaluation_letter_pdf(db, stay.id, "Eigen brief."))


@pytest.mark.parametrize(
    "make", [intake_form_pdf, statement_pdf, departure_checklist_pdf, evaluation_letter_pdf]
)
def test_a_missing_stay_is_reported_in_dutch(db, make) -> None:
    with pytest.raises(NotFoundError, match="Dit verblijf bestaat niet"):
        make(db, 999)


def test_a_missing_guest_for_a_blank_form_is_reported(db) -> None:
    with pytest.raises(NotFoundError, match="Deze gast bestaat niet"):
        intake_form_pdf(db, None, blank=True, guest_id=999)
