"""The ``single_select`` field type: one option key out of a list."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import String

from engine.definitions.specs import SelectOption, SingleSelectFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(keys: tuple[str, ...] = ("pass", "fail", "rework"), **kw: Any) -> SingleSelectFieldSpec:
    options = [SelectOption(key=k, label=k.title()) for k in keys]
    return SingleSelectFieldSpec(
        id="result", label="Result", type="single_select", options=options, **kw
    )


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("single_select")


@pytest.mark.parametrize("raw", ["pass", "fail", "rework"])
def test_clean_accepts_option_keys(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) == raw


def test_empty_and_none_are_empty(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), "") is None
    assert ft.clean(spec(), None) is None


@pytest.mark.parametrize("raw", ["PASS", "Pass", " pass", "passed", "unknown"])
def test_clean_refuses_unknown_keys(ft: FieldType[Any], raw: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "option"
    assert info.value.message == f"'{raw}' is not one of the options (pass, fail, rework)"


def test_option_labels_are_not_keys(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), "Pass")
    assert info.value.code == "option"


def test_long_option_lists_are_shortened_in_messages(ft: FieldType[Any]) -> None:
    keys = tuple(f"k{i}" for i in range(12))
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(keys), "nope")
    assert info.value.message.endswith("(k0, k1, k2, k3, k4, k5, k6, k7, k8, k9 ...)")
    assert "k10" not in info.value.message


@pytest.mark.parametrize("raw", [1, True, ["pass"], {"key": "pass"}])
def test_clean_refuses_non_strings(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


def test_to_json_and_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), "fail") == "fail"
    assert ft.to_json(spec(), None) is None
    assert ft.parse_filter_value(spec(), "rework") == "rework"


def test_json_schema_lists_the_keys_in_order(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "string", "enum": ["pass", "fail", "rework"]}
    assert ft.json_schema(spec(("b", "a")))["enum"] == ["b", "a"]


def test_column_type(ft: FieldType[Any]) -> None:
    column = ft.column_type(spec())
    assert isinstance(column, String)
    assert column.length == 64
    assert ft.sql_signature(spec()) == "varchar(64)"
    # Adding options must not change the column.
    assert ft.sql_signature(spec(("a",))) == ft.sql_signature(spec())


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "single_select"
    assert ft.spec_model is SingleSelectFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.filter_operators == ("eq", "ne", "in", "nin", "isnull")
    assert ft.compatible_from == {"text", "long_text"}


def test_default_must_be_an_option(ft: FieldType[Any]) -> None:
    good = spec(default="pass")
    assert ft.clean(good, ft.default_value(good)) == "pass"
    bad = spec(default="maybe")
    with pytest.raises(FieldValueError) as info:
        ft.clean(bad, ft.default_value(bad))
    assert info.value.code == "option"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(("a", "b", "a", "c", "b"))) == [
        ("options/2/key", "option key 'a' is used twice"),
        ("options/4/key", "option key 'b' is used twice"),
    ]


def test_spec_needs_at_least_one_option() -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        SingleSelectFieldSpec(id="r", label="R", type="single_select", options=[])
