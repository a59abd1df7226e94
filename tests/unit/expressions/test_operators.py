"""Operators: exact Decimal arithmetic, blanks, comparisons, 'in', lists and bounds."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from tests.unit.expressions.helpers import evaluate_fails, fails, run


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("0.1 + 0.2", Decimal("0.3")),
        ("0.1 + 0.2 == 0.3", True),
        ("1 - 0.9", Decimal("0.1")),
        ("1.10 * 3", Decimal("3.30")),
        ("1 / 3", Decimal("0.3333333333333333333333333333333333")),
        ("10 / 4", Decimal("2.5")),
        ("7 // 2", Decimal(3)),
        ("-7 // 2", Decimal(-4)),
        ("7 % 3", Decimal(1)),
        ("-7 % 3", Decimal(2)),
        ("7 % -3", Decimal(-2)),
        ("7.5 % 2", Decimal("1.5")),
        ("2 ** 10", Decimal(1024)),
        ("2 ** -2", Decimal("0.25")),
        ("4 ** 0.5", Decimal(2)),
        ("2 ** 3 ** 2", Decimal(512)),
        ("-2 ** 2", Decimal(-4)),
        ("(1 + 2) * 3", Decimal(9)),
        ("1e3", Decimal(1000)),
        ("1_000 + 0x10", Decimal(1016)),
        ("-(1 - 1)", Decimal(0)),
        ("+5", Decimal(5)),
        ("'ab' + 'cd'", "abcd"),
        ("'ab' * 3", "ababab"),
        ("3 * 'ab'", "ababab"),
        ("'ab' * 0", ""),
        ("'ab' * -1", ""),
        ("[1, 2] + [3]", [Decimal(1), Decimal(2), Decimal(3)]),
    ],
)
def test_arithmetic(source: str, expected: Any) -> None:
    result = run(source)
    assert result == expected
    assert type(result) is type(expected)


def test_numbers_are_decimal_and_keep_their_scale() -> None:
    assert str(run("quantity * unit_price", quantity=3, unit_price=Decimal("9.99"))) == "29.97"
    assert str(run("1.50 + 1")) == "2.50"


def test_negative_zero_becomes_zero() -> None:
    result = run("quantity * -1", quantity=0)
    assert result == 0
    assert not result.is_signed()


def test_float_values_are_exact_through_repr() -> None:
    assert run("weight * 3", weight=0.1) == Decimal("0.3")
    assert run("weight + 0.2 == 0.3", weight=0.1) is True


def test_int_values_stay_exact() -> None:
    big = 10**28 + 1
    assert run("quantity + 1", quantity=big) == Decimal(big + 1)


@pytest.mark.parametrize(
    "source",
    ["quantity + 1", "1 + quantity", "quantity - 1", "quantity * 2", "quantity / 2",
     "quantity // 2", "quantity % 2", "quantity ** 2", "-quantity", "+quantity",
     "name + 'x'", "'x' * quantity", "tags + [1]", "null + 1", "location + 1"],
)  # fmt: skip
def test_blank_in_blank_out(source: str) -> None:
    assert run(source) is None


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("quantity == null", True),
        ("quantity != null", False),
        ("quantity == None", True),
        ("quantity == 0", False),
        ("quantity != 0", True),
        ("quantity < 1", False),
        ("quantity <= 1", False),
        ("quantity > 1", False),
        ("quantity >= 1", False),
        ("1 < quantity", False),
        ("quantity in [1, 2]", False),
        ("quantity in [1, null]", True),
        ("1 in tags", False),
        ("1 not in tags", True),
        ("'a' in name", False),
        ("name in 'abc'", False),
        ("not quantity", True),
        ("quantity and true", None),
        ("quantity or 5", Decimal(5)),
        ("'yes' if quantity else 'no'", "no"),
    ],
)
def test_comparisons_with_blank(source: str, expected: Any) -> None:
    assert run(source) == expected


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("1 == 1.0", True),
        ("1 != 2", True),
        ("'a' == 'a'", True),
        ("'a' == 'A'", False),
        ("1 == '1'", False),
        ("1 == true", False),
        ("0 == false", False),
        ("true == True", True),
        ("null == None", True),
        ("[1, 2] == [1, 2]", True),
        ("[1, 2] == [1.0, 2.00]", True),
        ("[1] == [true]", False),
        ("[1] == [1, 2]", False),
        ("1 < 2 < 3", True),
        ("1 < 3 < 2", False),
        ("3 > 2 >= 2", True),
        ("'apple' < 'banana'", True),
        ("2 <= 2", True),
        ("1 in [1, 2]", True),
        ("3 not in [1, 2]", True),
        ("'1' in [1, 2]", False),
        ("'ell' in 'hello'", True),
        ("'x' not in 'hello'", True),
        ("true and false", False),
        ("true or false", True),
        ("not true", False),
        ("not 0", True),
        ("not ''", True),
        ("not []", True),
        ("1 and 2", Decimal(2)),
        ("0 or 'x'", "x"),
        ("'big' if 5 > 3 else 'small'", "big"),
        ("'big' if 2 > 3 else 'small'", "small"),
        ("TRUE", True),
        ("False", False),
        ("NULL", None),
    ],
)
def test_comparisons_and_logic(source: str, expected: Any) -> None:
    assert run(source) == expected


def test_dates_times_and_datetimes_compare() -> None:
    assert run("received_on < due_on", received_on=date(2024, 1, 1), due_on=date(2024, 1, 2))
    assert run("received_on == DATE(2024, 1, 1)", received_on=date(2024, 1, 1))
    assert run("shipped_at > NOW()") is False


def test_and_or_short_circuit() -> None:
    assert run("quantity != 0 and 10 / quantity > 1", quantity=0) is False
    assert run("quantity == 0 or 10 / quantity > 1", quantity=0) is True
    assert run("0 if quantity == 0 else 10 / quantity", quantity=0) == 0


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("tags[0]", "red"),
        ("tags[1]", "blue"),
        ("tags[-1]", "blue"),
        ("tags[2]", None),
        ("tags[-3]", None),
        ("tags[quantity]", "blue"),
        ("[10, 20, 30][1]", Decimal(20)),
    ],
)
def test_list_index_is_zero_based_and_blank_when_out_of_range(source: str, expected: Any) -> None:
    assert run(source, tags=["red", "blue"], quantity=1) == expected


def test_runtime_positions_count_the_blanks_before_the_expression() -> None:
    error = evaluate_fails("  \n  quantity / 0", quantity=1)
    assert (error.message, error.position) == ("division by zero", 6)


def test_list_index_of_blank() -> None:
    assert run("tags[0]") is None
    assert run("tags[quantity]", tags=["a"]) is None


def test_list_index_must_be_whole() -> None:
    error = evaluate_fails("tags[weight]", tags=["a"], weight=0.5)
    assert error.message == "a list index must be a whole number, not number 0.5"
    assert error.position == 1


@pytest.mark.parametrize(
    ("source", "values", "message", "position"),
    [
        ("quantity / 0", {"quantity": 1}, "division by zero", 1),
        ("1 + quantity // 0", {"quantity": 1}, "division by zero", 5),
        ("quantity % 0", {"quantity": 1}, "division by zero", 1),
        (
            "location + 1",
            {"location": "a"},
            "cannot add text and number with '+'; use CONCAT(...) to join text with other values",
            1,
        ),
        ("tags[0] - 2", {"tags": ["a", "b"]}, None, 1),
        ("location + 1", {"location": "x"}, None, 1),
        ("'a' * quantity", {"quantity": Decimal("1.5")}, None, 1),
        ("weight ** 101", {"weight": 2}, None, 1),
        ("weight ** 0.5", {"weight": -4}, None, 1),
        ("weight ** -1", {"weight": 0}, "division by zero", 1),
        ("weight ** 0", {"weight": 0}, "0 to the power of 0 is undefined", 1),
        ("weight * 1e29", {"weight": 10}, None, 1),
        ("weight / 1e-10", {"weight": 10**25}, None, 1),
        ("weight // 1e-10", {"weight": 10**25}, None, 1),
    ],
)
def test_runtime_errors(
    source: str, values: dict[str, Any], message: str | None, position: int
) -> None:
    error = evaluate_fails(source, **values)
    if message is not None:
        assert error.message == message
    assert error.position == position
    assert error.source == source


@pytest.mark.parametrize(
    ("source", "message"),
    [
        (
            "tags[0] - 2",
            "cannot subtract text and number with '-'; use NUMBER(text) to turn text into a number",
        ),
        ("'a' * quantity", "text can only be repeated a whole number of times"),
        ("weight ** 101", "the power is too large: the exponent must be between -100 and 100"),
        ("weight ** 0.5", "a negative number cannot be raised to a fractional power"),
        ("weight * 1e29", "the result is too large: numbers must stay below 10^30"),
        ("weight / 1e-10", "the result is too large: numbers must stay below 10^30"),
        ("weight // 1e-10", "the result is too large: numbers must stay below 10^30"),
    ],
)
def test_runtime_error_messages(source: str, message: str) -> None:
    values = {"tags": ["a"], "quantity": Decimal("1.5"), "weight": 10**25}
    if "0.5" in source:
        values["weight"] = -4
    if "1e29" in source:
        values["weight"] = 10
    assert evaluate_fails(source, **values).message == message


def test_text_results_are_bounded() -> None:
    error = evaluate_fails("name * 10001", name="a")
    assert error.message == "the result is too long: text is limited to 10,000 characters"
    assert run("name * 10000", name="a") == "a" * 10000
    assert evaluate_fails("name + name", name="a" * 5001).message.startswith(
        "the result is too long"
    )


def test_list_results_are_bounded() -> None:
    error = evaluate_fails("tags + tags", tags=["a"] * 600)
    assert error.message == "the result is too long: lists are limited to 1,000 items"


def test_lists_hold_any_values_but_not_lists() -> None:
    assert run("[quantity, name, null]", quantity=1, name="a") == [Decimal(1), "a", None]
    error = evaluate_fails("[IF(active, tags, 1)]", active=True, tags=["a"])
    assert error.message == "lists inside lists are not allowed"


def test_operator_errors_name_the_kinds() -> None:
    error = fails("received_on - quantity", received_on=date(2024, 1, 1), quantity=1)
    assert error.message.startswith("cannot subtract date and number with '-'; use DAYS_BETWEEN")
    error = evaluate_fails("location < 1", location="x")
    assert error.message == "cannot compare text and number with '<'"
    error = evaluate_fails("1 in location", location=Decimal(1))
    assert error.message == "'in' needs a list or text on its right, not number"
