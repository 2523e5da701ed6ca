"""Importing all data is all-or-nothing: a filled target or a wrong file is refused in Dutch."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import func, select

from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.data_exchange import (
    FORMAT_VERSION,
    exchanged_tables,
    export_data,
    import_data,
    import_from_file,
)
from tests.integration import data_exchange_support
from tests.integration.data_exchange_support import _empty_db

# The fixture lives in data_exchange_support.py, shared by the export and the import tests.
house = data_exchange_support.house


def _row_count(db) -> int:
    with db.engine.connect() as conn:
        return sum(
            conn.execute(select(func.count()).select_from(t)).scalar_one()
            for t in exchanged_tables()
        )


def test_import_into_a_database_with_data_is_refused_and_changes_nothing(db, house, tmp_path):
    data = export_data(db)
    before = _row_count(db)
    with pytest.raises(DataError) as info:
        import_data(db, data)
    empty = "lege database" if db.on_server else "lege gegevensmap"
    assert f"alleen ingelezen in een {empty}" in info.value.message
    assert _row_count(db) == before


def _spoil(data: dict, how: str) -> dict:
    data = json.loads(json.dumps(data))
    tables = data["tables"]
    if how == "format":
        data["format"] = "iets-anders"
    elif how == "newer":
        data["format_version"] = FORMAT_VERSION + 1
    elif how == "schema":
        data["schema_revision"] = "9999_toekomst"
    elif how == "table":
        tables["spionnen"] = {"columns": ["id"], "rows": [[1]]}
    elif how == "column":
        tables["rooms"]["columns"][-1] = "colour"
    elif how == "missing_value":
        tables["rooms"]["rows"][0].pop()
    elif how == "bad_date":
        index = tables["guests"]["columns"].index("date_of_birth")
        tables["guests"]["rows"][0][index] = "17-05-1941"
    elif how == "bad_bool":
        index = tables["guests"]["columns"].index("active")
        tables["guests"]["rows"][1][index] = "ja"
    elif how == "dangling":
        index = tables["carers"]["columns"].index("guest_id")
        tables["carers"]["rows"][0][index] = 999
    elif how == "double_night":
        nights = tables["nights"]
        column = nights["columns"].index
        first = nights["rows"][0]
        clash = next(
            r
            for r in nights["rows"]
            if r[column("bed_id")] != first[column("bed_id")] and r[column("active")]
        )
        clash[column("bed_id")] = first[column("bed_id")]
        clash[column("day")] = first[column("day")]
    return data


@pytest.mark.parametrize(
    ("how", "expected"),
    [
        ("format", "geen Logeerhuis-gegevensbestand"),
        ("newer", "gemaakt met een nieuwere versie"),
        ("schema", "schemaversie 9999_toekomst"),
        ("table", "onbekende tabellen: spionnen"),
        ("column", "onbekende kolommen: colour"),
        ("missing_value", "Tabel rooms, rij 1"),
        ("bad_date", "Tabel guests, rij 1, kolom date_of_birth"),
        ("bad_bool", "Tabel guests, rij 2, kolom active: verwacht true of false"),
        ("dangling", "verwijst naar iets dat niet (meer) bestaat"),
        ("double_night", "twee actieve nachten in hetzelfde bed"),
    ],
)
def test_a_wrong_file_is_refused_in_dutch_and_leaves_the_target_empty(
    db, house, tmp_path, how, expected
):
    path = tmp_path / "fout.json"
    path.write_text(json.dumps(_spoil(export_data(db), how)), encoding="utf-8")
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, path)
    assert expected in info.value.message
    assert _row_count(target) == 0
    target.close()


def test_a_refused_night_is_named_by_table_row_and_id(db, house, tmp_path):
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_data(target, _spoil(export_data(db), "double_night"))
    assert "Tabel nights, rij" in info.value.message and "(id " in info.value.message
    assert "niets ingelezen" in info.value.message
    target.close()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "geen geldige JSON"),
        (b"dit is geen json", "geen geldige JSON"),
        (b"\xff\xfe\x00", "geen Logeerhuis-gegevensbestand"),
        (b"[1, 2, 3]", "geen Logeerhuis-gegevensbestand"),
        (b'{"format": "logeerhuis-data", "format_version": 1}', "schemaversie"),
    ],
)
def test_garbage_files_are_refused_in_dutch(tmp_path, content, expected):
    path = tmp_path / "rommel.json"
    path.write_bytes(content)
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, path)
    assert expected in info.value.message
    assert _row_count(target) == 0
    target.close()


def test_a_missing_file_is_a_dutch_error(tmp_path):
    target = _empty_db(tmp_path)
    with pytest.raises(DataError) as info:
        import_from_file(target, tmp_path / "nergens.json")
    assert "kan niet worden gelezen" in info.value.message
    target.close()
