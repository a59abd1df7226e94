"""Read uploaded spreadsheets row by row: CSV in any common encoding, and .xlsx.

Readers stream: a CSV file is decoded as it is read, and a large workbook is read with
openpyxl's streaming mode, so memory does not grow with the number of rows. Small and
medium workbooks go through python-calamine, which is about ten times faster but holds
the sheet's cells (in Rust) while it reads.
"""

from __future__ import annotations

import codecs
import csv
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

from engine.errors import ErrorDetail
from engine.imports.errors import ImportFileUnreadable

Cell = str | int | float | bool | date | datetime | time | timedelta | None
"""One cell value as a reader gives it; empty cells are ``None``."""

FORMATS = ("csv", "xlsx")
# Above this much uncompressed sheet XML, calamine's in-memory sheet costs too much memory
# (about 1.5 bytes per byte of XML); openpyxl then streams the sheet instead.
CALAMINE_MAX_SHEET_XML = 64 * 1024 * 1024
_CHUNK = 1 << 20
_DELIMITERS = (",", ";", "\t", "|")


@dataclass(frozen=True)
class SheetSource:
    """An uploaded file and how to read it.

    Attributes:
        path: Where the file is stored.
        file_format: ``csv`` or ``xlsx``.
        encoding: The text encoding of a CSV file (see :func:`detect_encoding`).
        delimiter: The CSV field separator (see :func:`sniff_delimiter`).
        xlsx_engine: ``auto``, ``calamine`` or ``openpyxl``.
    """

    path: Path
    file_format: str
    encoding: str | None = None
    delimiter: str | None = None
    xlsx_engine: str = "auto"


def format_of(filename: str) -> str | None:
    """``csv`` or ``xlsx`` from a file name's extension; None for anything else."""
    suffix = Path(filename).suffix.lower().lstrip(".")
    return suffix if suffix in FORMATS else None


def inspect(path: Path, file_format: str) -> SheetSource:
    """Work out how to read a stored upload (encoding and separator of a CSV file)."""
    if file_format == "csv":
        encoding = detect_encoding(path)
        return SheetSource(path, "csv", encoding, sniff_delimiter(path, encoding))
    return SheetSource(path, file_format)


def detect_encoding(path: Path) -> str:
    """The encoding of a CSV file: a BOM decides; else UTF-8 if all of it decodes, else GB18030.

    GB18030 is a superset of GBK and GB2312 (what Excel writes on Chinese Windows). A file
    that is neither falls back to Windows-1252, then Latin-1, which decodes anything.
    """
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return "utf-32"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    for candidate in ("utf-8", "gb18030", "cp1252"):
        if _decodes(path, candidate):
            return candidate
    return "latin-1"


def _decodes(path: Path, encoding: str) -> bool:
    decoder = codecs.getincrementaldecoder(encoding)()
    try:
        with path.open("rb") as fh:
            while chunk := fh.read(_CHUNK):
                decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True


def sniff_delimiter(path: Path, encoding: str) -> str:
    """The separator of a CSV file: whichever of ``, ; TAB |`` its first line uses most."""
    with path.open("r", encoding=encoding, newline="") as fh:
        line = ""
        for line in fh:
            if line.strip():
                break
    counts = dict.fromkeys(_DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(_DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def iter_rows(source: SheetSource) -> Iterator[tuple[int, list[Cell]]]:
    """Every non-blank row as (1-based row number in the sheet, cells); blank rows are skipped.

    Row numbers count blank rows too, so they are what a person sees in Excel.
    """
    if source.file_format == "csv":
        rows = _csv_rows(source)
    elif source.file_format == "xlsx":
        rows = _xlsx_rows(source)
    else:
        raise ValueError(f"unsupported format {source.file_format!r}")
    for number, cells in rows:
        if any(c is not None for c in cells):
            yield number, cells


def _csv_rows(source: SheetSource) -> Iterator[tuple[int, list[Cell]]]:
    encoding = source.encoding or detect_encoding(source.path)
    delimiter = source.delimiter or sniff_delimiter(source.path, encoding)
    try:
        with source.path.open("r", encoding=encoding, newline="") as fh:
            reader = csv.reader(fh, delimiter=delimiter)
            for number, row in enumerate(reader, start=1):
                yield number, [c if c and not c.isspace() else None for c in row]
    except (csv.Error, UnicodeDecodeError) as exc:
        raise _unreadable(f"The CSV file cannot be read: {exc}.") from exc


def _xlsx_rows(source: SheetSource) -> Iterator[tuple[int, list[Cell]]]:
    engine = source.xlsx_engine
    if engine == "auto":
        engine = (
            "calamine" if _sheet_xml_size(source.path) <= CALAMINE_MAX_SHEET_XML else "openpyxl"
        )
    if engine == "calamine":
        yield from _calamine_rows(source.path)
    else:
        yield from _openpyxl_rows(source.path)


def _sheet_xml_size(path: Path) -> int:
    try:
        with zipfile.ZipFile(path) as archive:
            return sum(
                info.file_size
                for info in archive.infolist()
                if info.filename.startswith("xl/worksheets/")
                or info.filename == "xl/sharedStrings.xml"
            )
    except (zipfile.BadZipFile, OSError) as exc:
        raise _unreadable("The file is not an Excel workbook (.xlsx).") from exc


def _calamine_rows(path: Path) -> Iterator[tuple[int, list[Cell]]]:
    from python_calamine import CalamineError, CalamineWorkbook, SheetTypeEnum, SheetVisibleEnum

    try:
        workbook = CalamineWorkbook.from_path(str(path))
    except (CalamineError, OSError, ValueError) as exc:
        raise _unreadable(f"The workbook cannot be read: {exc}.") from exc
    try:
        names = [
            m.name
            for m in workbook.sheets_metadata
            if m.typ == SheetTypeEnum.WorkSheet and m.visible == SheetVisibleEnum.Visible
        ]
        if not names:
            raise _unreadable("The workbook has no visible worksheet.")
        try:
            sheet = workbook.get_sheet_by_name(names[0])
        except CalamineError as exc:
            raise _unreadable(f"The worksheet cannot be read: {exc}.") from exc
        # iter_rows starts at row 1 but at the first column that holds data.
        start = sheet.start
        pad: list[Cell] = [None] * (start[1] if start is not None else 0)
        for number, row in enumerate(sheet.iter_rows(), start=1):
            cells: list[Cell] = [None if c == "" else c for c in row]
            yield number, pad + cells if pad else cells
    finally:
        workbook.close()


def _openpyxl_rows(path: Path) -> Iterator[tuple[int, list[Cell]]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, OSError, KeyError, ValueError) as exc:
        raise _unreadable(f"The workbook cannot be read: {exc}.") from exc
    try:
        sheets = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
        if not sheets:
            raise _unreadable("The workbook has no visible worksheet.")
        sheet: Any = sheets[0]
        for row in sheet.iter_rows():
            cells: list[Cell] = []
            number = 0
            for cell in row:
                value = getattr(cell, "value", None)
                cells.append(None if value == "" else value)
                number = number or getattr(cell, "row", 0)
            if number:
                yield number, cells
    finally:
        workbook.close()


def _unreadable(message: str) -> ImportFileUnreadable:
    return ImportFileUnreadable(message, [ErrorDetail("/file", message, "unreadable")])


# -- header and data rows ---------------------------------------------------------------


def column_letter(index: int) -> str:
    """Excel's name of a 0-based column index (0 → A, 27 → AB)."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def header_columns(cells: list[Cell]) -> list[str]:
    """Column names from a header row: trimmed, blanks named by letter, repeats numbered.

    Trailing blank header cells are dropped (their cells are ignored).
    """
    texts = [cell_text(c) for c in cells]
    while texts and not texts[-1]:
        texts.pop()
    names: list[str] = []
    seen: set[str] = set()
    for index, text in enumerate(texts):
        name = text or f"Column {column_letter(index)}"
        candidate, n = name, 1
        while candidate.casefold() in seen:
            n += 1
            candidate = f"{name} ({n})"
        seen.add(candidate.casefold())
        names.append(candidate)
    return names


def cell_text(cell: Cell) -> str:
    """A cell shown as text (header cells, previews of non-text cells)."""
    if cell is None:
        return ""
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    if isinstance(cell, datetime):
        return cell.isoformat(sep=" ", timespec="seconds").removesuffix(" 00:00:00")
    if isinstance(cell, date | time):
        return cell.isoformat()
    return str(cell).strip()


def json_cell(cell: Cell) -> Any:
    """A cell as a JSON value for previews."""
    if isinstance(cell, date | time | datetime | timedelta):
        return cell_text(cell) if not isinstance(cell, timedelta) else str(cell)
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 2**53:
        return int(cell)  # Excel keeps every number as a float
    return cell
