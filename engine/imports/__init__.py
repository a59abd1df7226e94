"""Excel/CSV import and export of records.

``ImportService`` takes an uploaded spreadsheet through upload → check (dry run) →
commit (batches through ``RecordService``); ``WorkbookService`` writes .xlsx exports and
import templates; ``readers`` and ``cells`` turn sheet cells into field values and back.
"""

from engine.imports.cells import CellCodec, CellCodecRegistry, build_cell_codec_registry
from engine.imports.errors import (
    ImportBusy,
    ImportFileUnreadable,
    ImportInvalid,
    ImportNotFound,
    UploadTooLarge,
)
from engine.imports.jobs import STATES
from engine.imports.service import ImportLimits, ImportService
from engine.imports.workbooks import WorkbookService

__all__ = [
    "STATES",
    "CellCodec",
    "CellCodecRegistry",
    "ImportBusy",
    "ImportFileUnreadable",
    "ImportInvalid",
    "ImportLimits",
    "ImportNotFound",
    "ImportService",
    "UploadTooLarge",
    "WorkbookService",
    "build_cell_codec_registry",
]
