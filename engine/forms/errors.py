"""Errors raised while coercing and validating field values."""

from __future__ import annotations


class FieldValueError(ValueError):
    """A value that a field cannot take.

    Attributes:
        code: Stable reason (``type``, ``max``, ``pattern``, ``option``...).
        message: Plain-language explanation for the person who entered it.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
