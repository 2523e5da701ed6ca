"""Invoice arithmetic: totals and credit lines, invoice numbers, due dates, payment status."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.pricing import (
    credit_lines,
    due_date,
    invoice_number,
    parse_invoice_number,
    payment_status,
    price_fixed_month,
    price_housing_days,
    price_reserved_days,
    price_stay_month,
    total,
)
from tests.unit.pricing_support import RATES, SPLIT, changing_rates, lengths, rules, stay_dates

# --- plain values ---------------------------------------------------------------------------


def test_credit_lines_negate_quantity_and_amount_and_keep_the_unit_price():
    lines = price_reserved_days(RATES, date(2025, 12, 28), date(2026, 1, 3), Month(2025, 12))
    lines += price_reserved_days(RATES, date(2025, 12, 28), date(2026, 1, 3), Month(2026, 1))
    credit = credit_lines(lines)
    assert [(x.quantity, x.unit_cents, x.amount_cents) for x in credit] == [
        (-4, 14335, -57340),
        (-2, 14820, -29640),
    ]
    assert [(x.day_from, x.day_to, x.kind) for x in credit] == [
        (x.day_from, x.day_to, x.kind) for x in lines
    ]
    assert total(lines) == 86980 and total(lines) + total(credit) == 0
    assert total([]) == 0 and credit_lines([]) == []


def test_invoice_numbers():
    assert invoice_number(2026, 1) == "2026-0001"
    assert invoice_number(2026, 9999) == "2026-9999"
    assert invoice_number(2026, 10000) == "2026-10000"
    assert parse_invoice_number("2026-0042") == (2026, 42)
    assert parse_invoice_number("2026-123456") == (2026, 123456)
    with pytest.raises(ValueError):
        invoice_number(2026, 0)


@pytest.mark.parametrize(
    "text",
    ["", "2026", "2026-", "26-0001", "2026-001", "2026-0000", "2026/0001", " 2026-0001",
     "2026-0001 ", "2026-00a1", "٢٠٢٦-0001", "2026-+001", "F2026-0001"],
)  # fmt: skip
def test_parse_invoice_number_refuses_what_is_not_a_number(text):
    with pytest.raises(ValueError):
        parse_invoice_number(text)


def test_due_date():
    assert due_date(date(2026, 2, 2), 14) == date(2026, 2, 16)
    assert due_date(date(2026, 12, 20), 30) == date(2027, 1, 19)
    assert due_date(date(2028, 2, 1), 28) == date(2028, 2, 29)
    assert due_date(date(2026, 3, 1), 0) == date(2026, 3, 1)


DUE = date(2026, 2, 16)


@pytest.mark.parametrize(
    ("total_cents", "paid", "credited", "today", "expected"),
    [
        (10000, 0, 0, date(2026, 2, 10), "open"),
        (10000, 0, 0, DUE, "open"),  # the due date itself is not overdue yet
        (10000, 0, 0, date(2026, 2, 17), "vervallen"),
        (10000, 2500, 0, date(2026, 2, 10), "deels betaald"),
        (10000, 0, 2500, date(2026, 2, 10), "deels betaald"),
        (10000, 2500, 0, date(2026, 2, 17), "vervallen"),
        (10000, 9999, 0, date(2026, 3, 1), "vervallen"),
        (10000, 10000, 0, date(2026, 2, 10), "betaald"),
        (10000, 10000, 0, date(2026, 3, 1), "betaald"),
        (10000, 6000, 4000, date(2026, 3, 1), "betaald"),
        (10000, 0, 10000, date(2026, 3, 1), "betaald"),
        (10000, 12000, 0, date(2026, 2, 10), "betaald"),  # overpaid
        (0, 0, 0, date(2026, 3, 1), "betaald"),  # nothing to pay
        (-5000, 0, 0, date(2026, 3, 1), "betaald"),  # a credit invoice is never owed
    ],
)
def test_payment_status(total_cents, paid, credited, today, expected):
    assert payment_status(total_cents, paid, credited, DUE, today) == expected


# --- properties ------------------------------------------------------------------------------


@given(stay_dates, lengths, rules, changing_rates())
def test_an_invoice_total_is_the_sum_of_its_lines_and_a_credit_cancels_it(
    arrival, length, rule, drawn
):
    _, rates = drawn
    departure = arrival + timedelta(days=length)
    month = Month.of(arrival)
    invoice = [
        *price_stay_month(SPLIT, rule, rates, arrival, departure, month),
        *price_housing_days(rates, arrival, departure, month),
        *price_reserved_days(rates, arrival, departure, month),
        *price_fixed_month(rates, month),
    ]
    assert total(invoice) == sum(x.quantity * x.unit_cents for x in invoice)
    assert total(invoice) == sum(x.amount_cents for x in invoice)
    credit = credit_lines(invoice)
    assert total(invoice) + total(credit) == 0
    assert [x.unit_cents for x in credit] == [x.unit_cents for x in invoice]
    assert all(c.quantity == -o.quantity for c, o in zip(credit, invoice, strict=True))


@given(st.integers(min_value=1000, max_value=9999), st.integers(min_value=1, max_value=10**7))
def test_invoice_number_round_trip(year, sequence):
    text = invoice_number(year, sequence)
    assert len(text.split("-")[1]) >= 4
    assert parse_invoice_number(text) == (year, sequence)


@given(
    st.integers(min_value=1, max_value=10**7),
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=0, max_value=10**7),
    st.integers(min_value=-60, max_value=60),
)
def test_payment_status_is_consistent(total_cents, paid, credited, days_after_due):
    status = payment_status(total_cents, paid, credited, DUE, DUE + timedelta(days=days_after_due))
    if paid + credited >= total_cents:
        assert status == "betaald"
    elif days_after_due > 0:
        assert status == "vervallen"
    else:
        assert status == ("deels betaald" if paid + credited > 0 else "open")
