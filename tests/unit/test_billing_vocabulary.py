"""The billing vocabulary as typed values: stored strings unchanged, labels, status groups."""

from __future__ import annotations

from datetime import date

from logeerhuis_app.domain.enums import (
    CountingRule,
    InvoiceKind,
    InvoiceStatus,
    LineKind,
    TariffModel,
)
from logeerhuis_app.domain.months import Month
from logeerhuis_app.domain.pricing import (
    payment_status,
    price_days,
    price_fixed_month,
    price_housing_days,
    price_reserved_days,
    price_stay_month,
)
from logeerhuis_app.domain.rates import RatePeriod

RATES = [RatePeriod(date(2026, 1, 1), None, 10000, 4000, 6000)]


def test_the_stored_strings_stay_what_the_database_holds():
    # Invoices and their lines keep these exact strings (a CHECK constraint on invoices.kind):
    # renaming one needs a migration.
    assert [k.value for k in InvoiceKind] == ["factuur", "credit"]
    assert [k.value for k in LineKind] == [
        "verblijf",
        "gereserveerd",
        "huisvesting",
        "vast bedrag",
        "correctie",
    ]
    assert (
        InvoiceKind("credit") is InvoiceKind.CREDIT and LineKind("correctie").label == "Correctie"
    )


def test_labels_are_the_words_on_screens_and_documents():
    assert InvoiceKind.INVOICE.label == "Factuur" and InvoiceKind.CREDIT.label == "Creditfactuur"
    assert LineKind.RESERVED.label == "Gereserveerd bed"
    assert [s.label for s in InvoiceStatus] == [
        "concept",
        "open",
        "deels betaald",
        "betaald",
        "vervallen",
        "gecrediteerd",
        "credit",
    ]


def test_outstanding_and_settled_statuses():
    outstanding = {s for s in InvoiceStatus if s.outstanding}
    settled = {s for s in InvoiceStatus if s.settled}
    assert outstanding == {InvoiceStatus.OPEN, InvoiceStatus.PARTLY_PAID, InvoiceStatus.OVERDUE}
    assert settled == {InvoiceStatus.PAID, InvoiceStatus.CREDITED, InvoiceStatus.CREDIT}
    assert InvoiceStatus.DRAFT not in outstanding | settled  # a draft is neither


def test_payment_status_is_typed():
    due, before, after = date(2026, 2, 16), date(2026, 2, 10), date(2026, 3, 1)
    assert payment_status(1000, 0, 0, due, before) is InvoiceStatus.OPEN
    assert payment_status(1000, 400, 0, due, before) is InvoiceStatus.PARTLY_PAID
    assert payment_status(1000, 400, 0, due, after) is InvoiceStatus.OVERDUE
    assert payment_status(1000, 600, 400, due, after) is InvoiceStatus.PAID


def test_priced_lines_carry_their_kind():
    jan = Month(2026, 1)
    stay = price_stay_month(
        TariffModel.PER_NIGHT, CountingRule.NIGHTS, RATES, date(2026, 1, 5), date(2026, 1, 7), jan
    )
    assert [x.kind for x in stay] == [LineKind.STAY]
    reserved = price_reserved_days(RATES, date(2026, 1, 1), date(2026, 1, 3), jan)
    assert [x.kind for x in reserved] == [LineKind.RESERVED]
    assert [x.kind for x in price_housing_days(RATES, date(2026, 1, 1), None, jan)] == [
        LineKind.HOUSING
    ]
    assert [x.kind for x in price_fixed_month(RATES, jan)] == [LineKind.FIXED]
    # A plain string (as claims pass it) is read as the kind it names.
    [line] = price_days(RATES, [date(2026, 1, 9)], "gereserveerd")  # type: ignore[arg-type]
    assert line.kind is LineKind.RESERVED and line.description.startswith("gereserveerd bed, ")
