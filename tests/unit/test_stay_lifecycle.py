"""The transition table of a stay's status (domain/stay_lifecycle.py)."""

from __future__ import annotations

import pytest

from logeerhuis_app.domain.enums import StayStatus
from logeerhuis_app.domain.stay_lifecycle import refusal

OPT, CON, PRE, DEP, CAN = (StayStatus.OPTION, StayStatus.CONFIRMED, StayStatus.PRESENT,
                           StayStatus.DEPARTED, StayStatus.CANCELLED)  # fmt: skip

ALLOWED = {
    (None, OPT), (None, CON), (None, PRE), (None, DEP),
    (OPT, OPT), (OPT, CON), (OPT, PRE), (OPT, CAN),
    (CON, OPT), (CON, CON), (CON, PRE), (CON, CAN),
    (PRE, DEP),
    (CAN, OPT), (CAN, CON),
}  # fmt: skip


@pytest.mark.parametrize("old", [None, *StayStatus])
@pytest.mark.parametrize("new", list(StayStatus))
def test_only_the_lifecycle_moves_are_allowed(old, new):
    reason = refusal(old, new)
    if (old, new) in ALLOWED:
        assert reason is None
    else:
        assert reason  # a Dutch sentence for the user


@pytest.mark.parametrize(
    ("old", "new", "reason"),
    [
        (None, CAN, "Een nieuw verblijf kan niet geannuleerd zijn."),
        (PRE, CAN, "Annuleren kan niet: dit verblijf is aanwezig."),
        (CAN, CAN, "Annuleren kan niet: dit verblijf is geannuleerd."),
        (DEP, PRE, "Inchecken kan niet: dit verblijf is vertrokken."),
        (PRE, PRE, "Inchecken kan niet: dit verblijf is aanwezig."),
        (CON, DEP, "Uitchecken kan alleen voor een gast die aanwezig is."),
        (DEP, CON, "Een vertrokken verblijf kan niet meer worden bevestigd."),
        (PRE, OPT, "Een aanwezig verblijf kan geen optie meer worden."),
    ],
)
def test_a_refusal_says_why_in_dutch(old, new, reason):
    assert refusal(old, new) == reason


def test_stored_strings_are_read_as_statuses():
    assert refusal("vertrokken", "geannuleerd") == "Annuleren kan niet: dit verblijf is vertrokken."
    assert refusal("optie", "bevestigd") is None
