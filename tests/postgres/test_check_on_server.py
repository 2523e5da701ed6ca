"""`logeerhuis check` on a PostgreSQL server (issue 17): a clean import checks clean, and each
kind of damage, made with hand-written SQL, is found and named in Dutch (exit code 1)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from logeerhuis_app.cli import main
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.storage.database import open_database
from logeerhuis_app.storage.health_server import check_server


@pytest.fixture(scope="module")
def demo_export(tmp_path_factory):
    """The demo house on SQLite, exported with export-data."""
    folder = tmp_path_factory.mktemp("demo")
    house = open_database(folder)
    build_demo(house, today=date(2026, 3, 16))
    house.close()
    moved = folder / "verhuizing.json"
    assert main(["--data-dir", str(folder), "export-data", str(moved)]) == 0
    return moved


@pytest.fixture
def moved(demo_export, pg_empty_url, capsys):
    """export-data -> import-data into an empty PostgreSQL database; its URL."""
    assert main(["--database-url", pg_empty_url, "import-data", str(demo_export)]) == 0
    capsys.readouterr()
    return pg_empty_url


def _sql(url: str, *statements: str) -> None:
    """Damage by hand, as the owner with psql would (no Logeerhuis code in between)."""
    engine = create_engine(url, poolclass=NullPool)
    with engine.begin() as conn:
        for statement in statements:
            conn.execute(text(statement))
    engine.dispose()


def test_a_clean_import_checks_clean_in_one_read_only_snapshot(moved, capsys):
    assert main(["--database-url", moved, "check"]) == 0
    out = capsys.readouterr().out
    assert "In orde: de gegevens zijn heel en kloppen." in out
    assert "Server: PostgreSQL" in out and "Schemaversie: 0017 (de nieuwste)" in out
    assert "Bestandscontrole (integrity_check): niet van toepassing op een server" in out
    assert "deadlock(s)" in out and "Eigenaar van het schema: " in out
    assert "Aantallen: " in out and " nachten" in out


def test_the_demo_built_on_the_server_checks_clean(pg_url):
    from logeerhuis_app.storage.database import open_database_url

    server = open_database_url(pg_url)
    build_demo(server, today=date(2026, 3, 16))
    server.close()
    report = check_server(pg_url)
    assert report.ok, report.problems


DAMAGE = {
    "double-night": (
        (
            "DROP INDEX uq_nights_bed_date_active",
            "INSERT INTO nights (stay_id, bed_id, day, active) SELECT stay_id, bed_id, day, "
            "true FROM nights WHERE id = (SELECT min(id) FROM nights WHERE active)",
        ),
        "Twee of meer actieve nachten in één bed op dezelfde datum: bed ",
    ),
    "night-outside-its-stay": (
        ("UPDATE nights SET day = day + 400 WHERE id = (SELECT min(id) FROM nights)",),
        "Nachten buiten hun verblijf: nacht ",
    ),
    "cancelled-stay-holds-its-bed": (
        (
            "DROP INDEX uq_nights_bed_date_active",
            "UPDATE nights SET active = true WHERE stay_id = "
            "(SELECT min(id) FROM stays WHERE status = 'geannuleerd')",
        ),
        "Nachten van een geannuleerd verblijf die het bed nog bezetten",
    ),
    "stay-without-nights": (
        ("DELETE FROM nights WHERE stay_id = (SELECT min(id) FROM stays)",),
        "Verblijven zonder nachten: verblijf ",
    ),
    "broken-log-chain": (
        (
            "ALTER TABLE access_log DISABLE TRIGGER trg_access_log_append_only",
            "UPDATE access_log SET detail = 'Niets' WHERE id = (SELECT min(id) FROM access_log)",
        ),
        "Het toegangslog is na het schrijven gewijzigd: Regel ",
    ),
    "log-end-removed": (
        (
            "ALTER TABLE access_log DISABLE TRIGGER trg_access_log_append_only",
            "DELETE FROM access_log WHERE id = (SELECT max(id) FROM access_log)",
        ),
        "De laatste regels van het toegangslog zijn verwijderd",
    ),
    "invoice-number-gap": (
        (
            "ALTER TABLE invoices DISABLE TRIGGER trg_invoices_final",
            "UPDATE invoice_series SET last_number = last_number + 1",
        ),
        "Gaten of fouten in de factuurnummering: ",
    ),
    "pdf-changed": (
        (
            "ALTER TABLE invoices DISABLE TRIGGER trg_invoices_final",
            "UPDATE invoices SET pdf = pdf || '\\x00'::bytea "
            "WHERE id = (SELECT min(id) FROM invoices WHERE number IS NOT NULL)",
        ),
        "Opgeslagen PDF's van definitieve facturen die niet meer kloppen: factuur ",
    ),
    "bsn-fails-11-test": (
        ("UPDATE guests SET bsn = '123456788' WHERE id = (SELECT min(id) FROM guests)",),
        "BSN's die niet kloppen (9 cijfers en de elfproef): gast ",
    ),
    "reference-to-nothing": (
        (
            "ALTER TABLE carers DROP CONSTRAINT fk_carers_guest_id_guests",
            "UPDATE carers SET guest_id = 99999 WHERE id = (SELECT min(id) FROM carers)",
        ),
        "Verwijzingen naar iets dat niet bestaat: tabel carers: 1 rij(en) verwijzen naar guests",
    ),
    "guard-dropped": (
        ("DROP TRIGGER trg_claims_sent ON claims",),
        "trg_claims_sent op claims (verstuurde declaraties blijven ongewijzigd) ontbreekt",
    ),
}


@pytest.mark.parametrize("kind", DAMAGE, ids=list(DAMAGE))
def test_each_kind_of_damage_is_found_and_named(moved, capsys, kind):
    statements, words = DAMAGE[kind]
    _sql(moved, *statements)
    assert main(["--database-url", moved, "check"]) == 1
    err = capsys.readouterr().err
    assert "Er zijn problemen gevonden" in err and words in err, err


def test_a_disabled_guard_is_named_and_check_repair_enables_it(moved, capsys):
    _sql(moved, "ALTER TABLE access_log DISABLE TRIGGER trg_access_log_append_only")
    assert main(["--database-url", moved, "check"]) == 1
    assert "trg_access_log_append_only op access_log" in capsys.readouterr().err
    assert main(["--database-url", moved, "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "Hersteld: trg_access_log_append_only." in out and "In orde" in out
    with pytest.raises(Exception, match="toegangslog kan niet worden gewijzigd"):
        _sql(moved, "DELETE FROM access_log")


def test_a_server_that_cannot_be_reached_means_the_check_could_not_run(capsys):
    assert main(["--database-url", "postgresql://niemand@127.0.0.1:1/x", "check"]) == 2
    assert "niet bereikbaar" in capsys.readouterr().err
