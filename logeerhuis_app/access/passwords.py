"""Passwords: the check at sign-in (with the lock after wrong tries), a coordinator's reset,
and choosing a new password (after a reset, or one's own at any time). Decision 0022.

Passwords are stored as argon2id hashes only. Every new password passes the policy of
domain/passwords.py; the lock is stored per account (failed_logins, last_failed_at), so a
restart does not lift it.
"""

from __future__ import annotations

from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..db.models import User
from ..domain.access_log import ACCOUNTS, SIGN_IN, SIGN_IN_FAILED
from ..domain.accounts import CurrentUser, normalize_user_name
from ..domain.passwords import locked_message, locked_until, password_problem
from ..services.errors import NotFoundError, ServiceError, ValidationError
from ..storage.database import Database
from .access import log_access, require_role

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
WRONG = "Onbekende gebruikersnaam of verkeerd wachtwoord."


class PasswordChangeRequired(ServiceError):
    """The password was right, but a coordinator reset it: a new one is needed first."""

    def __init__(self) -> None:
        super().__init__(
            "Een coördinator heeft uw wachtwoord opnieuw ingesteld. Kies nu een eigen, nieuw "
            "wachtwoord; daarna bent u ingelogd."
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def reset_password(db: Database, user_id: int, password: str, repeated: str) -> None:
    """A coordinator gives an account a new password (e.g. when it was forgotten); the user
    must choose an own one at the next sign-in. The lock, if any, is lifted."""
    require_role(db)
    with db.session() as s:
        user = get_user(s, user_id)
        if problem := password_problem(password, repeated, user.user_name):
            raise ValidationError({"password": problem})
        user.password_hash = hash_password(password)
        user.failed_logins, user.last_failed_at = 0, None
        user.must_change_password = True
        user.version += 1
        log_access(s, ACCOUNTS, detail=f"Wachtwoord opnieuw ingesteld: {user.user_name}")


def change_after_reset(
    db: Database,
    user_name: str,
    old_password: str,
    password: str,
    repeated: str,
    *,
    now: datetime | None = None,
) -> CurrentUser:
    """Sign in with the password a coordinator set and choose a new one at once."""
    now = now or datetime.now()
    typed = normalize_user_name(user_name)
    with db.session() as s:
        user = s.scalar(select(User).where(User.user_name == typed))
        refusal = verify(s, user, old_password, now, typed, detail="nieuw wachtwoord")
        if refusal is None:
            assert user is not None
            _store_new(s, user, old_password, password, repeated)
            log_access(s, ACCOUNTS, detail="Eigen wachtwoord gekozen na opnieuw instellen",
                       user_name=user.user_name, now=now)  # fmt: skip
            log_access(s, SIGN_IN, user_name=user.user_name, now=now)
            current = CurrentUser(user.id, user.user_name, user.name, user.role)
    if refusal is not None:
        raise ServiceError(refusal)  # after the commit: the failure stays in the log
    db.user = current
    return current


def change_own_password(
    db: Database, old_password: str, password: str, repeated: str, *, now: datetime | None = None
) -> None:
    """The signed-in user chooses a new password (the present one is asked first)."""
    if db.user is None:
        raise ServiceError("Log eerst in om uw wachtwoord te wijzigen.")
    now = now or datetime.now()
    with db.session() as s:
        user = s.get(User, db.user.id)
        refusal = verify(s, user, old_password, now, db.user.user_name, "wachtwoord wijzigen")
        if refusal is None:
            assert user is not None
            _store_new(s, user, old_password, password, repeated)
            log_access(s, ACCOUNTS, detail="Eigen wachtwoord gewijzigd", now=now)
    if refusal is not None:
        raise ServiceError("Uw huidige wachtwoord is niet juist." if refusal == WRONG else refusal)


def _store_new(s: Session, user: User, old: str, password: str, repeated: str) -> None:
    problem = password_problem(password, repeated, user.user_name)
    if problem is None and password == old:
        problem = "Kies een ander wachtwoord dan het huidige."
    if problem is not None:
        raise ValidationError({"password": problem})
    user.password_hash = hash_password(password)
    user.must_change_password = False
    user.version += 1


def verify(
    s: Session, user: User | None, password: str, now: datetime, typed: str, detail: str = ""
) -> str | None:
    """None when the password is right; otherwise the Dutch refusal (logged). A locked
    account is refused without looking at the password; the fifth wrong one locks it."""
    until = locked_until(user.failed_logins, user.last_failed_at) if user is not None else None
    if user is not None and until is not None:
        if now < until:
            log_access(s, SIGN_IN_FAILED, detail=_join(detail, "account vergrendeld"),
                       user_name=typed, now=now)  # fmt: skip
            return locked_message(until, now)
        user.failed_logins, user.last_failed_at = 0, None  # the lock is over: new tries
    try:
        right = user is not None and _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        right = False
    if user is None:
        _hasher.hash(password)  # about as slow as a check: a name cannot be guessed by timing
    if not right:
        log_access(s, SIGN_IN_FAILED, detail=_join(detail, "verkeerd wachtwoord"),
                   user_name=typed, now=now)  # fmt: skip
        if user is None:
            return WRONG
        user.failed_logins += 1
        user.last_failed_at = now
        until = locked_until(user.failed_logins, now)
        return WRONG if until is None else locked_message(until, now)
    assert user is not None
    if not user.active:
        log_access(s, SIGN_IN_FAILED, detail=_join(detail, "account uitgeschakeld"),
                   user_name=typed, now=now)  # fmt: skip
        return "Dit account is uitgeschakeld. Vraag een coördinator."
    if user.failed_logins:
        user.failed_logins, user.last_failed_at = 0, None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    return None


def _join(*parts: str) -> str:
    return ": ".join(p for p in parts if p)


def get_user(s: Session, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFoundError("Dit account bestaat niet (meer).")
    return user
