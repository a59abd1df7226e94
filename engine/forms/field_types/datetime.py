"""Points in time, stored in UTC; input must carry its offset (``Z`` or ``+08:00``)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache
from typing import Any

from sqlalchemy.types import TypeEngine

from engine.definitions.specs import DateTimeFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType, check_min_max_spec, check_range
from engine.storage.types import UTCDateTime


@lru_cache(maxsize=256)  # a batch of records shares one timestamp
def format_utc(value: datetime) -> str:
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


class DateTimeFieldType(FieldType[DateTimeFieldSpec]):
    type = "datetime"
    spec_model = DateTimeFieldSpec

    def column_type(self, spec: DateTimeFieldSpec) -> TypeEngine[Any]:
        return UTCDateTime()

    def sql_signature(self, spec: DateTimeFieldSpec) -> str:
        return "timestamptz"

    def json_schema(self, spec: DateTimeFieldSpec) -> dict[str, Any]:
        return {"type": "string", "format": "date-time"}

    def coerce(self, spec: DateTimeFieldSpec, raw: Any) -> datetime | None:
        if isinstance(raw, str):
            text = raw.strip()
            if not text:
                return None
            try:
                value = datetime.fromisoformat(text)
            except ValueError:
                raise FieldValueError(
                    "type", "must be a date and time like 2026-11-21T08:30:00+08:00"
                ) from None
        elif isinstance(raw, datetime):
            value = raw
        else:
            raise FieldValueError("type", "must be a date and time like 2026-11-21T08:30:00Z")
        if value.tzinfo is None:
            raise FieldValueError(
                "timezone", "must include a time zone offset, such as Z or +08:00"
            )
        return value.astimezone(UTC)

    def validate(self, spec: DateTimeFieldSpec, value: datetime) -> None:
        check_range(spec, value, format_utc)

    def to_json(self, spec: DateTimeFieldSpec, value: datetime | None) -> str | None:
        return None if value is None else format_utc(value)

    def check_spec(self, spec: DateTimeFieldSpec) -> list[tuple[str, str]]:
        problems = check_min_max_spec(spec)
        for name in ("min", "max"):
            bound = getattr(spec, name)
            if bound is not None and bound.tzinfo is None:
                problems.append((name, "must include a time zone offset, such as Z or +08:00"))
        return problems
