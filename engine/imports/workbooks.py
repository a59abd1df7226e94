"""Excel workbooks out of a form: record exports and import templates."""

from __future__ import annotations

import contextlib
import io
import itertools
import tempfile
from typing import IO, Any
from zoneinfo import ZoneInfo

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.comments import Comment
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from engine.actor import Actor
from engine.errors import ErrorDetail
from engine.forms.catalog import FormCatalog
from engine.identity.access import AccessPolicy
from engine.identity.errors import Forbidden
from engine.imports.cells import CellCodecRegistry, CellContext, local_datetime
from engine.imports.labels import check_lang, localized
from engine.imports.mapping import importable
from engine.records.query import RecordQuery
from engine.records.service import MAX_EXPORT_ROWS, RecordService
from engine.storage.database import UnitOfWork

SYSTEM_HEADERS = {
    "id": {"en": "ID", "zh-CN": "编号"},
    "created_at": {"en": "Created at", "zh-CN": "创建时间"},
    "updated_at": {"en": "Updated at", "zh-CN": "更新时间"},
}
_REQUIRED = {"en": "required", "zh-CN": "必填"}
_BOLD = Font(bold=True)
_BOLD_RED = Font(bold=True, color="C00000")
_LAST_ROW = 1_048_576


class WorkbookService:
    """Builds .xlsx exports of records and import templates of forms."""

    def __init__(
        self,
        catalog: FormCatalog,
        records: RecordService,
        access: AccessPolicy,
        codecs: CellCodecRegistry,
        max_rows: int = MAX_EXPORT_ROWS,
    ) -> None:
        self.catalog = catalog
        self.records = records
        self.access = access
        self.codecs = codecs
        self.max_rows = max_rows

    def export_xlsx(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        query: RecordQuery,
        actor: Actor,
        lang: str = "en",
    ) -> tuple[IO[bytes], int]:
        """A workbook of the records matching ``query``, one column per readable field.

        Values are typed (numbers, dates, times, yes/no); datetimes are shown in the app's
        time zone, as Excel has none. Returns a temporary file (rewound) and the row count.
        """
        lang = check_lang(lang)
        form = self.catalog.get(uow, app_key, form_key)
        access = self.access.form_access(uow, actor.principal, form)
        if not access.can("export"):
            raise _forbidden("export", form_key)
        zone = ZoneInfo(form.time_zone)
        context = CellContext(zone, lang)
        fields = [f for f in form.fields.values() if access.readable(f.id)]
        writers = [self.codecs.get(f.type.type).writer(f, context) for f in fields]
        records = self.records.iter_records(
            uow, app_key, form_key, query, actor, "export", self.max_rows
        )
        # The first page comes before the workbook: a bad filter leaves nothing half-built.
        first = next(records, None)
        book = Workbook(write_only=True)
        sheet: Any = book.create_sheet(_sheet_title(localized(form.spec.label, lang)))
        sheet.freeze_panes = "A2"
        headers = [
            localized(SYSTEM_HEADERS["id"], lang),
            *(localized(f.spec.label, lang) for f in fields),
            localized(SYSTEM_HEADERS["created_at"], lang),
            localized(SYSTEM_HEADERS["updated_at"], lang),
        ]
        for index, text in enumerate(headers, start=1):
            width = min(max(len(text), 10) + 2, 40)
            sheet.column_dimensions[get_column_letter(index)].width = width
        sheet.append([_header_cell(sheet, text) for text in headers])
        count = 0
        try:
            for item in itertools.chain([] if first is None else [first], records):
                data = item["data"]
                sheet.append(
                    [
                        item["id"],
                        *(write(data.get(f.id)) for f, write in zip(fields, writers, strict=True)),
                        local_datetime(item["created_at"], zone),
                        local_datetime(item["updated_at"], zone),
                    ]
                )
                count += 1
        except BaseException:
            _discard(sheet)
            raise
        out = tempfile.TemporaryFile()  # noqa: SIM115 - the caller streams and closes it
        book.save(out)
        out.seek(0)
        return out, count

    def import_template(
        self, uow: UnitOfWork, app_key: str, form_key: str, actor: Actor, lang: str = "en"
    ) -> bytes:
        """An empty workbook to fill in and import: one column per field the actor may import.

        Row 1 holds the labels (required ones in red, with a comment on what to enter),
        row 2, hidden, the field ids that make the import's mapping exact. Options are
        drop-down lists; date and number columns are formatted.
        """
        lang = check_lang(lang)
        form = self.catalog.get(uow, app_key, form_key)
        access = self.access.form_access(uow, actor.principal, form)
        if not access.can("import"):
            raise _forbidden("import", form_key)
        context = CellContext(ZoneInfo(form.time_zone), lang)
        book = Workbook()
        sheet: Any = book.active
        sheet.title = _sheet_title(localized(form.spec.label, lang))
        options: Any = None
        for column, f in enumerate(importable(form, access), start=1):
            codec = self.codecs.get(f.type.type)
            letter = get_column_letter(column)
            label = localized(f.spec.label, lang)
            header = sheet.cell(row=1, column=column, value=label)
            header.font = _BOLD_RED if f.spec.required else _BOLD
            note = [f.id, localized(codec.hint, lang)]
            if f.spec.required:
                note.append(localized(_REQUIRED, lang))
            header.comment = Comment("\n".join(note), "Tracery", width=220, height=80)
            sheet.cell(row=2, column=column, value=f.id)
            sheet.column_dimensions[letter].width = min(max(len(label), 12) + 4, 40)
            cell_format = codec.cell_format(f)
            if cell_format:
                sheet.column_dimensions[letter].number_format = cell_format
            choices = codec.choices(f, context)
            if choices:
                if options is None:
                    options = book.create_sheet("Options")
                    options.sheet_state = "hidden"
                for row, text in enumerate(choices, start=1):
                    options.cell(row=row, column=column, value=text)
                source = f"{quote_sheetname('Options')}!${letter}$1:${letter}${len(choices)}"
                validation = DataValidation(
                    type="list",
                    formula1=source,
                    allow_blank=True,
                    showErrorMessage=True,
                    errorTitle=label,
                    error="Choose one of the options in the list.",
                )
                validation.add(f"{letter}3:{letter}{_LAST_ROW}")
                sheet.add_data_validation(validation)
        sheet.row_dimensions[2].hidden = True
        sheet.freeze_panes = "A3"
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()


def _header_cell(sheet: Any, text: str) -> Any:
    cell = WriteOnlyCell(sheet, value=text)
    cell.font = _BOLD
    return cell


def _discard(sheet: Any) -> None:
    """Close a write-only sheet that will not be saved, and remove its temporary file."""
    sheet.close()
    writer = getattr(sheet, "_writer", None)
    with contextlib.suppress(OSError, ValueError, AttributeError):
        writer.cleanup()  # type: ignore[union-attr]


def _sheet_title(text: str) -> str:
    cleaned = "".join("_" if c in "[]:*?/\\" else c for c in text).strip("'") or "Sheet"
    return cleaned[:31]


def _forbidden(action: str, form_key: str) -> Forbidden:
    return Forbidden(
        f"You may not {action} records of form '{form_key}'.",
        [ErrorDetail("/", f"your roles do not allow '{action}' on this form", "forbidden")],
    )
