"""iWmo messages stored as sent (WMO305, WMO307, WMO323 bytes), the municipality's answers to
claims (WMO325) per line, rejected lines marked as put right, and the link from a new line to
the rejected line it declares again (decisions 0046, 0047). Append-only, like the claims.

Revision ID: 0016
Revises: 0015
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

_TABLES = (
    "sent_messages",
    "sent_care_products",
    "claim_answers",
    "claim_line_answers",
    "rejected_line_fixes",
)
_SENT = "Een verstuurd bericht of een ingelezen antwoord kan niet worden gewijzigd of verwijderd."


def upgrade() -> None:
    _sent_messages()
    _sent_care_products()
    _answers()
    op.add_column(
        "claim_lines",
        sa.Column("redeclares", sa.String(length=20), server_default="", nullable=False),
    )
    op.create_index(
        "uq_claim_lines_redeclares",
        "claim_lines",
        ["redeclares"],
        unique=True,
        sqlite_where=sa.text("redeclares <> ''"),
        postgresql_where=sa.text("redeclares <> ''"),
    )
    _append_only()


def _sent_messages() -> None:
    op.create_table(
        "sent_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=3), nullable=False),
        sa.Column("identification", sa.String(length=12), nullable=False),
        sa.Column("receiver", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("sequence", sa.Integer(), nullable=False),
        sa.Column("file_name", sa.String(length=100), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=True),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("correction", sa.Boolean(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.CheckConstraint("kind IN ('305', '307', '323')", name=op.f("ck_sent_messages_kind")),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_sent_messages_month")),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_sent_messages_claim_id_claims"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_messages")),
        sa.UniqueConstraint("kind", "identification", name=op.f("uq_sent_messages_kind")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_sent_messages_claim_id")),
        sqlite_autoincrement=True,
    )  # fmt: skip


def _sent_care_products() -> None:
    op.create_table(
        "sent_care_products",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=1), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("reference", sa.String(length=50), nullable=False),
        sa.Column("product_category", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=False),
        sa.Column("allocation_start", sa.Date(), nullable=False),
        sa.Column("begin", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("reason", sa.String(length=2), nullable=False),
        sa.CheckConstraint("status IN ('1', '3')", name=op.f("ck_sent_care_products_status")),
        sa.ForeignKeyConstraint(
            ["message_id"], ["sent_messages.id"],
            name=op.f("fk_sent_care_products_message_id_sent_messages"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sent_care_products")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index(op.f("ix_sent_care_products_message_id"), "sent_care_products", ["message_id"])
    op.create_index(
        op.f("ix_sent_care_products_allocation_id"), "sent_care_products", ["allocation_id"]
    )


def _answers() -> None:
    op.create_table(
        "claim_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("identification", sa.String(length=12), nullable=False),
        sa.Column("answered_on", sa.Date(), nullable=False),
        sa.Column("codes", sa.String(length=100), nullable=False),
        sa.Column("granted_cents", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.Column("read_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_answers_claim_id_claims"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_answers")),
        sa.UniqueConstraint("claim_id", name=op.f("uq_claim_answers_claim_id")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_table(
        "claim_line_answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("answer_id", sa.Integer(), nullable=False),
        sa.Column("claim_line_id", sa.Integer(), nullable=False),
        sa.Column("accepted", sa.Boolean(), nullable=False),
        sa.Column("codes", sa.String(length=100), nullable=False),
        sa.ForeignKeyConstraint(
            ["answer_id"], ["claim_answers.id"],
            name=op.f("fk_claim_line_answers_answer_id_claim_answers"), ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["claim_line_id"], ["claim_lines.id"],
            name=op.f("fk_claim_line_answers_claim_line_id_claim_lines"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_line_answers")),
        sa.UniqueConstraint("claim_line_id", name=op.f("uq_claim_line_answers_claim_line_id")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index(op.f("ix_claim_line_answers_answer_id"), "claim_line_answers", ["answer_id"])
    op.create_table(
        "rejected_line_fixes",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_line_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.DateTime(), nullable=False),
        sa.Column("marked_by", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["claim_line_id"], ["claim_lines.id"],
            name=op.f("fk_rejected_line_fixes_claim_line_id_claim_lines"), ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rejected_line_fixes")),
        sa.UniqueConstraint("claim_line_id", name=op.f("uq_rejected_line_fixes_claim_line_id")),
        sqlite_autoincrement=True,
    )  # fmt: skip


def _append_only() -> None:
    """What was sent or read in is kept as it was: every update and delete is refused."""
    if op.get_bind().dialect.name == "sqlite":
        for table in _TABLES:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_kept_{event.lower()} BEFORE {event} ON {table} "
                    f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{_SENT}'); END"
                )
        return
    op.execute(
        "CREATE FUNCTION refuse_sent_message_change() RETURNS trigger AS $$ BEGIN "
        f"RAISE EXCEPTION '{_SENT}'; END; $$ LANGUAGE plpgsql"
    )
    for table in _TABLES:
        op.execute(
            f"CREATE TRIGGER trg_{table}_kept BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_sent_message_change()"
        )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
