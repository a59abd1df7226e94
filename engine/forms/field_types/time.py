"""Time of day (``08:30`` or ``08:30:15``), without a date or time zone."""

from __future__ import annotations

import re
from datetime import time
from typing import Any

from sqlalchemy import Time
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import TimeFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType, check_min_max_spec, check_range

_TIME = re.compile(r"([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?")


def _show(value: time) -> str:
    return value.isoformat(timespec="seconds" if value.second else "minutes")


class TimeFieldType(FieldType[TimeFieldSpec]):
    type = "time"
    spec_model = TimeFieldSpec

    def column_type(self, spec: TimeFieldSpec) -> TypeEngine[Any]:
        return Time()

    def json_schema(self, spec: TimeFieldSpec) -> dict[str, Any]:
        return {"type": "string", "pattern": f"^(?:{_TIME.pattern})$", "examples": ["08:30"]}

    def coerce(self, spec: TimeFieldSpec, raw: Any) -> time | None:
        if isinstance(raw, time):
            if raw.tzinfo is not None:
                raise FieldValueError("type", "must be a time of day without a time zone")
            return raw.replace(microsecond=0)
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            if _TIME.fullmatch(text):
                return time.fromisoformat(text)
        raise FieldValueError("type", "must be a time of day like 08:30 or 17:45:10")

    def validate(self, spec: TimeFieldSpec, value: time) -> None:
        check_range(spec, value, _show)

    def to_json(self, spec: TimeFieldSpec, value: time | None) -> str | None:
        return None if value is None else _show(value)

    def check_spec(self, spec: TimeFieldSpec) -> list[tuple[str, str]]:
        return check_min_max_spec(spec)
