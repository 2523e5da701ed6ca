"""The SMTP password in the OS keyring (Windows Credential Manager, macOS Keychain, the
Secret Service on Linux), never in the database, a file or a log (decision 0042).

Where the keyring has no secure backend (a Linux PC without a keyring, a server session),
the password is refused, with a Dutch explanation, and asked for at every send instead.
The password is kept per computer: on a second PC it is entered once there.
"""

from __future__ import annotations

import contextlib
import os
from typing import Any

from ..access.access import require_role
from ..services.errors import ServiceError
from ..storage.database import Database
from .mail_settings import MailSettings

SERVICE = "Logeerhuis e-mail (SMTP)"
ENV_PASSWORD = "LOGEERHUIS_SMTP_PASSWORD"  # for scripts on the command line

NO_SAFE_STORE = (
    "Het wachtwoord is niet bewaard: op deze computer is geen veilige sleutelbos voor "
    "wachtwoorden beschikbaar (zoals Windows Referentiebeheer, de macOS-sleutelhanger of GNOME "
    "Sleutelbos/KWallet op Linux). Het programma bewaart het wachtwoord nooit leesbaar in de "
    "database of in een bestand; het vraagt het daarom bij elke verzending. Op de opdrachtregel "
    f"kan het ook in de omgevingsvariabele {ENV_PASSWORD} staan."
)


class PasswordNotStored(ServiceError):
    """The keyring refused or is missing: the password was not kept anywhere."""


def _backend() -> Any:
    import keyring  # late: only when mail is used, never at start-up

    return keyring.get_keyring()


def _is_secure(backend: Any) -> bool:
    """A real keyring: not keyring's "fail" or "null" stand-ins, not a plain-text file of
    keyrings.alt; a chain only when every link is secure (it writes to the first that works)."""
    from keyring.backends import chainer, fail

    if isinstance(backend, fail.Keyring):
        return False
    if isinstance(backend, chainer.ChainerBackend):
        links = list(backend.backends)
        return bool(links) and all(_is_secure(b) for b in links)
    name = f"{type(backend).__module__}.{type(backend).__name__}".lower()
    return not (name.startswith(("keyrings.alt", "keyring.backends.null")) or "plaintext" in name)


def secure_store() -> bool:
    """Whether this computer has a keyring the password may go into."""
    try:
        return _is_secure(_backend())
    except Exception:  # a broken keyring set-up is no keyring
        return False


def stored_password(settings: MailSettings) -> str | None:
    """The password kept for this server and user on this computer, or None."""
    if not settings.user or not secure_store():
        return None
    try:
        return _backend().get_password(SERVICE, settings.account) or None
    except Exception:  # a locked or broken keyring: ask instead
        return None


def store_password(db: Database, settings: MailSettings, password: str) -> None:
    """Keep the password in the keyring (coordinators only); PasswordNotStored otherwise."""
    require_role(db)
    if not settings.user:
        raise PasswordNotStored("Vul eerst een gebruikersnaam in; het wachtwoord hoort daarbij.")
    if not secure_store():
        raise PasswordNotStored(NO_SAFE_STORE)
    try:
        _backend().set_password(SERVICE, settings.account, password)
    except Exception as exc:  # the text of a keyring error is not shown: it is not ours
        raise PasswordNotStored(
            "Het wachtwoord kon niet in de sleutelbos van het systeem worden bewaard "
            f"({type(exc).__name__}); is de sleutelbos vergrendeld? Het programma vraagt het "
            "wachtwoord bij elke verzending."
        ) from None


def forget_password(settings: MailSettings) -> None:
    """Remove the kept password (best effort: there may be none)."""
    if not settings.user or not secure_store():
        return
    with contextlib.suppress(Exception):
        _backend().delete_password(SERVICE, settings.account)


def script_password() -> str | None:
    """The password a script gives in LOGEERHUIS_SMTP_PASSWORD, or None."""
    return os.environ.get(ENV_PASSWORD) or None
