"""Several options out of a list, stored as a JSON list of option keys."""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import JSON, ColumnElement, Text, cast
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import MultiSelectFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.field_types.single_select import SingleSelectFieldType


class MultiSelectFieldType(FieldType[MultiSelectFieldSpec]):
    type = "multi_select"
    spec_model = MultiSelectFieldSpec
    sortable = False
    indexable = False
    can_be_unique = False
    filter_operators = ("has", "isnull")

    def column_type(self, spec: MultiSelectFieldSpec) -> TypeEngine[Any]:
        return JSON(none_as_null=True)

    def sql_signature(self, spec: MultiSelectFieldSpec) -> str:
        return "json"

    def json_schema(self, spec: MultiSelectFieldSpec) -> dict[str, Any]:
        schema: dict[str, Any] = {
            "type": "array",
            "items": {"type": "string", "enum": [o.key for o in spec.options]},
            "uniqueItems": True,
        }
        if spec.min_items:
            schema["minItems"] = spec.min_items
        if spec.max_items:
            schema["maxItems"] = spec.max_items
        return schema

    def coerce(self, spec: MultiSelectFieldSpec, raw: Any) -> list[str] | None:
        if isinstance(raw, str):  # one key, or a comma-separated list from a spreadsheet
            raw = [part.strip() for part in raw.split(",") if part.strip()]
        if not isinstance(raw, list) or not all(isinstance(k, str) for k in raw):
            raise FieldValueError("type", "must be a list of option keys")
        keys = list(dict.fromkeys(raw))  # a key chosen twice counts once
        return keys or None

    def validate(self, spec: MultiSelectFieldSpec, value: list[str]) -> None:
        known = [o.key for o in spec.options]
        unknown = [k for k in value if k not in known]
        if unknown:
            raise FieldValueError(
                "option", f"'{unknown[0]}' is not one of the options ({', '.join(known[:10])})"
            )
        if spec.min_items is not None and len(value) < spec.min_items:
            raise FieldValueError("min_items", f"choose at least {spec.min_items}")
        if spec.max_items is not None and len(value) > spec.max_items:
            raise FieldValueError("max_items", f"choose at most {spec.max_items}")

    def to_json(self, spec: MultiSelectFieldSpec, value: Any) -> list[str] | None:
        if value is None:
            return None
        order = {o.key: i for i, o in enumerate(spec.options)}
        return sorted(value, key=lambda k: order.get(k, len(order)))

    def parse_filter_value(self, spec: MultiSelectFieldSpec, text: str) -> str:
        if text not in [o.key for o in spec.options]:
            raise FieldValueError("option", f"'{text}' is not one of the options")
        return text

    def filter_condition(self, column: Any, op: str, value: Any) -> ColumnElement[bool] | None:
        if op != "has":
            return None
        # The stored JSON text holds the key as a quoted string: look for it as such.
        condition: ColumnElement[bool] = cast(column, Text).contains(
            json.dumps(value), autoescape=True
        )
        return condition

    def check_spec(self, spec: MultiSelectFieldSpec) -> list[tuple[str, str]]:
        problems = SingleSelectFieldType().check_spec(spec)  # type: ignore[arg-type]
        if (
            spec.min_items is not None
            and spec.max_items is not None
            and spec.min_items > spec.max_items
        ):
            problems.append(("max_items", "must not be less than min_items"))
        if spec.min_items is not None and spec.min_items > len(spec.options):
            problems.append(("min_items", f"is more than the {len(spec.options)} options"))
        return problems
