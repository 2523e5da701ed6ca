"""Accounts: roles, password rules and the slow-down after wrong passwords (pure rules)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

MIN_PASSWORD_LENGTH = 10
FREE_FAILURES = 5  # wrong passwords in a row before the waiting starts
WAIT_SECONDS = 30  # per wrong password after the free ones
MAX_WAIT_SECONDS = 15 * 60
SYSTEM_USER = "opdrachtregel"  # the name in the log when nobody signed in (command line, scripts)


class Role(StrEnum):
    COORDINATOR = "coordinator"
    STAFF = "medewerker"

    @property
    def label(self) -> str:
        return {"coordinator": "Coördinator", "medewerker": "Medewerker"}[self.value]


@dataclass(frozen=True)
class CurrentUser:
    """The person signed in on this PC."""

    id: int
    user_name: str
    name: str
    role: str

    @property
    def is_coordinator(self) -> bool:
        return self.role == Role.COORDINATOR


def normalize_user_name(text: str) -> str:
    return text.strip().lower()


def user_name_problem(user_name: str) -> str | None:
    if not user_name:
        return "Vul een gebruikersnaam in."
    if len(user_name) > 50 or not all(c.isalnum() or c in "._-" for c in user_name):
        return (
            "Gebruik voor de gebruikersnaam alleen letters, cijfers, punt, streepje of "
            "liggend streepje (hoogstens 50 tekens)."
        )
    if user_name == SYSTEM_USER:
        return f"De gebruikersnaam '{SYSTEM_USER}' is gereserveerd."
    return None


def password_problem(password: str, repeated: str) -> str | None:
    """Dutch reason why this new password is refused, or None."""
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Het wachtwoord moet minstens {MIN_PASSWORD_LENGTH} tekens lang zijn."
    if len(password) > 200:
        return "Het wachtwoord is te lang (hoogstens 200 tekens)."
    if password != repeated:
        return "De twee wachtwoorden zijn niet gelijk."
    return None


def wait_seconds(failures: int, seconds_since_last_failure: float) -> int:
    """Seconds the user must still wait before the next try (0: may try now)."""
    if failures < FREE_FAILURES:
        return 0
    wait = min(WAIT_SECONDS * (failures - FREE_FAILURES + 1), MAX_WAIT_SECONDS)
    return max(0, int(wait - seconds_since_last_failure + 0.999))
