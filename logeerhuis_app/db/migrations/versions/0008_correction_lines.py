"""Invoice lines can settle a night correction of a closed month (credit or debit line).

Revision ID: 0008
Revises: 0007
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place: recreating invoice_lines would fight the final-invoice triggers.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE invoice_lines ADD COLUMN correction_id INTEGER "
            "CONSTRAINT fk_invoice_lines_correction_id_night_corrections "
            "REFERENCES night_corrections (id) ON DELETE RESTRICT"
        )
    else:
        op.add_column("invoice_lines", sa.Column("correction_id", sa.Integer(), nullable=True))
        op.create_foreign_key(
            "fk_invoice_lines_correction_id_night_corrections",
            "invoice_lines",
            "night_corrections",
            ["correction_id"],
            ["id"],
            ondelete="RESTRICT",
        )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
