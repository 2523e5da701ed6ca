"""Claims (declaraties) as sent, with their lines; triggers refuse any change afterwards.

Revision ID: 0009
Revises: 0008
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "claims",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=12), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("funder_name", sa.String(length=200), nullable=False),
        sa.Column("funder_kind", sa.String(length=20), nullable=False),
        sa.Column("funder_code", sa.String(length=4), nullable=False),
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("month", sa.Integer(), nullable=False),
        sa.Column("made_on", sa.Date(), nullable=False),
        sa.Column("made_at", sa.DateTime(), nullable=False),
        sa.Column("made_by", sa.String(length=200), nullable=False),
        sa.Column("provider_name", sa.String(length=200), nullable=False),
        sa.Column("provider_street", sa.String(length=200), nullable=False),
        sa.Column("provider_postcode", sa.String(length=10), nullable=False),
        sa.Column("provider_city", sa.String(length=100), nullable=False),
        sa.Column("provider_kvk", sa.String(length=8), nullable=False),
        sa.Column("provider_agb", sa.String(length=8), nullable=False),
        sa.Column("provider_iban", sa.String(length=34), nullable=False),
        sa.Column("total_cents", sa.Integer(), nullable=False),
        sa.CheckConstraint("kind IN ('declaratie', 'correctie')", name=op.f("ck_claims_kind")),
        sa.CheckConstraint("month BETWEEN 1 AND 12", name=op.f("ck_claims_month")),
        sa.ForeignKeyConstraint(
            ["funder_id"], ["funders.id"], name=op.f("fk_claims_funder_id_funders"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claims")),
        sa.UniqueConstraint("number", name=op.f("uq_claims_number")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_table(
        "claim_lines",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("claim_id", sa.Integer(), nullable=False),
        sa.Column("reference", sa.String(length=20), nullable=False),
        sa.Column("previous_reference", sa.String(length=20), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=True),
        sa.Column("guest_id", sa.Integer(), nullable=True),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("guest_name", sa.String(length=200), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("allocation_reference", sa.String(length=50), nullable=False),
        sa.Column("care_profile", sa.String(length=20), nullable=False),
        sa.Column("contract_name", sa.String(length=200), nullable=False),
        sa.Column("product_category", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=False),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.Column("period_from", sa.Date(), nullable=False),
        sa.Column("period_to", sa.Date(), nullable=False),
        sa.Column("volume", sa.Integer(), nullable=False),
        sa.Column("tariff_cents", sa.Integer(), nullable=False),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("debit_credit", sa.String(length=1), nullable=False),
        sa.Column("year_nights", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "amount_cents = volume * tariff_cents", name=op.f("ck_claim_lines_amount")
        ),
        sa.CheckConstraint(
            "volume >= 0 AND tariff_cents >= 0", name=op.f("ck_claim_lines_non_negative")
        ),
        sa.CheckConstraint(
            "debit_credit IN ('D', 'C')", name=op.f("ck_claim_lines_debit_credit")
        ),
        sa.CheckConstraint(
            "debit_credit = 'D' OR previous_reference <> ''",
            name=op.f("ck_claim_lines_credit_points_back"),
        ),
        sa.ForeignKeyConstraint(
            ["claim_id"], ["claims.id"], name=op.f("fk_claim_lines_claim_id_claims"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["stays.id"], name=op.f("fk_claim_lines_stay_id_stays"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guests.id"], name=op.f("fk_claim_lines_guest_id_guests"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"], ["contracts.id"], name=op.f("fk_claim_lines_contract_id_contracts"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_claim_lines")),
        sa.UniqueConstraint("reference", name=op.f("uq_claim_lines_reference")),
        sqlite_autoincrement=True,
    )  # fmt: skip
    op.create_index(op.f("ix_claim_lines_claim_id"), "claim_lines", ["claim_id"], unique=False)
    op.create_index(op.f("ix_claim_lines_stay_id"), "claim_lines", ["stay_id"], unique=False)
    _sent_claim_triggers()


SENT = "Een verstuurde declaratie kan niet worden gewijzigd of verwijderd; maak een correctie."


def _sent_claim_triggers() -> None:
    """A stored claim was sent: the database refuses every update and delete of it."""
    tables = ("claims", "claim_lines")
    if op.get_bind().dialect.name == "sqlite":
        for table in tables:
            for event in ("UPDATE", "DELETE"):
                op.execute(
                    f"CREATE TRIGGER trg_{table}_sent_{event.lower()} BEFORE {event} ON {table} "
                    f"FOR EACH ROW BEGIN SELECT RAISE(ABORT, '{SENT}'); END"
                )
        return
    op.execute(
        "CREATE FUNCTION refuse_sent_claim_change() RETURNS trigger AS $$ BEGIN "
        f"RAISE EXCEPTION '{SENT}'; END; $$ LANGUAGE plpgsql"
    )
    for table in tables:
        op.execute(
            f"CREATE TRIGGER trg_{table}_sent BEFORE UPDATE OR DELETE ON {table} "
            "FOR EACH ROW EXECUTE FUNCTION refuse_sent_claim_change()"
        )


def downgrade() -> None:
    raise NotImplementedError("Logeerhuis does not downgrade its schema; restore a backup.")
