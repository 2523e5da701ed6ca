"""Bestand > Databaseserver: the choice is tested before it is kept, in Dutch."""

from __future__ import annotations

import json

from PySide6.QtCore import Qt

from logeerhuis_app.services.server_setting import chosen_server_url, server_file
from logeerhuis_app.ui.connection.dialog import ConnectionDialog


def test_an_unreachable_server_is_explained_and_not_kept(context, show, qtbot, monkeypatch):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    dialog = show(ConnectionDialog(context), 560, 420)
    assert dialog.local.isChecked() and not dialog.host.isEnabled()
    dialog.server.setChecked(True)
    qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.result.text() == "Vul de server in (naam of IP-adres)."
    dialog.host.setText("127.0.0.1")
    dialog.port.setValue(1)  # nothing listens there
    dialog.database.setText("logeerhuis")
    dialog.user.setText("ria")
    dialog.password.setText("geheim w@chtwoord")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "127.0.0.1" in dialog.result.text() and "bereik" in dialog.result.text()
    assert chosen_server_url(context.data_dir) is None  # a failing server is not kept
    assert dialog.url() == "postgresql+psycopg://ria:geheim%20w%40chtwoord@127.0.0.1:1/logeerhuis"


def test_the_choice_is_kept_privately_and_can_go_back_to_the_file(
    context, show, prompter, monkeypatch
):
    monkeypatch.delenv("LOGEERHUIS_DATABASE_URL", raising=False)
    monkeypatch.setattr(ConnectionDialog, "test", lambda self: True)  # no server in this test
    dialog = show(ConnectionDialog(context))
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
    again = show(ConnectionDialog(context))
    assert again.server.isChecked() and again.host.text() == "server.local"
    again.local.setChecked(True)
    again.save()
    assert chosen_server_url(context.data_dir) is None
