"""The ``text`` field type: single-line text."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import String

from engine.definitions.specs import TextFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> TextFieldSpec:
    return TextFieldSpec(id="lot_no", label="Lot number", type="text", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("text")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("LOT-001", "LOT-001"),
        ("  padded  ", "  padded  "),
        ("批次 42", "批次 42"),
        (42, "42"),
        (0, "0"),
        ("", None),
    ],
)
def test_clean_accepts_text_and_whole_numbers(ft: FieldType[Any], raw: Any, expected: Any) -> None:
    assert ft.clean(spec(), raw) == expected


def test_clean_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min_length=3, pattern="[A-Z]+"), None) is None


@pytest.mark.parametrize("raw", [True, False, 1.5, ["a"], {"a": 1}])
def test_clean_refuses_other_json_types(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"
    assert info.value.message == "must be text"


def test_max_length_counts_characters(ft: FieldType[Any]) -> None:
    s = spec(max_length=5)
    assert ft.clean(s, "批次批次批") == "批次批次批"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "abcdef")
    assert info.value.code == "max_length"
    assert "5" in info.value.message


def test_default_max_length_is_255(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), "x" * 255) == "x" * 255
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), "x" * 256)
    assert info.value.code == "max_length"


def test_min_length(ft: FieldType[Any]) -> None:
    s = spec(min_length=3)
    assert ft.clean(s, "abc") == "abc"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "ab")
    assert info.value.code == "min_length"
    assert info.value.message == "must be at least 3 characters long"


def test_pattern_must_match_the_whole_value(ft: FieldType[Any]) -> None:
    s = spec(pattern=r"LOT-\d{3}")
    assert ft.clean(s, "LOT-123") == "LOT-123"
    for bad in ("LOT-12", "xLOT-123", "LOT-1234", "lot-123"):
        with pytest.raises(FieldValueError) as info:
            ft.clean(s, bad)
        assert info.value.code == "pattern"
        assert r"LOT-\d{3}" in info.value.message


def test_length_is_checked_before_pattern(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(max_length=3, pattern="[0-9]+"), "abcd")
    assert info.value.code == "max_length"


def test_to_json_returns_the_string(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), "LOT-001") == "LOT-001"
    assert ft.to_json(spec(), None) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "LOT-001") == "LOT-001"
    assert ft.parse_filter_value(spec(), "") is None


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "string", "maxLength": 255}
    assert ft.json_schema(spec(min_length=2, max_length=20, pattern="[A-Z]+")) == {
        "type": "string",
        "maxLength": 20,
        "minLength": 2,
        "pattern": "^(?:[A-Z]+)$",
    }
    Draft202012Validator.check_schema(ft.json_schema(spec(min_length=2, pattern="[A-Z]+")))


def test_json_schema_pattern_agrees_with_clean(ft: FieldType[Any]) -> None:
    s = spec(pattern=r"[A-Z]{3}")
    validator = Draft202012Validator(ft.json_schema(s))
    for value in ("ABC", "xABCx", "ABCD"):
        try:
            ft.clean(s, value)
            accepted_by_clean = True
        except FieldValueError:
            accepted_by_clean = False
        assert validator.is_valid(value) == accepted_by_clean, value


def test_column_type_and_sql_signature(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec(max_length=40))
    assert isinstance(column, String)
    assert column.length == 40
    assert ft.sql_signature(spec(max_length=40)) == "varchar(40)"
    assert ft.sql_signature(spec(max_length=41)) != ft.sql_signature(spec(max_length=40))


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "text"
    assert ft.spec_model is TextFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert set(ft.filter_operators) == {
        "eq",
        "ne",
        "in",
        "nin",
        "isnull",
        "gt",
        "gte",
        "lt",
        "lte",
        "contains",
        "startswith",
    }
    assert ft.compatible_from == {"single_select", "long_text"}


def test_default_value(ft: FieldType[Any]) -> None:
    assert ft.default_value(spec()) is None
    assert ft.default_value(spec(default="N/A")) == "N/A"


def test_check_spec_accepts_a_sane_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec(min_length=3, max_length=3, pattern=r"\d+")) == []


def test_check_spec_min_length_over_max_length(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec(min_length=11, max_length=10)) == [
        ("min_length", "must not be more than max_length")
    ]


def test_check_spec_bad_regex(ft: FieldType[Any]) -> None:
    problems = ft.check_spec(spec(pattern="[A-"))
    assert [p for p, _ in problems] == ["pattern"]
    assert problems[0][1].startswith("is not a valid regular expression")


def test_check_spec_reports_every_problem(ft: FieldType[Any]) -> None:
    problems = ft.check_spec(spec(min_length=300, pattern="(unclosed"))
    assert [p for p, _ in problems] == ["min_length", "pattern"]
