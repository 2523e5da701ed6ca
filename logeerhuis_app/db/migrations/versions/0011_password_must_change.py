"""users.must_change_password: after a coordinator resets a password, the user chooses a new
one at the next sign-in (decision 0022).

Revision ID: 0011
Revises: 0010
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Added in place (a constant default): no need to rebuild the table.
    op.add_column(
        "users",
        sa.Column("must_change_password", sa.Boolean(), server_default="0", nullable=False),
    )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
