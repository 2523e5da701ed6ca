"""Garbage offered as a backup: only a Dutch refusal comes out, and the live data stays."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from logeerhuis_app.services.errors import DataError
from logeerhuis_app.storage.backup_restore import restore_backup

pytestmark = pytest.mark.sqlite_only  # a backup of the SQLite file

SQLITE_HEADER = b"SQLite format 3\x00"


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    body=st.binary(max_size=4096),
    header=st.sampled_from([b"", SQLITE_HEADER]),
    suffix=st.sampled_from([".sqlite3", ".zip", ".json"]),
)
def test_random_bytes_as_a_backup_are_refused_in_dutch(db, data_dir, body, header, suffix):
    from logeerhuis_app.paths import database_path

    live = database_path(data_dir)
    before = live.read_bytes()
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / f"backup{suffix}"
        source.write_bytes(header + body)
        try:
            restore_backup(data_dir, source, password="wachtwoord-123", check_lock=False)
        except DataError as exc:
            assert exc.message and "Traceback" not in exc.message
        else:
            raise AssertionError("garbage was restored")
    assert live.read_bytes() == before
