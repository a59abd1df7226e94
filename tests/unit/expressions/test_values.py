"""How record values enter an expression, and what kinds of values come out."""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, time
from decimal import Decimal
from typing import Any

import pytest

from engine.expressions import compile_expression
from tests.unit.expressions.helpers import FIELDS, run


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Decimal(3)),
        (0.1, Decimal("0.1")),
        (1e-7, Decimal("1E-7")),
        (2.5e20, Decimal("2.5E+20")),
        (Decimal("1.230"), Decimal("1.230")),
        (Decimal("-0"), Decimal("0")),
        ("3", "3"),
        (True, True),
        (None, None),
        (date(2024, 1, 2), date(2024, 1, 2)),
        (time(8, 30), time(8, 30)),
        (datetime(2024, 1, 2, 3), datetime(2024, 1, 2, 3, tzinfo=UTC)),
        (["a", 1], ["a", Decimal(1)]),
        (("a", "b"), ["a", "b"]),
    ],
)
def test_values_are_converted(value: Any, expected: Any) -> None:
    result = run("location", location=value)
    assert result == expected
    assert type(result) is type(expected)


def test_a_field_missing_from_the_values_is_blank() -> None:
    assert compile_expression("quantity", FIELDS).evaluate({}) is None


def test_only_the_fields_the_expression_reads_are_converted() -> None:
    compiled = compile_expression("quantity + 1", FIELDS)
    assert compiled.evaluate({"quantity": 1, "location": object()}) == 2


class Colour(enum.Enum):
    RED = "red"


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (float("nan"), "field 'location' is not a finite number"),
        (float("inf"), "field 'location' is not a finite number"),
        (Decimal("NaN"), "field 'location' is not a finite number"),
        (10**30, "field 'location' is too large: numbers must stay below 10^30"),
        (Decimal("1e40"), "field 'location' is too large: numbers must stay below 10^30"),
        ({"lat": 1}, "field 'location' holds a value of a kind expressions cannot use (dict)"),
        (b"abc", "field 'location' holds a value of a kind expressions cannot use (bytes)"),
        (object(), "field 'location' holds a value of a kind expressions cannot use (object)"),
        (Colour.RED, "field 'location' holds a value of a kind expressions cannot use (Colour)"),
        ({"a"}, "field 'location' holds a value of a kind expressions cannot use (set)"),
        ([["a"]], "field 'location' is a list of lists, which expressions cannot use"),
        (["a"] * 1001, "field 'location' has too many items: lists are limited to 1,000 items"),
    ],
)
def test_values_of_other_kinds_are_refused(value: Any, message: str) -> None:
    compiled = compile_expression("location", FIELDS)
    with pytest.raises(ValueError) as info:
        compiled.evaluate({"location": value})
    assert info.value.args[0] == message
    assert getattr(info.value, "position", "missing") is None


def test_results_are_plain_values() -> None:
    result = run("[quantity, name, active, received_on]", quantity=1, name="a", active=True,
                 received_on=date(2024, 1, 1))  # fmt: skip
    assert [type(item) for item in result] == [Decimal, str, bool, date]
