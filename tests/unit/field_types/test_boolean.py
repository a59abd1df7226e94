"""The ``boolean`` field type: strictly true or false in JSON, lenient in query strings."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import Boolean

from engine.definitions.specs import BooleanFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> BooleanFieldSpec:
    return BooleanFieldSpec(id="passed", label="Passed", type="boolean", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("boolean")


@pytest.mark.parametrize("raw", [True, False])
def test_clean_accepts_booleans(ft: FieldType[Any], raw: bool) -> None:
    assert ft.clean(spec(), raw) is raw


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), None) is None


@pytest.mark.parametrize("raw", ["true", "false", "", 1, 0, 1.0, [True], {"v": True}])
def test_clean_refuses_anything_but_a_boolean(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", "must be true or false")


def test_to_json(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), True) is True
    assert ft.to_json(spec(), False) is False
    assert ft.to_json(spec(), None) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("true", True),
        ("TRUE", True),
        (" True ", True),
        ("1", True),
        ("yes", True),
        ("false", False),
        ("False", False),
        ("0", False),
        ("no", False),
        (" NO ", False),
    ],
)
def test_parse_filter_value(ft: FieldType[Any], text: str, expected: bool) -> None:
    assert ft.parse_filter_value(spec(), text) is expected


@pytest.mark.parametrize("text", ["", "maybe", "2", "y", "t", "on"])
def test_parse_filter_value_refuses_other_words(ft: FieldType[Any], text: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), text)
    assert info.value.code == "type"


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "boolean"}


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, Boolean)
    assert column.create_constraint is False
    assert ft.sql_signature(spec()) == "boolean"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "boolean"
    assert ft.spec_model is BooleanFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.filter_operators == ("eq", "ne", "isnull")


def test_default_value_and_check_spec(ft: FieldType[Any]) -> None:
    assert ft.default_value(spec()) is None
    assert ft.default_value(spec(default=False)) is False
    assert ft.clean(spec(default=True), ft.default_value(spec(default=True))) is True
    assert ft.check_spec(spec(default=True)) == []
