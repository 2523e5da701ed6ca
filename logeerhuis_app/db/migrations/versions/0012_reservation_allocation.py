"""A reserved bed can carry the toewijzing the municipality gave for it: the client its empty
days are declared on in the WMO323 and the toewijzingnummer (decision 0033).

Revision ID: 0012
Revises: 0011
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place (nullable, or a constant default): no need to rebuild the table.
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "ALTER TABLE bed_reservations ADD COLUMN allocation_guest_id INTEGER "
            "CONSTRAINT fk_bed_reservations_allocation_guest_id_guests "
            "REFERENCES guests (id) ON DELETE RESTRICT"
        )
    else:
        op.add_column(
            "bed_reservations", sa.Column("allocation_guest_id", sa.Integer(), nullable=True)
        )
        op.create_foreign_key(
            "fk_bed_reservations_allocation_guest_id_guests",
            "bed_reservations",
            "guests",
            ["allocation_guest_id"],
            ["id"],
            ondelete="RESTRICT",
        )
    op.add_column(
        "bed_reservations",
        sa.Column("allocation_reference", sa.String(length=50), server_default="", nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
