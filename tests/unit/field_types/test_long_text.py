"""The ``long_text`` field type: multi-line notes, not sortable or indexable."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import String, Text

from engine.definitions.specs import LongTextFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> LongTextFieldSpec:
    return LongTextFieldSpec(id="notes", label="Notes", type="long_text", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("long_text")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("line one\nline two", "line one\nline two"),
        ("\ttabbed\r\n", "\ttabbed\r\n"),
        (7, "7"),
        ("", None),
    ],
)
def test_clean_accepts_text(ft: FieldType[Any], raw: Any, expected: Any) -> None:
    assert ft.clean(spec(), raw) == expected


def test_clean_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min_length=10), None) is None


@pytest.mark.parametrize("raw", [True, 2.5, ["x"], {"en": "x"}])
def test_clean_refuses_other_json_types(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


def test_default_max_length_is_100000(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), "x" * 100_000) == "x" * 100_000
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), "x" * 100_001)
    assert info.value.code == "max_length"


def test_length_limits(ft: FieldType[Any]) -> None:
    s = spec(min_length=2, max_length=4)
    assert ft.clean(s, "ab") == "ab"
    assert ft.clean(s, "abcd") == "abcd"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "a")
    assert info.value.code == "min_length"
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "abcde")
    assert info.value.code == "max_length"
    assert info.value.message == "must be at most 4 characters long"


def test_to_json_and_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), "a\nb") == "a\nb"
    assert ft.to_json(spec(), None) is None
    assert ft.parse_filter_value(spec(), "crack") == "crack"


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "string", "maxLength": 100_000}
    assert ft.json_schema(spec(max_length=50)) == {"type": "string", "maxLength": 50}


def test_column_type_is_unbounded_text(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec(max_length=50))
    assert isinstance(column, Text)
    assert not (isinstance(column, String) and column.length)
    # The column does not depend on max_length, so changing it needs no migration.
    assert ft.sql_signature(spec(max_length=50)) == ft.sql_signature(spec()) == "text"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "long_text"
    assert ft.spec_model is LongTextFieldSpec
    assert ft.sortable is False
    assert ft.indexable is False
    assert ft.filter_operators == ("contains", "isnull")
    assert "gt" not in ft.filter_operators
    assert ft.compatible_from == {"text", "single_select"}


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec(min_length=5, max_length=5)) == []
    assert ft.check_spec(spec(min_length=6, max_length=5)) == [
        ("min_length", "must not be more than max_length")
    ]
