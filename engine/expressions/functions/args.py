"""Checks of function arguments, each raising a message naming the function and the argument."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from engine.expressions.errors import EvaluationProblem
from engine.expressions.values import describe


def problem(function: str, message: str) -> EvaluationProblem:
    """An error of ``function``, e.g. ``ROUND: digits must be a whole number``."""
    return EvaluationProblem(f"{function}: {message}")


def number(function: str, what: str, value: Any) -> Decimal:
    """``value`` when it is a number."""
    if type(value) is Decimal:
        return value
    raise problem(function, f"{what} must be a number, but it is {describe(value)}")


def whole(
    function: str, what: str, value: Any, *, low: int | None = None, high: int | None = None
) -> int:
    """``value`` as an int when it is a whole number within ``low``..``high``."""
    if type(value) is not Decimal or value != value.to_integral_value():
        raise problem(function, f"{what} must be a whole number, but it is {describe(value)}")
    result = int(value)
    if low is not None and result < low:
        raise problem(function, f"{what} must be at least {low}, but it is {result}")
    if high is not None and result > high:
        raise problem(function, f"{what} must be at most {high:,}, but it is {result}")
    return result


def text(function: str, what: str, value: Any) -> str:
    """``value`` when it is text."""
    if type(value) is str:
        return value
    raise problem(function, f"{what} must be text, but it is {describe(value)}")


def calendar_date(function: str, what: str, value: Any) -> date:
    """``value`` when it is a date (not a date and time)."""
    if type(value) is date:
        return value
    hint = "; use DATE_OF(...) to take its date" if type(value) is datetime else ""
    raise problem(function, f"{what} must be a date, but it is {describe(value)}{hint}")


def moment(function: str, what: str, value: Any) -> datetime:
    """``value`` when it is a date and time."""
    if type(value) is datetime:
        return value
    raise problem(function, f"{what} must be a date and time, but it is {describe(value)}")


def date_or_moment(function: str, what: str, value: Any) -> date:
    """``value`` when it is a date or a date and time."""
    if type(value) is date or type(value) is datetime:
        return value
    raise problem(
        function, f"{what} must be a date or a date and time, but it is {describe(value)}"
    )


def items(function: str, what: str, value: Any) -> list[Any]:
    """``value`` when it is a list."""
    if type(value) is list:
        return value
    raise problem(function, f"{what} must be a list, but it is {describe(value)}")
