"""Whole numbers."""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import IntegerFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType, check_min_max_spec, check_range

_INTEGER_TEXT = re.compile(r"[+-]?[0-9]{1,19}")
INT64_MIN = -(2**63)
INT64_MAX = 2**63 - 1


class IntegerFieldType(FieldType[IntegerFieldSpec]):
    type = "integer"
    spec_model = IntegerFieldSpec
    numeric = True

    def column_type(self, spec: IntegerFieldSpec) -> TypeEngine[Any]:
        return BigInteger()

    def sql_signature(self, spec: IntegerFieldSpec) -> str:
        return "bigint"

    def json_schema(self, spec: IntegerFieldSpec) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "integer", "format": "int64"}
        if spec.min is not None:
            schema["minimum"] = spec.min
        if spec.max is not None:
            schema["maximum"] = spec.max
        return schema

    def coerce(self, spec: IntegerFieldSpec, raw: Any) -> int | None:
        if isinstance(raw, bool):
            raise FieldValueError("type", "must be a whole number")
        if isinstance(raw, int):
            value = raw
        elif isinstance(raw, float) and raw.is_integer():
            value = int(raw)
        elif isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            if not _INTEGER_TEXT.fullmatch(text):
                raise FieldValueError("type", f"must be a whole number, not {raw!r}")
            value = int(text)
        else:
            raise FieldValueError("type", "must be a whole number")
        if not INT64_MIN <= value <= INT64_MAX:
            raise FieldValueError("range", "is too large for a whole-number field")
        return value

    def validate(self, spec: IntegerFieldSpec, value: int) -> None:
        check_range(spec, value)

    def check_spec(self, spec: IntegerFieldSpec) -> list[tuple[str, str]]:
        return check_min_max_spec(spec)
