"""What the stay dialog asks the planner to do: one typed value per button (issue 19).

The dialog reads and checks its fields and hands back one of these; the planner dispatches
on the type (planner/stay_actions.py), so no action travels as a string. A new stay is the
service's own `NewStay`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum

from ...planning.stays import NewStay


class StatusStep(Enum):
    """A step in the stay's life chosen in the dialog; the value is what the status bar says."""

    CONFIRM = "bevestigd"
    CHECK_IN = "ingecheckt"
    CHECK_OUT = "uitgecheckt"


class DocumentKind(Enum):
    """A document about a stay that has begun; the value is its Dutch title."""

    DEPARTURE = "Vertrekchecklist"
    EVALUATION = "Evaluatiebrief"

    @property
    def file_prefix(self) -> str:
        return "vertrek" if self is DocumentKind.DEPARTURE else "evaluatie"


@dataclass(frozen=True)
class MoveStay:
    """Opslaan on an existing stay: its bed and dates as typed, and who asked."""

    bed_id: int
    arrival: date
    departure: date
    asked_by: str = ""
    channel: str = ""


@dataclass(frozen=True)
class ChangeSeriesLater:
    """This and every later week of the series: the weekday, length and room of these dates."""

    bed_id: int
    arrival: date
    departure: date


@dataclass(frozen=True)
class CancelStay:
    """Cancel (the planner asks the reason, and for a series whether later weeks go too)."""


@dataclass(frozen=True)
class SaveDocument:
    kind: DocumentKind


@dataclass(frozen=True)
class OpenIntake:
    """Open the stay's intake checklist."""


@dataclass(frozen=True)
class ChangeStatus:
    """Confirm, check in or check out; `when` is the moment of a check-in or check-out."""

    step: StatusStep
    when: datetime | None = None


StayChoice = (
    NewStay | MoveStay | ChangeSeriesLater | CancelStay | SaveDocument | OpenIntake | ChangeStatus
)
