"""TEXT(value, format): numbers with a count of decimals, dates and times with patterns.

Date patterns use the letters of Java and Unicode (LDML) patterns: ``yyyy`` ``yy`` year,
``MMMM`` ``MMM`` ``MM`` ``M`` month, ``dd`` ``d`` day, ``EEEE`` ``EEE`` weekday, ``HH``
``H`` hour (0-23), ``hh`` ``h`` hour (1-12), ``a`` AM/PM, ``mm`` ``m`` minute, ``ss`` ``s``
second. Text in single quotes is copied as it is (``''`` is a quote); any other letter is
an error, so that ``DD`` or ``YYYY`` are caught when the expression is first evaluated.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.args import problem, whole
from engine.expressions.values import check_text, describe, display, number_text

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

MAX_DECIMALS = 20
"""Most decimals TEXT(number, decimals) writes."""

_TOKEN = re.compile(r"'(?:[^']|'')*'|yyyy|yy|MMMM|MMM|MM|M|dd|d|EEEE|EEE|HH|H|hh|h|mm|m|ss|s|a|.")

_DATE_PARTS: dict[str, Callable[[date], str]] = {
    "yyyy": lambda d: f"{d.year:04d}",
    "yy": lambda d: f"{d.year % 100:02d}",
    "MMMM": lambda d: MONTHS[d.month - 1],
    "MMM": lambda d: MONTHS[d.month - 1][:3],
    "MM": lambda d: f"{d.month:02d}",
    "M": lambda d: str(d.month),
    "dd": lambda d: f"{d.day:02d}",
    "d": lambda d: str(d.day),
    "EEEE": lambda d: WEEKDAYS[d.weekday()],
    "EEE": lambda d: WEEKDAYS[d.weekday()][:3],
}

_TIME_PARTS: dict[str, Callable[[time], str]] = {
    "HH": lambda t: f"{t.hour:02d}",
    "H": lambda t: str(t.hour),
    "hh": lambda t: f"{(t.hour - 1) % 12 + 1:02d}",
    "h": lambda t: str((t.hour - 1) % 12 + 1),
    "a": lambda t: "AM" if t.hour < 12 else "PM",
    "mm": lambda t: f"{t.minute:02d}",
    "m": lambda t: str(t.minute),
    "ss": lambda t: f"{t.second:02d}",
    "s": lambda t: str(t.second),
}

DEFAULT_PATTERNS = {date: "yyyy-MM-dd", datetime: "yyyy-MM-dd HH:mm:ss", time: "HH:mm:ss"}


def format_value(ctx: EvaluationContext, value: Any, fmt: Any) -> str:
    """The text TEXT(value, fmt) returns (a datetime is written in the context's time zone)."""
    kind = type(value)
    if kind is Decimal:
        if fmt is None:
            return number_text(value)
        decimals = whole("TEXT", "the number of decimals", fmt, low=0, high=MAX_DECIMALS)
        exponent = Decimal(1).scaleb(-decimals)
        return number_text(value.quantize(exponent, rounding=ROUND_HALF_UP))
    if kind is date or kind is datetime or kind is time:
        if fmt is None:
            fmt = DEFAULT_PATTERNS[kind]
        if type(fmt) is not str:
            raise problem(
                "TEXT",
                f"the format of a date or time must be a pattern like 'dd/MM/yyyy', "
                f"but it is {describe(fmt)}",
            )
        if kind is datetime:
            value = ctx.local(value)
        return check_text(format_moment(value, fmt))
    if fmt is not None:
        raise problem(
            "TEXT", f"a format can only be given for numbers and dates, not for {describe(value)}"
        )
    return check_text(display(value))


def format_moment(value: date | time, pattern: str) -> str:
    """``value`` written with ``pattern`` (see the module's docstring)."""
    day = value if isinstance(value, date) else None
    clock = (
        value.time() if isinstance(value, datetime) else value if isinstance(value, time) else None
    )
    out: list[str] = []
    for match in _TOKEN.finditer(pattern):
        piece = match.group()
        if piece == "'":
            raise problem("TEXT", "the pattern has a quote (') that is not closed")
        if piece.startswith("'"):
            out.append(piece[1:-1].replace("''", "'") if len(piece) > 2 else "'")
        elif piece in _DATE_PARTS:
            if day is None:
                raise problem("TEXT", f"a time has no date, so '{piece}' cannot be used")
            out.append(_DATE_PARTS[piece](day))
        elif piece in _TIME_PARTS:
            if clock is None:
                raise problem("TEXT", f"a date has no time of day, so '{piece}' cannot be used")
            out.append(_TIME_PARTS[piece](clock))
        elif piece.isascii() and piece.isalpha():
            raise problem(
                "TEXT",
                f"unknown letter '{piece}' in the pattern; use yyyy, MM, dd, HH, mm, ss "
                "(put other text in single quotes)",
            )
        else:
            out.append(piece)
    return "".join(out)
