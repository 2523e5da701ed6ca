"""import-data and restore refuse what `check` refuses (issue 16, "Readers"), in Dutch, and
nothing is read in or replaced."""

from __future__ import annotations

import copy
import hashlib
import json
import re
import sqlite3
from datetime import datetime

import pytest
from data_exchange_support import build_house  # a real house with every table filled

from logeerhuis_app.cli import main
from logeerhuis_app.db.schema import HEAD
from logeerhuis_app.paths import database_path
from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.backup import make_backup
from logeerhuis_app.storage.backup_restore import restore_backup, set_aside_files
from logeerhuis_app.storage.data_exchange import export_data, import_data
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.storage.health import check_database


@pytest.fixture(scope="module")
def good_export(tmp_path_factory):
    db = open_database(tmp_path_factory.mktemp("huis"))
    build_house(db)
    data = export_data(db)
    db.close()
    return data


def _rows(data, table):
    section = data["tables"][table]
    return section["columns"], section["rows"]


def _set(data, table, column, value, where=lambda row: True):  # type: ignore[no-untyped-def]
    columns, rows = _rows(data, table)
    for row in rows:
        if where(dict(zip(columns, row, strict=True))):
            row[columns.index(column)] = value


def _no_lines(data):
    data["tables"]["invoice_lines"]["rows"] = []


def _gap(data):
    _set(data, "invoices", "number", "2026-0002", lambda r: r["number"] == "2026-0001")
    _set(data, "invoices", "sequence", 2, lambda r: r["number"] == "2026-0002")
    _set(data, "invoice_series", "last_number", 2)


def _bad_bsn(data):
    _set(data, "claim_lines", "bsn", "123456788")  # nine digits, fails the 11-test


def _huge_refund(data):
    _set(data, "payments", "amount_cents", -1_000_000_000)


def _edited_log(data):
    _set(data, "access_log", "detail", "Niets bekeken")


def _log_end_cut(data):
    _columns, rows = _rows(data, "access_log")
    data["tables"]["access_log"]["rows"] = rows[:-1]


def _other_pdf(data):
    _set(data, "invoices", "pdf", "JVBERi0xLjQgYW5kZXJz", lambda r: r["number"] is not None)


SPOILED = {
    "final-invoice-without-lines": (_no_lines, "Definitieve facturen zonder regels: factuur"),
    "gap-in-numbers": (_gap, "ontbrekend 2026-0001"),
    "bsn-fails-11-test": (_bad_bsn, "BSN's die niet kloppen (9 cijfers en de elfproef)"),
    "payment-of-minus-10-million": (_huge_refund, "is groter dan het factuurbedrag"),
    "edited-log": (_edited_log, "Het toegangslog is na het schrijven gewijzigd"),
    "log-end-cut-off": (_log_end_cut, "De laatste regels van het toegangslog zijn verwijderd"),
    "pdf-replaced": (_other_pdf, "Opgeslagen PDF's van definitieve facturen"),
}


@pytest.mark.parametrize("kind", SPOILED, ids=list(SPOILED))
def test_import_refuses_what_check_refuses_and_reads_nothing(good_export, tmp_path, capsys, kind):
    spoil, words = SPOILED[kind]
    data = copy.deepcopy(good_export)
    spoil(data)
    target = tmp_path / "doel"
    db = open_database(target)
    with pytest.raises(DataError, match="De gegevens in het bestand kloppen niet") as refused:
        import_data(db, data)
    assert words in refused.value.message and "Er is niets ingelezen." in refused.value.message
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("SELECT count(*) FROM guests").scalar() == 0
        assert conn.exec_driver_sql("SELECT count(*) FROM access_log").scalar() == 0
    db.close()
    path = tmp_path / "bestand.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["--data-dir", str(target), "import-data", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("Fout: ") and words in err and "Traceback" not in err


def test_the_good_export_is_read_in_and_checks_clean(good_export, tmp_path):
    db = open_database(tmp_path)
    import_data(db, copy.deepcopy(good_export))
    db.close()
    assert check_database(tmp_path).ok, check_database(tmp_path).problems


# --- restore --------------------------------------------------------------------------------


def _only_a_revision(path, good):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES (?)", (HEAD,))
    conn.commit()
    conn.close()


def _old_revision_and_nothing_else(path, good):
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE alembic_version (version_num VARCHAR(32) PRIMARY KEY)")
    conn.execute("INSERT INTO alembic_version VALUES ('0009')")
    conn.commit()
    conn.close()


def _spoiled_copy(sql):  # type: ignore[no-untyped-def]
    def spoil(path, good):  # type: ignore[no-untyped-def]
        path.write_bytes(good.read_bytes())
        conn = sqlite3.connect(path)
        conn.executescript(sql)
        conn.close()

    return spoil


RESTORE_REFUSALS = {
    "only-alembic-version": (_only_a_revision, "Tabellen die ontbreken: "),
    "older-revision-only": (_old_revision_and_nothing_else, "Tabellen die ontbreken: "),
    "table-dropped": (
        _spoiled_copy("DROP TABLE carer_strain;"),
        "Tabellen die ontbreken: carer_strain",
    ),
    "column-dropped": (
        _spoiled_copy("ALTER TABLE guests DROP COLUMN notes;"),
        "In tabel guests ontbreken kolommen: notes",
    ),
    "guard-dropped": (
        _spoiled_copy("DROP TRIGGER trg_invoices_final_delete;"),
        "trg_invoices_final_delete op invoices",
    ),
    "edited-log": (
        _spoiled_copy(
            "DROP TRIGGER trg_access_log_update; "
            "UPDATE access_log SET detail = 'Niets' WHERE id = 1; "
            "CREATE TRIGGER trg_access_log_update BEFORE UPDATE ON access_log FOR EACH ROW "
            "BEGIN SELECT RAISE(ABORT, 'Het toegangslog kan niet worden gewijzigd of "
            "verwijderd.'); END;"
        ),
        "Regel 1 is na het vastleggen gewijzigd",
    ),
}


@pytest.mark.sqlite_only
@pytest.mark.parametrize("kind", RESTORE_REFUSALS, ids=list(RESTORE_REFUSALS))
def test_restore_refuses_a_file_the_app_could_not_use_and_nothing_changes(
    db, data_dir, tmp_path, capsys, kind
):
    spoil, words = RESTORE_REFUSALS[kind]
    build_house(db)
    good = make_backup(data_dir, now=datetime(2026, 11, 28, 15, 30)).path
    db.close()
    bad = tmp_path / "logeerhuis-2026-11-27T1200.sqlite3"
    spoil(bad, good)
    live = database_path(data_dir)
    before = hashlib.sha256(live.read_bytes()).hexdigest()
    with pytest.raises(DataError, match="Er is niets veranderd") as refused:
        restore_backup(data_dir, bad)
    assert words in refused.value.message and "--repair" not in refused.value.message
    assert main(["--data-dir", str(data_dir), "restore", str(bad)]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err
    assert hashlib.sha256(live.read_bytes()).hexdigest() == before
    assert set_aside_files(data_dir) == []
    restore_backup(data_dir, good)  # the good one is still taken
    assert check_database(data_dir).ok


@pytest.mark.sqlite_only
def test_the_demo_house_checks_clean(data_dir, capsys):
    assert main(["--data-dir", str(data_dir), "demo"]) == 0
    assert main(["--data-dir", str(data_dir), "check"]) == 0
    assert "In orde" in capsys.readouterr().out


def test_a_runaway_invoice_counter_is_named_without_listing_every_number(good_export, tmp_path):
    """A counter damaged to 10^15 (found by hypothesis, seed 5: check built a set of every
    number up to it and took 24 GB): the first missing numbers and how many more, at once."""
    data = copy.deepcopy(good_export)
    _set(data, "invoice_series", "last_number", 10**15)
    db = open_database(tmp_path)
    try:
        with pytest.raises(DataError) as refused:
            import_data(db, data)
    finally:
        db.close()
    message = refused.value.message
    assert "Gaten of fouten in de factuurnummering" in message
    assert re.search(r"ontbrekend (2026-\d{4}, ){9}2026-\d{4} en nog 9{12}\d{3}\.", message)
    assert "Er is niets ingelezen" in message
