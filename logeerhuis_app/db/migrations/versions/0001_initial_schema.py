"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-22
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "funders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("cbs_code", sa.String(length=4), nullable=False),
        sa.Column("uzovi_code", sa.String(length=4), nullable=False),
        sa.Column("contact_name", sa.String(length=200), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("invoice_to_guest", sa.Boolean(), nullable=False),
        sa.Column("wants_invoice", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind <> 'gemeente' OR length(cbs_code) = 4",
            name=op.f("ck_funders_gemeente_has_cbs_code"),
        ),
        sa.CheckConstraint(
            "kind IN ('gemeente', 'zorgkantoor', 'zorgverzekeraar', 'pgb', 'particulier')",
            name=op.f("ck_funders_kind"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_funders")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "guests",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("first_name", sa.String(length=100), nullable=False),
        sa.Column("prefix", sa.String(length=30), nullable=False),
        sa.Column("last_name", sa.String(length=100), nullable=False),
        sa.Column("date_of_birth", sa.Date(), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=False),
        sa.Column("bsn", sa.String(length=9), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("municipality_code", sa.String(length=4), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("emergency_name", sa.String(length=200), nullable=False),
        sa.Column("emergency_relation", sa.String(length=100), nullable=False),
        sa.Column("emergency_phone", sa.String(length=30), nullable=False),
        sa.Column("insurer", sa.String(length=100), nullable=False),
        sa.Column("policy_number", sa.String(length=50), nullable=False),
        sa.Column("gp_name", sa.String(length=200), nullable=False),
        sa.Column("gp_phone", sa.String(length=30), nullable=False),
        sa.Column("pharmacy_name", sa.String(length=200), nullable=False),
        sa.Column("pharmacy_phone", sa.String(length=30), nullable=False),
        sa.Column("homecare_org", sa.String(length=200), nullable=False),
        sa.Column("homecare_contact", sa.String(length=200), nullable=False),
        sa.Column("homecare_phone", sa.String(length=30), nullable=False),
        sa.Column("grondslag", sa.String(length=10), nullable=False),
        sa.Column("height_cm", sa.Integer(), nullable=True),
        sa.Column("weight_kg", sa.Integer(), nullable=True),
        sa.Column("care_needs", sa.Text(), nullable=False),
        sa.Column("needs_hoist", sa.Boolean(), nullable=False),
        sa.Column("needs_ground_floor", sa.Boolean(), nullable=False),
        sa.Column("needs_wheelchair_access", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "grondslag IN ('pg', 'som', 'overig')", name=op.f("ck_guests_grondslag")
        ),
        sa.CheckConstraint(
            "height_cm IS NULL OR (height_cm > 30 AND height_cm < 260)",
            name=op.f("ck_guests_height"),
        ),
        sa.CheckConstraint(
            "weight_kg IS NULL OR (weight_kg > 10 AND weight_kg < 400)",
            name=op.f("ck_guests_weight"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_guests")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("guests", schema=None) as batch_op:
        batch_op.create_index(
            "uq_guests_bsn",
            ["bsn"],
            unique=True,
            sqlite_where=sa.text("bsn <> ''"),
            postgresql_where=sa.text("bsn <> ''"),
        )

    op.create_table(
        "provider",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("street", sa.String(length=200), nullable=False),
        sa.Column("postcode", sa.String(length=7), nullable=False),
        sa.Column("city", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("kvk", sa.String(length=8), nullable=False),
        sa.Column("agb_code", sa.String(length=8), nullable=False),
        sa.Column("iban", sa.String(length=34), nullable=False),
        sa.Column("vat_exemption_text", sa.Text(), nullable=False),
        sa.Column("payment_term_days", sa.Integer(), nullable=False),
        sa.Column("logo", sa.LargeBinary(), nullable=True),
        sa.Column("logo_filename", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint("id = 1", name=op.f("ck_provider_single_row")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_provider")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "rooms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("beds", sa.Integer(), nullable=False),
        sa.Column("environment", sa.String(length=20), nullable=False),
        sa.Column("has_hoist", sa.Boolean(), nullable=False),
        sa.Column("ground_floor", sa.Boolean(), nullable=False),
        sa.Column("wheelchair_accessible", sa.Boolean(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("sort_order", sa.Integer(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "environment IN ('beschermd', 'beschut')", name=op.f("ck_rooms_environment")
        ),
        sa.CheckConstraint("beds >= 1 AND beds <= 10", name=op.f("ck_rooms_beds_range")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rooms")),
        sa.UniqueConstraint("name", name=op.f("uq_rooms_name")),
        sqlite_autoincrement=True,
    )
    op.create_table(
        "beds",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.CheckConstraint("number >= 1", name=op.f("ck_beds_number_positive")),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name=op.f("fk_beds_room_id_rooms"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_beds")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("beds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_beds_room_id"), ["room_id"], unique=False)

    op.create_table(
        "carers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("relation", sa.String(length=100), nullable=False),
        sa.Column("phone", sa.String(length=30), nullable=False),
        sa.Column("email", sa.String(length=200), nullable=False),
        sa.Column("is_primary", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guests.id"], name=op.f("fk_carers_guest_id_guests"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_carers")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("carers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_carers_guest_id"), ["guest_id"], unique=False)

    op.create_table(
        "contracts",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("reference", sa.String(length=100), nullable=False),
        sa.Column("product_category", sa.String(length=2), nullable=False),
        sa.Column("product_code", sa.String(length=5), nullable=False),
        sa.Column("unit", sa.String(length=2), nullable=False),
        sa.Column("tariff_model", sa.String(length=20), nullable=False),
        sa.Column("counting_rule", sa.String(length=20), nullable=False),
        sa.Column("vv_only", sa.Boolean(), nullable=False),
        sa.Column("late_cancel_billable", sa.Boolean(), nullable=False),
        sa.Column("late_cancel_days", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "counting_rule IN ('nights', 'arrival_before_20', 'both_days')",
            name=op.f("ck_contracts_counting_rule"),
        ),
        sa.CheckConstraint(
            "tariff_model IN ('per_night', 'reserved_bed', 'split_day', 'fixed_period')",
            name=op.f("ck_contracts_tariff_model"),
        ),
        sa.CheckConstraint("late_cancel_days >= 0", name=op.f("ck_contracts_late_cancel_days")),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_contracts_period")
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"],
            ["funders.id"],
            name=op.f("fk_contracts_funder_id_funders"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_contracts")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_contracts_funder_id"), ["funder_id"], unique=False)

    op.create_table(
        "allocations",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=False),
        sa.Column("funder_id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("reference", sa.String(length=50), nullable=False),
        sa.Column("decision_reference", sa.String(length=50), nullable=False),
        sa.Column("start_date", sa.Date(), nullable=False),
        sa.Column("end_date", sa.Date(), nullable=True),
        sa.Column("volume", sa.Integer(), nullable=True),
        sa.Column("volume_frequency", sa.String(length=10), nullable=False),
        sa.Column("care_profile", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "kind IN ('toewijzing', 'indicatie', 'pgb', 'polis', 'particulier')",
            name=op.f("ck_allocations_kind"),
        ),
        sa.CheckConstraint(
            "volume_frequency IN ('week', 'month', 'total')",
            name=op.f("ck_allocations_volume_frequency"),
        ),
        sa.CheckConstraint(
            "end_date IS NULL OR end_date >= start_date", name=op.f("ck_allocations_period")
        ),
        sa.CheckConstraint(
            "volume IS NULL OR volume > 0", name=op.f("ck_allocations_volume_positive")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_allocations_contract_id_contracts"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["funder_id"],
            ["funders.id"],
            name=op.f("fk_allocations_funder_id_funders"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"],
            ["guests.id"],
            name=op.f("fk_allocations_guest_id_guests"),
            ondelete="RESTRICT",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_allocations")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_allocations_guest_id"), ["guest_id"], unique=False)

    op.create_table(
        "rate_periods",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("contract_id", sa.Integer(), nullable=False),
        sa.Column("valid_from", sa.Date(), nullable=False),
        sa.Column("valid_to", sa.Date(), nullable=True),
        sa.Column("amount_cents", sa.Integer(), nullable=False),
        sa.Column("housing_cents", sa.Integer(), nullable=False),
        sa.Column("stay_cents", sa.Integer(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "amount_cents >= 0 AND housing_cents >= 0 AND stay_cents >= 0",
            name=op.f("ck_rate_periods_non_negative"),
        ),
        sa.CheckConstraint(
            "valid_to IS NULL OR valid_to >= valid_from", name=op.f("ck_rate_periods_period")
        ),
        sa.ForeignKeyConstraint(
            ["contract_id"],
            ["contracts.id"],
            name=op.f("fk_rate_periods_contract_id_contracts"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_rate_periods")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("rate_periods", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_rate_periods_contract_id"), ["contract_id"], unique=False
        )

    op.create_table(
        "stays",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("guest_id", sa.Integer(), nullable=False),
        sa.Column("room_id", sa.Integer(), nullable=False),
        sa.Column("bed_id", sa.Integer(), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=True),
        sa.Column("arrival", sa.Date(), nullable=False),
        sa.Column("departure", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("notes", sa.Text(), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(), nullable=True),
        sa.Column("cancel_reason", sa.Text(), nullable=False),
        sa.Column("cancelled_by", sa.String(length=200), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column(
            "updated_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.Column("version", sa.Integer(), server_default="1", nullable=False),
        sa.CheckConstraint(
            "status IN ('optie', 'bevestigd', 'aanwezig', 'vertrokken', 'geannuleerd')",
            name=op.f("ck_stays_status"),
        ),
        sa.CheckConstraint("departure > arrival", name=op.f("ck_stays_period")),
        sa.ForeignKeyConstraint(
            ["allocation_id"],
            ["allocations.id"],
            name=op.f("fk_stays_allocation_id_allocations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["bed_id"], ["beds.id"], name=op.f("fk_stays_bed_id_beds"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["guest_id"], ["guests.id"], name=op.f("fk_stays_guest_id_guests"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["room_id"], ["rooms.id"], name=op.f("fk_stays_room_id_rooms"), ondelete="RESTRICT"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stays")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("stays", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_stays_arrival"), ["arrival"], unique=False)
        batch_op.create_index(batch_op.f("ix_stays_guest_id"), ["guest_id"], unique=False)

    op.create_table(
        "nights",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("stay_id", sa.Integer(), nullable=False),
        sa.Column("bed_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("allocation_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["allocation_id"],
            ["allocations.id"],
            name=op.f("fk_nights_allocation_id_allocations"),
            ondelete="RESTRICT",
        ),
        sa.ForeignKeyConstraint(
            ["bed_id"], ["beds.id"], name=op.f("fk_nights_bed_id_beds"), ondelete="RESTRICT"
        ),
        sa.ForeignKeyConstraint(
            ["stay_id"], ["stays.id"], name=op.f("fk_nights_stay_id_stays"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_nights")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("nights", schema=None) as batch_op:
        batch_op.create_index("ix_nights_day", ["day"], unique=False)
        batch_op.create_index(batch_op.f("ix_nights_stay_id"), ["stay_id"], unique=False)
        batch_op.create_index(
            "uq_nights_bed_date_active",
            ["bed_id", "day"],
            unique=True,
            sqlite_where=sa.text("active = 1"),
            postgresql_where=sa.text("active"),
        )


def downgrade() -> None:
    with op.batch_alter_table("nights", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_nights_bed_date_active",
            sqlite_where=sa.text("active = 1"),
            postgresql_where=sa.text("active"),
        )
        batch_op.drop_index(batch_op.f("ix_nights_stay_id"))
        batch_op.drop_index("ix_nights_day")

    op.drop_table("nights")
    with op.batch_alter_table("stays", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stays_guest_id"))
        batch_op.drop_index(batch_op.f("ix_stays_arrival"))

    op.drop_table("stays")
    with op.batch_alter_table("rate_periods", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_rate_periods_contract_id"))

    op.drop_table("rate_periods")
    with op.batch_alter_table("allocations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_allocations_guest_id"))

    op.drop_table("allocations")
    with op.batch_alter_table("contracts", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_contracts_funder_id"))

    op.drop_table("contracts")
    with op.batch_alter_table("carers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_carers_guest_id"))

    op.drop_table("carers")
    with op.batch_alter_table("beds", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_beds_room_id"))

    op.drop_table("beds")
    op.drop_table("rooms")
    op.drop_table("provider")
    with op.batch_alter_table("guests", schema=None) as batch_op:
        batch_op.drop_index(
            "uq_guests_bsn",
            sqlite_where=sa.text("bsn <> ''"),
            postgresql_where=sa.text("bsn <> ''"),
        )

    op.drop_table("guests")
    op.drop_table("funders")
