"""Accounts and the access log (NEN 7513).

Accounts are never deleted, only deactivated: the log refers to them by user name. The access
log only grows: triggers refuse any update or delete (migration 0010), and each row carries the
hash of the row before it (domain/access_log.py). The chain's head, the last row's id and hash,
is kept outside the log (migration 0012), so removing the last rows or all rows is noticed.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    Boolean,
    CheckConstraint,
    DateTime,
    Integer,
    String,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base, Timestamps


class User(Timestamps, Base):
    __tablename__ = "users"
    __table_args__ = (
        UniqueConstraint("user_name"),
        CheckConstraint("role IN ('coordinator', 'medewerker')", name="role"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_name: Mapped[str] = mapped_column(String(50))
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    last_failed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # Set by a coordinator's reset: the next sign-in asks for a new password first.
    must_change_password: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")


class AccessLogEntry(Base):
    __tablename__ = "access_log"
    __table_args__ = (
        # One successor per row: two writers can never fork the chain.
        UniqueConstraint("prev_hash"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime)
    user_name: Mapped[str] = mapped_column(String(50))
    # No foreign key: the log outlives the guest's record (kept for its own term).
    guest_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    action: Mapped[str] = mapped_column(String(30))
    detail: Mapped[str] = mapped_column(String(500), default="")
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AccessLogHead(Base):
    """One row: the id and hash of the last row appended to the access log, written in the
    same unit of work as that row. Triggers refuse its deletion and any step back."""

    __tablename__ = "access_log_head"
    __table_args__ = (CheckConstraint("slot = 1", name="one_row"),)

    slot: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    last_id: Mapped[int] = mapped_column(Integer)
    last_hash: Mapped[str] = mapped_column(String(64))
