"""Who is at the keyboard: the access log checked at start, sign-in before any page shows
data, and the idle lock that asks the password again (open work stays as it is)."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow

from ..access.access_log import verify_chain
from ..access.security_settings import idle_minutes
from ..services.changes import Change
from .context import AppContext
from .idle_lock import IdleLock
from .lock_curtain import Curtains
from .login import lock_screen, sign_in


def start_session(context: AppContext) -> bool:
    """False when nobody signed in (the app then closes)."""
    problems = verify_chain(context.db)
    if problems:
        context.prompter.error(
            "Toegangslog niet in orde",
            "Het toegangslog is na het schrijven gewijzigd of beschadigd. Meld dit aan de "
            "coördinator (NEN 7513); het programma werkt verder.\n\n" + "\n".join(problems[:10]),
        )
    return sign_in(context)


def guard_idle(window: QMainWindow, context: AppContext) -> IdleLock:
    """Lock after the house's idle minutes: every window of the program (also an open dialog
    with a guest's data) is covered until the password is given again; "Programma afsluiten"
    in the lock closes the open dialogs and the window normally."""

    def on_idle() -> None:
        curtains = Curtains()
        curtains.close_over()
        try:
            unlocked = lock_screen(context)
            if not unlocked:  # what stays covered is closed: nothing shows on the way out
                for other in curtains.windows:
                    if other is not window:
                        other.close()
                window.close()
        finally:
            curtains.lift()

    guard = IdleLock(window, idle_minutes(context.db) * 60_000, on_idle)

    def follow_setting(topic: str) -> None:
        if topic in (Change.SETTINGS, Change.EVERYTHING):
            guard.set_timeout(idle_minutes(context.db) * 60_000)

    context.data_changed.connect(follow_setting)
    guard.start()
    return guard
