"""Calendar dates (ISO 8601, ``2026-11-21``)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

from sqlalchemy import Date
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import DateFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType, check_min_max_spec, check_range

_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


class DateFieldType(FieldType[DateFieldSpec]):
    type = "date"
    spec_model = DateFieldSpec

    def column_type(self, spec: DateFieldSpec) -> TypeEngine[Any]:
        return Date()

    def json_schema(self, spec: DateFieldSpec) -> dict[str, Any]:
        return {"type": "string", "format": "date"}

    def coerce(self, spec: DateFieldSpec, raw: Any) -> date | None:
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            # Only the extended form: "20261121" is more often a typo than a date.
            if _ISO_DATE.fullmatch(text):
                try:
                    return date.fromisoformat(text)
                except ValueError:
                    pass
        elif isinstance(raw, date) and not isinstance(raw, datetime):
            return raw
        raise FieldValueError("type", "must be a date like 2026-11-21")

    def validate(self, spec: DateFieldSpec, value: date) -> None:
        check_range(spec, value, date.isoformat)

    def to_json(self, spec: DateFieldSpec, value: date | None) -> str | None:
        return None if value is None else value.isoformat()

    def check_spec(self, spec: DateFieldSpec) -> list[tuple[str, str]]:
        return check_min_max_spec(spec)
