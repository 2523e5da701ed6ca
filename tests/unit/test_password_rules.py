"""The password policy and the lock after wrong passwords (pure rules, decision 0022)."""

from __future__ import annotations

from datetime import datetime

import pytest

from logeerhuis_app.demo._accounts import DEMO_ACCOUNTS
from logeerhuis_app.domain.passwords import locked_message, locked_until, password_problem

COMMON = "Dit wachtwoord staat in de lijst van veelgebruikte wachtwoorden"


def _problem(password: str, user_name: str = "ria") -> str | None:
    return password_problem(password, password, user_name)


def test_length_and_the_second_typing():
    assert _problem("kort") == "Het wachtwoord moet minstens 10 tekens lang zijn."
    assert _problem("x" * 201) == "Het wachtwoord is te lang (hoogstens 200 tekens)."
    assert password_problem("lang genoeg!", "lang genoeg?", "ria") == (
        "De twee wachtwoorden zijn niet gelijk."
    )
    assert _problem("lang genoeg!") is None


@pytest.mark.parametrize("password", ["ingridjansen", "IngridJansen2026", "2026ingridjansen!"])
def test_not_the_user_name(password):
    assert _problem(password, "ingridjansen") == (
        "Het wachtwoord mag niet (bijna) gelijk zijn aan de gebruikersnaam."
    )


@pytest.mark.parametrize(
    "password",
    ["wachtwoord", "Wachtwoord2026!", "welkom12345", "password123", "1234567890",
     "qwertyuiop", "iloveyou12", "Logeerhuis1", "voetbal2026", "1q2w3e4r5t", "zomer!2026!"],
)  # fmt: skip
def test_common_passwords_in_dutch_and_english_are_refused(password):
    assert _problem(password).startswith(COMMON)


@pytest.mark.parametrize(
    "password",
    ["fiets tulp regen koffie", "demo-ingrid-2026", "Wachtwoord-van-ria-7", "8372910465"],
)
def test_other_passwords_pass(password):
    assert _problem(password) is None


def test_the_demo_passwords_comply():
    for _name, user_name, password, _role in DEMO_ACCOUNTS:
        assert password_problem(password, password, user_name) is None, user_name


def test_the_fifth_wrong_password_locks_for_fifteen_minutes():
    at = datetime(2026, 4, 3, 10, 0, 4)
    assert locked_until(4, at) is None
    assert locked_until(5, None) is None
    assert locked_until(5, at) == datetime(2026, 4, 3, 10, 15, 4)
    text = locked_message(datetime(2026, 4, 3, 10, 15, 4), now=at)
    assert text.startswith("Dit account is vergrendeld tot 10:15, omdat er 5 keer achter elkaar")
    late = locked_message(datetime(2026, 4, 4, 0, 5), now=datetime(2026, 4, 3, 23, 50))
    assert "vergrendeld tot 04-04-2026 00:05" in late
