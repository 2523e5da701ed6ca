"""Collects per-field problems of one input so the user sees all of them at once."""

from __future__ import annotations

from collections.abc import Callable

from ..domain.text_limits import too_long
from ..domain.validation import InvalidValue
from .errors import ValidationError


class FieldCheck:
    def __init__(self) -> None:
        self.errors: dict[str, str] = {}

    def required(self, field: str, value: object, message: str) -> None:
        if value is None or (isinstance(value, str) and not value.strip()):
            self.errors.setdefault(field, message)

    def text(self, field: str, value: str, *, label: str, max_length: int) -> str:
        """Trimmed text; too long is refused rather than cut off."""
        value = (value or "").strip()
        if len(value) > max_length:
            self.errors.setdefault(field, too_long(max_length, label))
        return value

    def optional(self, field: str, value: str, normalize: Callable[[str], str]) -> str:
        """Normalise a non-blank value; blank stays blank."""
        value = (value or "").strip()
        if not value:
            return ""
        try:
            return normalize(value)
        except InvalidValue as exc:
            self.errors.setdefault(field, exc.message)
            return value

    def rule(self, field: str, ok: bool, message: str) -> None:
        if not ok:
            self.errors.setdefault(field, message)

    def raise_if_any(self) -> None:
        if self.errors:
            raise ValidationError(self.errors)
