"""The ``integer`` field type: whole numbers in a 64-bit column."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import BigInteger

from engine.definitions.specs import IntegerFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry

INT64_MAX = 2**63 - 1
INT64_MIN = -(2**63)


def spec(**kw: Any) -> IntegerFieldSpec:
    return IntegerFieldSpec(id="quantity", label="Quantity", type="integer", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("integer")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (42, 42),
        (-7, -7),
        (0, 0),
        (3.0, 3),
        (-2.0, -2),
        ("42", 42),
        (" 42 ", 42),
        ("-5", -5),
        ("+5", 5),
        (INT64_MAX, INT64_MAX),
        (INT64_MIN, INT64_MIN),
        (str(INT64_MAX), INT64_MAX),
    ],
)
def test_clean_coerces_to_int(ft: FieldType[Any], raw: Any, expected: int) -> None:
    value = ft.clean(spec(), raw)
    assert value == expected
    assert type(value) is int


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(min=1), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=1, max=2), None) is None


@pytest.mark.parametrize(
    "raw", [True, False, 3.5, float("nan"), float("inf"), "4.0", "1e3", "abc", [1], {"n": 1}]
)
def test_clean_refuses_non_whole_numbers(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"
    assert "whole number" in info.value.message


@pytest.mark.parametrize("raw", [INT64_MAX + 1, INT64_MIN - 1, str(INT64_MAX + 1), 1e19])
def test_clean_refuses_values_outside_int64(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "range"


def test_min_and_max_are_inclusive(ft: FieldType[Any]) -> None:
    s = spec(min=1, max=10)
    assert ft.clean(s, 1) == 1
    assert ft.clean(s, 10) == 10
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 0)
    assert (info.value.code, info.value.message) == ("min", "must be at least 1")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "11")
    assert (info.value.code, info.value.message) == ("max", "must be at most 10")


def test_negative_bounds(ft: FieldType[Any]) -> None:
    s = spec(min=-10, max=-1)
    assert ft.clean(s, -5) == -5
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 0)
    assert info.value.code == "max"


def test_to_json_returns_the_int(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), 42) == 42
    assert ft.to_json(spec(), None) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "17") == 17
    assert ft.parse_filter_value(spec(), " -3 ") == -3
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "seventeen")
    assert info.value.code == "type"


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "integer", "format": "int64"}
    assert ft.json_schema(spec(min=0, max=100)) == {
        "type": "integer",
        "format": "int64",
        "minimum": 0,
        "maximum": 100,
    }
    # A bound of zero is still a bound.
    assert ft.json_schema(spec(max=0))["maximum"] == 0


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), BigInteger)
    assert ft.sql_signature(spec()) == "bigint"
    assert ft.sql_signature(spec(min=1)) == ft.sql_signature(spec())


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "integer"
    assert ft.spec_model is IntegerFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert "contains" not in ft.filter_operators


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=5, max=5)) == []
    assert ft.check_spec(spec(min=6, max=5)) == [("max", "must not be less than min")]
    assert ft.check_spec(spec(min=6)) == []
