"""Recipient lists, the no-password-in-clear rule, sizes and the kept copy's name."""

from __future__ import annotations

from datetime import datetime

import pytest

from logeerhuis_app.domain.mail import (
    eml_name,
    format_size,
    is_loopback,
    parse_recipients,
    plain_login_refused,
    too_large,
)
from logeerhuis_app.domain.validation import InvalidValue


def test_recipients_are_split_checked_and_doubles_left_out():
    text = " a@b.nl; C@d.nl,c@D.nl\ne@f.nl "
    assert parse_recipients(text) == ("a@b.nl", "C@d.nl", "e@f.nl")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("", "minstens één"),
        (" , ; ", "minstens één"),
        ("a@b", "a@b is geen geldig e-mailadres"),
        ("Piet <piet@b.nl>", "is geen geldig e-mailadres"),
        ('"x"@b.nl', "is geen geldig e-mailadres"),
        (",".join(f"p{i}@b.nl" for i in range(21)), "ten hoogste 20"),
    ],
)
def test_wrong_recipients_are_refused_in_dutch(text, words):
    with pytest.raises(InvalidValue) as refused:
        parse_recipients(text)
    assert words in refused.value.message


def test_a_password_never_goes_unencrypted_over_a_network():
    assert plain_login_refused("geen", "ingrid", "smtp.delinde.nl")
    assert plain_login_refused("geen", "ingrid", "192.168.1.10")
    assert not plain_login_refused("geen", "", "smtp.delinde.nl")  # no login at all
    assert not plain_login_refused("starttls", "ingrid", "smtp.delinde.nl")
    assert not plain_login_refused("geen", "ingrid", "localhost")
    assert is_loopback("127.0.0.1") and is_loopback("[::1]") and not is_loopback("10.0.0.1")


def test_sizes_and_names_in_dutch():
    assert format_size(900) == "1 kB" and format_size(5 * 1024 * 1024 + 400_000) == "5,4 MB"
    assert "te groot om te versturen (21,0 MB; de grens is 20,0 MB)" in too_large(
        21 * 1024 * 1024, 20 * 1024 * 1024
    )
    moment = datetime(2026, 4, 2, 9, 5, 7)
    assert eml_name(moment, "Factuur 2026-0001") == "2026-04-02_090507_factuur-2026-0001.eml"
