import pytest
from hypothesis import given
from hypothesis import strategies as st

from logeerhuis_app.domain.validation import (
    InvalidValue,
    format_iban,
    normalize_agb,
    normalize_bsn,
    normalize_cbs_municipality_code,
    normalize_email,
    normalize_iban,
    normalize_phone,
    normalize_postcode,
)


def _eleven_test(digits: str) -> bool:
    weights = [9, 8, 7, 6, 5, 4, 3, 2, -1]
    return sum(int(d) * w for d, w in zip(digits, weights, strict=True)) % 11 == 0


@pytest.mark.parametrize("typed", ["111222333", "1112.22.333", " 111 222 333 ", "111-222-333"])
def test_bsn_is_accepted_in_common_notations(typed):
    assert normalize_bsn(typed) == "111222333"


@pytest.mark.parametrize("typed", ["111222334", "123456789", "12345", "abcdefghi", ""])
def test_bad_bsn_gets_a_dutch_message(typed):
    with pytest.raises(InvalidValue) as info:
        normalize_bsn(typed)
    assert "BSN" in info.value.message


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_bsn_is_accepted_exactly_when_the_eleven_test_passes(digits):
    try:
        normalize_bsn(digits)
        accepted = True
    except InvalidValue:
        accepted = False
    assert accepted == (_eleven_test(digits) and int(digits) != 0)


def test_iban_is_checked_and_formatted():
    assert normalize_iban("nl91 abna 0417 1643 00") == "NL91ABNA0417164300"
    assert format_iban("NL91ABNA0417164300") == "NL91 ABNA 0417 1643 00"
    with pytest.raises(InvalidValue, match="IBAN"):
        normalize_iban("NL91ABNA0417164301")


@pytest.mark.parametrize(("typed", "expected"), [("1234ab", "1234 AB"), ("1234 AB", "1234 AB")])
def test_postcode(typed, expected):
    assert normalize_postcode(typed) == expected


@pytest.mark.parametrize("typed", ["0123 AB", "123 AB", "1234 A", "1234 SS", "12345"])
def test_bad_postcode(typed):
    with pytest.raises(InvalidValue, match="postcode"):
        normalize_postcode(typed)


def test_agb_and_municipality_codes():
    assert normalize_agb("12 34 56 78") == "12345678"
    with pytest.raises(InvalidValue, match="8 cijfers"):
        normalize_agb("1234567")
    assert normalize_cbs_municipality_code("GM0363") == "0363"
    assert normalize_cbs_municipality_code("599") == "0599"
    for bad in ("12345", "0000", "GMX", ""):
        with pytest.raises(InvalidValue, match="4 cijfers"):
            normalize_cbs_municipality_code(bad)


def test_phone_and_email():
    assert normalize_phone(" 010  123 4567 ") == "010 123 4567"
    assert normalize_phone("+31 6 12345678") == "+31 6 12345678"
    with pytest.raises(InvalidValue):
        normalize_phone("12345")
    with pytest.raises(InvalidValue):
        normalize_phone("06-abc")
    assert normalize_email(" a.b@zorg.nl ") == "a.b@zorg.nl"
    with pytest.raises(InvalidValue, match="e-mailadres"):
        normalize_email("a.b@zorg")
