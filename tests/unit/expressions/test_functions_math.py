"""ROUND, ROUNDUP, ROUNDDOWN, ABS, MIN, MAX, SUM, AVG, INT, MOD, POWER."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.unit.expressions.helpers import evaluate_fails, fails, run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("ROUND(2.5)", "3"),
        ("ROUND(-2.5)", "-3"),
        ("ROUND(2.4)", "2"),
        ("ROUND(1.005, 2)", "1.01"),
        ("ROUND(2.675, 2)", "2.68"),
        ("ROUND(1234.5678, -2)", "1200"),
        ("ROUND(1250, -2)", "1300"),
        ("ROUND(0.1 + 0.2, 1)", "0.3"),
        ("ROUND(1, 2)", "1.00"),
        ("ROUND(1.23456789, 8)", "1.23456789"),
        ("ROUND(1.23456789, 12)", "1.234567890000"),
        ("ROUNDUP(1.21, 1)", "1.3"),
        ("ROUNDUP(-1.21, 1)", "-1.3"),
        ("ROUNDUP(1.2)", "2"),
        ("ROUNDDOWN(1.29, 1)", "1.2"),
        ("ROUNDDOWN(-1.29, 1)", "-1.2"),
        ("ROUNDDOWN(1999, -3)", "1000"),
        ("ABS(-3.5)", "3.5"),
        ("ABS(2)", "2"),
        ("INT(3.7)", "3"),
        ("INT(-3.2)", "-4"),
        ("INT(5)", "5"),
        ("MOD(7, 3)", "1"),
        ("MOD(-7, 3)", "2"),
        ("MOD(7, -3)", "-2"),
        ("MOD(5.5, 2)", "1.5"),
        ("POWER(2, 8)", "256"),
        ("POWER(9, 0.5)", "3"),
        ("POWER(2, -1)", "0.5"),
        ("POWER(2.25, 0.5)", "1.5"),
        ("POWER(2, 0.5)", "1.414213562373095048801688724209698"),
        ("SUM(1, 2.5, 3)", "6.5"),
        ("SUM([1, 2], 3, null)", "6"),
        ("SUM(null)", "0"),
        ("AVG(1, 2)", "1.5"),
        ("AVG([1, 2, null], 6)", "3"),
        ("MIN(3, 1, 2)", "1"),
        ("MAX(3, 1, 2)", "3"),
        ("MIN([5, 4], null, 6)", "4"),
        ("MAX(-1, -0.5)", "-0.5"),
    ],
)
def test_math(source: str, expected: str) -> None:
    result = run(source)
    assert type(result) is Decimal
    assert format(result, "f") == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("AVG(null)", None),
        ("MIN(null)", None),
        ("MAX(null, [])", None),
        ("MIN('b', 'a')", "a"),
        ("MAX(DATE(2024, 1, 1), DATE(2023, 5, 5))", date(2024, 1, 1)),
    ],
)
def test_min_max_avg_other_values(source: str, expected: Any) -> None:
    assert run(source) == expected


@pytest.mark.parametrize(
    "source",
    ["ROUND(quantity)", "ROUND(quantity, 2)", "ROUND(1, quantity)", "ROUNDUP(quantity)",
     "ROUNDDOWN(quantity)", "ABS(quantity)", "INT(quantity)", "MOD(quantity, 2)",
     "MOD(2, quantity)", "POWER(quantity, 2)", "POWER(2, quantity)"],
)  # fmt: skip
def test_blank_in_blank_out(source: str) -> None:
    assert run(source) is None


def test_fields_in_math() -> None:
    assert run("ROUND(quantity * unit_price, 2)", quantity=3, unit_price=0.333) == Decimal("1.00")
    assert run("SUM(quantity, weight)", quantity=2, weight=0.5) == Decimal("2.5")
    assert run("MAX(received_on, due_on)", received_on=date(2024, 1, 1)) == date(2024, 1, 1)


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("ROUND('a')", "ROUND: the number must be a number, but it is text 'a'"),
        ("ROUND(1.5, 'a')", "ROUND: digits must be a whole number, but it is text 'a'"),
        ("ROUND(1.5, 0.5)", "ROUND: digits must be a whole number, but it is number 0.5"),
        ("ROUND(1.5, 31)", "ROUND: digits must be at most 30, but it is 31"),
        ("ROUND(1.5, -31)", "ROUND: digits must be at least -30, but it is -31"),
        ("ROUNDUP(true)", "ROUNDUP: the number must be a number, but it is yes/no true"),
        ("ROUNDDOWN([1])", "ROUNDDOWN: the number must be a number, but it is a list of 1 item"),
        ("ABS('1')", "ABS: the number must be a number, but it is text '1'"),
        ("INT(DATE(2024, 1, 1))", "INT: the number must be a number, but it is date 2024-01-01"),
        ("MOD('7', 2)", "MOD: the number must be a number, but it is text '7'"),
        ("MOD(7, '2')", "MOD: the divisor must be a number, but it is text '2'"),
        ("MOD(7, 0)", "MOD: division by zero"),
        ("POWER('2', 2)", "POWER: the number must be a number, but it is text '2'"),
        ("POWER(2, '2')", "POWER: the power must be a number, but it is text '2'"),
        ("POWER(2, 101)", "the power is too large: the exponent must be between -100 and 100"),
        ("POWER(10, 30)", "the result is too large: numbers must stay below 10^30"),
        ("SUM(1, 'a')", "SUM: every value must be a number, but one is text 'a'"),
        ("SUM(['a'])", "SUM: every value must be a number, but one is text 'a'"),
        ("AVG(1, true)", "AVG: every value must be a number, but one is yes/no true"),
        (
            "MIN(1, 'a')",
            "MIN: all values must be of one kind, but there are number and text values",
        ),
        ("MAX(true, false)", "MAX: cannot compare values of kind yes/no"),
    ],
)
def test_bad_arguments(source: str, message: str) -> None:
    error = fails(source)
    assert error.message == message
    assert error.position == 1


def test_sum_result_is_bounded() -> None:
    error = evaluate_fails("SUM(weight, weight)", weight=Decimal("9e29"))
    assert error.message == "the result is too large: numbers must stay below 10^30"
