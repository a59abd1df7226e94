"""Errors of the records service."""

from __future__ import annotations

from engine.errors import Conflict, InvalidInput, NotFound, TraceryError


class RecordInvalid(InvalidInput):
    code = "record_invalid"
    title = "The record is not valid"


class RecordNotFound(NotFound):
    code = "record_not_found"
    title = "Record not found"


class VersionConflict(Conflict):
    code = "version_conflict"
    title = "The record was changed by someone else"


class VersionRequired(TraceryError):
    status = 428
    code = "version_required"
    title = "The record's version is required"


class QueryInvalid(InvalidInput):
    code = "query_invalid"
    title = "The query is not valid"


def row_place(index: int, first_row: int | None) -> tuple[str, int | None]:
    """Where a record's values sit in the request: ``/data`` alone, or a bulk row."""
    if first_row is None:
        return "/data", None
    return f"/records/{index}/data", first_row + index
