"""Planner records beside the stays: requests, their date history, series, closures."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Boolean, CheckConstraint, Date, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base, Timestamps

_REQUEST_STATUSES = "'nieuw', 'in_behandeling', 'geplaatst', 'afgewezen', 'ingetrokken'"


class StayRequest(Timestamps, Base):
    """An incoming request (aanvraag) for a stay, placed or not yet."""

    __tablename__ = "requests"
    __table_args__ = (
        CheckConstraint(f"status IN ({_REQUEST_STATUSES})", name="status"),
        CheckConstraint("wished_departure > wished_arrival", name="period"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="RESTRICT"), index=True)
    requester_kind: Mapped[str] = mapped_column(String(30), default="mantelzorger")
    requester_name: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20), default="telefoon")
    received_on: Mapped[date] = mapped_column(Date)
    wished_arrival: Mapped[date] = mapped_column(Date)
    wished_departure: Mapped[date] = mapped_column(Date)
    flexibility: Mapped[str] = mapped_column(String(200), default="")
    funder_id: Mapped[int | None] = mapped_column(
        ForeignKey("funders.id", ondelete="RESTRICT"), nullable=True
    )
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocations.id", ondelete="RESTRICT"), nullable=True
    )
    status: Mapped[str] = mapped_column(String(20), default="nieuw")
    reject_reason: Mapped[str] = mapped_column(Text, default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    stay_id: Mapped[int | None] = mapped_column(
        ForeignKey("stays.id", ondelete="SET NULL"), nullable=True
    )


class StaySeries(Timestamps, Base):
    """A weekly recurring stay (structureel logeren); its occurrences are ordinary stays."""

    __tablename__ = "stay_series"
    __table_args__ = (
        CheckConstraint("arrival_weekday BETWEEN 0 AND 6", name="weekday"),
        CheckConstraint("nights BETWEEN 1 AND 6", name="nights"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="RESTRICT"), index=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"))
    allocation_id: Mapped[int | None] = mapped_column(
        ForeignKey("allocations.id", ondelete="RESTRICT"), nullable=True
    )
    arrival_weekday: Mapped[int] = mapped_column(Integer)
    nights: Mapped[int] = mapped_column(Integer)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date, nullable=True)
    notes: Mapped[str] = mapped_column(Text, default="")


class DateChange(Base):
    """History: every change of a stay's or request's dates or room, who asked and how."""

    __tablename__ = "date_changes"
    __table_args__ = (AUTOINCREMENT,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int | None] = mapped_column(
        ForeignKey("stays.id", ondelete="CASCADE"), nullable=True, index=True
    )
    request_id: Mapped[int | None] = mapped_column(
        ForeignKey("requests.id", ondelete="CASCADE"), nullable=True, index=True
    )
    changed_at: Mapped[datetime] = mapped_column(DateTime)
    what: Mapped[str] = mapped_column(String(200))
    old_arrival: Mapped[date | None] = mapped_column(Date, nullable=True)
    old_departure: Mapped[date | None] = mapped_column(Date, nullable=True)
    new_arrival: Mapped[date | None] = mapped_column(Date, nullable=True)
    new_departure: Mapped[date | None] = mapped_column(Date, nullable=True)
    old_room_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_room_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    asked_by: Mapped[str] = mapped_column(String(200), default="")
    channel: Mapped[str] = mapped_column(String(20), default="")
    late: Mapped[bool] = mapped_column(Boolean, default=False)


class RoomClosure(Timestamps, Base):
    """A room closed for a period (maintenance); no stays may be planned in it then."""

    __tablename__ = "room_closures"
    __table_args__ = (CheckConstraint("end_date > start_date", name="period"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="CASCADE"), index=True)
    start_date: Mapped[date] = mapped_column(Date)
    end_date: Mapped[date] = mapped_column(Date)  # the first day it is open again
    reason: Mapped[str] = mapped_column(String(200), default="")


class WlzNightsElsewhere(Timestamps, Base):
    """Wlz logeer nights a guest used at another provider this year (for the 156 cap)."""

    __tablename__ = "wlz_nights_elsewhere"
    __table_args__ = (CheckConstraint("nights >= 0", name="nights"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="CASCADE"), index=True)
    year: Mapped[int] = mapped_column(Integer)
    nights: Mapped[int] = mapped_column(Integer)
    note: Mapped[str] = mapped_column(String(200), default="")
