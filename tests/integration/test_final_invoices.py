"""A final invoice is beyond change, also with SQL by hand (triggers of migration 0005)."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from logeerhuis_app.db.models import Funder, Invoice, InvoiceLine


@pytest.fixture
def invoice_id(db):
    with db.session() as s:
        funder = Funder(kind="particulier", name="Particulier")
        s.add(funder)
        s.flush()
        invoice = Invoice(
            kind="factuur",
            year=2026,
            funder_id=funder.id,
            period_from=date(2026, 3, 1),
            period_to=date(2026, 3, 31),
            customer_name="Fam. Smit",
            total_cents=29640,
        )
        s.add(invoice)
        s.flush()
        s.add(
            InvoiceLine(
                invoice_id=invoice.id,
                guest_name="Anna Smit",
                description="2 nachten",
                period_from=date(2026, 3, 2),
                period_to=date(2026, 3, 3),
                quantity=2,
                unit_cents=14820,
                amount_cents=29640,
            )
        )
        s.flush()
        # A draft can still change; giving it its number makes it final.
        invoice.customer_name = "Familie Smit"
        s.flush()
        invoice.number, invoice.sequence = "2026-0001", 1
        return invoice.id


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE invoices SET total_cents = 1",
        "UPDATE invoices SET number = NULL",
        "DELETE FROM invoices",
        "UPDATE invoice_lines SET amount_cents = 0, quantity = 0",
        "DELETE FROM invoice_lines",
        "INSERT INTO invoice_lines (invoice_id, guest_name, kind, description, period_from,"
        " period_to, quantity, unit_cents, amount_cents)"
        " VALUES (1, 'x', 'verblijf', 'x', '2026-03-01', '2026-03-01', 1, 1, 1)",
    ],
)
def test_sql_by_hand_cannot_change_a_final_invoice(db, invoice_id, sql):
    # Through a connection of its own, past the services: SQLite's triggers and PostgreSQL's.
    with db.engine.connect() as conn, pytest.raises(DBAPIError, match="definitieve factuur"):
        conn.execute(text(sql))
    with db.session() as s:
        invoice = s.get(Invoice, invoice_id)
        assert (invoice.number, invoice.total_cents, invoice.customer_name) == (
            "2026-0001",
            29640,
            "Familie Smit",
        )
        assert [line.amount_cents for line in s.query(InvoiceLine)] == [29640]
