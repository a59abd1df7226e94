"""Single-line text."""

from __future__ import annotations

import re
from typing import Any, cast

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import TextFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import (
    EQUALITY_OPERATORS,
    RANGE_OPERATORS,
    TEXT_OPERATORS,
    FieldType,
)


def coerce_text(raw: Any) -> str | None:
    if isinstance(raw, bool) or not isinstance(raw, str | int):
        raise FieldValueError("type", "must be text")
    text = str(raw)
    return text or None


def check_length(spec: Any, value: str) -> None:
    if spec.min_length is not None and len(value) < spec.min_length:
        raise FieldValueError("min_length", f"must be at least {spec.min_length} characters long")
    if len(value) > spec.max_length:
        raise FieldValueError("max_length", f"must be at most {spec.max_length} characters long")


class TextFieldType(FieldType[TextFieldSpec]):
    type = "text"
    spec_model = TextFieldSpec
    filter_operators = EQUALITY_OPERATORS + RANGE_OPERATORS + TEXT_OPERATORS
    compatible_from = frozenset({"single_select", "long_text"})

    def column_type(self, spec: TextFieldSpec) -> TypeEngine[Any]:
        return String(spec.max_length)

    def sql_signature(self, spec: TextFieldSpec) -> str:
        return f"varchar({spec.max_length})"

    def json_schema(self, spec: TextFieldSpec) -> dict[str, Any]:
        schema: dict[str, Any] = {"type": "string", "maxLength": spec.max_length}
        if spec.min_length:
            schema["minLength"] = spec.min_length
        if spec.pattern:
            # JSON Schema patterns match anywhere; the field requires a whole-value match.
            schema["pattern"] = f"^(?:{spec.pattern})$"
        return schema

    def coerce(self, spec: TextFieldSpec, raw: Any) -> str | None:
        return coerce_text(raw)

    def clean(self, spec: TextFieldSpec, raw: Any) -> str | None:
        # The common case in one step: text within the length limits and no pattern.
        if type(raw) is str and not spec.pattern and spec.min_length is None:
            if len(raw) <= spec.max_length:
                return raw or None
        return cast(str | None, super().clean(spec, raw))

    def validate(self, spec: TextFieldSpec, value: str) -> None:
        check_length(spec, value)
        if spec.pattern and not re.fullmatch(spec.pattern, value):
            raise FieldValueError("pattern", f"does not match the required pattern {spec.pattern}")

    def check_spec(self, spec: TextFieldSpec) -> list[tuple[str, str]]:
        problems: list[tuple[str, str]] = []
        if spec.min_length is not None and spec.min_length > spec.max_length:
            problems.append(("min_length", "must not be more than max_length"))
        if spec.pattern is not None:
            try:
                re.compile(spec.pattern)
            except re.error as exc:
                problems.append(("pattern", f"is not a valid regular expression: {exc}"))
        return problems
