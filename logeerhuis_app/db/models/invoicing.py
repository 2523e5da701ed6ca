"""Closed months, invoices with their lines, the number series and payments.

A final invoice (one with a number) can never change: triggers in the database refuse any
update or delete of it or its lines (migration 0005), so not even SQL by hand can alter it.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ...domain.enums import InvoiceKind, LineKind
from ..base import AUTOINCREMENT, Base, Timestamps


class MonthClosure(Base):
    __tablename__ = "month_closures"
    __table_args__ = (
        UniqueConstraint("year", "month"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    closed_at: Mapped[datetime] = mapped_column(DateTime)
    closed_by: Mapped[str] = mapped_column(String(200), default="")


class InvoiceSeries(Base):
    """The counter of one year's invoice numbers; locked while a number is given out."""

    __tablename__ = "invoice_series"
    __table_args__ = (UniqueConstraint("year"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    year: Mapped[int] = mapped_column(Integer)
    last_number: Mapped[int] = mapped_column(Integer, default=0)


class Invoice(Timestamps, Base):
    __tablename__ = "invoices"
    __table_args__ = (
        UniqueConstraint("number"),
        UniqueConstraint("year", "sequence"),
        CheckConstraint("kind IN ('factuur', 'credit')", name="kind"),
        CheckConstraint("period_to >= period_from", name="period"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10), default=InvoiceKind.INVOICE.value)
    year: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int | None] = mapped_column(Integer, nullable=True)  # None: a draft
    number: Mapped[str | None] = mapped_column(String(20), nullable=True)
    credits_invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT"), nullable=True
    )
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id", ondelete="RESTRICT"))
    guest_id: Mapped[int | None] = mapped_column(  # the payer, when the guest pays
        ForeignKey("guests.id", ondelete="RESTRICT"), nullable=True
    )
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    invoice_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    due_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    customer_name: Mapped[str] = mapped_column(String(200), default="")
    customer_street: Mapped[str] = mapped_column(String(200), default="")
    customer_postcode: Mapped[str] = mapped_column(String(10), default="")
    customer_city: Mapped[str] = mapped_column(String(100), default="")
    reference: Mapped[str] = mapped_column(String(200), default="")
    total_cents: Mapped[int] = mapped_column(Integer, default=0)
    pdf: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    pdf_sha256: Mapped[str] = mapped_column(String(64), default="")
    finalised_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    finalised_by: Mapped[str] = mapped_column(String(200), default="")


class InvoiceLine(Base):
    __tablename__ = "invoice_lines"
    __table_args__ = (
        CheckConstraint("amount_cents = quantity * unit_cents", name="amount"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="CASCADE"), index=True
    )
    stay_id: Mapped[int | None] = mapped_column(
        ForeignKey("stays.id", ondelete="SET NULL"), nullable=True
    )
    guest_name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(20), default=LineKind.STAY.value)
    description: Mapped[str] = mapped_column(String(300))
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    quantity: Mapped[int] = mapped_column(Integer)
    unit_cents: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    # A line that settles a correction of a night in a closed month (credit or debit).
    correction_id: Mapped[int | None] = mapped_column(
        ForeignKey("night_corrections.id", ondelete="RESTRICT"), nullable=True
    )


class Payment(Timestamps, Base):
    __tablename__ = "payments"
    __table_args__ = (CheckConstraint("amount_cents <> 0", name="amount"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    invoice_id: Mapped[int] = mapped_column(
        ForeignKey("invoices.id", ondelete="RESTRICT"), index=True
    )
    paid_on: Mapped[date] = mapped_column(Date)
    amount_cents: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")


class NightCorrection(Base):
    """Staff corrected a night by hand (e.g. absent: in hospital); kept, the newest one counts."""

    __tablename__ = "night_corrections"
    __table_args__ = (CheckConstraint("reason <> ''", name="reason"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date)
    billable: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str] = mapped_column(Text)
    corrected_by: Mapped[str] = mapped_column(String(200), default="")
    corrected_at: Mapped[datetime] = mapped_column(DateTime)


class BedReservation(Timestamps, Base):
    """A funder reserves a bed for a period and pays for every day of it, occupied or not."""

    __tablename__ = "bed_reservations"
    __table_args__ = (CheckConstraint("end_date > start_date", name="period"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id", ondelete="RESTRICT"), index=True)
    contract_id: Mapped[int] = mapped_column(ForeignKey("contracts.id", ondelete="RESTRICT"))
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # the first day no longer reserved
    note: Mapped[str] = mapped_column(String(200), default="")
    # The toewijzing the municipality gave for the bed (decision 0033): the client the empty
    # reserved days are declared on in the WMO323, and the toewijzingnummer. None/"" = none.
    allocation_guest_id: Mapped[int | None] = mapped_column(
        ForeignKey("guests.id", ondelete="RESTRICT"), nullable=True
    )
    allocation_reference: Mapped[str] = mapped_column(String(50), default="", server_default="")
