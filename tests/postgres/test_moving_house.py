"""Moving house: export-data from SQLite, import-data into an empty PostgreSQL database, and
export-data from there gives the same file."""

from __future__ import annotations

import json
from datetime import date

from logeerhuis_app.cli import main
from logeerhuis_app.demo.builder import build_demo
from logeerhuis_app.house.guests import GuestData, save_guest
from logeerhuis_app.storage.database import open_database, open_database_url


def test_sqlite_to_postgresql_and_back_gives_the_same_file(
    data_dir, pg_empty_url, tmp_path, capsys
):
    house = open_database(data_dir)
    build_demo(house, today=date(2026, 3, 16))
    deleted = save_guest(house, GuestData(last_name="Weg"))  # the highest guest id, then gone
    with house.session() as s:
        from logeerhuis_app.db.models import Guest

        s.delete(s.get(Guest, deleted.id))
    house.close()

    moved = tmp_path / "verhuizing.json"
    assert main(["--data-dir", str(data_dir), "export-data", str(moved)]) == 0
    assert main(["--database-url", pg_empty_url, "import-data", str(moved)]) == 0
    assert "guests:" in capsys.readouterr().out
    again = tmp_path / "opnieuw.json"
    assert main(["--database-url", pg_empty_url, "export-data", str(again)]) == 0
    assert again.read_bytes() == moved.read_bytes()

    # A second import is refused; the sequence never gives a used id again.
    assert main(["--database-url", pg_empty_url, "import-data", str(moved)]) == 2
    server = open_database_url(pg_empty_url)
    try:
        assert save_guest(server, GuestData(last_name="Nieuw")).id == deleted.id + 1
    finally:
        server.close()


def test_the_server_commands_refuse_what_only_a_file_can_do(pg_url, tmp_path, capsys):
    # `check` runs on a server too (issue 17, tests/postgres/test_check_on_server.py).
    assert main(["--database-url", pg_url, "restore", str(tmp_path / "backup.sqlite3")]) == 2
    assert "niet met een database op een server" in capsys.readouterr().err
    assert (
        main(["--database-url", "postgresql://niemand@127.0.0.1:1/x", "export-data", "x.json"]) == 2
    )
    assert "niet bereikbaar" in capsys.readouterr().err


def test_the_move_wizard_copies_checks_and_switches_this_pc(
    data_dir, qtbot, pg_empty_url, tmp_path, monkeypatch
):
    """Bestand > Databaseserver > Verhuizen, clicked: the server gets every row, this PC's
    choice is kept, and from then on the command line (and the window) use the server."""
    from PySide6.QtCore import Qt
    from sqlalchemy.engine import make_url

    from logeerhuis_app.storage.server_setting import chosen_server_url
    from logeerhuis_app.ui.connection.dialog import ConnectionDialog
    from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    house = open_database(data_dir)  # this PC's own file
    build_demo(house, today=date(2026, 3, 16))
    before = tmp_path / "voor.json"
    assert main(["--data-dir", str(data_dir), "export-data", str(before)]) == 0

    prompter = RecordingPrompter()
    target = make_url(pg_empty_url)
    dialog = ConnectionDialog(data_dir, prompter, house)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.server.setChecked(True)
    dialog.host.setText(target.host)
    dialog.port.setValue(target.port)
    dialog.database.setText(target.database)
    dialog.user.setText(target.username)
    qtbot.mouseClick(dialog.move_button, Qt.MouseButton.LeftButton)
    house.close()
    assert prompter.messages[-1][1] == "Verhuisd", prompter.messages
    assert chosen_server_url(data_dir) == dialog.url()
    assert dialog.progress.value() == 100

    after = tmp_path / "na.json"
    assert main(["--data-dir", str(data_dir), "export-data", str(after)]) == 0
    old, new = (json.loads(p.read_text(encoding="utf-8"))["tables"] for p in (before, after))
    # Every row came along; the access log on the server also holds the exports since.
    log_before = old.pop("access_log")["rows"]
    log_after = new.pop("access_log")["rows"]
    assert log_after[: len(log_before)] == log_before
    # The log's head (decision 0037) moved on with it: it names the server's last row.
    assert old.pop("access_log_head")["rows"] == [[1, log_before[-1][0], log_before[-1][-1]]]
    assert new.pop("access_log_head")["rows"] == [[1, log_after[-1][0], log_after[-1][-1]]]
    assert new == old
    server = open_database_url(dialog.url())
    try:
        assert not server.is_empty and server.on_server
    finally:
        server.close()


def test_a_second_move_into_a_used_database_is_refused_and_nothing_switches(
    db, data_dir, monkeypatch
):
    """The server already holds a house (db is a migrated server database with the demo):
    moving into it is refused in Dutch, and this PC keeps using its file."""
    import pytest

    from logeerhuis_app.services.errors import ServiceError
    from logeerhuis_app.storage.move_house import move_to_server
    from logeerhuis_app.storage.server_setting import chosen_server_url

    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    build_demo(db, today=date(2026, 3, 16))
    house = open_database(data_dir)
    try:
        build_demo(house, today=date(2026, 3, 16))
        url = db.engine.url.render_as_string(hide_password=False)
        with pytest.raises(ServiceError) as refused:
            move_to_server(house, url, data_dir)
    finally:
        house.close()
    assert "lege database" in refused.value.message
    assert chosen_server_url(data_dir) is None
