"""The ``phone`` field type: digits with spaces, ``+``, ``( )`` and ``-``, kept as typed."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import String

from engine.definitions.specs import PhoneFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry

FORMAT_MESSAGE = "is not a phone number (digits, spaces, + ( ) -)"


def spec(**kw: Any) -> PhoneFieldSpec:
    return PhoneFieldSpec(id="contact_phone", label="Contact phone", type="phone", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("phone")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("+86 138-0013-8000", "+86 138-0013-8000"),
        ("13800138000", "13800138000"),
        ("021 5555 1234", "021 5555 1234"),
        ("021-5555-1234", "021-5555-1234"),
        ("+1 (555) 010-9999", "+1 (555) 010-9999"),
        ("  +44 20 7946 0958  ", "+44 20 7946 0958"),
        ("1234", "1234"),
        (13800138000, "13800138000"),
    ],
)
def test_clean_keeps_the_number_as_typed(ft: FieldType[Any], raw: Any, expected: str) -> None:
    assert ft.clean(spec(), raw) == expected


@pytest.mark.parametrize("raw", ["(021) 5555 1234", "(0755) 8888-6666"])
def test_clean_accepts_an_area_code_in_brackets(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) == raw


@pytest.mark.parametrize(
    "raw",
    [
        "abc",
        "138-0013-800O",
        "+86 138 0013 8000 ext 12",
        "1-800-FLOWERS",
        "138.0013.8000",
        "+",
        "++86 138 0013 8000",
        "86+138",
        "123",
        "１３８００１３８０００",
        "1" * 33,
        "+" + "1" * 32,
        "-1234",
        0,
    ],
)
def test_clean_refuses_what_is_not_a_phone_number(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("format", FORMAT_MESSAGE)


def test_length_limit(ft: FieldType[Any]) -> None:
    # At most 32 characters with the leading +: the column's length.
    assert ft.clean(spec(), "1" * 31) == "1" * 31
    assert ft.clean(spec(), "+" + "1" * 31) == "+" + "1" * 31
    assert ft.clean(spec(), "+86 (21) " + "5" * 23) == "+86 (21) " + "5" * 23


@pytest.mark.parametrize("raw", [True, 138.5, ["13800138000"]])
def test_clean_refuses_non_text(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", "must be text")


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), None) is None
    assert ft.to_json(spec(), None) is None


def test_to_json(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), ft.clean(spec(), " +86 138-0013-8000 ")) == "+86 138-0013-8000"


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec())
    assert schema == {
        "type": "string",
        "pattern": r"^\+?[0-9(][0-9 ()\-]{3,30}$",
        "maxLength": 32,
    }
    Draft202012Validator.check_schema(schema)


def test_json_schema_agrees_with_clean(ft: FieldType[Any]) -> None:
    validator = Draft202012Validator(ft.json_schema(spec()))
    for raw in ("+86 138-0013-8000", "13800138000", "+1 (555) 010-9999", "+" + "1" * 31):
        assert validator.is_valid(ft.to_json(spec(), ft.clean(spec(), raw)))
    for bad in ("abc", "123", "1" * 33, "x13800138000", "13800138000x", 13800138000, None):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, String)
    assert column.length == 32
    assert ft.sql_signature(spec()) == "varchar(32)"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "phone"
    assert ft.spec_model is PhoneFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.can_be_unique is True
    assert ft.numeric is False
    assert ft.filter_operators == ("eq", "ne", "in", "nin", "isnull", "contains", "startswith")
    assert ft.compatible_from == {"text"}
    assert ft.filter_condition(None, "eq", "13800138000") is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), " 13800138000 ") == "13800138000"
    assert ft.parse_filter_value(spec(), "") is None


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default="+86 21 5555 1234")
    assert ft.clean(s, ft.default_value(s)) == "+86 21 5555 1234"
    assert ft.default_value(spec()) is None
    bad = spec(default="call me")
    with pytest.raises(FieldValueError) as info:
        ft.clean(bad, ft.default_value(bad))
    assert info.value.code == "format"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
