"""The intake per stay: one answer per checklist item, overrides, settings, carer burden."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base, Timestamps


class IntakeAnswer(Timestamps, Base):
    __tablename__ = "intake_answers"
    __table_args__ = (UniqueConstraint("stay_id", "item_key"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), index=True)
    item_key: Mapped[str] = mapped_column(String(40))
    value: Mapped[str] = mapped_column(String(40), default="")
    answered_on: Mapped[date | None] = mapped_column(Date, nullable=True)
    staff: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
    valid_until: Mapped[date | None] = mapped_column(Date, nullable=True)
    confirmed: Mapped[bool] = mapped_column(Boolean, default=True)


class IntakeOverride(Base):
    """A coordinator let a stay pass a gate with open items; the reason is kept and shown."""

    __tablename__ = "intake_overrides"
    __table_args__ = (
        CheckConstraint("gate IN ('bevestigen', 'inchecken')", name="gate"),
        CheckConstraint("reason <> ''", name="reason"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    stay_id: Mapped[int] = mapped_column(ForeignKey("stays.id", ondelete="CASCADE"), index=True)
    gate: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    open_items: Mapped[str] = mapped_column(Text, default="")  # what was open, as shown then
    given_by: Mapped[str] = mapped_column(String(200))
    given_at: Mapped[datetime] = mapped_column(DateTime)


class Setting(Base):
    """House settings that are not part of the provider's identity (JSON text values)."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    value: Mapped[str] = mapped_column(Text, default="")


class CarerStrain(Timestamps, Base):
    """Caregiver Strain Index (13 yes/no questions) for a carer, only with the carer's consent."""

    __tablename__ = "carer_strain"
    __table_args__ = (
        CheckConstraint("score BETWEEN 0 AND 13", name="score"),
        CheckConstraint("consent", name="consent"),  # recorded only with consent
        CheckConstraint("moment IN ('intake', 'evaluatie')", name="moment"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    carer_id: Mapped[int] = mapped_column(ForeignKey("carers.id", ondelete="CASCADE"), index=True)
    stay_id: Mapped[int | None] = mapped_column(
        ForeignKey("stays.id", ondelete="SET NULL"), nullable=True
    )
    measured_on: Mapped[date] = mapped_column(Date)
    moment: Mapped[str] = mapped_column(String(20), default="intake")
    answers: Mapped[str] = mapped_column(String(13))  # "0110..." one digit per question
    score: Mapped[int] = mapped_column(Integer)
    consent: Mapped[bool] = mapped_column(Boolean)
    consent_recorded_by: Mapped[str] = mapped_column(String(200), default="")
    note: Mapped[str] = mapped_column(Text, default="")
