"""All data to one JSON file and back: readable export, identical round trip, the commands."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from logeerhuis_app.cli import main
from logeerhuis_app.db.models import Carer
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.data_exchange import (
    export_data,
    export_to_file,
    import_from_file,
)
from tests.integration import data_exchange_support
from tests.integration.data_exchange_support import _empty_db

# The fixture lives in data_exchange_support.py, shared by the export and the import tests.
house = data_exchange_support.house


def _as_dict(section: dict, index: int = 0) -> dict:
    return dict(zip(section["columns"], section["rows"][index], strict=True))


def test_every_table_is_exported_with_readable_values(db, house):
    data = export_data(db)
    assert list(data) == ["format", "format_version", "schema_revision", "tables", "sequences"]
    assert data["format"] == "logeerhuis-data" and data["format_version"] == 1
    assert all(section["rows"] for section in data["tables"].values()), "a table is empty"
    anna = _as_dict(data["tables"]["guests"])
    assert anna["date_of_birth"] == "1941-05-17"
    assert anna["needs_hoist"] is True and anna["id"] == 1
    assert isinstance(anna["created_at"], str) and "T" in anna["created_at"]
    provider = _as_dict(data["tables"]["provider"])
    assert provider["logo"].startswith("iVBORw0KGgo")  # base64 of the PNG signature
    cancelled = _as_dict(data["tables"]["stays"], 1)
    assert cancelled["status"] == "geannuleerd"
    assert cancelled["cancelled_at"] == "2026-03-01T09:00:00"
    reservation = _as_dict(data["tables"]["bed_reservations"])
    assert reservation["allocation_guest_id"] == anna["id"]
    assert reservation["allocation_reference"] == "987654321"
    assert data["sequences"]["guests"] == house["deleted_guest"]
    assert data["sequences"]["carers"] > len(data["tables"]["carers"]["rows"])


def test_export_import_export_gives_identical_bytes_and_keeps_the_counters(db, house, tmp_path):
    first = tmp_path / "eerste.json"
    summary = export_to_file(db, first)
    assert summary.counts["nights"] == 7 and summary.counts["guests"] == 2
    target = _empty_db(tmp_path)
    assert import_from_file(target, first).counts == summary.counts
    second = tmp_path / "tweede.json"
    export_to_file(target, second)
    assert second.read_bytes() == first.read_bytes()
    assert first.read_bytes().endswith(b"}\n")
    assert "crème brûlée ☕" in first.read_text(encoding="utf-8")  # not \u-escaped
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
    newcomer = save_guest(target, GuestData(last_name="Nieuw"))
    assert newcomer.id > house["deleted_guest"]
    target.close()


def test_a_failed_export_is_a_dutch_error(db, tmp_path):
    with pytest.raises(DataError) as info:
        export_to_file(db, tmp_path / "bestaat-niet" / "x.json")
    assert "kan niet worden geschreven" in info.value.message


@pytest.mark.sqlite_only  # --data-dir and `check`; PostgreSQL: tests/postgres/test_moving_house.py
def test_the_commands_export_import_and_check_end_to_end(db, house, data_dir, tmp_path, capsys):
    with db.session() as s:
        carers = s.scalar(select(func.count()).select_from(Carer))
    db.close()
    path = tmp_path / "alles.json"
    assert main(["--data-dir", str(data_dir), "export-data", str(path)]) == 0
    assert "Alle gegevens geschreven" in capsys.readouterr().out
    copy = tmp_path / "kopie"
    assert main(["--data-dir", str(copy), "import-data", str(path)]) == 0
    assert f"carers: {carers}" in capsys.readouterr().out
    assert main(["--data-dir", str(copy), "check"]) == 0
    assert "In orde" in capsys.readouterr().out
    # A second import into the now filled directory is refused without a traceback.
    assert main(["--data-dir", str(copy), "import-data", str(path)]) == 2
    assert "lege gegevensmap" in capsys.readouterr().err
    again = tmp_path / "opnieuw.json"
    assert main(["--data-dir", str(copy), "export-data", str(again)]) == 0
    assert again.read_bytes() == path.read_bytes()
    garbage = tmp_path / "rommel.json"
    garbage.write_text("{kapot", encoding="utf-8")
    assert main(["--data-dir", str(tmp_path / "leeg"), "import-data", str(garbage)]) == 2
    err = capsys.readouterr().err
    assert "geen geldige JSON" in err and "Traceback" not in err
