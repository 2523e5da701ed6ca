"""The provider (the house itself), its rooms and the beds in them."""

from __future__ import annotations

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..base import AUTOINCREMENT, Base, Timestamps


class Provider(Timestamps, Base):
    """The house's identity printed on every document; one row, id 1."""

    __tablename__ = "provider"
    __table_args__ = (CheckConstraint("id = 1", name="single_row"), AUTOINCREMENT)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    street: Mapped[str] = mapped_column(String(200), default="")
    postcode: Mapped[str] = mapped_column(String(7), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    phone: Mapped[str] = mapped_column(String(30), default="")
    email: Mapped[str] = mapped_column(String(200), default="")
    kvk: Mapped[str] = mapped_column(String(8), default="")
    agb_code: Mapped[str] = mapped_column(String(8), default="")
    iban: Mapped[str] = mapped_column(String(34), default="")
    vat_exemption_text: Mapped[str] = mapped_column(Text, default="")
    payment_term_days: Mapped[int] = mapped_column(Integer, default=30)
    # The logo is stored in the database, not as a path, so documents look the same on every PC
    # and after a move to another computer.
    logo: Mapped[bytes | None] = mapped_column(LargeBinary, nullable=True)
    logo_filename: Mapped[str] = mapped_column(String(200), default="")


class Room(Timestamps, Base):
    __tablename__ = "rooms"
    __table_args__ = (
        CheckConstraint("beds >= 1 AND beds <= 10", name="beds_range"),
        CheckConstraint("environment IN ('beschermd', 'beschut')", name="environment"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    beds: Mapped[int] = mapped_column(Integer, default=1)
    environment: Mapped[str] = mapped_column(String(20), default="beschut")
    has_hoist: Mapped[bool] = mapped_column(Boolean, default=False)
    ground_floor: Mapped[bool] = mapped_column(Boolean, default=False)
    wheelchair_accessible: Mapped[bool] = mapped_column(Boolean, default=False)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    sort_order: Mapped[int] = mapped_column(Integer, default=0)
    notes: Mapped[str] = mapped_column(Text, default="")

    bed_rows: Mapped[list[Bed]] = relationship(
        back_populates="room", order_by="Bed.number", cascade="all, delete-orphan"
    )


class Bed(Base):
    """A bed is what a night occupies; a room with two beds can host two guests."""

    __tablename__ = "beds"
    __table_args__ = (
        CheckConstraint("number >= 1", name="number_positive"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    room_id: Mapped[int] = mapped_column(ForeignKey("rooms.id", ondelete="RESTRICT"), index=True)
    number: Mapped[int] = mapped_column(Integer)
    active: Mapped[bool] = mapped_column(Boolean, default=True)

    room: Mapped[Room] = relationship(back_populates="bed_rows")
