"""Errors of spreadsheet imports and exports."""

from __future__ import annotations

from engine.errors import Conflict, InvalidInput, NotFound, TraceryError


class ImportNotFound(NotFound):
    code = "import_not_found"
    title = "Import not found"


class ImportInvalid(InvalidInput):
    code = "import_invalid"
    title = "The import is not valid"


class ImportFileUnreadable(InvalidInput):
    code = "import_file_unreadable"
    title = "The file cannot be read"


class ImportBusy(Conflict):
    code = "import_busy"
    title = "The import is busy"


class UploadTooLarge(TraceryError):
    status = 413
    code = "upload_too_large"
    title = "The file is too large"
