"""A percentage stored as the number people type (12.5 means 12.5 %), exact."""

from __future__ import annotations

from typing import Any

from engine.definitions.specs import PercentFieldSpec
from engine.forms.field_types.decimal import DecimalFieldType


class PercentFieldType(DecimalFieldType):
    type = "percent"
    spec_model = PercentFieldSpec  # type: ignore[assignment]
    compatible_from = frozenset({"decimal", "integer"})

    def json_schema(self, spec: Any) -> dict[str, Any]:
        schema = super().json_schema(spec)
        schema["description"] = "Percentage: 12.5 means 12.5 %. " + schema["description"]
        return schema
