"""The values expressions work on: their kinds, bounds, input conversion and display."""

from __future__ import annotations

import math
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

from engine.expressions.errors import EvaluationProblem
from engine.expressions.limits import MAX_LIST_LENGTH, MAX_NUMBER, MAX_TEXT_LENGTH

NUMBER = "number"
TEXT = "text"
BOOLEAN = "yes/no"
DATE = "date"
DATETIME = "date and time"
TIME = "time"
LIST = "list"
BLANK = "blank"

TOO_LARGE = "the result is too large: numbers must stay below 10^30"

_KIND_OF_TYPE: dict[type, str] = {
    Decimal: NUMBER,
    str: TEXT,
    bool: BOOLEAN,
    date: DATE,
    datetime: DATETIME,
    time: TIME,
    list: LIST,
    type(None): BLANK,
}

ORDERED_TYPES = frozenset({Decimal, str, date, datetime, time})
"""Types whose values can be compared with ``<``, ``>``, ``MIN`` and ``MAX``."""

FIELD_KINDS: dict[str, str] = {
    "text": TEXT,
    "long_text": TEXT,
    "single_select": TEXT,
    "email": TEXT,
    "phone": TEXT,
    "url": TEXT,
    "integer": NUMBER,
    "decimal": NUMBER,
    "currency": NUMBER,
    "percent": NUMBER,
    "boolean": BOOLEAN,
    "date": DATE,
    "datetime": DATETIME,
    "time": TIME,
    "multi_select": LIST,
}
"""Kind of the values of each known field type; fields of other types have no known kind."""


def kind_of(value: Any) -> str:
    """The kind of an (already converted) value, as shown to admins."""
    return _KIND_OF_TYPE.get(type(value), type(value).__name__)


def field_kind(field_type: str) -> str | None:
    """The kind of a field type's values, or None when it is not known."""
    if field_type.startswith("multi_"):
        return LIST
    return FIELD_KINDS.get(field_type)


def describe(value: Any) -> str:
    """A short description of a value for error messages (``text 'abc'``, ``number 3``)."""
    kind = kind_of(value)
    if value is None:
        return BLANK
    if isinstance(value, str):
        shown = value if len(value) <= 20 else value[:20] + "..."
        return f"{kind} {shown!r}"
    if isinstance(value, list):
        return f"a list of {len(value)} item{'' if len(value) == 1 else 's'}"
    return f"{kind} {display(value)}"


def is_blank(value: Any) -> bool:
    """True for blank (None), empty text and the empty list."""
    return value is None or value == "" or value == []


def check_number(value: Decimal) -> Decimal:
    """Return ``value`` when it is within bounds (with ``-0`` made ``0``), else raise."""
    if -MAX_NUMBER < value < MAX_NUMBER:
        if not value and value.is_signed():
            return value.copy_abs()
        return value
    raise EvaluationProblem(TOO_LARGE)


def check_text(value: str) -> str:
    """Return ``value`` when it is short enough, else raise."""
    if len(value) > MAX_TEXT_LENGTH:
        raise EvaluationProblem(
            f"the result is too long: text is limited to {MAX_TEXT_LENGTH:,} characters"
        )
    return value


def check_text_length(length: int) -> None:
    """Raise before building a text that would be ``length`` characters long."""
    if length > MAX_TEXT_LENGTH:
        raise EvaluationProblem(
            f"the result is too long: text is limited to {MAX_TEXT_LENGTH:,} characters"
        )


def check_list_length(length: int) -> None:
    """Raise before building a list that would have ``length`` items."""
    if length > MAX_LIST_LENGTH:
        raise EvaluationProblem(
            f"the result is too long: lists are limited to {MAX_LIST_LENGTH:,} items"
        )


def number_text(value: Decimal) -> str:
    """A number written out without exponent (``1E+3`` becomes ``1000``)."""
    return format(value, "f")


def display(value: Any) -> str:
    """How a value reads when joined into text (blank reads as empty text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return number_text(value)
    if isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, list):
        return ", ".join(display(item) for item in value)
    return str(value)


def to_expression_value(value: Any) -> Any:
    """Convert a value from a record into the value an expression sees.

    Numbers become exact ``Decimal`` (floats through their shortest ``repr``), datetimes
    are put in UTC (naive ones are taken as UTC) and tuples become lists. Raises
    :class:`EvaluationProblem` (worded to follow "field 'x' ") for values of any other kind.
    """
    kind = type(value)
    if value is None or kind is str or kind is bool or kind is date or kind is time:
        return value
    if kind is Decimal or kind is int or kind is float:
        return _input_number(value)
    if kind is datetime:
        # Kept in UTC: Python compares and subtracts datetimes that share a time zone by
        # their wall-clock times, which is wrong across a daylight-saving change.
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)
    if kind is list or kind is tuple:
        if len(value) > MAX_LIST_LENGTH:
            raise EvaluationProblem(
                f"has too many items: lists are limited to {MAX_LIST_LENGTH:,} items"
            )
        converted = [to_expression_value(item) for item in value]
        if any(type(item) is list for item in converted):
            raise EvaluationProblem("is a list of lists, which expressions cannot use")
        return converted
    raise EvaluationProblem(f"holds a value of a kind expressions cannot use ({kind.__name__})")


def _input_number(value: Decimal | int | float) -> Decimal:
    if isinstance(value, float):
        if not math.isfinite(value):
            raise EvaluationProblem("is not a finite number")
        number = Decimal(repr(value))
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise EvaluationProblem("is not a finite number")
    if abs(number) >= MAX_NUMBER:
        raise EvaluationProblem("is too large: numbers must stay below 10^30")
    return check_number(number)
