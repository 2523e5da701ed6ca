"""iWmo messages as they left the house, and the municipality's answers to the claims.

Everything here is append-only (triggers, migration 0016): a message that was sent is kept
byte for byte, so exporting a month again gives the municipality the same files; a later change
becomes a correction message. Allocation and guest ids are kept without a foreign key: a sent
message outlives what it was made from.
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
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base


class SentMessage(Base):
    """A WMO305, WMO307 or WMO323 file as first exported (decision 0047)."""

    __tablename__ = "sent_messages"
    __table_args__ = (
        UniqueConstraint("kind", "identification"),
        UniqueConstraint("claim_id"),
        CheckConstraint("kind IN ('305', '307', '323')", name="kind"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(3))
    identification: Mapped[str] = mapped_column(String(12))  # BerichtIdentificatie
    receiver: Mapped[str] = mapped_column(String(4))  # CBS code of the municipality
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    sequence: Mapped[int] = mapped_column(Integer, default=0)  # 305/307: per kind, cbs, month
    file_name: Mapped[str] = mapped_column(String(100))
    claim_id: Mapped[int | None] = mapped_column(
        ForeignKey("claims.id", ondelete="RESTRICT"), nullable=True
    )
    guest_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    correction: Mapped[bool] = mapped_column(Boolean, default=False)
    content: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(200), default="")


class SentCareProduct(Base):
    """A StartProduct or StopProduct in a sent WMO305/WMO307, with its StatusAanlevering:
    1 (eerste aanlevering) or 3 (verwijderen aanlevering, iWmo IV008)."""

    __tablename__ = "sent_care_products"
    __table_args__ = (
        CheckConstraint("status IN ('1', '3')", name="status"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    message_id: Mapped[int] = mapped_column(
        ForeignKey("sent_messages.id", ondelete="RESTRICT"), index=True
    )
    status: Mapped[str] = mapped_column(String(1))
    allocation_id: Mapped[int] = mapped_column(Integer, index=True)
    bsn: Mapped[str] = mapped_column(String(9))
    reference: Mapped[str] = mapped_column(String(50))
    product_category: Mapped[str] = mapped_column(String(2))
    product_code: Mapped[str] = mapped_column(String(5), default="")
    allocation_start: Mapped[date] = mapped_column(Date)
    begin: Mapped[date] = mapped_column(Date)
    end: Mapped[date | None] = mapped_column(Date, nullable=True)
    reason: Mapped[str] = mapped_column(String(2), default="")


class ClaimAnswer(Base):
    """A WMO325 (declaratie-antwoord) read for a sent WMO323: one per claim (iWmo IV087)."""

    __tablename__ = "claim_answers"
    __table_args__ = (UniqueConstraint("claim_id"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"))
    identification: Mapped[str] = mapped_column(String(12))  # the WMO325's own
    answered_on: Mapped[date] = mapped_column(Date)  # its Dagtekening
    codes: Mapped[str] = mapped_column(String(100), default="")  # header + declaration
    granted_cents: Mapped[int] = mapped_column(Integer)  # TotaalToegekendBedrag, signed
    sha256: Mapped[str] = mapped_column(String(64))
    read_at: Mapped[datetime] = mapped_column(DateTime)
    read_by: Mapped[str] = mapped_column(String(200), default="")


class ClaimLineAnswer(Base):
    """Per line in the WMO323: accepted, or rejected with its WJ001 codes."""

    __tablename__ = "claim_line_answers"
    __table_args__ = (UniqueConstraint("claim_line_id"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    answer_id: Mapped[int] = mapped_column(
        ForeignKey("claim_answers.id", ondelete="RESTRICT"), index=True
    )
    claim_line_id: Mapped[int] = mapped_column(ForeignKey("claim_lines.id", ondelete="RESTRICT"))
    accepted: Mapped[bool] = mapped_column(Boolean)
    codes: Mapped[str] = mapped_column(String(100), default="")  # "9339 9340"


class RejectedLineFix(Base):
    """Staff say a rejected line is put right (BSN, toewijzing...): it goes into the next
    declaration as a new line, once."""

    __tablename__ = "rejected_line_fixes"
    __table_args__ = (UniqueConstraint("claim_line_id"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_line_id: Mapped[int] = mapped_column(ForeignKey("claim_lines.id", ondelete="RESTRICT"))
    marked_at: Mapped[datetime] = mapped_column(DateTime)
    marked_by: Mapped[str] = mapped_column(String(200), default="")
