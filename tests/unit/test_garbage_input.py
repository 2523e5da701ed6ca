"""Whatever a user types or pastes, a parser answers with a value or a Dutch InvalidValue."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from logeerhuis_app.domain import validation
from logeerhuis_app.domain.dates import parse_date, parse_optional_date
from logeerhuis_app.domain.money import parse_euro
from logeerhuis_app.domain.pricing import parse_invoice_number
from logeerhuis_app.domain.validation import InvalidValue

# Typed text, pasted text, and the corners: other scripts' digits (Arabic-Indic, full-width),
# superscripts that str.isdigit() accepts but int() refuses, numbers of thousands of digits.
TYPED = st.text(alphabet=st.sampled_from("0123456789 -./,€+()@abcNLSA\u00a0"), max_size=40)
STRANGE_DIGITS = st.text(alphabet=st.sampled_from("²³¹٣٤۵०১௧๑０１９"), min_size=1, max_size=12)
LONG_NUMBERS = st.integers(1, 6000).map(lambda n: "9" * n)
GARBAGE = st.one_of(st.text(), TYPED, STRANGE_DIGITS, LONG_NUMBERS)

PARSERS = [
    parse_euro,
    parse_date,
    parse_optional_date,
    validation.normalize_bsn,
    validation.normalize_iban,
    validation.normalize_postcode,
    validation.normalize_agb,
    validation.normalize_kvk,
    validation.normalize_uzovi,
    validation.normalize_cbs_municipality_code,
    validation.normalize_phone,
    validation.normalize_email,
]


@pytest.mark.parametrize("parse", PARSERS, ids=lambda f: f.__name__)
@settings(max_examples=300, deadline=None)
@given(text=GARBAGE)
@example(text="²²²²²²²²²")
@example(text="9" * 5000)
@example(text="GM²")
def test_a_parser_answers_a_value_or_a_dutch_refusal(parse, text):
    try:
        parse(text)
    except InvalidValue as exc:
        assert exc.message and "Traceback" not in exc.message
        assert exc.message.isprintable()


@pytest.mark.parametrize(
    "parse",
    [
        validation.normalize_bsn,
        validation.normalize_agb,
        validation.normalize_kvk,
        validation.normalize_uzovi,
        validation.normalize_cbs_municipality_code,
    ],
    ids=lambda f: f.__name__,
)
@given(text=STRANGE_DIGITS)
def test_digits_of_other_scripts_are_not_taken_for_a_number(parse, text):
    """A code is ASCII digits: '²²²²²²²²' is no AGB code and '١٢٣٤' no CBS code."""
    with pytest.raises(InvalidValue):
        parse(text)


@given(st.text(max_size=30) | LONG_NUMBERS)
def test_an_invoice_number_is_read_or_refused_with_a_value_error(text):
    try:
        year, sequence = parse_invoice_number(text)
    except ValueError:
        return
    assert sequence >= 1 and 0 <= year <= 9999


@given(st.integers(-(10**11), 10**11))
def test_an_amount_of_any_size_is_read_or_refused(cents):
    text = f"{cents / 100:.2f}".replace(".", ",")
    try:
        assert parse_euro(text) == cents
    except InvalidValue as exc:
        assert "te groot" in exc.message and abs(cents) > 10_000_000_00


def test_valid_input_still_reads_as_before():
    assert parse_euro("€ 1.234,56") == 123456 and parse_euro("12.50") == 1250
    assert parse_date("14-3-2026") == date(2026, 3, 14)
    assert validation.normalize_bsn("99990000 6") == "999900006"
    assert validation.normalize_agb("7373 0123") == "73730123"
    assert validation.normalize_cbs_municipality_code("GM363") == "0363"
    with pytest.raises(InvalidValue, match="bestaat niet"):
        parse_date("30-02-2026")
