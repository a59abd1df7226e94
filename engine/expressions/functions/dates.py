"""Dates: TODAY, NOW, DATE, YEAR, MONTH, DAY, WEEKDAY, ADD_DAYS, ADD_MONTHS, DAYS_BETWEEN,
HOURS_BETWEEN, DATE_OF.

A date and time is an instant, held in UTC; its date, year, month and day are those in the
evaluation's time zone, and ADD_DAYS and ADD_MONTHS keep its wall-clock time in that zone.
"""

from __future__ import annotations

import calendar
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.args import date_or_moment, problem, whole
from engine.expressions.functions.spec import FunctionSpec
from engine.expressions.limits import MAX_DAYS
from engine.expressions.values import DATE, DATETIME, NUMBER, describe

MAX_MONTHS = MAX_DAYS // 28
"""Largest absolute month count ADD_MONTHS accepts."""

_HOUR = Decimal(3_600_000_000)  # microseconds


def _day_of(ctx: EvaluationContext, function: str, value: Any) -> date:
    """The calendar date of a date, or of a date and time in the context's zone."""
    found = date_or_moment(function, "the date", value)
    return ctx.date_of(found) if isinstance(found, datetime) else found


def _today(ctx: EvaluationContext, args: Sequence[Any]) -> date:
    return ctx.date_of(ctx.now)


def _now(ctx: EvaluationContext, args: Sequence[Any]) -> datetime:
    return ctx.now


def _date(ctx: EvaluationContext, args: Sequence[Any]) -> date:
    year = whole("DATE", "the year", args[0], low=1, high=9999)
    month = whole("DATE", "the month", args[1], low=1, high=12)
    day = whole("DATE", "the day", args[2], low=1, high=31)
    try:
        return date(year, month, day)
    except ValueError:
        raise problem("DATE", f"{year:04d}-{month:02d}-{day:02d} is not a valid date") from None


def _part(name: str, pick: Any) -> Any:
    def run(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
        return Decimal(pick(_day_of(ctx, name, args[0])))

    return run


def _shifted(ctx: EvaluationContext, function: str, value: Any, shift: Any) -> date:
    """Apply ``shift`` to a date, or to a date and time's wall-clock time in the zone."""
    start = date_or_moment(function, "the date", value)
    try:
        if isinstance(start, datetime):
            local = ctx.local(start)
            moved: datetime = shift(local.replace(tzinfo=None))
            return moved.replace(tzinfo=ctx.zone).astimezone(UTC)
        return shift(start)  # type: ignore[no-any-return]
    except (OverflowError, ValueError):
        raise problem(function, "the resulting date is out of range") from None


def _add_days(ctx: EvaluationContext, args: Sequence[Any]) -> date:
    days = whole("ADD_DAYS", "the number of days", args[1], low=-MAX_DAYS, high=MAX_DAYS)
    return _shifted(ctx, "ADD_DAYS", args[0], lambda d: d + timedelta(days=days))


def add_months(day: date, months: int) -> date:
    """``day`` moved by ``months``, on the month's last day when the day does not exist."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    last = calendar.monthrange(year, month + 1)[1] if 1 <= year <= 9999 else 31
    return day.replace(year=year, month=month + 1, day=min(day.day, last))


def _add_months(ctx: EvaluationContext, args: Sequence[Any]) -> date:
    months = whole("ADD_MONTHS", "the number of months", args[1], low=-MAX_MONTHS, high=MAX_MONTHS)
    return _shifted(ctx, "ADD_MONTHS", args[0], lambda d: add_months(d, months))


def _days_between(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    start = _day_of(ctx, "DAYS_BETWEEN", args[0])
    end = _day_of(ctx, "DAYS_BETWEEN", args[1])
    return Decimal((end - start).days)


def _hours_between(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    start, end = args[0], args[1]
    if type(start) is time and type(end) is time:
        if start.tzinfo is not None or end.tzinfo is not None:
            raise problem("HOURS_BETWEEN", "times with a time zone cannot be compared")
        start = datetime.combine(date.min, start)
        end = datetime.combine(date.min, end)
    elif type(start) is not datetime or type(end) is not datetime:
        raise problem(
            "HOURS_BETWEEN",
            f"needs two dates and times or two times, but got {describe(start)} "
            f"and {describe(end)}",
        )
    elapsed = (end - start) // timedelta(microseconds=1)
    return Decimal(elapsed) / _HOUR


def _date_of(ctx: EvaluationContext, args: Sequence[Any]) -> date:
    return _day_of(ctx, "DATE_OF", args[0])


def _weekday(day: date) -> int:
    return day.isoweekday()


# fmt: off
DATE_FUNCTIONS = (
    FunctionSpec(
        "TODAY", 0, 0, "TODAY()", "Today's date in the time zone of the app.",
        "date", DATE, _today,
    ),
    FunctionSpec(
        "NOW", 0, 0, "NOW()", "The current date and time.", "date", DATETIME, _now,
    ),
    FunctionSpec(
        "DATE", 3, 3, "DATE(year, month, day)", "The date with this year, month and day.",
        "date", DATE, _date,
    ),
    FunctionSpec(
        "YEAR", 1, 1, "YEAR(date)", "The year of the date.",
        "date", NUMBER, _part("YEAR", lambda d: d.year),
    ),
    FunctionSpec(
        "MONTH", 1, 1, "MONTH(date)", "The month of the date (1 to 12).",
        "date", NUMBER, _part("MONTH", lambda d: d.month),
    ),
    FunctionSpec(
        "DAY", 1, 1, "DAY(date)", "The day of the month of the date (1 to 31).",
        "date", NUMBER, _part("DAY", lambda d: d.day),
    ),
    FunctionSpec(
        "WEEKDAY", 1, 1, "WEEKDAY(date)", "The day of the week: 1 for Monday to 7 for Sunday.",
        "date", NUMBER, _part("WEEKDAY", _weekday),
    ),
    FunctionSpec(
        "ADD_DAYS", 2, 2, "ADD_DAYS(date, days)",
        "The date (or date and time) moved by a whole number of days; negative goes back.",
        "date", None, _add_days,
    ),
    FunctionSpec(
        "ADD_MONTHS", 2, 2, "ADD_MONTHS(date, months)",
        "The date moved by whole months; Jan 31 plus 1 month is the last day of February.",
        "date", None, _add_months,
    ),
    FunctionSpec(
        "DAYS_BETWEEN", 2, 2, "DAYS_BETWEEN(start, end)",
        "The number of days from start to end (negative when end is earlier).",
        "date", NUMBER, _days_between,
    ),
    FunctionSpec(
        "HOURS_BETWEEN", 2, 2, "HOURS_BETWEEN(start, end)",
        "The hours (with fractions) from start to end, for dates and times or for times.",
        "date", NUMBER, _hours_between,
    ),
    FunctionSpec(
        "DATE_OF", 1, 1, "DATE_OF(date_and_time)",
        "The calendar date of a date and time, in the time zone of the app.",
        "date", DATE, _date_of,
    ),
)
# fmt: on
