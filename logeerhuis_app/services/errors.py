"""Errors a service raises; every message is Dutch and written for the user."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .changes import Change


class ServiceError(Exception):
    """Something the user can understand and act on."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message
        # What the use case had already committed before it was refused (set by Database.run):
        # a use case of several units of work may have saved its first steps.
        self.changed: frozenset[Change] = frozenset()

    @property
    def detail(self) -> str:
        """What to tell the user when there is no form field to show it beside."""
        return self.message


class ValidationError(ServiceError):
    """Bad input. `field_errors` maps an input field name to the message to show beside it."""

    def __init__(self, field_errors: dict[str, str], message: str | None = None) -> None:
        self.field_errors = dict(field_errors)
        summary = message or "Niet opgeslagen: controleer de gemarkeerde velden."
        super().__init__(summary)

    @property
    def detail(self) -> str:
        return " ".join(self.field_errors.values()) or self.message


class NotFoundError(ServiceError):
    pass


class ConflictError(ServiceError):
    """The record changed (elsewhere) since it was loaded; reload before saving again."""


class DataError(ServiceError):
    """The data on disk cannot be opened or is not consistent."""
