"""The ``decimal`` field type: exact numbers, returned as strings with the field's scale."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest

from engine.definitions.specs import DecimalFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry
from engine.storage.types import ExactDecimal


def spec(**kw: Any) -> DecimalFieldSpec:
    return DecimalFieldSpec(id="weight", label="Weight", type="decimal", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("decimal")


def test_spec_defaults_are_precision_15_scale_2() -> None:
    s = spec()
    assert (s.precision, s.scale) == (15, 2)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.5", "12.50"),
        (" 12.5 ", "12.50"),
        ("-0.01", "-0.01"),
        ("1.500", "1.50"),
        ("1E+2", "100.00"),
        (12, "12.00"),
        (0, "0.00"),
        (12.25, "12.25"),
        (0.1, "0.10"),
    ],
)
def test_clean_quantizes_to_the_scale(ft: FieldType[Any], raw: Any, expected: str) -> None:
    value = ft.clean(spec(), raw)
    assert isinstance(value, Decimal)
    assert str(value) == expected
    assert value.as_tuple().exponent == -2


def test_decimal_arithmetic_is_exact(ft: FieldType[Any]) -> None:
    s = spec()
    total = ft.clean(s, "0.1") + ft.clean(s, "0.2")
    assert total == ft.clean(s, "0.3") == Decimal("0.3")
    assert ft.to_json(s, total) == "0.30"
    # Floats are read through their shortest repr, not their binary expansion.
    assert ft.clean(s, 0.1) == Decimal("0.1")
    assert ft.clean(s, 0.1) + ft.clean(s, 0.2) == Decimal("0.3")


def test_float_noise_is_refused_rather_than_rounded(ft: FieldType[Any]) -> None:
    # 0.1 + 0.2 as floats is 0.30000000000000004: more places than the scale allows.
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), 0.1 + 0.2)
    assert info.value.code == "scale"


def test_fifteen_significant_digits_round_trip(ft: FieldType[Any]) -> None:
    s = spec(precision=15, scale=2)
    for raw in ("9999999999999.99", "-9999999999999.99", "1234567890123.45"):
        assert ft.to_json(s, ft.clean(s, raw)) == raw
    assert ft.to_json(s, ft.clean(s, 1234567890123.45)) == "1234567890123.45"
    s4 = spec(precision=15, scale=4)
    assert ft.to_json(s4, ft.clean(s4, "12345678901.2345")) == "12345678901.2345"


def test_precision_limits_the_integer_digits(ft: FieldType[Any]) -> None:
    s = spec(precision=5, scale=2)
    assert str(ft.clean(s, "999.99")) == "999.99"
    assert str(ft.clean(s, "-999.99")) == "-999.99"
    for raw in ("1000", "-1000", 1000, "1000.00"):
        with pytest.raises(FieldValueError) as info:
            ft.clean(s, raw)
        assert info.value.code == "precision"
        assert info.value.message == "must have at most 3 digits before the decimal point"


def test_precision_at_the_default_limit(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), "10000000000000")  # 14 integer digits, 13 allowed
    assert info.value.code == "precision"


@pytest.mark.parametrize("raw", ["1e30", 10**30, 1e30])
def test_huge_values_are_refused_with_precision(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "precision"


def test_scale_limits_the_decimal_places(ft: FieldType[Any]) -> None:
    s = spec(precision=10, scale=2)
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "1.505")
    assert (info.value.code, info.value.message) == ("scale", "must have at most 2 decimal places")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 1.005)
    assert info.value.code == "scale"
    # Trailing zeros beyond the scale change nothing, so they are fine.
    assert str(ft.clean(s, "1.5000000")) == "1.50"


def test_scale_zero(ft: FieldType[Any]) -> None:
    s = spec(precision=4, scale=0)
    assert str(ft.clean(s, "12")) == "12"
    assert str(ft.clean(s, "12.0")) == "12"
    assert ft.to_json(s, ft.clean(s, 12)) == "12"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "12.5")
    assert info.value.code == "scale"


@pytest.mark.parametrize(
    "raw", [True, False, "abc", "1,5", "NaN", "Infinity", "-inf", float("nan"), [1], {"v": 1}]
)
def test_clean_refuses_non_numbers(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(min=Decimal(1)), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=Decimal(1)), None) is None


def test_min_and_max(ft: FieldType[Any]) -> None:
    s = spec(min=Decimal("0.5"), max=Decimal("99.95"))
    assert str(ft.clean(s, "0.5")) == "0.50"
    assert str(ft.clean(s, "99.95")) == "99.95"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "0.49")
    assert (info.value.code, info.value.message) == ("min", "must be at least 0.5")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 100)
    assert (info.value.code, info.value.message) == ("max", "must be at most 99.95")


def test_to_json_is_a_string_with_the_scale(ft: FieldType[Any]) -> None:
    s = spec(precision=10, scale=3)
    assert ft.to_json(s, ft.clean(s, "2")) == "2.000"
    assert ft.to_json(s, ft.clean(s, 0.5)) == "0.500"
    assert ft.to_json(s, ft.clean(s, "-1.25")) == "-1.250"
    assert ft.to_json(s, None) is None
    # Never scientific notation.
    assert ft.to_json(s, ft.clean(s, "1E+6")) == "1000000.000"


def test_to_json_never_uses_exponents_for_small_values(ft: FieldType[Any]) -> None:
    s = spec(precision=12, scale=10)
    assert ft.to_json(s, ft.clean(s, "0")) == "0.0000000000"
    assert ft.to_json(s, ft.clean(s, "0.0000001")) == "0.0000001000"
    assert ft.to_json(s, ft.clean(s, 1e-7)) == "0.0000001000"


def test_to_json_matches_its_json_schema_pattern(ft: FieldType[Any]) -> None:
    s = spec(precision=12, scale=4)
    pattern = ft.json_schema(s)["pattern"]
    for raw in ("0", "-3.5", "12345678.1234", 7, 0.25):
        assert re.search(pattern, ft.to_json(s, ft.clean(s, raw)))


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "12.5") == Decimal("12.50")
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "twelve")
    assert info.value.code == "type"


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec(precision=9, scale=3))
    assert schema["type"] == "string"
    assert schema["format"] == "decimal"
    assert schema["pattern"] == r"^-?\d+(\.\d+)?$"
    assert "9 digits" in schema["description"]
    assert "3 after the point" in schema["description"]


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec(precision=9, scale=3))
    assert isinstance(column, ExactDecimal)
    assert (column.precision, column.scale) == (9, 3)
    assert ft.sql_signature(spec(precision=9, scale=3)) == "numeric(9,3)"
    assert ft.sql_signature(spec(precision=9, scale=4)) != "numeric(9,3)"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "decimal"
    assert ft.spec_model is DecimalFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert ft.compatible_from == {"integer"}


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=Decimal("1.5"))
    assert ft.clean(s, ft.default_value(s)) == Decimal("1.50")


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(precision=4, scale=4)) == []
    assert ft.check_spec(spec(min=Decimal(2), max=Decimal(2))) == []
    assert ft.check_spec(spec(min=Decimal("2.5"), max=Decimal("2.4"))) == [
        ("max", "must not be less than min")
    ]
    assert ft.check_spec(spec(precision=3, scale=4)) == [
        ("scale", "must not be more than precision")
    ]
    assert [
        p for p, _ in ft.check_spec(spec(precision=3, scale=4, min=Decimal(9), max=Decimal(1)))
    ] == [
        "max",
        "scale",
    ]


def test_spec_refuses_precision_over_15() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        spec(precision=16)
