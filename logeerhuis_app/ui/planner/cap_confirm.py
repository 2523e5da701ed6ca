"""The Wlz 156 cap before saving: the service warns, the user chooses, the choice is named.

Every planner path (new stay, drag, resize, move, request, series) saves through `with_cap_choice`.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from ...planning.wlz_guard import WlzCapWarning
from ...services.errors import ServiceError
from ..context import AppContext

T = TypeVar("T")

TITLE = "Boven de 156 Wlz-nachten"


def with_cap_choice(context: AppContext, save: Callable[[str], T]) -> tuple[T, str]:
    """save(''), or after a WlzCapWarning and a 'yes' save(<the user's name>).

    Returns the result and the name that accepted (or ''); a 'no' raises a ServiceError, so
    nothing is saved and the caller shows why as for any refusal.
    """
    try:
        return save(""), ""
    except WlzCapWarning as warning:
        name = context.who()
        if not context.prompter.confirm(
            TITLE,
            f"{warning.message}\n\nToch opslaan? Uw keuze wordt vastgelegd met uw naam ({name}).",
        ):
            raise ServiceError(f"Niet opgeslagen. {warning.message}") from warning
        return save(name), name
