"""Accounts: the first coordinator, signing in, adding staff, deactivating.

Passwords (hashing, the policy, the lock, a reset) are in access/passwords.py. An account
is never deleted (the access log refers to it); a deactivated account cannot sign in.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..db.models import User
from ..domain.access_log import ACCOUNTS, SIGN_IN
from ..domain.accounts import CurrentUser, Role, normalize_user_name, user_name_problem
from ..domain.passwords import password_problem
from ..services.errors import ConflictError, ServiceError, ValidationError
from ..storage.database import Database
from .access import log_access, require_role
from .passwords import (
    WRONG,
    PasswordChangeRequired,
    get_user,
    hash_password,
    reset_password,
    verify,
)

__all__ = ["PasswordChangeRequired", "reset_password"]  # used by the accounts page and login


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
        return s.execute(select(func.count(User.id))).scalar_one() > 0


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
    if problem := password_problem(new.password, new.repeated, user_name):
        errors["password"] = problem
    if role not in {r.value for r in Role}:
        errors["role"] = "Kies coördinator of medewerker."
    if errors:
        raise ValidationError(errors)
    user = User(
        user_name=user_name,
        name=new.name.strip()[:200],
        role=role,
        password_hash=hash_password(new.password),
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


def set_active(db: Database, user_id: int, active: bool) -> AccountData:
    require_role(db)
    with db.session() as s:
        user = get_user(s, user_id)
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
    """Check the password; on success db.user is this user. Failures are logged and counted
    (the fifth in a row locks the account). After a reset, PasswordChangeRequired: the user
    signs in through passwords.change_after_reset with a new password."""
    now = now or datetime.now()
    typed = normalize_user_name(user_name)
    with db.session() as s:
        user = s.scalar(select(User).where(User.user_name == typed))
        refusal = verify(s, user, password, now, typed)
        if refusal is None:
            assert user is not None
            must_change = user.must_change_password
            current = CurrentUser(user.id, user.user_name, user.name, user.role)
            if not must_change:
                log_access(s, SIGN_IN, user_name=user.user_name, now=now)
    if refusal is not None:
        raise ServiceError(refusal)  # after the commit: the failure stays in the log
    if must_change:
        raise PasswordChangeRequired()
    db.user = current
    return current


def check_password(db: Database, password: str, *, now: datetime | None = None) -> bool:
    """The lock screen: is this the signed-in user's password? (Always logged.)"""
    if db.user is None:
        return True
    now = now or datetime.now()
    with db.session() as s:
        user = s.get(User, db.user.id)
        refusal = verify(s, user, password, now, db.user.user_name, detail="ontgrendelen")
        if refusal is None:
            log_access(s, SIGN_IN, detail="ontgrendelen", user_name=db.user.user_name, now=now)
    if refusal is not None and refusal != WRONG:
        raise ServiceError(refusal)
    return refusal is None


def sign_out(db: Database) -> None:
    db.user = None


def _data(u: User) -> AccountData:
    return AccountData(u.id, u.user_name, u.name, u.role, u.active)
