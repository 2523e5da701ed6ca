"""Bestand > Databaseserver: the choice is tested before it is kept, in Dutch."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from logeerhuis_app.storage.server_setting import chosen_server_url, server_file
from logeerhuis_app.ui.connection.dialog import ConnectionDialog


def test_an_unreachable_server_is_explained_and_not_kept(context, show, qtbot, monkeypatch):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    dialog = show(ConnectionDialog(context.data_dir, context.prompter, context.db), 560, 420)
    assert dialog.local.isChecked() and not dialog.host.isEnabled()
    dialog.server.setChecked(True)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.outcome.text() == "Vul de server in (naam of IP-adres)."
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there
    dialog.database.setText("logeerhuis")
    dialog.user.setText("ria")
    dialog.password.setText("geheim w@chtwoord")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "127.0.0.1" in dialog.outcome.text() and "bereik" in dialog.outcome.text()
    assert chosen_server_url(context.data_dir) is None  # a failing server is not kept
    assert dialog.url() == "postgresql+psycopg://ria:geheim%20w%40chtwoord@127.0.0.1:1/logeerhuis"


def test_the_choice_is_kept_privately_and_can_go_back_to_the_file(
    context, show, prompter, monkeypatch
):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    monkeypatch.setattr(ConnectionDialog, "test", lambda self: True)  # no server in this test
    dialog = show(ConnectionDialog(context.data_dir, context.prompter, context.db))
    dialog.server.setChecked(True)
    dialog.host.setText("server.local")
    dialog.database.setText("logeerhuis")
    dialog.user.setText("ria")
    dialog.save()
    assert (
        chosen_server_url(context.data_dir)
        == "postgresql+psycopg://ria@server.local:5432/logeerhuis"
    )
    assert server_file(context.data_dir).stat().st_mode & 0o077 == 0
    assert json.loads(server_file(context.data_dir).read_text())["url"].startswith("postgresql")
    assert "opnieuw" in prompter.messages[-1][2]
    again = show(ConnectionDialog(context.data_dir, context.prompter, context.db))
    assert again.server.isChecked() and again.host.text() == "server.local"
    again.local.setChecked(True)
    again.save()
    assert chosen_server_url(context.data_dir) is None


def test_a_server_out_of_reach_at_the_start_can_be_changed_back_to_the_file(
    data_dir, qapp, monkeypatch
):
    from logeerhuis_app.app import open_chosen
    from logeerhuis_app.storage.server_setting import save_server_url
    from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    gone = "postgresql+psycopg://ria@127.0.0.1:1/logeerhuis"
    save_server_url(data_dir, gone)

    closing = RecordingPrompter(confirm=False)  # "Nee": close and try later
    assert open_chosen(data_dir, closing) is None
    kind, title, text = closing.messages[-1]
    assert (kind, title) == ("confirm", "Database niet geopend")
    assert "127.0.0.1" in text and "niet bereikbaar" in text
    assert chosen_server_url(data_dir) == gone  # nothing changed

    def back_to_the_file(dialog):  # type: ignore[no-untyped-def]
        assert not dialog.move_button.isVisible()  # nothing open to move at a start
        dialog.local.setChecked(True)
        dialog.save()

    changing = RecordingPrompter(confirm=True)
    changing.dialog_handler = back_to_the_file
    db = open_chosen(data_dir, changing)
    assert db is not None and not db.on_server
    db.close()
    assert chosen_server_url(data_dir) is None
    assert (data_dir / "logeerhuis.sqlite3").exists()


def test_a_damaged_server_choice_at_the_start_is_told_and_can_be_made_again(
    data_dir, qapp, monkeypatch
):
    """An empty or cut-off databaseserver.json is not taken for 'this PC's file' (a server
    PC would then work on stale data): the start says so and offers to choose again."""
    from logeerhuis_app.app import open_chosen
    from logeerhuis_app.storage.server_setting import server_file
    from logeerhuis_app.ui.widgets.prompter import RecordingPrompter

    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    server_file(data_dir).write_text('{"url": "postgresql+psycopg://ria@ser', encoding="utf-8")
    closing = RecordingPrompter(confirm=False)
    assert open_chosen(data_dir, closing) is None
    kind, _title, text = closing.messages[-1]
    assert kind == "confirm" and "databaseserver.json" in text and "beschadigd" in text
    assert not (data_dir / "logeerhuis.sqlite3").exists()  # the local file was not opened

    seen = {}

    def back_to_the_file(dialog):  # type: ignore[no-untyped-def]
        seen["outcome"] = dialog.outcome.text()
        dialog.local.setChecked(True)
        dialog.save()

    changing = RecordingPrompter(confirm=True)
    changing.dialog_handler = back_to_the_file
    db = open_chosen(data_dir, changing)
    assert db is not None and not db.on_server
    db.close()
    assert "beschadigd" in seen["outcome"] and not server_file(data_dir).exists()
