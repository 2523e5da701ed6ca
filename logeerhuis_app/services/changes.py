"""What a use case changed, said once for every caller (issue 19, decision 0053).

A mutating use case runs as `Database.run(op)`, which returns an `Outcome`: the use case's own
value and the subjects whose rows the unit of work actually wrote. The set is measured, not
declared, so it cannot drift from the code: a service that starts writing invoices also
reports `Change.INVOICES` without anybody remembering to add it. The window reloads the pages
that show those subjects (ui/operations.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Generic, TypeVar

T = TypeVar("T")


class Change(StrEnum):
    """A subject the pages show; its value is the page topic it refreshes."""

    GUESTS = "guests"  # guests, their carers and the carer's strain
    ROOMS = "rooms"  # rooms, beds, closures and reserved beds
    FUNDERS = "funders"  # funders, contracts and tariffs
    ALLOCATIONS = "allocations"  # toewijzingen and indicaties
    STAYS = "stays"  # stays, nights, series, requests, intake, closed months
    INVOICES = "invoices"  # invoices, their lines and payments
    CLAIMS = "claims"  # declarations, sent and received messages
    SETTINGS = "settings"  # the house's own data and settings
    ACCOUNTS = "accounts"  # users
    EVERYTHING = "all"  # another database was opened (restore, first start)


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """A use case's result and what it changed."""

    value: T
    changed: frozenset[Change]
