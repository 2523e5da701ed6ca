"""Stays: a header per stay plus one row per night, so months, caps and invoices work per night."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import AUTOINCREMENT, Base, Timestamps

_STAY_STATUSES = "'optie', 'bevestigd', 'aanwezig', 'vertrokken', 'geannuleerd'"


class Stay(Timestamps, Base):
    __tablename__ = "stays"
    __table_args__ = (
        CheckConstraint("departure > arrival", name="period"),
        CheckConstraint(f"status IN ({_STAY_STATUSES})", name="status"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="RESTRICT"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id", ondelete="RESTRICT"))
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocations.id", ondelete="RESTRICT"), nullable=True
    )
    arrival: Mapped[date] = mapped_column(Date, index=True)
    departure: Mapped[date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(20), default="optie")
    notes: Mapped[str] = mapped_column(Text, default="")
    cancelled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    cancel_reason: Mapped[str] = mapped_column(Text, default="")
    cancelled_by: Mapped[str] = mapped_column(String(200), default="")
    cancel_late: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    series_id: Mapped[int | None] = mapped_column(
        ForeignKey("stay_series.id", ondelete="SET NULL"), nullable=True, index=True
    )
    checked_in_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    checked_out_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    nights: Mapped[list[Night]] = relationship(
        back_populates="stay", order_by="Night.day", cascade="all, delete-orphan"
    )


class Night(Base):
    """One night of a stay in one bed. Only active nights occupy the bed."""

    __tablename__ = "nights"
    __table_args__ = (
        # The database itself refuses two active nights in one bed on one date.
        Index(
            "uq_nights_bed_date_active",
            "bed_id",
            "day",
            unique=True,
            sqlite_where=text("active = 1"),
            postgresql_where=text("active"),
        ),
        Index("ix_nights_day", "day"),
        # Volume and cap checks count a funder's nights per allocation and period.
        Index("ix_nights_allocation_day", "allocation_id", "day"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), index=True)
    bed_id: Mapped[int] = mapped_column(ForeignKey("beds.id", ondelete="RESTRICT"))
    day: Mapped[date] = mapped_column(Date)
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocations.id", ondelete="RESTRICT"), nullable=True
    )
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    stay: Mapped[Stay] = relationship(back_populates="nights")
