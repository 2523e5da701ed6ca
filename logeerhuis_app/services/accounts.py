"""Accounts: the first coordinator, signing in, adding staff, resetting, deactivating.

Passwords are stored as argon2id hashes only. An account is never deleted (the access log
refers to it); a deactivated account cannot sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import User
from ..domain.access_log import ACCOUNTS, SIGN_IN, SIGN_IN_FAILED
from ..domain.accounts import (
    CurrentUser,
    Role,
    normalize_user_name,
    password_problem,
    user_name_problem,
    wait_seconds,
)
from .access import log_access, require_role
from .database import Database
from .errors import ConflictError, NotFoundError, ServiceError, ValidationError

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
WRONG = "Onbekende gebruikersnaam of verkeerd wachtwoord."


@dataclass(frozen=True)
class AccountData:
    id: int
    user_name: str
    name: str
    role: str
    active: bool


@dataclass(frozen=True)
class NewAccount:
    name: str
    user_name: str
    password: str
    repeated: str
    role: str = Role.STAFF.value


def has_accounts(db: Database) -> bool:
    with db.session() as s:
        return s.scalar(select(func.count(User.id))) > 0


def create_first_coordinator(db: Database, new: NewAccount) -> AccountData:
    """The first account of the house; refused once any account exists."""
    with db.session() as s:
        if s.scalar(select(func.count(User.id))):
            raise ConflictError("Er is al een account; log in met dat account.")
        user = store_account(s, new, Role.COORDINATOR.value)
        log_access(s, ACCOUNTS, detail="Eerste coördinator aangemaakt", user_name=user.user_name)
        return _data(user)


def add_account(db: Database, new: NewAccount) -> AccountData:
    require_role(db)
    with db.session() as s:
        user = store_account(s, new, new.role)
        log_access(s, ACCOUNTS, detail=f"Account aangemaakt: {user.user_name} ({user.role})")
        return _data(user)


def store_account(s: Session, new: NewAccount, role: str) -> User:
    user_name = normalize_user_name(new.user_name)
    errors = {}
    if not new.name.strip():
        errors["name"] = "Vul de naam in."
    if problem := user_name_problem(user_name):
        errors["user_name"] = problem
    elif s.scalar(select(User.id).where(User.user_name == user_name)) is not None:
        errors["user_name"] = "Deze gebruikersnaam bestaat al."
    if problem := password_problem(new.password, new.repeated):
        errors["password"] = problem
    if role not in {r.value for r in Role}:
        errors["role"] = "Kies coördinator of medewerker."
    if errors:
        raise ValidationError(errors)
    user = User(
        user_name=user_name,
        name=new.name.strip()[:200],
        role=role,
        password_hash=_hasher.hash(new.password),
        active=True,
        failed_logins=0,
        version=1,
    )
    s.add(user)
    s.flush()
    return user


def list_accounts(db: Database) -> list[AccountData]:
    require_role(db)
    with db.session() as s:
        return [_data(u) for u in s.scalars(select(User).order_by(User.name, User.id))]


def reset_password(db: Database, user_id: int, password: str, repeated: str) -> None:
    """A coordinator gives an account a new password (e.g. when it was forgotten)."""
    require_role(db)
    if problem := password_problem(password, repeated):
        raise ValidationError({"password": problem})
    with db.session() as s:
        user = _get(s, user_id)
        user.password_hash = _hasher.hash(password)
        user.failed_logins, user.last_failed_at = 0, None
        user.version += 1
        log_access(s, ACCOUNTS, detail=f"Wachtwoord opnieuw ingesteld: {user.user_name}")


def set_active(db: Database, user_id: int, active: bool) -> AccountData:
    require_role(db)
    with db.session() as s:
        user = _get(s, user_id)
        if not active and db.user is not None and db.user.id == user.id:
            raise ServiceError("U kunt uw eigen account niet uitschakelen.")
        if not active and user.role == Role.COORDINATOR and _active_coordinators(s) <= 1:
            raise ServiceError("Er moet minstens één actieve coördinator blijven.")
        user.active = active
        user.version += 1
        what = "weer actief gemaakt" if active else "uitgeschakeld"
        log_access(s, ACCOUNTS, detail=f"Account {what}: {user.user_name}")
        return _data(user)


def _active_coordinators(s: Session) -> int:
    query = select(func.count(User.id)).where(User.active.is_(True), User.role == Role.COORDINATOR)
    return s.scalar(query) or 0


def sign_in(
    db: Database, user_name: str, password: str, *, now: datetime | None = None
) -> CurrentUser:
    """Check the password; on success db.user is this user. Failures are logged and slowed."""
    now = now or datetime.now()
    typed = normalize_user_name(user_name)
    with db.session() as s:
        user = s.scalar(select(User).where(User.user_name == typed))
        refusal = _check(s, user, password, now, typed)
        if refusal is None:
            assert user is not None
            current = CurrentUser(user.id, user.user_name, user.name, user.role)
            log_access(s, SIGN_IN, user_name=user.user_name, now=now)
    if refusal is not None:
        raise ServiceError(refusal)  # after the commit: the failure stays in the log
    db.user = current
    return current


def check_password(db: Database, password: str, *, now: datetime | None = None) -> bool:
    """The lock screen: is this the signed-in user's password? (Always logged.)"""
    if db.user is None:
        return True
    now = now or datetime.now()
    with db.session() as s:
        user = s.get(User, db.user.id)
        refusal = _check(s, user, password, now, db.user.user_name, detail="ontgrendelen")
        if refusal is None:
            log_access(s, SIGN_IN, detail="ontgrendelen", user_name=db.user.user_name, now=now)
    if refusal is not None and refusal != WRONG:
        raise ServiceError(refusal)
    return refusal is None


def sign_out(db: Database) -> None:
    db.user = None


def _check(
    s: Session, user: User | None, password: str, now: datetime, typed: str, detail: str = ""
) -> str | None:
    """None when the password is right; otherwise the Dutch refusal (logged)."""
    if user is not None and user.failed_logins and user.last_failed_at is not None:
        since = (now - user.last_failed_at).total_seconds()
        wait = wait_seconds(user.failed_logins, since)
        if wait:
            log_access(s, SIGN_IN_FAILED, detail=_join(detail, "te vroeg opnieuw"),
                       user_name=typed, now=now)  # fmt: skip
            return f"Te vaak een verkeerd wachtwoord. Probeer het over {wait} seconden opnieuw."
    try:
        right = user is not None and _hasher.verify(user.password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        right = False
    if user is None:
        _hasher.hash(password)  # about as slow as a check: a name cannot be guessed by timing
    if not right:
        if user is not None:
            user.failed_logins += 1
            user.last_failed_at = now
        log_access(s, SIGN_IN_FAILED, detail=_join(detail, "verkeerd wachtwoord"),
                   user_name=typed, now=now)  # fmt: skip
        return WRONG
    assert user is not None
    if not user.active:
        log_access(s, SIGN_IN_FAILED, detail=_join(detail, "account uitgeschakeld"),
                   user_name=typed, now=now)  # fmt: skip
        return "Dit account is uitgeschakeld. Vraag een coördinator."
    if user.failed_logins:
        user.failed_logins, user.last_failed_at = 0, None
    if _hasher.check_needs_rehash(user.password_hash):
        user.password_hash = _hasher.hash(password)
    return None


def _join(*parts: str) -> str:
    return ": ".join(p for p in parts if p)


def _get(s: Session, user_id: int) -> User:
    user = s.get(User, user_id)
    if user is None:
        raise NotFoundError("Dit account bestaat niet (meer).")
    return user


def _data(u: User) -> AccountData:
    return AccountData(u.id, u.user_name, u.name, u.role, u.active)
