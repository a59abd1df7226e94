"""Math: ROUND, ROUNDUP, ROUNDDOWN, ABS, MIN, MAX, SUM, AVG, INT, MOD, POWER.

Rounding follows spreadsheets: ROUND rounds halves away from zero, ROUNDUP away from zero,
ROUNDDOWN toward zero, INT down. MIN, MAX, SUM and AVG take values and lists of values and
skip blanks.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_DOWN, ROUND_FLOOR, ROUND_HALF_UP, ROUND_UP, Decimal, InvalidOperation
from typing import Any

from engine.expressions.context import EvaluationContext
from engine.expressions.functions.args import number, problem, whole
from engine.expressions.functions.spec import FunctionSpec
from engine.expressions.limits import MAX_EXPONENT
from engine.expressions.operators import floor_divmod, power
from engine.expressions.values import NUMBER, ORDERED_TYPES, check_number, describe, kind_of

MAX_DIGITS = 30
"""Largest absolute digit count of ROUND, ROUNDUP and ROUNDDOWN."""


def round_to(value: Decimal, digits: int, rounding: str) -> Decimal:
    """``value`` rounded to ``digits`` decimals (negative: to tens, hundreds...)."""
    try:
        result = value.quantize(Decimal(1).scaleb(-digits), rounding=rounding)
    except InvalidOperation:
        # More decimals than the 34 significant digits can hold: nothing is left to round.
        return value
    if digits < 0:
        result = result.quantize(Decimal(1))  # 1.2E+3 -> 1200
    return check_number(result)


def _rounding(name: str, rounding: str) -> Any:
    def run(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
        value = number(name, "the number", args[0])
        digits = 0
        if len(args) > 1:
            digits = whole(name, "digits", args[1], low=-MAX_DIGITS, high=MAX_DIGITS)
        return round_to(value, digits, rounding)

    return run


def _abs(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    return abs(number("ABS", "the number", args[0]))


def _int(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    value = number("INT", "the number", args[0])
    return check_number(value.to_integral_value(rounding=ROUND_FLOOR).quantize(Decimal(1)))


def _mod(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    left = number("MOD", "the number", args[0])
    right = number("MOD", "the divisor", args[1])
    if not right:
        raise problem("MOD", "division by zero")
    return check_number(floor_divmod(left, right)[1])


def _power(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    base = number("POWER", "the number", args[0])
    exponent = number("POWER", "the power", args[1])
    result: Decimal = power(base, exponent)
    return result


def _values(args: Sequence[Any]) -> list[Any]:
    """The arguments with lists spread out and blanks left out."""
    out: list[Any] = []
    for arg in args:
        if type(arg) is list:
            out.extend(item for item in arg if item is not None)
        elif arg is not None:
            out.append(arg)
    return out


def _numbers(name: str, args: Sequence[Any]) -> list[Decimal]:
    values = _values(args)
    for value in values:
        if type(value) is not Decimal:
            raise problem(name, f"every value must be a number, but one is {describe(value)}")
    return values


def _extreme(name: str, pick: Any) -> Any:
    def run(ctx: EvaluationContext, args: Sequence[Any]) -> Any:
        values = _values(args)
        if not values:
            return None
        kind = type(values[0])
        if kind not in ORDERED_TYPES:
            raise problem(name, f"cannot compare values of kind {kind_of(values[0])}")
        for value in values:
            if type(value) is not kind:
                raise problem(
                    name,
                    f"all values must be of one kind, but there are {kind_of(values[0])} "
                    f"and {kind_of(value)} values",
                )
        return pick(values)

    return run


def _sum(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal:
    return check_number(sum(_numbers("SUM", args), Decimal(0)))


def _avg(ctx: EvaluationContext, args: Sequence[Any]) -> Decimal | None:
    values = _numbers("AVG", args)
    if not values:
        return None
    return check_number(sum(values, Decimal(0)) / len(values))


# fmt: off
NUMBER_FUNCTIONS = (
    FunctionSpec(
        "ROUND", 1, 2, "ROUND(number, digits?)",
        "The number rounded to 'digits' decimals (0 if omitted); halves round away from zero.",
        "math", NUMBER, _rounding("ROUND", ROUND_HALF_UP),
    ),
    FunctionSpec(
        "ROUNDUP", 1, 2, "ROUNDUP(number, digits?)",
        "The number rounded away from zero to 'digits' decimals (0 if omitted).",
        "math", NUMBER, _rounding("ROUNDUP", ROUND_UP),
    ),
    FunctionSpec(
        "ROUNDDOWN", 1, 2, "ROUNDDOWN(number, digits?)",
        "The number rounded toward zero to 'digits' decimals (0 if omitted).",
        "math", NUMBER, _rounding("ROUNDDOWN", ROUND_DOWN),
    ),
    FunctionSpec(
        "ABS", 1, 1, "ABS(number)", "The number without its sign.", "math", NUMBER, _abs,
    ),
    FunctionSpec(
        "MIN", 1, None, "MIN(value, ...)",
        "The smallest of the numbers, dates, times or texts given (lists are looked into).",
        "math", None, _extreme("MIN", min), blank_in_blank_out=False,
    ),
    FunctionSpec(
        "MAX", 1, None, "MAX(value, ...)",
        "The largest of the numbers, dates, times or texts given (lists are looked into).",
        "math", None, _extreme("MAX", max), blank_in_blank_out=False,
    ),
    FunctionSpec(
        "SUM", 1, None, "SUM(number, ...)",
        "The total of the numbers given (lists are looked into, blanks count as nothing).",
        "math", NUMBER, _sum, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "AVG", 1, None, "AVG(number, ...)",
        "The average of the numbers given, blanks left out (blank when there are none).",
        "math", NUMBER, _avg, blank_in_blank_out=False,
    ),
    FunctionSpec(
        "INT", 1, 1, "INT(number)", "The number rounded down to a whole number.",
        "math", NUMBER, _int,
    ),
    FunctionSpec(
        "MOD", 2, 2, "MOD(number, divisor)",
        "The remainder of dividing the number by the divisor, with the divisor's sign.",
        "math", NUMBER, _mod,
    ),
    FunctionSpec(
        "POWER", 2, 2, "POWER(number, power)",
        f"The number raised to the power (between -{MAX_EXPONENT} and {MAX_EXPONENT}).",
        "math", NUMBER, _power,
    ),
)
# fmt: on
