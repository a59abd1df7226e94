"""Text: LEN, UPPER, LOWER, TRIM, CONCAT, LEFT, RIGHT, MID, REPLACE, CONTAINS, STARTSWITH,
ENDSWITH, TEXT, NUMBER, LPAD.

Positions are 1-based like in spreadsheets; comparisons are case-sensitive.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.args import problem, text, whole
from engine.expressions.functions.formatting import format_value
from engine.expressions.functions.spec import FunctionSpec
from engine.expressions.limits import MAX_TEXT_LENGTH
from engine.expressions.values import (
    BOOLEAN,
    NUMBER,
    TEXT,
    check_number,
    check_text,
    check_text_length,
    describe,
    number_text,
)

_NUMBER_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]{1,3})?")


def _len(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    if args[0] is None:
        return Decimal(0)
    return Decimal(len(text("LEN", "the value", args[0])))


def _upper(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    return check_text(text("UPPER", "the value", args[0]).upper())


def _lower(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    return check_text(text("LOWER", "the value", args[0]).lower())


def _trim(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    return text("TRIM", "the value", args[0]).strip()


def _concat(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    parts: list[str] = []
    length = 0
    for arg in args:
        part = "" if arg is None else format_value(ctx, arg, None)
        length += len(part)
        check_text_length(length)
        parts.append(part)
    return "".join(parts)


def _left(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    value = text("LEFT", "the value", args[0])
    return value[: whole("LEFT", "the count", args[1], low=0)]


def _right(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    value = text("RIGHT", "the value", args[0])
    count = whole("RIGHT", "the count", args[1], low=0)
    return value[len(value) - count :] if count else ""


def _mid(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    value = text("MID", "the value", args[0])
    start = whole("MID", "the start", args[1], low=1)
    count = whole("MID", "the count", args[2], low=0)
    return value[start - 1 : start - 1 + count]


def _replace(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    value = text("REPLACE", "the value", args[0])
    old = text("REPLACE", "the text to replace", args[1])
    new = text("REPLACE", "the replacement", args[2])
    if not old:
        raise problem("REPLACE", "the text to replace must not be empty")
    check_text_length(len(value) + value.count(old) * (len(new) - len(old)))
    return value.replace(old, new)


def _predicate(name: str, test: Any) -> Any:
    def run(ctx: EvaluationContext, args: Sequence[Any]) -> bool:
        if args[0] is None or args[1] is None:
            return False
        value = text(name, "the value", args[0])
        part = text(name, "the text to look for", args[1])
        return bool(test(value, part))

    return run


def _text(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    return format_value(ctx, args[0], args[1] if len(args) > 1 else None)


def _number(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal | None:
    value = args[0]
    if type(value) is Decimal:
        return value
    written = text("NUMBER", "the value", value).strip()
    if not written:
        return None
    if not _NUMBER_TEXT.fullmatch(written):
        raise problem("NUMBER", f"{describe(value)} is not a number like 1234.5")
    return check_number(Decimal(written))


def _lpad(ctx: EvaluationContext, args: Sequence[Any]) -> str:
    value = args[0]
    if type(value) is Decimal:
        written = number_text(value)
    else:
        written = text("LPAD", "the value", value)
    length = whole("LPAD", "the length", args[1], low=0, high=MAX_TEXT_LENGTH)
    fill = " " if len(args) < 3 else text("LPAD", "the fill character", args[2])
    if len(fill) != 1:
        raise problem("LPAD", f"the fill must be exactly one character, but it is {fill!r}")
    return written.rjust(length, fill)


# fmt: off
TEXT_FUNCTIONS = (
    FunctionSpec(
        "LEN", 1, 1, "LEN(text)", "The number of characters in the text (0 when blank).",
        "text", NUMBER, _len, blank_in_blank_out=False,
    ),
    FunctionSpec("UPPER", 1, 1, "UPPER(text)", "The text in capitals.", "text", TEXT, _upper),
    FunctionSpec("LOWER", 1, 1, "LOWER(text)", "The text in small letters.", "text", TEXT, _lower),
    FunctionSpec(
        "TRIM", 1, 1, "TRIM(text)", "The text without spaces at its start and end.",
        "text", TEXT, _trim,
    ),
    FunctionSpec(
        "CONCAT", 1, None, "CONCAT(value, ...)",
        "The values joined into one text, each written as TEXT(value) would (blanks add nothing).",
        "text", TEXT, _concat, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "LEFT", 2, 2, "LEFT(text, count)", "The first 'count' characters of the text.",
        "text", TEXT, _left,
    ),
    FunctionSpec(
        "RIGHT", 2, 2, "RIGHT(text, count)", "The last 'count' characters of the text.",
        "text", TEXT, _right,
    ),
    FunctionSpec(
        "MID", 3, 3, "MID(text, start, count)",
        "'count' characters of the text from position 'start' (the first character is 1).",
        "text", TEXT, _mid,
    ),
    FunctionSpec(
        "REPLACE", 3, 3, "REPLACE(text, old, new)",
        "The text with every 'old' replaced by 'new'.", "text", TEXT, _replace,
    ),
    FunctionSpec(
        "CONTAINS", 2, 2, "CONTAINS(text, part)",
        "True when the text contains the part (case-sensitive; false when blank).",
        "text", BOOLEAN, _predicate("CONTAINS", str.__contains__), blank_in_blank_out=False,
    ),
    FunctionSpec(
        "STARTSWITH", 2, 2, "STARTSWITH(text, part)",
        "True when the text starts with the part (case-sensitive; false when blank).",
        "text", BOOLEAN, _predicate("STARTSWITH", str.startswith), blank_in_blank_out=False,
    ),
    FunctionSpec(
        "ENDSWITH", 2, 2, "ENDSWITH(text, part)",
        "True when the text ends with the part (case-sensitive; false when blank).",
        "text", BOOLEAN, _predicate("ENDSWITH", str.endswith), blank_in_blank_out=False,
    ),
    FunctionSpec(
        "TEXT", 1, 2, "TEXT(value, format?)",
        "The value as text: TEXT(number, decimals) or TEXT(date, 'dd/MM/yyyy').",
        "text", TEXT, _text,
    ),
    FunctionSpec(
        "NUMBER", 1, 1, "NUMBER(text)",
        "The number written in the text, like '1234.5' (blank for empty text).",
        "text", NUMBER, _number,
    ),
    FunctionSpec(
        "LPAD", 2, 3, "LPAD(value, length, fill?)",
        "The text or whole number padded on the left to 'length' with 'fill' (a space if omitted).",
        "text", TEXT, _lpad,
    ),
)
# fmt: on
