"""The dialogs that write files for outside the PC start with encryption ticked (0027)."""

from __future__ import annotations

from logeerhuis_app.ui.backup.dialogs import BackupDialog
from logeerhuis_app.ui.claims.export_dialog import ExportDialog


def test_the_month_export_starts_encrypted(qtbot, context, show):
    dialog = show(ExportDialog(context, 2026, 3), 600, 400)
    assert dialog.encrypt.isChecked()


def test_the_usb_backup_starts_encrypted(qtbot, context, show):
    dialog = show(BackupDialog(context), 600, 500)
    assert dialog.encrypt.isChecked() and dialog.generate.isChecked()
