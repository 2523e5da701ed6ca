"""schema.HEAD is written out (so a start skips Alembic); it must be Alembic's own head."""

from __future__ import annotations

import sys

from logeerhuis_app.db import schema


def test_the_written_out_head_is_the_newest_migration():
    assert schema.head_revision() == schema.HEAD
    assert schema.HEAD in schema.known_revisions()


def test_an_up_to_date_file_opens_without_alembic(tmp_path):
    """Run in a fresh interpreter: opening a current database imports no Alembic."""
    import subprocess

    from logeerhuis_app.storage.database import open_database

    open_database(tmp_path).close()  # created and migrated (Alembic runs here)
    probe = (
        "import sys; from pathlib import Path; "
        "from logeerhuis_app.storage.database import open_database; "
        f"open_database(Path({str(tmp_path)!r})).close(); "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'alembic'))"
    )
    run = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "[]"
