"""The ``currency`` field type: an exact decimal amount in one ISO 4217 currency."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from engine.definitions.specs import CurrencyFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry
from engine.storage.types import ExactDecimal


def spec(**kw: Any) -> CurrencyFieldSpec:
    return CurrencyFieldSpec(id="unit_price", label="Unit price", type="currency", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("currency")


def test_spec_defaults() -> None:
    s = spec()
    assert (s.currency, s.precision, s.scale) == ("CNY", 15, 2)
    assert s.default is None


@pytest.mark.parametrize("code", ["usd", "US", "USDT", "U$D", ""])
def test_spec_refuses_currency_codes_that_are_not_three_capitals(code: str) -> None:
    with pytest.raises(ValidationError):
        spec(currency=code)


def test_spec_refuses_scale_over_4() -> None:
    assert spec(scale=4).scale == 4
    with pytest.raises(ValidationError):
        spec(scale=5)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12.5", "12.50"),
        (" 12.5 ", "12.50"),
        ("-0.01", "-0.01"),
        ("1E+2", "100.00"),
        (12, "12.00"),
        (0, "0.00"),
        (19.99, "19.99"),
        (Decimal("3.1"), "3.10"),
    ],
)
def test_clean_quantizes_to_the_scale(ft: FieldType[Any], raw: Any, expected: str) -> None:
    value = ft.clean(spec(), raw)
    assert isinstance(value, Decimal)
    assert str(value) == expected
    assert ft.to_json(spec(), value) == expected


def test_amounts_are_exact(ft: FieldType[Any]) -> None:
    s = spec()
    total = ft.clean(s, 0.1) + ft.clean(s, 0.2)
    assert total == Decimal("0.3")
    assert ft.to_json(s, total) == "0.30"
    assert sum((ft.clean(s, "0.01") for _ in range(100)), Decimal(0)) == Decimal("1.00")


def test_negative_zero_is_zero(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), ft.clean(spec(), "-0.00")) == "0.00"


def test_float_noise_is_refused_rather_than_rounded(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), 0.1 + 0.2)
    assert info.value.code == "scale"


def test_scale_four_for_unit_prices(ft: FieldType[Any]) -> None:
    s = spec(currency="USD", scale=4)
    assert ft.to_json(s, ft.clean(s, "0.0125")) == "0.0125"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "0.00125")
    assert (info.value.code, info.value.message) == ("scale", "must have at most 4 decimal places")


def test_scale_zero_for_currencies_without_cents(ft: FieldType[Any]) -> None:
    s = spec(currency="JPY", scale=0)
    assert ft.to_json(s, ft.clean(s, 1500)) == "1500"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "1500.5")
    assert info.value.code == "scale"


def test_precision_limits_the_integer_digits(ft: FieldType[Any]) -> None:
    s = spec(precision=5, scale=2)
    assert ft.to_json(s, ft.clean(s, "999.99")) == "999.99"
    for raw in ("1000", "-1000", 1e30, "1e30"):
        with pytest.raises(FieldValueError) as info:
            ft.clean(s, raw)
        assert info.value.code == "precision"


@pytest.mark.parametrize(
    "raw",
    [True, False, "abc", "¥12", "12 CNY", "1,000.00", "NaN", "-Infinity", float("inf"), [1], {}],
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
    assert ft.to_json(spec(), None) is None


def test_min_and_max(ft: FieldType[Any]) -> None:
    s = spec(min=Decimal("0.01"), max=Decimal("1000"))
    assert ft.clean(s, "0.01") == Decimal("0.01")
    assert ft.clean(s, 1000) == Decimal("1000.00")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 0)
    assert (info.value.code, info.value.message) == ("min", "must be at least 0.01")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "1000.01")
    assert (info.value.code, info.value.message) == ("max", "must be at most 1000")


def test_json_schema_carries_the_currency(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec(currency="EUR", precision=9, scale=3))
    assert schema["type"] == "string"
    assert schema["format"] == "decimal"
    assert schema["pattern"] == r"^-?\d+(\.\d+)?$"
    assert schema["x-currency"] == "EUR"
    assert schema["description"].startswith("Amount in EUR. ")
    assert "9 digits with 3 after the point" in schema["description"]
    assert ft.json_schema(spec())["x-currency"] == "CNY"


def test_json_schema_does_not_leak_into_decimal(
    ft: FieldType[Any], registry: FieldTypeRegistry
) -> None:
    from engine.definitions.specs import DecimalFieldSpec

    ft.json_schema(spec(currency="USD"))
    decimal_schema = registry.get("decimal").json_schema(
        DecimalFieldSpec(id="w", label="W", type="decimal")
    )
    assert "x-currency" not in decimal_schema
    assert not decimal_schema["description"].startswith("Amount")


def test_json_schema_is_valid_and_agrees_with_to_json(ft: FieldType[Any]) -> None:
    s = spec(currency="USD", precision=12, scale=4)
    schema = ft.json_schema(s)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for raw in ("0", "-3.5", "12345678.1234", 7, 0.25, "1E+3"):
        out = ft.to_json(s, ft.clean(s, raw))
        assert validator.is_valid(out), out
        assert re.fullmatch(r"-?\d+\.\d{4}", out)
    for bad in (12.5, "12,50", "1e3", "abc", "", None, True):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec(precision=12, scale=4))
    assert isinstance(column, ExactDecimal)
    assert (column.precision, column.scale) == (12, 4)
    assert ft.sql_signature(spec(precision=12, scale=4)) == "numeric(12,4)"
    # The currency is a label on the amount: changing it leaves the column alone.
    assert ft.sql_signature(spec(currency="USD")) == ft.sql_signature(spec(currency="EUR"))


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "currency"
    assert ft.spec_model is CurrencyFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.can_be_unique is True
    assert ft.numeric is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert ft.compatible_from == {"decimal", "integer", "percent"}
    assert ft.filter_condition(None, "eq", Decimal(1)) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "12.5") == Decimal("12.50")
    assert ft.parse_filter_value(spec(), "") is None
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "twelve")
    assert info.value.code == "type"
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "1.001")
    assert info.value.code == "scale"


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=Decimal("9.9"))
    default = ft.default_value(s)
    assert isinstance(default, Decimal)
    assert ft.clean(s, default) == Decimal("9.90")
    assert ft.to_json(s, ft.clean(s, default)) == "9.90"
    assert ft.default_value(spec()) is None
    # A definition document gives the default as JSON: pydantic turns it into a Decimal.
    parsed = CurrencyFieldSpec.model_validate(
        {"id": "p", "label": "P", "type": "currency", "default": "12.5"}
    )
    assert parsed.default == Decimal("12.5")
    assert ft.clean(parsed, ft.default_value(parsed)) == Decimal("12.50")


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=Decimal(5), max=Decimal(5))) == []
    assert ft.check_spec(spec(min=Decimal("5.01"), max=Decimal(5))) == [
        ("max", "must not be less than min")
    ]
    assert ft.check_spec(spec(precision=3, scale=4)) == [
        ("scale", "must not be more than precision")
    ]
