"""The field-type registry: one instance per type, looked up by its ``type`` string."""

from __future__ import annotations

from typing import Any, get_args

import pytest

from engine.definitions.specs import FieldSpec, FieldSpecBase
from engine.forms.field_types import BUILTIN_FIELD_TYPES
from engine.forms.field_types.base import FieldType
from engine.forms.field_types.boolean import BooleanFieldType
from engine.forms.field_types.text import TextFieldType
from engine.forms.registry import FieldTypeRegistry, build_field_type_registry

BUILTIN_NAMES = [
    "text",
    "long_text",
    "integer",
    "decimal",
    "boolean",
    "date",
    "datetime",
    "single_select",
    "currency",
    "percent",
    "time",
    "multi_select",
    "email",
    "phone",
    "url",
    "geolocation",
    "auto_number",
    "scan_code",
    "relation",
    "sub_table",
    "formula",
    "lookup",
    "rollup",
    "attachment",
    "image",
    "signature",
    "user",
    "department",
]


def test_names_of_the_builtin_registry_in_registration_order() -> None:
    assert build_field_type_registry().names() == BUILTIN_NAMES


def test_each_build_gives_a_fresh_registry_with_fresh_instances() -> None:
    one, two = build_field_type_registry(), build_field_type_registry()
    assert one is not two
    assert one.get("text") is not two.get("text")
    assert one.get("text") is one.get("text")


def test_get_returns_the_instance_registered_under_its_type() -> None:
    registry = build_field_type_registry()
    for name, cls in zip(BUILTIN_NAMES, BUILTIN_FIELD_TYPES, strict=True):
        field_type = registry.get(name)
        assert type(field_type) is cls
        assert field_type.type == name


def test_iteration_yields_every_type_once() -> None:
    registry = build_field_type_registry()
    assert [ft.type for ft in registry] == BUILTIN_NAMES
    assert all(isinstance(ft, FieldType) for ft in registry)


def test_contains() -> None:
    registry = build_field_type_registry()
    assert "decimal" in registry
    assert "Decimal" not in registry
    assert "money" not in registry
    assert None not in registry


@pytest.mark.parametrize("name", ["money", "", "TEXT", "multiselect"])
def test_unknown_type_raises_key_error(name: str) -> None:
    with pytest.raises(KeyError) as info:
        build_field_type_registry().get(name)
    assert f"unknown field type {name!r}" in str(info.value)
    assert info.value.__suppress_context__  # raised "from None": no internal KeyError chained


def test_duplicate_registration_raises() -> None:
    registry = FieldTypeRegistry()
    first = TextFieldType()
    registry.register(first)
    with pytest.raises(ValueError, match="field type 'text' is already registered"):
        registry.register(TextFieldType())
    # The first registration stands.
    assert registry.get("text") is first
    assert registry.names() == ["text"]


def test_registering_a_builtin_again_raises() -> None:
    registry = build_field_type_registry()
    with pytest.raises(ValueError, match="already registered"):
        registry.register(BooleanFieldType())
    assert registry.names() == BUILTIN_NAMES


def test_an_empty_registry() -> None:
    registry = FieldTypeRegistry()
    assert registry.names() == []
    assert list(registry) == []
    assert "text" not in registry
    with pytest.raises(KeyError):
        registry.get("text")


def test_a_custom_type_can_be_registered() -> None:
    class RatingFieldType(FieldType[Any]):
        type = "rating"
        spec_model = FieldSpecBase

    registry = build_field_type_registry()
    rating = RatingFieldType()
    registry.register(rating)
    assert registry.get("rating") is rating
    assert registry.names() == [*BUILTIN_NAMES, "rating"]


def test_every_spec_in_the_field_spec_union_has_a_registered_type() -> None:
    union = get_args(get_args(FieldSpec)[0])
    registry = build_field_type_registry()
    spec_models = {ft.spec_model for ft in registry}
    assert spec_models == set(union)
    for field_type in registry:
        literal = field_type.spec_model.model_fields["type"].annotation
        assert get_args(literal) == (field_type.type,)


def test_types_that_can_be_taken_over_are_registered() -> None:
    registry = build_field_type_registry()
    for field_type in registry:
        assert field_type.compatible_from <= set(registry.names()), field_type.type
        assert field_type.type not in field_type.compatible_from


def test_declared_capabilities_are_consistent() -> None:
    from engine.records.query import OPERATOR_WORDS

    known_operators = set(OPERATOR_WORDS)
    for field_type in build_field_type_registry():
        assert field_type.stored is True
        assert set(field_type.filter_operators) <= known_operators, field_type.type
        if field_type.filter_operators:  # fields in child tables cannot be filtered
            assert "isnull" in field_type.filter_operators, field_type.type
        assert len(set(field_type.filter_operators)) == len(field_type.filter_operators)
