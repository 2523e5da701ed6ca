"""Role rules in the services (decision 0014, 0026): what only a coordinator may do, refused in
Dutch for a medewerker before anything is written, and allowed for the coordinator."""

from __future__ import annotations

import json

import pytest

from logeerhuis_app.access import accounts
from logeerhuis_app.access.access import NotAllowedError, may
from logeerhuis_app.access.accounts import NewAccount
from logeerhuis_app.access.privacy import Retention, get_retention, set_retention
from logeerhuis_app.access.security_settings import idle_minutes, set_idle_minutes
from logeerhuis_app.storage.backup import make_backup
from logeerhuis_app.storage.backup_restore import restore_backup
from logeerhuis_app.storage.data_exchange import export_to_file, import_from_file
from logeerhuis_app.storage.move_house import move_to_server
from logeerhuis_app.storage.server_setting import save_server_url, server_file

INGRID = NewAccount("Ingrid Jansen", "ingrid", "geheim-ingrid-1", "geheim-ingrid-1")
RIA = NewAccount("Ria de Boer", "ria", "geheim-ria-123", "geheim-ria-123", role="medewerker")
REFUSED = "Dit mag alleen een coördinator"


@pytest.fixture
def as_staff(db):
    """The house's accounts; Ria (medewerker) signed in. Returns a function that signs in
    Ingrid (coordinator) instead."""
    accounts.create_first_coordinator(db, INGRID)
    accounts.sign_in(db, "ingrid", INGRID.password)
    accounts.add_account(db, RIA)
    accounts.sign_out(db)
    accounts.sign_in(db, "ria", RIA.password)

    def as_coordinator() -> None:
        accounts.sign_out(db)
        accounts.sign_in(db, "ingrid", INGRID.password)

    return as_coordinator


def test_may_tells_the_screens_what_the_role_allows(db, as_staff):
    assert not may(db)
    as_staff()
    assert may(db)
    accounts.sign_out(db)
    assert may(db)  # the command line: the local system user


def test_only_a_coordinator_sets_the_idle_time(db, as_staff):
    with pytest.raises(NotAllowedError, match=REFUSED):
        set_idle_minutes(db, 60)
    assert idle_minutes(db) == 5
    as_staff()
    set_idle_minutes(db, 60)
    assert idle_minutes(db) == 60


def test_only_a_coordinator_sets_the_retention_terms(db, as_staff):
    with pytest.raises(NotAllowedError, match=REFUSED):
        set_retention(db, Retention(20, 10))
    assert get_retention(db) == Retention()
    as_staff()
    set_retention(db, Retention(20, 10))
    assert get_retention(db) == Retention(20, 10)


def test_only_a_coordinator_exports_all_data(db, as_staff, tmp_path):
    target = tmp_path / "alles.json"
    with pytest.raises(NotAllowedError, match=REFUSED):
        export_to_file(db, target)
    assert not target.exists()
    as_staff()
    export_to_file(db, target)
    assert json.loads(target.read_text(encoding="utf-8"))["format"] == "logeerhuis-data"


def test_only_a_coordinator_imports_data(db, as_staff, tmp_path):
    source = tmp_path / "alles.json"
    source.write_text("{}", encoding="utf-8")
    with pytest.raises(NotAllowedError, match=REFUSED):
        import_from_file(db, source)


@pytest.mark.sqlite_only
def test_staff_may_back_up_to_a_stick_only_encrypted(db, data_dir, as_staff, tmp_path):
    stick = tmp_path / "stick"
    stick.mkdir()
    with pytest.raises(NotAllowedError, match=REFUSED):
        make_backup(data_dir, out=stick, user=db.user)
    assert list(stick.iterdir()) == []
    encrypted = make_backup(data_dir, out=stick, password="lang-wachtwoord-1", user=db.user)
    assert encrypted.path.suffix == ".zip"
    make_backup(data_dir, user=db.user)  # the automatic one, on this PC
    as_staff()
    plain = make_backup(data_dir, out=stick, user=db.user)
    assert plain.path.suffix == ".sqlite3"


@pytest.mark.sqlite_only
def test_only_a_coordinator_restores_a_backup(db, data_dir, as_staff):
    backup = make_backup(data_dir)
    before = (data_dir / "logeerhuis.sqlite3").read_bytes()
    with pytest.raises(NotAllowedError, match=REFUSED):
        restore_backup(data_dir, backup.path, check_lock=False, user=db.user)
    assert (data_dir / "logeerhuis.sqlite3").read_bytes() == before
    as_staff()
    db.close()
    restore_backup(data_dir, backup.path, check_lock=False, user=db.user)


def test_only_a_coordinator_moves_the_data_to_a_server(db, data_dir, as_staff):
    url = "postgresql+psycopg://logeerhuis@127.0.0.1:1/logeerhuis"  # refused before connecting
    with pytest.raises(NotAllowedError, match=REFUSED):
        move_to_server(db, url, data_dir)
    assert not server_file(data_dir).exists()


def test_only_a_coordinator_chooses_the_server(db, data_dir, as_staff):
    url = "postgresql+psycopg://logeerhuis@server/logeerhuis"
    with pytest.raises(NotAllowedError, match=REFUSED):
        save_server_url(data_dir, url, user=db.user)
    assert not server_file(data_dir).exists()
    as_staff()
    save_server_url(data_dir, url, user=db.user)
    assert server_file(data_dir).exists()
