"""Recipients remembered per funder or per paying guest, proposed at the next e-mail."""

from __future__ import annotations

from sqlalchemy import CheckConstraint, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base


class MailRecipient(Base):
    __tablename__ = "mail_recipients"
    __table_args__ = (
        UniqueConstraint("funder_id"),
        UniqueConstraint("guest_id"),
        # Exactly one owner: a funder, or the guest who pays the invoice.
        CheckConstraint("(funder_id IS NULL) <> (guest_id IS NULL)", name="one_owner"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    # Removed with their funder or guest: an address is not kept for its own sake.
    funder_id: Mapped[int | None] = mapped_column(
        ForeignKey("funders.id", ondelete="CASCADE"), nullable=True
    )
    guest_id: Mapped[int | None] = mapped_column(
        ForeignKey("guests.id", ondelete="CASCADE"), nullable=True
    )
    addresses: Mapped[str] = mapped_column(String(2000), default="")
