"""The ``url`` field type: a web address with http:// or https:// and a host."""

from __future__ import annotations

from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import String

from engine.definitions.specs import UrlFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry

FORMAT_MESSAGE = "is not a web address starting with http:// or https://"


def spec(**kw: Any) -> UrlFieldSpec:
    return UrlFieldSpec(id="datasheet", label="Datasheet", type="url", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("url")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://example.com", "https://example.com"),
        ("http://example.com/", "http://example.com/"),
        ("  https://example.com/a?b=c#d  ", "https://example.com/a?b=c#d"),
        ("https://example.com:8443/docs/spec.pdf", "https://example.com:8443/docs/spec.pdf"),
        ("http://192.168.1.10/status", "http://192.168.1.10/status"),
        ("http://[::1]:8080/", "http://[::1]:8080/"),
        ("http://localhost", "http://localhost"),
        ("https://例子.中国/产品", "https://例子.中国/产品"),
        ("HTTPS://Example.com/Path", "HTTPS://Example.com/Path"),
        ("https://user:pw@example.com/", "https://user:pw@example.com/"),
    ],
)
def test_clean_keeps_the_address_as_typed(ft: FieldType[Any], raw: str, expected: str) -> None:
    assert ft.clean(spec(), raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "example.com",
        "www.example.com/page",
        "//example.com/page",
        "ftp://example.com/file",
        "mailto:qa@example.com",
        "javascript:alert(1)",
        "file:///etc/passwd",
        "data:text/plain,hi",
        "http://",
        "https:///path-only",
        "http:example.com",
        "https://exa mple.com",
        "https://example.com/a b",
        "https://" + "a" * 2040 + ".com",
        12345,
    ],
)
def test_clean_refuses_what_is_not_a_web_address(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("format", FORMAT_MESSAGE)


def test_length_limit(ft: FieldType[Any]) -> None:
    longest = "https://example.com/" + "p" * (2048 - 20)
    assert len(longest) == 2048
    assert ft.clean(spec(), longest) == longest
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), longest + "p")
    assert info.value.code == "format"


@pytest.mark.parametrize("raw", ["http://:80", "http://user@", "https://:8080/path", "http://@/"])
def test_clean_refuses_addresses_without_a_host(ft: FieldType[Any], raw: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "format"


@pytest.mark.parametrize("raw", ["http://[::1", "https://example.com]/", "http://[not-ipv6]/"])
def test_malformed_brackets_are_a_field_error(ft: FieldType[Any], raw: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "format"


@pytest.mark.parametrize("raw", ["https://exa\tmple.com", "https://example.com/a\nb"])
def test_clean_refuses_other_whitespace_inside(ft: FieldType[Any], raw: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "format"


@pytest.mark.parametrize("raw", [True, 1.5, ["https://example.com"], {"url": "x"}])
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
    value = ft.clean(spec(), " https://example.com/x ")
    assert ft.to_json(spec(), value) == "https://example.com/x"


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec())
    assert schema == {"type": "string", "format": "uri", "maxLength": 2048}
    Draft202012Validator.check_schema(schema)


def test_json_schema_agrees_with_to_json(ft: FieldType[Any]) -> None:
    validator = Draft202012Validator(
        ft.json_schema(spec()), format_checker=Draft202012Validator.FORMAT_CHECKER
    )
    for raw in ("https://example.com", "http://[::1]:8080/", "https://example.com/a?b=c"):
        assert validator.is_valid(ft.to_json(spec(), ft.clean(spec(), raw)))
    for bad in ("https://example.com/" + "p" * 2029, 1, None, ["https://example.com"]):
        assert not validator.is_valid(bad)


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, String)
    assert column.length == 2048
    assert ft.sql_signature(spec()) == "varchar(2048)"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "url"
    assert ft.spec_model is UrlFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is False  # 2,048 characters can exceed a PostgreSQL index entry
    assert ft.can_be_unique is False
    assert ft.numeric is False
    assert ft.filter_operators == ("eq", "ne", "in", "nin", "isnull", "contains", "startswith")
    assert ft.compatible_from == {"text"}
    assert ft.filter_condition(None, "eq", "https://example.com") is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), " https://example.com ") == "https://example.com"
    assert ft.parse_filter_value(spec(), "") is None
    # Filter values are trimmed, not checked: "startswith" needs partial addresses.
    assert ft.parse_filter_value(spec(), "https://") == "https://"


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default="https://example.com/help")
    assert ft.clean(s, ft.default_value(s)) == "https://example.com/help"
    assert ft.default_value(spec()) is None
    bad = spec(default="example.com")
    with pytest.raises(FieldValueError) as info:
        ft.clean(bad, ft.default_value(bad))
    assert info.value.code == "format"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
