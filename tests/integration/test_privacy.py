"""Privacy duties: a guest's inzage holds everything about them and nothing about others; the
care data can be removed while stays and claims stay; retention periods list what is over."""

from __future__ import annotations

import json
from datetime import date, datetime

import pytest

from logeerhuis_app.access.privacy import (
    Retention,
    erase_care_data,
    get_retention,
    guest_dossier,
    past_retention,
    set_retention,
)
from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.claims import list_claims, submit_claim
from logeerhuis_app.db.models import Guest, IntakeAnswer
from logeerhuis_app.domain.months import Month
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.services.errors import ValidationError

NOW = datetime(2026, 4, 3, 10, 0)


@pytest.fixture
def house(db, wmo_house):
    gemeente, stay = wmo_house()
    other = save_guest(db, GuestData(first_name="Ander", last_name="Mens", care_needs="geheim"))
    with db.session() as s:
        guest = s.get(Guest, stay.guest_id)
        guest.care_needs, guest.gp_name = "Insuline om 8 uur", "Dr. Jansen"
        s.add(
            IntakeAnswer(stay_id=stay.id, item_key="reanimatie", value="nee", note="NR-verklaring")
        )
    close_month(db, Month(2026, 3), by="t", now=NOW)
    submit_claim(db, Month(2026, 3), gemeente.id, by="t", now=NOW)
    return stay, other


def test_the_inzage_holds_everything_about_the_guest_and_nothing_about_others(db, house):
    stay, _other = house
    dossier = json.loads(guest_dossier(db, stay.guest_id, now=NOW))
    tables = dossier["tabellen"]
    assert tables["guests"][0]["care_needs"] == "Insuline om 8 uur"
    assert [r["id"] for r in tables["stays"]] == [stay.id]
    assert len(tables["nights"]) == 8
    assert tables["intake_answers"][0]["note"] == "NR-verklaring"
    assert {r["bsn"] for r in tables["claim_lines"]} == {"999900006"}
    assert "allocations" in tables
    text = json.dumps(dossier)
    assert "geheim" not in text and "Ander" not in text


def test_care_data_is_removed_but_stays_and_claims_remain(db, house):
    stay, _other = house
    with pytest.raises(ValidationError):
        erase_care_data(db, stay.guest_id, reason=" ")
    erased = erase_care_data(db, stay.guest_id, reason="verzoek van de dochter")
    assert erased.intake_answers == 1 and erased.fields >= 2
    tables = json.loads(guest_dossier(db, stay.guest_id, now=NOW))["tabellen"]
    guest = tables["guests"][0]
    assert guest["care_needs"] == "" and guest["gp_name"] == ""
    assert guest["bsn"] == "999900006" and guest["last_name"] == "Bos"
    assert "intake_answers" not in tables and len(tables["nights"]) == 8
    assert list_claims(db)[0].total_cents == 115710


def test_retention_periods_and_what_is_past_them(db, house):
    assert get_retention(db) == Retention(20, 7)
    with pytest.raises(ValidationError) as refused:
        set_retention(db, Retention(10, 7))
    assert "15 jaar" in refused.value.detail
    assert past_retention(db, today=date(2030, 1, 1)) == []
    found = past_retention(db, today=date(2047, 6, 1))
    assert any("Zorgdossier van Gerrit Bos" in line for line in found)
    set_retention(db, Retention(30, 7))
    assert not any("Gerrit Bos" in line for line in past_retention(db, today=date(2047, 6, 1)))
