"""Recording the Caregiver Strain Index of a carer: only with consent, listed with a trend."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from logeerhuis_app.db.models import CarerStrain
from logeerhuis_app.house.guests import CarerData, GuestData, save_guest
from logeerhuis_app.intake.carer_strain import (
    NO_CONSENT,
    StrainData,
    carers_with_strain,
    list_strain,
    record_strain,
)
from logeerhuis_app.services.errors import NotFoundError, ValidationError


def _answers(yes: int) -> tuple[bool, ...]:
    return tuple(i < yes for i in range(13))


@pytest.fixture
def guest(db):
    return save_guest(
        db,
        GuestData(
            first_name="Anna",
            last_name="Smit",
            carers=(CarerData(name="Kees Smit", relation="partner"), CarerData(name="Els Smit")),
        ),
    )


def _stored(db) -> int:  # type: ignore[no-untyped-def]
    with db.session() as s:
        return s.scalar(select(func.count()).select_from(CarerStrain))


def test_without_consent_nothing_is_recorded(db, guest):
    data = StrainData(
        carer_id=guest.carers[0].id,
        measured_on=date.today(),
        answers=_answers(8),
        consent=False,
        consent_recorded_by="Marieke",
    )
    with pytest.raises(ValidationError) as info:
        record_strain(db, data)
    assert info.value.field_errors == {"consent": NO_CONSENT}
    assert "toestemming" in NO_CONSENT
    assert _stored(db) == 0


def test_all_thirteen_answers_a_date_and_who_asked_are_required(db, guest):
    data = StrainData(carer_id=guest.carers[0].id, answers=_answers(3)[:12], consent=True)
    with pytest.raises(ValidationError) as info:
        record_strain(db, data)
    assert set(info.value.field_errors) == {"answers", "measured_on", "consent_recorded_by"}
    assert "13 vragen" in info.value.field_errors["answers"]
    future = StrainData(
        carer_id=guest.carers[0].id,
        measured_on=date.today() + timedelta(days=1),
        answers=_answers(3),
        consent=True,
        consent_recorded_by="Marieke",
        moment="later",
    )
    with pytest.raises(ValidationError) as info:
        record_strain(db, future)
    assert set(info.value.field_errors) == {"measured_on", "moment"}
    with pytest.raises(NotFoundError):
        record_strain(db, StrainData(carer_id=9999, measured_on=date.today(),
                                     answers=_answers(1), consent=True,
                                     consent_recorded_by="Marieke"))  # fmt: skip
    assert _stored(db) == 0


def test_measurements_are_listed_oldest_first_with_score_flag_and_trend(db, guest):
    kees, els = (c.id for c in guest.carers)
    today = date.today()
    later = record_strain(
        db,
        StrainData(
            carer_id=kees,
            measured_on=today,
            moment="evaluatie",
            answers=_answers(8),
            consent=True,
            consent_recorded_by="  Marieke (coördinator) ",
            note="Slaapt slecht sinds de zomer.",
        ),
    )
    assert later.score == 8 and later.overburdened and later.moment_label == "Evaluatie"
    record_strain(
        db,
        StrainData(
            carer_id=kees,
            measured_on=today - timedelta(days=60),
            answers=_answers(5),
            consent=True,
            consent_recorded_by="Marieke",
        ),
    )
    records = list_strain(db, kees)
    assert [(r.moment, r.score, r.overburdened) for r in records] == [
        ("intake", 5, False),
        ("evaluatie", 8, True),
    ]
    assert records[1].answers == _answers(8)
    assert records[1].consent_recorded_by == "Marieke (coördinator)"
    assert list_strain(db, els) == []
    (overview,) = carers_with_strain(db, guest.id)
    assert (overview.carer_id, overview.name, overview.relation) == (kees, "Kees Smit", "partner")
    assert overview.trend == "gestegen van 5 naar 8"
    assert overview.latest is not None and overview.latest.score == 8
    with db.session() as s:
        assert all(row.consent for row in s.scalars(select(CarerStrain)))


def test_deleting_a_carer_deletes_the_measurements(db, guest):
    from dataclasses import replace

    kees = guest.carers[0].id
    record_strain(db, StrainData(carer_id=kees, measured_on=date.today(), answers=_answers(2),
                                 consent=True, consent_recorded_by="Marieke"))  # fmt: skip
    save_guest(db, replace(guest, carers=guest.carers[1:]))
    assert _stored(db) == 0
