"""Yes / no."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import BooleanFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType

_TRUE = {"true", "1", "yes"}
_FALSE = {"false", "0", "no"}


class BooleanFieldType(FieldType[BooleanFieldSpec]):
    type = "boolean"
    spec_model = BooleanFieldSpec
    filter_operators = ("eq", "ne", "isnull")
    can_be_unique = False

    def column_type(self, spec: BooleanFieldSpec) -> TypeEngine[Any]:
        return Boolean(create_constraint=False)

    def json_schema(self, spec: BooleanFieldSpec) -> dict[str, Any]:
        return {"type": "boolean"}

    def coerce(self, spec: BooleanFieldSpec, raw: Any) -> bool:
        if isinstance(raw, bool):
            return raw
        raise FieldValueError("type", "must be true or false")

    def parse_filter_value(self, spec: BooleanFieldSpec, text: str) -> bool:
        lowered = text.strip().lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise FieldValueError("type", "must be true or false")
