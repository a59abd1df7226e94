"""The ``percent`` field type: the number people type (12.5 means 12.5 %), exact."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from engine.definitions.specs import PercentFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry
from engine.storage.types import ExactDecimal


def spec(**kw: Any) -> PercentFieldSpec:
    return PercentFieldSpec(id="yield_rate", label="Yield rate", type="percent", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("percent")


def test_spec_defaults_are_precision_9_scale_2() -> None:
    s = spec()
    assert (s.precision, s.scale) == (9, 2)


def test_spec_limits() -> None:
    assert spec(precision=15, scale=6).scale == 6
    with pytest.raises(ValidationError):
        spec(scale=7)
    with pytest.raises(ValidationError):
        spec(precision=16)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (12.5, "12.50"),
        ("12.5", "12.50"),
        (100, "100.00"),
        (0, "0.00"),
        ("-3.25", "-3.25"),
        (150, "150.00"),
        (Decimal("99.9"), "99.90"),
    ],
)
def test_the_number_is_stored_as_given(ft: FieldType[Any], raw: Any, expected: str) -> None:
    value = ft.clean(spec(), raw)
    assert isinstance(value, Decimal)
    assert str(value) == expected
    assert ft.to_json(spec(), value) == expected


def test_twelve_and_a_half_percent_is_not_a_fraction(ft: FieldType[Any]) -> None:
    # 12.5 means 12.5 %: it is neither divided by 100 nor read as 1250 %.
    assert ft.clean(spec(), 12.5) == Decimal("12.5")
    assert ft.clean(spec(), 12.5) != Decimal("0.125")
    # A fraction is kept as the small percentage it is (scale permitting).
    assert ft.clean(spec(scale=3), 0.125) == Decimal("0.125")
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), 0.125)
    assert info.value.code == "scale"


def test_percentages_are_exact(ft: FieldType[Any]) -> None:
    s = spec()
    assert ft.clean(s, 33.33) * 3 == Decimal("99.99")
    assert ft.clean(s, 0.1) + ft.clean(s, 0.2) == Decimal("0.3")


def test_precision_limits_the_integer_digits(ft: FieldType[Any]) -> None:
    s = spec(precision=5, scale=2)
    assert str(ft.clean(s, "999.99")) == "999.99"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, 1000)
    assert (info.value.code, info.value.message) == (
        "precision",
        "must have at most 3 digits before the decimal point",
    )


@pytest.mark.parametrize("raw", [True, "abc", "12.5%", "12.5 %", "NaN", float("-inf"), [12.5]])
def test_clean_refuses_non_numbers(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


@pytest.mark.parametrize("raw", ["", "  "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(min=Decimal(1)), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=Decimal(1)), None) is None
    assert ft.to_json(spec(), None) is None


def test_min_and_max(ft: FieldType[Any]) -> None:
    s = spec(min=Decimal(0), max=Decimal(100))
    assert ft.clean(s, 0) == Decimal(0)
    assert ft.clean(s, 100) == Decimal(100)
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "-0.01")
    assert (info.value.code, info.value.message) == ("min", "must be at least 0")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "100.01")
    assert (info.value.code, info.value.message) == ("max", "must be at most 100")


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec(precision=5, scale=1))
    assert schema["type"] == "string"
    assert schema["format"] == "decimal"
    assert schema["pattern"] == r"^-?\d+(\.\d+)?$"
    assert schema["description"].startswith("Percentage: 12.5 means 12.5 %. ")
    assert "5 digits with 1 after the point" in schema["description"]
    assert "x-currency" not in schema


def test_json_schema_is_valid_and_agrees_with_to_json(ft: FieldType[Any]) -> None:
    s = spec()
    schema = ft.json_schema(s)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for raw in (12.5, "0", "-3", 100):
        assert validator.is_valid(ft.to_json(s, ft.clean(s, raw)))
    for bad in (12.5, "12.5%", "abc", ""):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, ExactDecimal)
    assert (column.precision, column.scale) == (9, 2)
    assert ft.sql_signature(spec()) == "numeric(9,2)"
    assert ft.sql_signature(spec(scale=3)) == "numeric(9,3)"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "percent"
    assert ft.spec_model is PercentFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.can_be_unique is True
    assert ft.numeric is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert ft.compatible_from == {"decimal", "integer"}
    assert ft.filter_condition(None, "gt", Decimal(1)) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "12.5") == Decimal("12.50")
    assert ft.parse_filter_value(spec(), "") is None
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "12.5%")
    assert info.value.code == "type"


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=Decimal("12.5"))
    default = ft.default_value(s)
    assert isinstance(default, Decimal)
    assert ft.clean(s, default) == Decimal("12.50")
    assert ft.default_value(spec()) is None
    parsed = PercentFieldSpec.model_validate(
        {"id": "r", "label": "R", "type": "percent", "default": 7.5}
    )
    assert isinstance(parsed.default, Decimal)
    assert ft.clean(parsed, ft.default_value(parsed)) == Decimal("7.50")


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=Decimal(0), max=Decimal(100))) == []
    assert ft.check_spec(spec(min=Decimal(100), max=Decimal(0))) == [
        ("max", "must not be less than min")
    ]
    assert ft.check_spec(spec(precision=2, scale=3)) == [
        ("scale", "must not be more than precision")
    ]
