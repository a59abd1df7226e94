"""Spreadsheet readers (encodings, BOMs, separators, blank rows, headers) and cell codecs."""

from __future__ import annotations

import codecs
from datetime import date, datetime, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook

from engine.definitions.specs import FormSpec
from engine.forms.compiled import FormField
from engine.forms.errors import FieldValueError
from engine.forms.registry import build_field_type_registry
from engine.imports.cells import CellContext, build_cell_codec_registry
from engine.imports.errors import ImportFileUnreadable
from engine.imports.labels import normalize
from engine.imports.readers import (
    SheetSource,
    column_letter,
    detect_encoding,
    format_of,
    header_columns,
    inspect,
    iter_rows,
    sniff_delimiter,
)
from engine.imports.rows import KeyLedger

ROWS = "批号,数量,备注\r\nRM-1,12.5,上海\r\nRM-2,3,\r\n"


def write(tmp_path: Path, data: bytes, name: str = "f.csv") -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def read_csv(path: Path) -> list[tuple[int, list[Any]]]:
    return list(iter_rows(inspect(path, "csv")))


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (ROWS.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ROWS.encode("utf-8"), "utf-8-sig"),
        (ROWS.encode("gbk"), "gb18030"),
        (ROWS.encode("gb18030"), "gb18030"),
        (ROWS.encode("utf-16"), "utf-16"),
        ("Lot,Qty\r\nCafé,1\r\n".encode("cp1252"), "cp1252"),
        (b"Lot,Qty\r\nA,1\r\n", "utf-8"),
    ],
)
def test_the_encoding_is_detected(tmp_path: Path, data: bytes, expected: str) -> None:
    assert detect_encoding(write(tmp_path, data)) == expected


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_every_encoding_reads_the_same_rows(tmp_path: Path, encoding: str) -> None:
    rows = read_csv(write(tmp_path, ROWS.encode(encoding)))
    assert rows == [
        (1, ["批号", "数量", "备注"]),
        (2, ["RM-1", "12.5", "上海"]),
        (3, ["RM-2", "3", None]),
    ]


def test_a_bom_never_reaches_the_first_header(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, codecs.BOM_UTF8 + b"Lot code,Qty\r\nA,1\r\n"))
    assert rows[0] == (1, ["Lot code", "Qty"])


def test_blank_rows_are_skipped_but_keep_their_row_numbers(tmp_path: Path) -> None:
    data = b"Lot,Qty\n\nA,1\n , \n,,\nB,2\n\n\n"
    assert read_csv(write(tmp_path, data)) == [
        (1, ["Lot", "Qty"]),
        (3, ["A", "1"]),
        (6, ["B", "2"]),
    ]


def test_quoted_cells_may_hold_separators_and_line_breaks(tmp_path: Path) -> None:
    data = b'Lot,Note\n"A,1","two\nlines"\nB,x\n'
    assert read_csv(write(tmp_path, data)) == [
        (1, ["Lot", "Note"]),
        (2, ["A,1", "two\nlines"]),
        (3, ["B", "x"]),
    ]


@pytest.mark.parametrize(
    ("first_line", "expected"),
    [
        ("Lot;Qty;Note", ";"),
        ("Lot\tQty\tNote", "\t"),
        ("Lot,Qty,Note", ","),
        ('"Lot;x",Qty', ","),
        ("Lot", ","),
    ],
)
def test_the_separator_is_sniffed(tmp_path: Path, first_line: str, expected: str) -> None:
    path = write(tmp_path, (first_line + "\r\nA\r\n").encode())
    assert sniff_delimiter(path, "utf-8") == expected


def test_semicolon_files_from_european_excel_are_read(tmp_path: Path) -> None:
    rows = read_csv(write(tmp_path, "Lot;Qty\r\nA;1,5\r\n".encode("cp1252")))
    assert rows == [(1, ["Lot", "Qty"]), (2, ["A", "1,5"])]


def test_header_columns_are_trimmed_named_and_unique() -> None:
    assert header_columns([" Lot ", None, "Qty", "qty", "Qty", None, None]) == [
        "Lot",
        "Column B",
        "Qty",
        "qty (2)",
        "Qty (3)",
    ]
    assert header_columns([None, None]) == []
    assert header_columns([2026, 1.0, date(2026, 1, 2)]) == ["2026", "1", "2026-01-02"]
    assert [column_letter(i) for i in (0, 25, 26, 27, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AB",
        "ZZ",
        "AAA",
    ]


def test_formats_come_from_the_file_name() -> None:
    assert format_of("lots.CSV") == "csv"
    assert format_of("收货.xlsx") == "xlsx"
    assert format_of("lots.xls") is None
    assert format_of("lots") is None


def xlsx(tmp_path: Path, rows: list[list[Any]], start: str = "A1") -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    first_row = int(start[1:])
    first_col = ord(start[0]) - 64
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.cell(row=first_row + r, column=first_col + c, value=value)
    path = tmp_path / "book.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_both_xlsx_readers_give_the_same_rows(tmp_path: Path, engine: str) -> None:
    path = xlsx(
        tmp_path,
        [
            ["Lot", "Qty", "Received", "Note"],
            ["A", 12.5, date(2026, 11, 21), "x"],
            [None, None, None, None],
            ["B", 3, datetime(2026, 11, 22, 8, 30), None],
        ],
    )
    rows = list(iter_rows(SheetSource(path, "xlsx", xlsx_engine=engine)))
    numbers = [n for n, _ in rows]
    assert numbers == [1, 2, 4]
    assert rows[0][1] == ["Lot", "Qty", "Received", "Note"]
    lot, qty, received, note = rows[1][1][:4]
    assert (lot, qty, note) == ("A", 12.5, "x")
    assert received in (date(2026, 11, 21), datetime(2026, 11, 21))
    assert rows[2][1][1] == 3 and rows[2][1][2] == datetime(2026, 11, 22, 8, 30)


@pytest.mark.parametrize("engine", ["calamine", "openpyxl"])
def test_a_sheet_starting_further_down_keeps_its_row_and_column_numbers(
    tmp_path: Path, engine: str
) -> None:
    path = xlsx(tmp_path, [["Lot", "Qty"], ["A", 1]], start="B3")
    rows = list(iter_rows(SheetSource(path, "xlsx", xlsx_engine=engine)))
    assert [(n, cells[:3]) for n, cells in rows] == [(3, [None, "Lot", "Qty"]), (4, [None, "A", 1])]


def test_a_file_that_is_not_a_workbook_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, b"not a zip at all", "book.xlsx")
    with pytest.raises(ImportFileUnreadable):
        list(iter_rows(SheetSource(path, "xlsx")))


# -- cell codecs ------------------------------------------------------------------------

SPEC = FormSpec.model_validate(
    {
        "key": "lot",
        "label": "Lot",
        "fields": [
            {"id": "lot_code", "type": "text", "label": "Lot code"},
            {"id": "quantity", "type": "decimal", "label": "Qty", "scale": 3},
            {"id": "pieces", "type": "integer", "label": "Pieces"},
            {"id": "received_on", "type": "date", "label": "Received on"},
            {"id": "arrived_at", "type": "datetime", "label": "Arrived at"},
            {"id": "checked", "type": "boolean", "label": "Checked"},
            {"id": "shift_start", "type": "time", "label": "Shift"},
            {
                "id": "status",
                "type": "single_select",
                "label": "Status",
                "options": [
                    {"key": "released", "label": {"en": "Released", "zh-CN": "已放行"}},
                    {"key": "on_hold", "label": {"en": "On hold", "zh-CN": "暂扣"}},
                ],
            },
            {
                "id": "tags",
                "type": "multi_select",
                "label": "Tags",
                "options": [
                    {"key": "cold", "label": {"en": "Cold chain", "zh-CN": "冷链"}},
                    {"key": "bio", "label": "Organic"},
                ],
            },
        ],
    }
)
REGISTRY = build_field_type_registry()
CODECS = build_cell_codec_registry()
SHANGHAI = CellContext(ZoneInfo("Asia/Shanghai"), "zh-CN")


def read(fid: str, cell: Any) -> Any:
    spec = SPEC.field(fid)
    assert spec is not None
    form_field = FormField(spec, REGISTRY.get(spec.type))
    raw = CODECS.get(spec.type).reader(form_field, SHANGHAI)(cell)
    return form_field.type.clean(spec, raw)


def write_cell(fid: str, value: Any) -> Any:
    spec = SPEC.field(fid)
    assert spec is not None
    form_field = FormField(spec, REGISTRY.get(spec.type))
    return CODECS.get(spec.type).writer(form_field, SHANGHAI)(value)


@pytest.mark.parametrize(
    ("fid", "cell", "expected"),
    [
        ("lot_code", " RM-1 ", "RM-1"),
        ("lot_code", 12345.0, "12345"),
        ("quantity", "1,234.5", "1234.500"),
        ("quantity", 12.5, "12.500"),
        ("quantity", "7", "7.000"),
        ("pieces", 4.0, 4),
        ("pieces", "12", 12),
        ("received_on", "2026/1/5", "2026-01-05"),
        ("received_on", "2026年11月21日", "2026-11-21"),
        ("received_on", datetime(2026, 11, 21), "2026-11-21"),
        ("received_on", "2026-11-21 00:00:00", "2026-11-21"),
        ("arrived_at", datetime(2026, 11, 21, 8, 30), "2026-11-21T00:30:00Z"),
        ("arrived_at", "2026-11-21 08:30", "2026-11-21T00:30:00Z"),
        ("arrived_at", "2026-11-21T08:30:00Z", "2026-11-21T08:30:00Z"),
        ("checked", "是", True),
        ("checked", "No", False),
        ("checked", 1, True),
        ("shift_start", time(8, 30), "08:30"),
        ("shift_start", "17:45", "17:45"),
        ("status", "released", "released"),
        ("status", "Released", "released"),
        ("status", " on  HOLD ", "on_hold"),
        ("status", "暂扣", "on_hold"),
        ("tags", "冷链, Organic", ["cold", "bio"]),
        ("tags", "bio；cold chain", ["cold", "bio"]),
    ],
)
def test_cells_become_field_values(fid: str, cell: Any, expected: Any) -> None:
    spec = SPEC.field(fid)
    assert spec is not None
    value = read(fid, cell)
    assert REGISTRY.get(spec.type).to_json(spec, value) == expected


@pytest.mark.parametrize(
    ("fid", "cell", "code"),
    [
        ("quantity", "12x", "type"),
        ("quantity", "1.2345", "scale"),
        ("pieces", "1.5", "type"),
        ("received_on", "2026-13-45", "type"),
        ("received_on", "2026/02/30", "type"),
        ("received_on", datetime(2026, 1, 1, 8, 0), "type"),
        ("checked", "maybe", "type"),
        ("status", "lost", "option"),
        ("tags", "cold, frozen", "option"),
    ],
)
def test_bad_cells_raise_the_field_types_errors(fid: str, cell: Any, code: str) -> None:
    with pytest.raises(FieldValueError) as caught:
        read(fid, cell)
    assert caught.value.code == code


def test_values_become_typed_cells_in_the_apps_time_zone() -> None:
    assert write_cell("quantity", "250.500") == 250.5
    assert write_cell("received_on", "2026-11-21") == date(2026, 11, 21)
    assert write_cell("arrived_at", "2026-11-21T00:30:00Z") == datetime(2026, 11, 21, 8, 30)
    assert write_cell("status", "on_hold") == "暂扣"
    assert write_cell("tags", ["cold", "bio"]) == "冷链, Organic"
    assert write_cell("shift_start", "08:30") == time(8, 30)
    assert write_cell("lot_code", None) is None


def test_labels_match_loosely() -> None:
    assert normalize(" Lot  Code *") == normalize("lot_code") == "lotcode"
    assert normalize("ＱＴＹ") == "qty"


def test_the_key_ledger_finds_repeats_within_and_across_batches(tmp_path: Path) -> None:
    ledger = KeyLedger(tmp_path)
    try:
        assert ledger.earlier_rows("k", [("a", 2), ("b", 3), ("a", 4)]) == {4: 2}
        assert ledger.earlier_rows("k", [("b", 10), ("c", 11)]) == {10: 3}
        assert ledger.earlier_rows("other", [("a", 12)]) == {}
    finally:
        ledger.close()
    assert list(tmp_path.iterdir()) == []
