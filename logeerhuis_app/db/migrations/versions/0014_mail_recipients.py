"""mail_recipients: the addresses an invoice was last e-mailed to, per funder or paying guest
(decision 0042).

Revision ID: 0014
Revises: 0013
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "mail_recipients",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=True),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("addresses", sa.String(length=2000), nullable=False),
        sa.CheckConstraint(
            "(funder_id IS NULL) <> (guest_id IS NULL)", name=op.f("ck_mail_recipients_one_owner")
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funders.id"],
            name=op.f("fk_mail_recipients_funder_id_funders"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guests.id"],
            name=op.f("fk_mail_recipients_guest_id_guests"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_mail_recipients")),
        sa.UniqueConstraint("funder_id", name=op.f("uq_mail_recipients_funder_id")),
        sa.UniqueConstraint("guest_id", name=op.f("uq_mail_recipients_guest_id")),
        sqlite_autoincrement=True,
    )  # fmt: skip


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
