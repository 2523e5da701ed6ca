"""iWmo messages the house received from a municipality (WMO301) and the answer it made
(WMO302): for listing the answers, the month export, and reading the same file twice without
changing anything the second time (decision 0044)."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    String,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base


class ReceivedMessage(Base):
    __tablename__ = "received_messages"
    __table_args__ = (
        CheckConstraint("outcome IN ('verwerkt', 'afgekeurd')", name="outcome"),
        Index("ix_received_messages_sender_identification", "sender", "identification"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))  # WMO301
    sender: Mapped[str] = mapped_column(String(4))  # the municipality's CBS code
    identification: Mapped[str] = mapped_column(String(12))  # BerichtIdentificatie
    dated: Mapped[date] = mapped_column(Date)  # its Dagtekening
    sha256: Mapped[str] = mapped_column(String(64))  # of the file as read
    outcome: Mapped[str] = mapped_column(String(12))
    return_codes: Mapped[str] = mapped_column(String(200), default="")  # WJ001, comma-separated
    summary: Mapped[str] = mapped_column(String(1000), default="")  # Dutch, without a BSN
    guest_id: Mapped[int | None] = mapped_column(
        ForeignKey("guests.id", ondelete="RESTRICT"), nullable=True
    )
    read_at: Mapped[datetime] = mapped_column(DateTime)
    read_by: Mapped[str] = mapped_column(String(200), default="")
    answer_name: Mapped[str] = mapped_column(String(100))  # WMO302-<cbs>-<identification>.xml
    answer: Mapped[bytes] = mapped_column(LargeBinary)  # the WMO302 as made
