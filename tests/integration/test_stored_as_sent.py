"""WMO305, WMO307 and WMO323 stored as sent: exporting a month again gives the municipality
byte-identical files with the same numbers, and a change after sending becomes a correction
message (StatusAanlevering 3, then 1; iWmo IV008), never a rewrite."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text, update

from logeerhuis_app.billing.months import close_month
from logeerhuis_app.claims.care_messages import care_messages
from logeerhuis_app.claims.claims import submit_claim
from logeerhuis_app.claims.month_export import export_month
from logeerhuis_app.db.models import Allocation, Guest
from logeerhuis_app.documents.claims.wmo305_307 import read_products, read_statuses, validate
from logeerhuis_app.domain.months import Month
from logeerhuis_app.planning.planning import cancel, move_stay

STANDARDS = Path(__file__).resolve().parents[3] / "shared" / "standards" / "iwmo-3.2"


def _valid(xml: bytes) -> None:
    if (STANDARDS / "WMO305.xsd").exists():
        assert validate(xml, STANDARDS, "305") == []


def _house(db, wmo_house):
    gemeente, stay = wmo_house()
    with db.session() as s:
        s.execute(update(Guest).values(date_of_birth=date(1941, 5, 2), gender="V"))
    return gemeente, stay


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*.xml")}


def test_exporting_a_month_again_gives_the_same_bytes_and_numbers(db, wmo_house, tmp_path):
    gemeente, _stay = _house(db, wmo_house)
    close_month(db, Month(2026, 3), by="t", now=datetime(2026, 4, 2, 9))
    submit_claim(db, Month(2026, 3), gemeente.id, by="t", now=datetime(2026, 4, 2, 9))
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    first = export_month(db, Month(2026, 3), tmp_path / "a", today=date(2026, 4, 3))
    second = export_month(db, Month(2026, 3), tmp_path / "b", today=date(2026, 5, 20))
    one, two = _files(first.location), _files(second.location)
    assert sorted(one) == [
        "declaraties/D202600001-wmo-0308-WMO323.xml",
        "wmo-berichten/WMO305-0308-2026-03-001.xml",
    ]
    assert one == two  # same names, same bytes: the Dagtekening of the first export stays
    assert (
        b"<iwmo:Dagtekening>2026-04-03</iwmo:Dagtekening>"
        in two["wmo-berichten/WMO305-0308-2026-03-001.xml"]
    )


def test_a_moved_first_night_gives_a_correction_message_not_a_rewrite(db, wmo_house):
    _g, stay = _house(db, wmo_house)
    [original] = care_messages(db, Month(2026, 3), made_on=date(2026, 4, 3)).files
    move_stay(db, stay.id, room_id=stay.room_id, arrival=date(2026, 3, 12),
              departure=date(2026, 3, 18))  # fmt: skip
    files = care_messages(db, Month(2026, 3), made_on=date(2026, 4, 20)).files
    assert [f.name for f in files] == [
        "WMO305-0308-2026-03-001.xml",
        "WMO305-0308-2026-03-002.xml",
    ]
    assert files[0] == original  # what the municipality has stays as it was
    correction = files[1]
    assert correction.kind.startswith("Correctie startbericht")
    _valid(correction.data)
    # The key (Begindatum) changed: deleting the old and delivering the new in one message.
    assert read_statuses(correction.data) == ["3", "1"]
    assert [p["Begindatum"] for p in read_products(correction.data)] == [
        "2026-03-10",
        "2026-03-12",
    ]
    assert b"<iwmo:Dagtekening>2026-04-20<" in correction.data
    # Made again: no further message.
    assert care_messages(db, Month(2026, 3), made_on=date(2026, 5, 1)).files == files


def test_a_changed_allocation_start_is_deleted_and_delivered_in_two_messages(db, wmo_house):
    _house(db, wmo_house)
    care_messages(db, Month(2026, 3), made_on=date(2026, 4, 3))
    with db.session() as s:
        s.execute(update(Allocation).values(start_date=date(2026, 2, 1)))
    files = care_messages(db, Month(2026, 3), made_on=date(2026, 4, 20)).files
    assert len(files) == 3
    assert read_statuses(files[1].data) == ["3"]
    assert read_statuses(files[2].data) == ["1"]
    assert read_products(files[2].data)[0]["ToewijzingIngangsdatum"] == "2026-02-01"
    for f in files:
        _valid(f.data)


def test_a_cancelled_stay_after_sending_deletes_the_start(db, wmo_house):
    _g, stay = _house(db, wmo_house)
    care_messages(db, Month(2026, 3), made_on=date(2026, 4, 3))
    cancel(db, stay.id, reason="ziek", cancelled_by="dochter", when=datetime(2026, 3, 1, 9))
    files = care_messages(db, Month(2026, 3), made_on=date(2026, 4, 20)).files
    assert len(files) == 2
    assert read_statuses(files[1].data) == ["3"]
    assert read_products(files[1].data)[0]["Bsn"] == "999900006"
    _valid(files[1].data)


def test_stored_messages_cannot_be_changed_even_with_sql(db, wmo_house):
    _house(db, wmo_house)
    care_messages(db, Month(2026, 3), made_on=date(2026, 4, 3))
    for statement in (
        "UPDATE sent_messages SET made_by = 'iemand anders'",
        "DELETE FROM sent_messages",
        "UPDATE sent_care_products SET begin = '2026-03-01'",
    ):
        with pytest.raises(Exception, match="verstuurd bericht"), db.session() as s:
            s.execute(text(statement))
