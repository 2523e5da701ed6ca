"""access_log_head: the access log's last id and hash, kept outside the log (decision 0037).

Removing the last rows (or all rows) of the log leaves an intact chain; the head, written in
the same unit of work as each row, still names the last row that was written. Triggers refuse
its deletion and any step back.

Revision ID: 0017
Revises: 0016
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None

HEAD_KEPT = "De kop van het toegangslog kan niet worden verwijderd of teruggezet."


def upgrade() -> None:
    op.create_table(
        "access_log_head",
        sa.Column("slot", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.Column("last_hash", sa.String(length=64), nullable=False),
        sa.CheckConstraint("slot = 1", name=op.f("ck_access_log_head_one_row")),
        sa.PrimaryKeyConstraint("slot", name=op.f("pk_access_log_head")),
    )
    # The log as it is now: its last row is the head (no row yet: no head yet).
    op.execute(
        "INSERT INTO access_log_head (slot, last_id, last_hash) "
        "SELECT 1, id, hash FROM access_log WHERE id = (SELECT max(id) FROM access_log)"
    )
    _head_triggers()


def _head_triggers() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for name, event, when in (
            ("trg_access_log_head_delete", "BEFORE DELETE", ""),
            ("trg_access_log_head_back", "BEFORE UPDATE", "WHEN NEW.last_id <= OLD.last_id "),
        ):
            op.execute(
                f"CREATE TRIGGER {name} {event} ON access_log_head FOR EACH ROW {when}"
                f"BEGIN SELECT RAISE(ABORT, '{HEAD_KEPT}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION refuse_access_log_head_change() RETURNS trigger AS $$ BEGIN "
        f"RAISE EXCEPTION '{HEAD_KEPT}'; END; $$ LANGUAGE plpgsql"
    )
    function = "EXECUTE FUNCTION refuse_access_log_head_change()"
    op.execute(
        "CREATE TRIGGER trg_access_log_head_delete BEFORE DELETE ON access_log_head "
        f"FOR EACH ROW {function}"
    )
    op.execute(
        "CREATE TRIGGER trg_access_log_head_back BEFORE UPDATE ON access_log_head "
        f"FOR EACH ROW WHEN (NEW.last_id <= OLD.last_id) {function}"
    )
    op.execute(
        "CREATE TRIGGER trg_access_log_head_no_truncate BEFORE TRUNCATE ON access_log_head "
        f"FOR EACH STATEMENT {function}"
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
