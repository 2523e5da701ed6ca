"""Run by tests/integration/test_concurrency_migration_kill.py in a child process: open (create
or upgrade) the data folder and be killed (SIGKILL) right after the N-th CREATE TABLE.

    python migration_kill_child.py DATA_DIR N
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path

from sqlalchemy import event

from logeerhuis_app.storage import database


def main() -> None:
    data_dir, kill_after = Path(sys.argv[1]), int(sys.argv[2])
    made = database.make_engine
    seen = 0

    def make_engine(url):  # type: ignore[no-untyped-def]
        engine = made(url)

        @event.listens_for(engine, "after_cursor_execute")
        def _count(_conn, _cursor, statement, *_args) -> None:  # type: ignore[no-untyped-def]
            nonlocal seen
            if statement.lstrip().upper().startswith("CREATE TABLE"):
                seen += 1
                if seen == kill_after:
                    os.kill(os.getpid(), signal.SIGKILL)

        return engine

    database.make_engine = make_engine  # type: ignore[assignment]
    database.open_database(data_dir).close()
    print(f"klaar na {seen} CREATE TABLE")


if __name__ == "__main__":
    main()
