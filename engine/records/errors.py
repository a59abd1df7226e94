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
