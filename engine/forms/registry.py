"""The field-type registry: every field type, keyed by its ``type`` string."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from engine.forms.field_types.base import FieldType


class FieldTypeRegistry:
    """Looks up field types by ``type``; registering a type twice is an error."""

    def __init__(self) -> None:
        self._types: dict[str, FieldType[Any]] = {}

    def register(self, field_type: FieldType[Any]) -> None:
        if field_type.type in self._types:
            raise ValueError(f"field type {field_type.type!r} is already registered")
        self._types[field_type.type] = field_type

    def get(self, type_name: str) -> FieldType[Any]:
        try:
            return self._types[type_name]
        except KeyError:
            raise KeyError(f"unknown field type {type_name!r}") from None

    def __contains__(self, type_name: object) -> bool:
        return type_name in self._types

    def __iter__(self) -> Iterator[FieldType[Any]]:
        return iter(self._types.values())

    def names(self) -> list[str]:
        return list(self._types)


def build_field_type_registry() -> FieldTypeRegistry:
    """The registry with every built-in field type (called once, from bootstrap)."""
    from engine.forms.field_types import BUILTIN_FIELD_TYPES

    registry = FieldTypeRegistry()
    for cls in BUILTIN_FIELD_TYPES:
        registry.register(cls())
    return registry
