"""Input that used to pass without a word is refused in Dutch (decision 0028): a month to close
in the future or implausibly long ago, an --out folder that does not exist (the file used to
land beside it), and free text of any size (a 100 MB note was accepted)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from logeerhuis_app.billing.months import close_month, month_check
from logeerhuis_app.cli import main
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.text_limits import NOTE_MAX_LENGTH
from logeerhuis_app.house.guests import CarerData, GuestData, save_guest, search_guests
from logeerhuis_app.house.rooms import RoomData, save_room
from logeerhuis_app.services.errors import ServiceError, ValidationError

NOW = datetime(2026, 11, 28, 10, 0)


@pytest.mark.parametrize(
    ("year", "month", "why"),
    [(2031, 1, "ligt in de toekomst"), (2026, 12, "ligt in de toekomst"),
     (1999, 1, "meer dan 10 jaar geleden"), (2015, 12, "meer dan 10 jaar geleden")],
)  # fmt: skip
def test_a_month_out_of_range_is_not_closed(db, year, month, why):
    with pytest.raises(ServiceError, match=why):
        close_month(db, Month(year, month), by="test", now=NOW)
    assert not month_check(db, Month(year, month)).closed


def test_this_month_and_ten_years_back_may_be_closed(db):
    close_month(db, Month(2026, 11), by="test", now=NOW)
    close_month(db, Month(2016, 11), by="test", now=NOW)
    assert month_check(db, Month(2026, 11)).closed and month_check(db, Month(2016, 11)).closed


def test_the_command_line_refuses_a_future_month(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "close-month", "2031-01"]) == 2
    assert "ligt in de toekomst" in capsys.readouterr().err


@pytest.mark.sqlite_only
@pytest.mark.parametrize(
    "command",
    [
        ["invoices", "2026-01", "--out"],
        ["export", "2026-01", "--out"],
        ["backup", "--out"],
        ["backup", "--no-encrypt", "--out"],
    ],
    ids=["invoices", "export", "backup", "backup-plain"],
)
def test_an_out_folder_that_does_not_exist_is_refused(db, data_dir, tmp_path, capsys, command):
    missing = tmp_path / "stick"  # the USB stick is not in
    db.close()
    assert main(["--data-dir", str(data_dir), *command, str(missing)]) == 2
    err = capsys.readouterr().err
    assert f"De map {missing} bestaat niet" in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data"]  # nothing beside it


@pytest.mark.sqlite_only
def test_invoices_are_not_made_final_when_their_folder_is_missing(db, data_dir, tmp_path):
    from invoicing_support import build_house

    from logeerhuis_app.billing.invoice_records import list_invoices

    build_house(db)
    close_month(db, Month(2026, 1), by="test", now=NOW)
    assert main(["--data-dir", str(data_dir), "invoices", "2026-01", "--out", str(tmp_path / "x")])
    assert [i.number for i in list_invoices(db, year=None) if i.number] == []


@pytest.mark.sqlite_only
def test_a_backup_file_name_in_an_existing_folder_is_fine(db, data_dir, tmp_path, capsys):
    db.close()
    args = ["--data-dir", str(data_dir), "backup", "--out"]
    assert main([*args, str(tmp_path / "kopie.zip")]) == 0
    assert (tmp_path / "kopie.zip").exists()
    assert main([*args, str(tmp_path / "kopie.sqlite3"), "--no-encrypt"]) == 0
    assert (tmp_path / "kopie.sqlite3").exists()
    assert main([*args, str(tmp_path / "nergens" / "kopie.zip")]) == 2
    assert "De map" in capsys.readouterr().err and not (tmp_path / "nergens").exists()


def test_the_month_export_refuses_a_missing_folder_in_the_service(db, tmp_path):
    from logeerhuis_app.claims.month_export import export_month

    with pytest.raises(ServiceError, match="bestaat niet"):
        export_month(db, Month(2026, 1), tmp_path / "stick", today=date(2026, 2, 1))
    assert not (tmp_path / "stick").exists()


def test_a_note_longer_than_the_limit_is_refused_with_its_field(db):
    long = "Insuline om 8 uur. " * (NOTE_MAX_LENGTH // 19 + 1)
    assert len(long) > NOTE_MAX_LENGTH
    for field in ("notes", "care_needs"):
        with pytest.raises(ValidationError) as refused:
            save_guest(db, GuestData(last_name="Bos", **{field: long}))
        assert "te lang" in refused.value.field_errors[field]
        assert "10.000" in refused.value.field_errors[field]
    assert search_guests(db, "Bos") == []
    save_guest(db, GuestData(last_name="Bos", notes=long[:NOTE_MAX_LENGTH]))  # just fits


def test_a_carer_note_is_bounded_too(db):
    carer = CarerData(name="Jan", notes="x" * (NOTE_MAX_LENGTH + 1))
    with pytest.raises(ValidationError) as refused:
        save_guest(db, GuestData(last_name="Bos", carers=(carer,)))
    assert "te lang" in refused.value.field_errors["carers.0.notes"]


def test_every_text_column_is_bounded_where_it_is_saved(db):
    """The last guard, in the unit of work: any text longer than its column allows (or than
    the note limit) is refused, named by its field, and nothing is saved."""
    with pytest.raises(ValidationError) as refused:
        save_room(db, RoomData(name="Linde", beds=1, notes="x" * (NOTE_MAX_LENGTH + 1)))
    assert "te lang" in refused.value.field_errors["notes"]
    with db.session() as s:
        from logeerhuis_app.db.models import Room

        assert s.query(Room).count() == 0
