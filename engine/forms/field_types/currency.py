"""Money: an exact decimal in one currency (ISO 4217), returned as a string in JSON."""

from __future__ import annotations

from typing import Any

from engine.definitions.specs import CurrencyFieldSpec
from engine.forms.field_types.decimal import DecimalFieldType


class CurrencyFieldType(DecimalFieldType):
    type = "currency"
    spec_model = CurrencyFieldSpec  # type: ignore[assignment]
    compatible_from = frozenset({"decimal", "integer", "percent"})

    def json_schema(self, spec: Any) -> dict[str, Any]:
        schema = super().json_schema(spec)
        schema["x-currency"] = spec.currency
        schema["description"] = f"Amount in {spec.currency}. " + schema["description"]
        return schema
