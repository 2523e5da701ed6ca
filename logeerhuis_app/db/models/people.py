"""Guests (logés) and their carers (mantelzorgers)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import AUTOINCREMENT, Base, Timestamps


class Guest(Timestamps, Base):
    __tablename__ = "guests"
    __table_args__ = (
        CheckConstraint("grondslag IN ('pg', 'som', 'overig')", name="grondslag"),
        CheckConstraint("height_cm IS NULL OR (height_cm > 30 AND height_cm < 260)", name="height"),
        CheckConstraint("weight_kg IS NULL OR (weight_kg > 10 AND weight_kg < 400)", name="weight"),
        # Two guests may not share a BSN; several may have none yet.
        Index(
            "uq_guests_bsn",
            "bsn",
            unique=True,
            sqlite_where=text("bsn <> ''"),
            postgresql_where=text("bsn <> ''"),
        ),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    first_name: Mapped[str] = mapped_column(String(100), default="")
    prefix: Mapped[str] = mapped_column(String(30), default="")  # tussenvoegsel: "van der"
    last_name: Mapped[str] = mapped_column(String(100))
    date_of_birth: Mapped[date | None] = mapped_column(Date, nullable=True)
    gender: Mapped[str] = mapped_column(String(1), default="")  # M / V / X / ''
    bsn: Mapped[str] = mapped_column(String(9), default="")

    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    # CBS code of the municipality where the guest lives (woonplaatsbeginsel for the Wmo).
    municipality_code: Mapped[str] = mapped_column(String(4), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")

    emergency_name: Mapped[str] = mapped_column(String(200), default="")
    emergency_relation: Mapped[str] = mapped_column(String(100), default="")
    emergency_phone: Mapped[str] = mapped_column(String(30), default="")

    insurer: Mapped[str] = mapped_column(String(100), default="")
    policy_number: Mapped[str] = mapped_column(String(50), default="")
    gp_name: Mapped[str] = mapped_column(String(200), default="")
    gp_phone: Mapped[str] = mapped_column(String(30), default="")
    pharmacy_name: Mapped[str] = mapped_column(String(200), default="")
    pharmacy_phone: Mapped[str] = mapped_column(String(30), default="")
    homecare_org: Mapped[str] = mapped_column(String(200), default="")
    homecare_contact: Mapped[str] = mapped_column(String(200), default="")
    homecare_phone: Mapped[str] = mapped_column(String(30), default="")

    grondslag: Mapped[str] = mapped_column(String(10), default="overig")
    height_cm: Mapped[int | None] = mapped_column(Integer, nullable=True)
    weight_kg: Mapped[int | None] = mapped_column(Integer, nullable=True)
    care_needs: Mapped[str] = mapped_column(Text, default="")
    needs_hoist: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_ground_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    needs_wheelchair_access: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    carers: Mapped[list[Carer]] = relationship(
        back_populates="guest", order_by="Carer.id", cascade="all, delete-orphan"
    )


class Carer(Timestamps, Base):
    __tablename__ = "carers"
    __table_args__ = (AUTOINCREMENT,)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    guest_id: Mapped[int] = mapped_column(ForeignKey("guests.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    relation: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    is_primary: Mapped[bool] = mapped_column(Boolean, default=False)
    notes: Mapped[str] = mapped_column(Text, default="")

    guest: Mapped[Guest] = relationship(back_populates="carers")
