"""Accounts (users) and the append-only access log; triggers refuse any change to the log.

Revision ID: 0010
Revises: 0009
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_name", sa.String(length=50), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=20), nullable=False),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("last_failed_at", sa.DateTime(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at", sa.DateTime(), server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("role IN ('coordinator', 'medewerker')", name=op.f("ck_users_role")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("user_name", name=op.f("uq_users_user_name")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_table(
        "access_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("user_name", sa.String(length=50), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("action", sa.String(length=30), nullable=False),
        sa.Column("detail", sa.String(length=500), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_log")),
        sa.UniqueConstraint("prev_hash", name=op.f("uq_access_log_prev_hash")),
        sqlite_autoincrement=True,
    )
    op.create_index(op.f("ix_access_log_guest_id"), "access_log", ["guest_id"], unique=False)
    _append_only_triggers()


APPEND_ONLY = "Het toegangslog kan niet worden gewijzigd of verwijderd."


def _append_only_triggers() -> None:
    """The access log only grows: the database refuses every update and delete of a row."""
    if op.get_bind().dialect.name == "sqlite":
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER trg_access_log_{event.lower()} BEFORE {event} ON access_log "
                f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{APPEND_ONLY}'); END"
            )
        return
    op.execute(
        "CREATE FUNCTION refuse_access_log_change() RETURNS trigger AS $$ BEGIN "
        f"RAISE EXCEPTION '{APPEND_ONLY}'; END; $$ LANGUAGE plpgsql"
    )
    op.execute(
        "CREATE TRIGGER trg_access_log_append_only BEFORE UPDATE OR DELETE ON access_log "
        "FOR EACH ROW EXECUTE FUNCTION refuse_access_log_change()"
    )
    # TRUNCATE bypasses row triggers in PostgreSQL; refuse it as well.
    op.execute(
        "CREATE TRIGGER trg_access_log_no_truncate BEFORE TRUNCATE ON access_log "
        "FOR EACH STATEMENT EXECUTE FUNCTION refuse_access_log_change()"
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
