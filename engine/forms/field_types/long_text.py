"""Multi-line text (notes, descriptions)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Text
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import LongTextFieldSpec
from engine.forms.field_types.base import FieldType
from engine.forms.field_types.text import check_length, coerce_text


class LongTextFieldType(FieldType[LongTextFieldSpec]):
    type = "long_text"
    spec_model = LongTextFieldSpec
    sortable = False
    can_be_unique = False
    indexable = False
    filter_operators = ("contains", "isnull")
    compatible_from = frozenset({"text", "single_select"})

    def column_type(self, spec: LongTextFieldSpec) -> TypeEngine[Any]:
        return Text()

    def sql_signature(self, spec: LongTextFieldSpec) -> str:
        return "text"

    def json_schema(self, spec: LongTextFieldSpec) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "maxLength": spec.max_length}
        if spec.min_length:
            schema["minLength"] = spec.min_length
        return schema

    def coerce(self, spec: LongTextFieldSpec, raw: Any) -> str | None:
        return coerce_text(raw)

    def validate(self, spec: LongTextFieldSpec, value: str) -> None:
        check_length(spec, value)

    def check_spec(self, spec: LongTextFieldSpec) -> list[tuple[str, str]]:
        if spec.min_length is not None and spec.min_length > spec.max_length:
            return [("min_length", "must not be more than max_length")]
        return []
