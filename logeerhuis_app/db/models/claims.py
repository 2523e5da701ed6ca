"""Claims (declaraties) as they were sent: a municipality's or zorgkantoor's month, line by line.

A claim is stored only when it is made final, and never changes after that: triggers refuse
any update or delete (migration 0009). A later correction is a new claim of kind "correctie"
with credit lines that point to the original lines' references.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    CheckConstraint,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from ..base import AUTOINCREMENT, Base


class Claim(Base):
    __tablename__ = "claims"
    __table_args__ = (
        UniqueConstraint("number"),
        CheckConstraint("kind IN ('declaratie', 'correctie')", name="kind"),
        CheckConstraint("month BETWEEN 1 AND 12", name="month"),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    number: Mapped[str] = mapped_column(String(12))  # DeclaratieNummer
    kind: Mapped[str] = mapped_column(String(12), default="declaratie")
    funder_id: Mapped[int] = mapped_column(ForeignKey("funders.id", ondelete="RESTRICT"))
    funder_name: Mapped[str] = mapped_column(String(200))
    funder_kind: Mapped[str] = mapped_column(String(20))
    funder_code: Mapped[str] = mapped_column(String(4), default="")
    year: Mapped[int] = mapped_column(Integer)
    month: Mapped[int] = mapped_column(Integer)
    made_on: Mapped[date] = mapped_column(Date)
    made_at: Mapped[datetime] = mapped_column(DateTime)
    made_by: Mapped[str] = mapped_column(String(200), default="")
    # The provider as it was on the claim (a later change of address does not alter it).
    provider_name: Mapped[str] = mapped_column(String(200), default="")
    provider_street: Mapped[str] = mapped_column(String(200), default="")
    provider_postcode: Mapped[str] = mapped_column(String(10), default="")
    provider_city: Mapped[str] = mapped_column(String(100), default="")
    provider_kvk: Mapped[str] = mapped_column(String(8), default="")
    provider_agb: Mapped[str] = mapped_column(String(8), default="")
    provider_iban: Mapped[str] = mapped_column(String(34), default="")
    total_cents: Mapped[int] = mapped_column(Integer)  # signed: debit minus credit


class ClaimLine(Base):
    __tablename__ = "claim_lines"
    __table_args__ = (
        UniqueConstraint("reference"),
        CheckConstraint("amount_cents = volume * tariff_cents", name="amount"),
        CheckConstraint("volume >= 0 AND tariff_cents >= 0", name="non_negative"),
        CheckConstraint("debit_credit IN ('D', 'C')", name="debit_credit"),
        CheckConstraint(
            "debit_credit = 'D' OR previous_reference <> ''", name="credit_points_back"
        ),
        # A rejected line is declared again at most once (decision 0046).
        Index(
            "uq_claim_lines_redeclares",
            "redeclares",
            unique=True,
            sqlite_where=text("redeclares <> ''"),
            postgresql_where=text("redeclares <> ''"),
        ),
        AUTOINCREMENT,
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    claim_id: Mapped[int] = mapped_column(ForeignKey("claims.id", ondelete="RESTRICT"), index=True)
    reference: Mapped[str] = mapped_column(String(20))  # ReferentieNummer
    previous_reference: Mapped[str] = mapped_column(String(20), default="")
    kind: Mapped[str] = mapped_column(String(20), default="verblijf")
    stay_id: Mapped[int | None] = mapped_column(
        ForeignKey("stays.id", ondelete="RESTRICT"), nullable=True, index=True
    )
    guest_id: Mapped[int | None] = mapped_column(
        ForeignKey("guests.id", ondelete="RESTRICT"), nullable=True
    )
    contract_id: Mapped[int | None] = mapped_column(
        ForeignKey("contracts.id", ondelete="RESTRICT"), nullable=True
    )
    guest_name: Mapped[str] = mapped_column(String(200), default="")
    bsn: Mapped[str] = mapped_column(String(9), default="")
    allocation_reference: Mapped[str] = mapped_column(String(50), default="")
    care_profile: Mapped[str] = mapped_column(String(20), default="")
    contract_name: Mapped[str] = mapped_column(String(200), default="")
    product_category: Mapped[str] = mapped_column(String(2), default="")
    product_code: Mapped[str] = mapped_column(String(5), default="")
    unit: Mapped[str] = mapped_column(String(2), default="14")
    period_from: Mapped[date] = mapped_column(Date)
    period_to: Mapped[date] = mapped_column(Date)
    volume: Mapped[int] = mapped_column(Integer)
    tariff_cents: Mapped[int] = mapped_column(Integer)
    amount_cents: Mapped[int] = mapped_column(Integer)
    debit_credit: Mapped[str] = mapped_column(String(1), default="D")
    year_nights: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # A debit line that declares again a line the municipality rejected (WMO325): that line's
    # reference. A rejected line is never credited (iWmo IV085), so this is the only link.
    redeclares: Mapped[str] = mapped_column(String(20), default="", server_default="")
