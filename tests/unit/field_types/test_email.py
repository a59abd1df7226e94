"""The ``email`` field type: an address like name@example.com; the domain is lower-cased."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import String

from engine.definitions.specs import EmailFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry

FORMAT_MESSAGE = "is not an email address like name@example.com"


def spec(**kw: Any) -> EmailFieldSpec:
    return EmailFieldSpec(id="contact_email", label="Contact email", type="email", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("email")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("qa@example.com", "qa@example.com"),
        ("  qa@example.com  ", "qa@example.com"),
        ("John.Doe@Example.COM", "John.Doe@example.com"),
        ("Li.Wei+QA@Plant-North.Example.CN", "Li.Wei+QA@plant-north.example.cn"),
        ("o'brien@example.ie", "o'brien@example.ie"),
        ("张伟@例子.中国", "张伟@例子.中国"),
        ("a@b.co", "a@b.co"),
    ],
)
def test_clean_keeps_the_local_part_and_lower_cases_the_domain(
    ft: FieldType[Any], raw: str, expected: str
) -> None:
    assert ft.clean(spec(), raw) == expected


def test_the_local_part_keeps_its_case(ft: FieldType[Any]) -> None:
    # Only the domain is case-insensitive for certain; mailboxes may not be.
    assert ft.clean(spec(), "MixedCase@EXAMPLE.com") == "MixedCase@example.com"
    assert ft.clean(spec(), "mixedcase@example.com") != ft.clean(spec(), "MixedCase@example.com")


@pytest.mark.parametrize(
    "raw",
    [
        "a@b",
        "a b@c.com",
        "a@b c.com",
        "plainaddress",
        "@example.com",
        "name@",
        "name@example",
        "name@example.c",
        "name@example.com.",
        "a@b@example.com",
        "a\t@example.com",
        "a@example.com\nb@example.com",
        "x" * 65 + "@example.com",
        12345,
    ],
)
def test_clean_refuses_what_is_not_an_address(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("format", FORMAT_MESSAGE)


def test_length_limits(ft: FieldType[Any]) -> None:
    local = "x" * 64
    domain = "d" * (254 - len(local) - 1 - 4) + ".com"
    longest = f"{local}@{domain}"
    assert len(longest) == 254
    assert ft.clean(spec(), longest) == longest
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), f"{local}@d{domain}")  # 255 characters
    assert (info.value.code, info.value.message) == ("format", FORMAT_MESSAGE)
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), "a@" + "b" * 300 + ".com")
    assert info.value.code == "format"


@pytest.mark.parametrize("raw", [True, 1.5, ["a@example.com"], {"email": "a@example.com"}])
def test_clean_refuses_non_text(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", "must be text")


@pytest.mark.parametrize("raw", ["", "   ", "\t\n"])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), None) is None
    assert ft.to_json(spec(), None) is None


def test_to_json(ft: FieldType[Any]) -> None:
    value = ft.clean(spec(), "QA@Example.com")
    assert ft.to_json(spec(), value) == "QA@example.com"
    assert ft.clean(spec(), ft.to_json(spec(), value)) == value


@pytest.mark.parametrize("raw", ["a@..com", "a@example..com"])
def test_clean_refuses_empty_domain_labels(ft: FieldType[Any], raw: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "format"


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec())
    assert schema == {"type": "string", "format": "email", "maxLength": 254}
    Draft202012Validator.check_schema(schema)


def test_json_schema_agrees_with_to_json(ft: FieldType[Any]) -> None:
    validator = Draft202012Validator(
        ft.json_schema(spec()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for raw in ("qa@example.com", "John.Doe@Example.COM", "x" * 64 + "@example.com"):
        assert validator.is_valid(ft.to_json(spec(), ft.clean(spec(), raw)))
    for bad in ("plainaddress", "a" * 250 + "@b.com", 1, None):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, String)
    assert column.length == 254
    assert ft.sql_signature(spec()) == "varchar(254)"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "email"
    assert ft.spec_model is EmailFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.can_be_unique is True
    assert ft.numeric is False
    assert ft.filter_operators == ("eq", "ne", "in", "nin", "isnull", "contains", "startswith")
    assert ft.compatible_from == {"text"}
    assert ft.filter_condition(None, "eq", "a@example.com") is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "QA@Example.com") == "QA@example.com"
    assert ft.parse_filter_value(spec(), "") is None
    # Filter values are normalised like stored ones (so eq finds the record) but their
    # shape is not checked: a filter for a non-address simply finds nothing.
    assert ft.parse_filter_value(spec(), " Name@EXAMPLE.org ") == "Name@example.org"
    assert ft.parse_filter_value(spec(), "not-an-address") == "not-an-address"


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default="QA@Example.com")
    assert ft.clean(s, ft.default_value(s)) == "QA@example.com"
    assert ft.default_value(spec()) is None
    bad = spec(default="qa")
    with pytest.raises(FieldValueError) as info:
        ft.clean(bad, ft.default_value(bad))
    assert info.value.code == "format"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(default="qa@example.com")) == []
