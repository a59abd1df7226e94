"""LEN, UPPER, LOWER, TRIM, CONCAT, LEFT, RIGHT, MID, REPLACE, CONTAINS, STARTSWITH,
ENDSWITH, TEXT, NUMBER, LPAD."""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from tests.unit.expressions.helpers import evaluate_fails, fails, run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("LEN('abc')", Decimal(3)),
        ("LEN('')", Decimal(0)),
        ("LEN(null)", Decimal(0)),
        ("LEN('日本')", Decimal(2)),
        ("UPPER('abc')", "ABC"),
        ("LOWER('ÀBC')", "àbc"),
        ("TRIM('  a b  ')", "a b"),
        ("CONCAT('a', 1, null, true, 2.50)", "a1true2.50"),
        ("CONCAT(null)", ""),
        ("CONCAT('x', [1, 'b'])", "x1, b"),
        ("CONCAT(DATE(2024, 2, 3))", "2024-02-03"),
        ("CONCAT(1e3)", "1000"),
        ("LEFT('abcdef', 2)", "ab"),
        ("LEFT('abc', 0)", ""),
        ("LEFT('abc', 10)", "abc"),
        ("RIGHT('abcdef', 2)", "ef"),
        ("RIGHT('abc', 0)", ""),
        ("RIGHT('abc', 10)", "abc"),
        ("MID('abcdef', 2, 3)", "bcd"),
        ("MID('abcdef', 1, 1)", "a"),
        ("MID('abc', 5, 2)", ""),
        ("REPLACE('a-b-c', '-', '/')", "a/b/c"),
        ("REPLACE('abc', 'x', 'y')", "abc"),
        ("CONTAINS('hello', 'ell')", True),
        ("CONTAINS('hello', 'ELL')", False),
        ("CONTAINS(null, 'a')", False),
        ("CONTAINS('a', null)", False),
        ("STARTSWITH('LOT-1', 'LOT')", True),
        ("STARTSWITH('LOT-1', 'lot')", False),
        ("STARTSWITH(null, 'a')", False),
        ("ENDSWITH('file.pdf', '.pdf')", True),
        ("ENDSWITH('file.pdf', '.doc')", False),
        ("TEXT(3.14159, 2)", "3.14"),
        ("TEXT(2.5, 0)", "3"),
        ("TEXT(2, 2)", "2.00"),
        ("TEXT(1e3)", "1000"),
        ("TEXT(1.50)", "1.50"),
        ("TEXT('abc')", "abc"),
        ("TEXT(true)", "true"),
        ("TEXT([1, 2])", "1, 2"),
        ("TEXT(DATE(2024, 3, 5))", "2024-03-05"),
        ("TEXT(DATE(2024, 3, 5), 'dd/MM/yyyy')", "05/03/2024"),
        ("TEXT(DATE(2024, 3, 5), 'd.M.yy')", "5.3.24"),
        ("TEXT(DATE(2024, 3, 5), 'EEEE d MMMM yyyy')", "Tuesday 5 March 2024"),
        ("TEXT(DATE(2024, 3, 5), 'EEE, MMM d')", "Tue, Mar 5"),
        ("TEXT(DATE(2024, 3, 5), \"'Week of' yyyy-MM-dd\")", "Week of 2024-03-05"),
        ("TEXT(DATE(2024, 3, 5), \"yyyy''MM\")", "2024'03"),
        ("TEXT(DATE(2024, 3, 5), 'yyyy/MM/dd - ')", "2024/03/05 - "),
        ("NUMBER('12.5')", Decimal("12.5")),
        ("NUMBER(' -3 ')", Decimal(-3)),
        ("NUMBER('+.5')", Decimal("0.5")),
        ("NUMBER('1e3')", Decimal(1000)),
        ("NUMBER('')", None),
        ("NUMBER(7)", Decimal(7)),
        ("LPAD(7, 3, '0')", "007"),
        ("LPAD('ab', 4)", "  ab"),
        ("LPAD('abcdef', 3, '0')", "abcdef"),
        ("LPAD(12.5, 6, '0')", "0012.5"),
    ],
)
def test_text(source: str, expected: Any) -> None:
    result = run(source)
    assert result == expected
    assert type(result) is type(expected)


@pytest.mark.parametrize(
    "source",
    ["UPPER(name)", "LOWER(name)", "TRIM(name)", "LEFT(name, 1)", "LEFT('a', quantity)",
     "RIGHT(name, 1)", "MID(name, 1, 1)", "REPLACE(name, 'a', 'b')", "TEXT(name)",
     "TEXT(quantity, 2)", "NUMBER(name)", "LPAD(name, 3, '0')"],
)  # fmt: skip
def test_blank_in_blank_out(source: str) -> None:
    assert run(source) is None


def test_text_of_a_datetime_is_in_the_time_zone() -> None:
    moment = datetime(2024, 3, 15, 22, 30, 5, tzinfo=UTC)
    assert run("TEXT(shipped_at)", shipped_at=moment) == "2024-03-15 22:30:05"
    assert run("TEXT(shipped_at)", tz="Asia/Tokyo", shipped_at=moment) == "2024-03-16 07:30:05"
    source = "TEXT(shipped_at, 'dd/MM/yyyy h:mm a')"
    assert run(source, tz="Europe/Paris", shipped_at=moment) == "15/03/2024 11:30 PM"
    assert run("TEXT(shipped_at, 'H:m:s')", shipped_at=moment) == "22:30:5"
    assert run("TEXT(shipped_at, 'hh a')", shipped_at=moment.replace(hour=0)) == "12 AM"


def test_text_of_a_time() -> None:
    assert run("TEXT(start_time)", start_time=time(8, 5)) == "08:05:00"
    assert run("TEXT(start_time, 'HH:mm')", start_time=time(8, 5)) == "08:05"


def test_concat_with_fields() -> None:
    assert run("CONCAT('Lot ', name, '/', quantity)", name="A", quantity=3) == "Lot A/3"
    assert run("CONCAT('Lot ', name)") == "Lot "


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("LEN(5)", "LEN: the value must be text, but it is number 5"),
        ("UPPER(1)", "UPPER: the value must be text, but it is number 1"),
        ("LOWER(true)", "LOWER: the value must be text, but it is yes/no true"),
        ("TRIM([1])", "TRIM: the value must be text, but it is a list of 1 item"),
        ("LEFT(1, 1)", "LEFT: the value must be text, but it is number 1"),
        ("LEFT('a', -1)", "LEFT: the count must be at least 0, but it is -1"),
        ("LEFT('a', 1.5)", "LEFT: the count must be a whole number, but it is number 1.5"),
        ("RIGHT('a', 'b')", "RIGHT: the count must be a whole number, but it is text 'b'"),
        ("MID('abc', 0, 1)", "MID: the start must be at least 1, but it is 0"),
        ("MID('abc', 1, -1)", "MID: the count must be at least 0, but it is -1"),
        ("REPLACE('abc', '', 'x')", "REPLACE: the text to replace must not be empty"),
        ("REPLACE('abc', 1, 'x')", "REPLACE: the text to replace must be text, but it is number 1"),
        ("REPLACE('abc', 'a', 1)", "REPLACE: the replacement must be text, but it is number 1"),
        ("CONTAINS(1, 'a')", "CONTAINS: the value must be text, but it is number 1"),
        ("STARTSWITH('a', 1)", "STARTSWITH: the text to look for must be text, but it is number 1"),
        ("ENDSWITH(['a'], 'a')", "ENDSWITH: the value must be text, but it is a list of 1 item"),
        (
            "TEXT(1.5, 'x')",
            "TEXT: the number of decimals must be a whole number, but it is text 'x'",
        ),
        ("TEXT(1.5, 21)", "TEXT: the number of decimals must be at most 20, but it is 21"),
        (
            "TEXT(DATE(2024, 1, 1), 2)",
            "TEXT: the format of a date or time must be a pattern like 'dd/MM/yyyy', but it is "
            "number 2",
        ),
        (
            "TEXT(DATE(2024, 1, 1), 'DD/MM/YYYY')",
            "TEXT: unknown letter 'D' in the pattern; use yyyy, MM, dd, HH, mm, ss "
            "(put other text in single quotes)",
        ),
        (
            "TEXT(DATE(2024, 1, 1), 'yyyy HH')",
            "TEXT: a date has no time of day, so 'HH' cannot be used",
        ),
        (
            'TEXT(DATE(2024, 1, 1), "\'yyyy")',
            "TEXT: the pattern has a quote (') that is not closed",
        ),
        (
            "TEXT('abc', 2)",
            "TEXT: a format can only be given for numbers and dates, not for text 'abc'",
        ),
        ("NUMBER('abc')", "NUMBER: text 'abc' is not a number like 1234.5"),
        ("NUMBER('1,000')", "NUMBER: text '1,000' is not a number like 1234.5"),
        ("NUMBER('nan')", "NUMBER: text 'nan' is not a number like 1234.5"),
        ("NUMBER('Infinity')", "NUMBER: text 'Infinity' is not a number like 1234.5"),
        ("NUMBER('1e40')", "the result is too large: numbers must stay below 10^30"),
        ("NUMBER(true)", "NUMBER: the value must be text, but it is yes/no true"),
        ("LPAD('a', 3, '00')", "LPAD: the fill must be exactly one character, but it is '00'"),
        ("LPAD('a', 10001, '0')", "LPAD: the length must be at most 10,000, but it is 10001"),
        ("LPAD(true, 3)", "LPAD: the value must be text, but it is yes/no true"),
    ],
)
def test_bad_arguments(source: str, message: str) -> None:
    error = fails(source)
    assert error.message == message
    assert error.position == 1


def test_time_patterns_need_a_time() -> None:
    error = evaluate_fails("TEXT(start_time, 'yyyy')", start_time=time(8))
    assert error.message == "TEXT: a time has no date, so 'yyyy' cannot be used"


def test_text_results_are_bounded() -> None:
    long = "a" * 6000
    assert evaluate_fails("CONCAT(name, name)", name=long).message == (
        "the result is too long: text is limited to 10,000 characters"
    )
    assert evaluate_fails("REPLACE(name, 'a', 'bb')", name=long).message.startswith(
        "the result is too long"
    )
    assert evaluate_fails("UPPER(note)", note="a" * 10_001).message.startswith(
        "the result is too long"
    )
    pattern = "'" + "x" * 1000 + "'" + "EEEE" * 2000
    assert evaluate_fails("TEXT(received_on, name)", name=pattern, received_on=date(2024, 1, 1))


def test_long_input_text_can_still_be_read() -> None:
    assert run("LEN(note)", note="a" * 50_000) == 50_000
    assert run("LEFT(note, 3)", note="a" * 50_000) == "aaa"
