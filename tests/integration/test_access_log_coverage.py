"""Every change of a guest's care or stay data reaches the access log with the guest named:
planning, intake, night corrections, allocations, inzage and removal."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logeerhuis_app.access.access_log import LogFilter, list_access, verify_chain
from logeerhuis_app.access.privacy import erase_care_data, guest_dossier
from logeerhuis_app.billing.corrections import correct_night
from logeerhuis_app.intake.intake import get_intake, save_intake
from logeerhuis_app.planning.planning import check_in, move_stay
from logeerhuis_app.services.errors import ValidationError


def test_stay_intake_and_privacy_actions_are_logged_for_the_guest(db, wmo_house):
    _gemeente, stay = wmo_house()
    move_stay(
        db, stay.id, room_id=stay.room_id, arrival=date(2026, 3, 10), departure=date(2026, 3, 19)
    )
    save_intake(db, stay.id, dict(get_intake(db, stay.id).answers))
    correct_night(db, stay.id, date(2026, 3, 12), billable=False, reason="ziekenhuis", by="Ria",
                  now=datetime(2026, 3, 13, 9))  # fmt: skip
    guest_dossier(db, stay.guest_id, now=datetime(2026, 4, 1, 9))
    erase_care_data(db, stay.guest_id, reason="verzoek")
    lines = list_access(db, LogFilter(guest_id=stay.guest_id))
    details = [line.detail for line in reversed(lines)]
    for expected in ("Verblijf gepland", "Verblijf verplaatst of verlengd", "Intake opgeslagen",
                     "Nacht 2026-03-12 gecorrigeerd", "Inzage: alle gegevens van de gast",
                     "Zorggegevens verwijderd: verzoek"):  # fmt: skip
        assert expected in details, expected
    assert {line.user_name for line in lines} == {"opdrachtregel"}
    assert verify_chain(db) == []


def test_a_refused_change_leaves_no_log_row(db, wmo_house):
    _gemeente, stay = wmo_house()
    before = len(list_access(db))
    with pytest.raises(ValidationError) as refused:  # arriving after the departure day
        check_in(db, stay.id, when=datetime(2026, 3, 25, 15))
    assert "vertrekdatum" in refused.value.detail
    assert len(list_access(db)) == before
