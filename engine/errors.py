"""Base of every domain error; the API maps these to RFC 9457 problem responses."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class ErrorDetail:
    """One specific thing wrong with the input.

    Attributes:
        pointer: JSON pointer into the request or definition (``/data/quantity``).
        message: What is wrong, in words a business user understands.
        code: Stable machine-readable reason (``required``, ``max``, ``unknown_field``...).
        field: The field id concerned, if any.
        row: Index of the record in a bulk request or import, if any.
    """

    pointer: str
    message: str
    code: str
    field: str | None = None
    row: int | None = None

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"pointer": self.pointer, "code": self.code, "message": self.message}
        if self.field is not None:
            out["field"] = self.field
        if self.row is not None:
            out["row"] = self.row
        return out


@dataclass
class TraceryError(Exception):
    """A domain error with everything a problem response needs.

    Attributes:
        detail: A sentence for the person who made the request.
        errors: Every specific problem found (all at once, never only the first).
        extra: Additional members for the problem body (e.g. ``current_version``).
    """

    detail: str
    errors: list[ErrorDetail] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)

    status = 400
    code = "bad_request"
    title = "Bad request"

    def __str__(self) -> str:
        if not self.errors:
            return self.detail
        listed = "; ".join(f"{e.pointer}: {e.message}" for e in self.errors[:5])
        return f"{self.detail} ({listed})"


class NotFound(TraceryError):
    status = 404
    code = "not_found"
    title = "Not found"


class Conflict(TraceryError):
    status = 409
    code = "conflict"
    title = "Conflict"


class InvalidInput(TraceryError):
    status = 422
    code = "validation_failed"
    title = "Validation failed"


class Unavailable(TraceryError):
    """A service the request needs (the task queue, say) cannot be reached right now."""

    status = 503
    code = "unavailable"
    title = "Service unavailable"
