"""A point on earth: ``{"lat": 31.23, "lng": 121.47, "accuracy": 12}`` (WGS 84, metres)."""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import JSON
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import GeolocationFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType

_KEYS = {"lat", "lng", "accuracy"}


def _number(value: Any, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise FieldValueError("type", f"{name} must be a number")
    try:
        number = float(value)
    except (ValueError, OverflowError):
        raise FieldValueError("type", f"{name} must be a number") from None
    if not math.isfinite(number):
        raise FieldValueError("type", f"{name} must be a finite number")
    return number


class GeolocationFieldType(FieldType[GeolocationFieldSpec]):
    type = "geolocation"
    spec_model = GeolocationFieldSpec
    sortable = False
    indexable = False
    can_be_unique = False
    filter_operators = ("isnull",)

    def column_type(self, spec: GeolocationFieldSpec) -> TypeEngine[Any]:
        return JSON(none_as_null=True)

    def sql_signature(self, spec: GeolocationFieldSpec) -> str:
        return "json"

    def json_schema(self, spec: GeolocationFieldSpec) -> dict[str, Any]:
        return {
            "type": "object",
            "required": ["lat", "lng"],
            "additionalProperties": False,
            "properties": {
                "lat": {"type": "number", "minimum": -90, "maximum": 90},
                "lng": {"type": "number", "minimum": -180, "maximum": 180},
                "accuracy": {"type": "number", "minimum": 0, "description": "metres"},
            },
        }

    def coerce(self, spec: GeolocationFieldSpec, raw: Any) -> dict[str, float] | None:
        if isinstance(raw, str):  # "31.2304,121.4737" from a spreadsheet or a scanner
            parts = [p.strip() for p in raw.split(",")]
            if len(parts) not in (2, 3) or not all(parts):
                raise FieldValueError(
                    "type", "must be 'latitude,longitude' or an object with lat and lng"
                )
            raw = dict(zip(("lat", "lng", "accuracy"), parts, strict=False))
        if not isinstance(raw, dict):
            raise FieldValueError("type", "must be an object with lat and lng")
        extra = set(raw) - _KEYS
        if extra:
            raise FieldValueError(
                "type", f"has unknown member '{sorted(extra)[0]}'; use lat, lng, accuracy"
            )
        if "lat" not in raw or "lng" not in raw:
            raise FieldValueError("type", "needs both lat and lng")
        value = {
            "lat": round(_number(raw["lat"], "lat"), 7),
            "lng": round(_number(raw["lng"], "lng"), 7),
        }
        if raw.get("accuracy") is not None:
            value["accuracy"] = round(_number(raw["accuracy"], "accuracy"), 1)
        return value

    def validate(self, spec: GeolocationFieldSpec, value: dict[str, float]) -> None:
        if not -90 <= value["lat"] <= 90:
            raise FieldValueError("range", "latitude must be between -90 and 90")
        if not -180 <= value["lng"] <= 180:
            raise FieldValueError("range", "longitude must be between -180 and 180")
        if value.get("accuracy", 0) < 0:
            raise FieldValueError("range", "accuracy cannot be negative")
