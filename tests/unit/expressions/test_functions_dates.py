"""TODAY, NOW, DATE, YEAR, MONTH, DAY, WEEKDAY, ADD_DAYS, ADD_MONTHS, DAYS_BETWEEN,
HOURS_BETWEEN, DATE_OF."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from tests.unit.expressions.helpers import NOW, evaluate_fails, fails, run

PARIS = ZoneInfo("Europe/Paris")


def test_today_and_now_use_the_given_moment_and_zone() -> None:
    assert run("TODAY()") == date(2024, 3, 15)
    assert run("TODAY()", tz="Asia/Tokyo") == date(2024, 3, 16)
    assert run("NOW()") == NOW
    now_in_tokyo = run("NOW()", tz="Asia/Tokyo")
    assert now_in_tokyo == NOW
    assert now_in_tokyo.tzinfo is UTC  # datetimes are kept in UTC


def test_datetimes_are_kept_in_utc() -> None:
    moment = datetime(2024, 3, 30, 9, 0, tzinfo=PARIS)
    assert run("shipped_at", shipped_at=moment).tzinfo is UTC
    assert run("shipped_at", shipped_at=moment) == moment
    assert run("shipped_at", shipped_at=datetime(2024, 1, 1)) == datetime(2024, 1, 1, tzinfo=UTC)


def test_today_without_a_given_moment_is_the_real_today() -> None:
    before = datetime.now(UTC).date()
    today = run("TODAY()", now=None)
    assert before <= today <= datetime.now(UTC).date()


def test_a_naive_now_is_utc() -> None:
    assert run("NOW()", now=datetime(2024, 1, 1, 12)) == datetime(2024, 1, 1, 12, tzinfo=UTC)


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("DATE(2024, 2, 29)", date(2024, 2, 29)),
        ("YEAR(DATE(2024, 2, 29))", Decimal(2024)),
        ("MONTH(DATE(2024, 2, 29))", Decimal(2)),
        ("DAY(DATE(2024, 2, 29))", Decimal(29)),
        ("WEEKDAY(DATE(2024, 3, 11))", Decimal(1)),
        ("WEEKDAY(DATE(2024, 3, 17))", Decimal(7)),
        ("ADD_DAYS(DATE(2024, 2, 28), 2)", date(2024, 3, 1)),
        ("ADD_DAYS(DATE(2024, 1, 1), -1)", date(2023, 12, 31)),
        ("ADD_MONTHS(DATE(2024, 1, 31), 1)", date(2024, 2, 29)),
        ("ADD_MONTHS(DATE(2023, 1, 31), 1)", date(2023, 2, 28)),
        ("ADD_MONTHS(DATE(2024, 3, 31), -1)", date(2024, 2, 29)),
        ("ADD_MONTHS(DATE(2024, 11, 15), 3)", date(2025, 2, 15)),
        ("ADD_MONTHS(DATE(2024, 1, 15), -13)", date(2022, 12, 15)),
        ("DAYS_BETWEEN(DATE(2024, 1, 1), DATE(2024, 3, 1))", Decimal(60)),
        ("DAYS_BETWEEN(DATE(2024, 3, 1), DATE(2024, 1, 1))", Decimal(-60)),
        ("DATE_OF(DATE(2024, 1, 1))", date(2024, 1, 1)),
    ],
)
def test_dates(source: str, expected: Any) -> None:
    result = run(source)
    assert result == expected
    assert type(result) is type(expected)


def test_date_parts_of_a_datetime_are_taken_in_the_zone() -> None:
    moment = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)
    assert run("YEAR(shipped_at)", shipped_at=moment) == 2024
    assert run("YEAR(shipped_at)", tz="Europe/Paris", shipped_at=moment) == 2025
    assert run("DATE_OF(shipped_at)", tz="Europe/Paris", shipped_at=moment) == date(2025, 1, 1)
    assert run("WEEKDAY(shipped_at)", tz="Europe/Paris", shipped_at=moment) == 3


def test_add_days_to_a_datetime_keeps_the_wall_clock_time_in_the_zone() -> None:
    # The night of 30 to 31 March 2024 is one hour shorter in Paris.
    moment = datetime(2024, 3, 30, 9, 0, tzinfo=PARIS)
    result = run("ADD_DAYS(shipped_at, 1)", tz="Europe/Paris", shipped_at=moment)
    assert result == datetime(2024, 3, 31, 9, 0, tzinfo=PARIS)
    assert result.tzinfo is UTC
    assert result - moment == timedelta(hours=23)
    in_utc = run("ADD_DAYS(shipped_at, 1)", shipped_at=moment)
    assert in_utc - moment == timedelta(hours=24)


def test_add_months_to_a_datetime() -> None:
    moment = datetime(2024, 1, 31, 10, tzinfo=UTC)
    assert run("ADD_MONTHS(shipped_at, 1)", shipped_at=moment) == datetime(
        2024, 2, 29, 10, tzinfo=UTC
    )


def test_days_between_datetimes_counts_calendar_days_in_the_zone() -> None:
    start = datetime(2024, 3, 1, 23, 0, tzinfo=UTC)
    end = datetime(2024, 3, 2, 1, 0, tzinfo=UTC)
    assert run("DAYS_BETWEEN(packed_at, shipped_at)", packed_at=start, shipped_at=end) == 1
    assert (
        run("DAYS_BETWEEN(packed_at, shipped_at)", tz="Asia/Tokyo", packed_at=start, shipped_at=end)
        == 0
    )
    assert run("DAYS_BETWEEN(received_on, shipped_at)", received_on=date(2024, 3, 1),
               shipped_at=end) == 1  # fmt: skip


def test_hours_between() -> None:
    start = datetime(2024, 3, 1, 8, 0, tzinfo=UTC)
    end = datetime(2024, 3, 1, 17, 30, tzinfo=UTC)
    assert run("HOURS_BETWEEN(packed_at, shipped_at)", packed_at=start, shipped_at=end) == Decimal(
        "9.5"
    )
    assert run("HOURS_BETWEEN(shipped_at, packed_at)", packed_at=start, shipped_at=end) == Decimal(
        "-9.5"
    )
    third = run(
        "HOURS_BETWEEN(packed_at, shipped_at)",
        packed_at=start,
        shipped_at=start + timedelta(minutes=20),
    )
    assert third == Decimal("0.3333333333333333333333333333333333")
    assert run(
        "HOURS_BETWEEN(start_time, end_time)", start_time=time(8), end_time=time(12, 15)
    ) == Decimal("4.25")


def test_hours_between_counts_real_hours_across_a_clock_change() -> None:
    start = datetime(2024, 3, 30, 12, tzinfo=PARIS)
    end = datetime(2024, 3, 31, 12, tzinfo=PARIS)
    assert run("HOURS_BETWEEN(packed_at, shipped_at)", packed_at=start, shipped_at=end) == 23


@pytest.mark.parametrize(
    "source",
    ["DATE(quantity, 1, 1)", "YEAR(received_on)", "MONTH(received_on)", "DAY(received_on)",
     "WEEKDAY(received_on)", "ADD_DAYS(received_on, 1)", "ADD_DAYS(DATE(2024, 1, 1), quantity)",
     "ADD_MONTHS(received_on, 1)", "DAYS_BETWEEN(received_on, due_on)",
     "HOURS_BETWEEN(packed_at, shipped_at)", "DATE_OF(shipped_at)"],
)  # fmt: skip
def test_blank_in_blank_out(source: str) -> None:
    assert run(source) is None


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("DATE(2024, 2, 30)", "DATE: 2024-02-30 is not a valid date"),
        ("DATE(2024, 13, 1)", "DATE: the month must be at most 12, but it is 13"),
        ("DATE(0, 1, 1)", "DATE: the year must be at least 1, but it is 0"),
        ("DATE(2024, 1, 1.5)", "DATE: the day must be a whole number, but it is number 1.5"),
        ("DATE('2024', 1, 1)", "DATE: the year must be a whole number, but it is text '2024'"),
        (
            "YEAR('2024-01-01')",
            "YEAR: the date must be a date or a date and time, but it is text '2024-01-01'",
        ),
        ("MONTH(5)", "MONTH: the date must be a date or a date and time, but it is number 5"),
        ("DAY(true)", "DAY: the date must be a date or a date and time, but it is yes/no true"),
        (
            "WEEKDAY([])",
            "WEEKDAY: the date must be a date or a date and time, but it is a list of 0 items",
        ),
        (
            "ADD_DAYS(DATE(2024, 1, 1), 1.5)",
            "ADD_DAYS: the number of days must be a whole number, but it is number 1.5",
        ),
        (
            "ADD_DAYS('x', 1)",
            "ADD_DAYS: the date must be a date or a date and time, but it is text 'x'",
        ),
        ("ADD_DAYS(DATE(9999, 12, 31), 1)", "ADD_DAYS: the resulting date is out of range"),
        (
            "ADD_DAYS(DATE(2024, 1, 1), 3660001)",
            "ADD_DAYS: the number of days must be at most 3,660,000, but it is 3660001",
        ),
        ("ADD_MONTHS(DATE(9999, 12, 1), 1)", "ADD_MONTHS: the resulting date is out of range"),
        ("ADD_MONTHS(DATE(1, 1, 1), -1)", "ADD_MONTHS: the resulting date is out of range"),
        (
            "ADD_MONTHS(DATE(2024, 1, 1), 'a')",
            "ADD_MONTHS: the number of months must be a whole number, but it is text 'a'",
        ),
        (
            "DAYS_BETWEEN(DATE(2024, 1, 1), 5)",
            "DAYS_BETWEEN: the date must be a date or a date and time, but it is number 5",
        ),
        (
            "HOURS_BETWEEN(DATE(2024, 1, 1), DATE(2024, 1, 2))",
            "HOURS_BETWEEN: needs two dates "
            "and times or two times, but got date 2024-01-01 and date 2024-01-02",
        ),
        ("DATE_OF('x')", "DATE_OF: the date must be a date or a date and time, but it is text 'x'"),
    ],
)
def test_bad_arguments(source: str, message: str) -> None:
    error = fails(source)
    assert error.message == message
    assert error.position == 1


def test_hours_between_mixed_values() -> None:
    error = evaluate_fails(
        "HOURS_BETWEEN(packed_at, start_time)",
        packed_at=datetime(2024, 1, 1, tzinfo=UTC),
        start_time=time(8),
    )
    assert error.message == (
        "HOURS_BETWEEN: needs two dates and times or two times, but got date and time "
        "2024-01-01 00:00:00+00:00 and time 08:00:00"
    )


def test_unknown_time_zone() -> None:
    error = fails("TODAY()", tz="Mars/Olympus")
    assert error.message == "unknown time zone 'Mars/Olympus'"
    assert fails("TODAY()", tz="../etc/passwd").message == "unknown time zone '../etc/passwd'"
