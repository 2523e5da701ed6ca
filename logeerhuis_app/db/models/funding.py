"""Who pays: funders, their contracts with rate periods, and each guest's allocations."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, CheckConstraint, Date, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import AUTOINCREMENT, Base, Timestamps

_FUNDER_KINDS = "'gemeente', 'zorgkantoor', 'zorgverzekeraar', 'pgb', 'particulier'"
_TARIFF_MODELS = "'per_night', 'reserved_bed', 'split_day', 'fixed_period'"
_COUNTING_RULES = "'nights', 'arrival_before_20', 'both_days'"


class Funder(Timestamps, Base):
    __tablename__ = "funders"
    __table_args__ = (
        CheckConstraint(f"kind IN ({_FUNDER_KINDS})", name="kind"),
        CheckConstraint("kind <> 'gemeente' OR length(cbs_code) = 4", name="gemeente_has_cbs_code"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    name: Mapped[str] = mapped_column(String(200))
    cbs_code: Mapped[str] = mapped_column(String(4), default="")  # gemeente: CBS code
    uzovi_code: Mapped[str] = mapped_column(String(4), default="")  # zorgkantoor / verzekeraar
    contact_name: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    # Private payers: send the invoice to the guest's own address instead of the funder's.
    invoice_to_guest: Mapped[bool] = mapped_column(Boolean, default=False)
    wants_invoice: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    contracts: Mapped[list[Contract]] = relationship(
        back_populates="funder", order_by="Contract.id"
    )


class Contract(Timestamps, Base):
    __tablename__ = "contracts"
    __table_args__ = (
        CheckConstraint(f"tariff_model IN ({_TARIFF_MODELS})", name="tariff_model"),
        CheckConstraint(f"counting_rule IN ({_COUNTING_RULES})", name="counting_rule"),
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period"),
        CheckConstraint("late_cancel_days >= 0", name="late_cancel_days"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    funder_id: Mapped[int] = mapped_column(
        ForeignKey("funders.id", ondelete="RESTRICT"), index=True
    )
    name: Mapped[str] = mapped_column(String(200))
    reference: Mapped[str] = mapped_column(String(100), default="")  # the funder's contract number
    product_category: Mapped[str] = mapped_column(String(2), default="")  # iWmo WMO020, e.g. 04
    product_code: Mapped[str] = mapped_column(String(5), default="")  # e.g. 04A04 or Z1003
    unit: Mapped[str] = mapped_column(String(2), default="14")  # iWmo WJ756, 14 = etmaal
    tariff_model: Mapped[str] = mapped_column(String(20), default="per_night")
    counting_rule: Mapped[str] = mapped_column(String(20), default="nights")
    # Flexibel logeren (Z1003) is only for clients with a VV care profile.
    vv_only: Mapped[bool] = mapped_column(Boolean, default=False)
    late_cancel_billable: Mapped[bool] = mapped_column(Boolean, default=False)
    late_cancel_days: Mapped[int] = mapped_column(Integer, default=7)
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    notes: Mapped[str] = mapped_column(Text, default="")

    funder: Mapped[Funder] = relationship(back_populates="contracts")
    rates: Mapped[list[RatePeriod]] = relationship(
        back_populates="contract", order_by="RatePeriod.valid_from", cascade="all, delete-orphan"
    )


class RatePeriod(Timestamps, Base):
    """A tariff valid over a period; a new year's tariff is a new row, never an edit."""

    __tablename__ = "rate_periods"
    __table_args__ = (
        CheckConstraint("valid_to IS NULL OR valid_to >= valid_from", name="period"),
        CheckConstraint(
            "amount_cents >= 0 AND housing_cents >= 0 AND stay_cents >= 0", name="non_negative"
        ),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    contract_id: Mapped[int] = mapped_column(
        ForeignKey("contracts.id", ondelete="CASCADE"), index=True
    )
    valid_from: Mapped[date] = mapped_column(Date)
    valid_to: Mapped[date | None] = mapped_column(Date, nullable=True)
    amount_cents: Mapped[int] = mapped_column(Integer, default=0)
    housing_cents: Mapped[int] = mapped_column(Integer, default=0)
    stay_cents: Mapped[int] = mapped_column(Integer, default=0)

    contract: Mapped[Contract] = relationship(back_populates="rates")


class Allocation(Timestamps, Base):
    """The right to care: a Wmo toewijzing, a Wlz indication, a pgb or a private agreement."""

    __tablename__ = "allocations"
    __table_args__ = (
        CheckConstraint(
            "kind IN ('toewijzing', 'indicatie', 'pgb', 'polis', 'particulier')", name="kind"
        ),
        CheckConstraint("end_date IS NULL OR end_date >= start_date", name="period"),
        CheckConstraint("volume IS NULL OR volume > 0", name="volume_positive"),
        CheckConstraint("volume_frequency IN ('week', 'month', 'total')", name="volume_frequency"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="RESTRICT"), index=True)
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id", ondelete="RESTRICT"))
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="RESTRICT"), nullable=True
    )
    kind: Mapped[str] = mapped_column(String(20))
    reference: Mapped[str] = mapped_column(String(50), default="")  # toewijzingnummer etc.
    decision_reference: Mapped[str] = mapped_column(String(50), default="")  # beschikking
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    volume: Mapped[int | None] = mapped_column(Integer, nullable=True)
    volume_frequency: Mapped[str] = mapped_column(String(10), default="total")
    care_profile: Mapped[str] = mapped_column(String(20), default="")  # e.g. 5VV
    notes: Mapped[str] = mapped_column(Text, default="")
