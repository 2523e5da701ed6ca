"""Messages received from municipalities (WMO301) and the answers made (WMO302), decision 0044.

Revision ID: 0015
Revises: 0014
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "received_messages",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("sender", sa.String(length=4), nullable=False),
        sa.Column("identification", sa.String(length=12), nullable=False),
        sa.Column("dated", sa.Date(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=12), nullable=False),
        sa.Column("return_codes", sa.String(length=200), nullable=False),
        sa.Column("summary", sa.String(length=1000), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("read_at", sa.DateTime(), nullable=False),
        sa.Column("read_by", sa.String(length=200), nullable=False),
        sa.Column("answer_name", sa.String(length=100), nullable=False),
        sa.Column("answer", sa.LargeBinary(), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('verwerkt', 'afgekeurd')", name=op.f("ck_received_messages_outcome")
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guests.id"], name=op.f("fk_received_messages_guest_id_guests"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_received_messages")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index(
        "ix_received_messages_sender_identification",
        "received_messages",
        ["sender", "identification"],
        unique=False,
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
