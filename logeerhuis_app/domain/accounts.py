"""Accounts: roles and user names (pure rules; the password rules are in domain/passwords)."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

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
