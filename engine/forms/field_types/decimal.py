"""Exact decimal numbers (quantities, weights, prices), returned as strings in JSON."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from sqlalchemy.types import TypeEngine

from engine.definitions.specs import DecimalFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType, check_min_max_spec, check_range
from engine.storage.types import ExactDecimal


def _show(value: Decimal) -> str:
    return format(value, "f")


@lru_cache(maxsize=256)
def _limits(precision: int, scale: int) -> tuple[Decimal, Decimal, int]:
    """The quantum of ``scale`` places, the first value too large, the integer digits."""
    integer_digits = precision - scale
    return Decimal(1).scaleb(-scale), Decimal(10) ** integer_digits, integer_digits


class DecimalFieldType(FieldType[DecimalFieldSpec]):
    type = "decimal"
    spec_model = DecimalFieldSpec
    numeric = True
    compatible_from = frozenset({"integer"})

    def column_type(self, spec: DecimalFieldSpec) -> TypeEngine[Any]:
        return ExactDecimal(spec.precision, spec.scale)

    def sql_signature(self, spec: DecimalFieldSpec) -> str:
        return f"numeric({spec.precision},{spec.scale})"

    def json_schema(self, spec: DecimalFieldSpec) -> dict[str, Any]:
        return {
            "type": "string",
            "format": "decimal",
            "pattern": r"^-?\d+(\.\d+)?$",
            "description": f"Exact decimal, up to {spec.precision} digits with {spec.scale} "
            "after the point. Numbers are accepted on input; output is a string.",
        }

    def coerce(self, spec: DecimalFieldSpec, raw: Any) -> Decimal | None:
        if isinstance(raw, bool):
            raise FieldValueError("type", "must be a number")
        if isinstance(raw, str):
            raw = raw.strip()
            if not raw:
                return None
        if not isinstance(raw, int | float | str | Decimal):
            raise FieldValueError("type", "must be a number")
        try:
            value = Decimal(repr(raw) if isinstance(raw, float) else raw)
        except InvalidOperation:
            raise FieldValueError("type", f"must be a number, not {raw!r}") from None
        if not value.is_finite():
            raise FieldValueError("type", "must be a finite number")
        quantum, too_large, integer_digits = _limits(spec.precision, spec.scale)
        # Checked before rounding: quantizing a huge value would overflow the context.
        if value != 0 and value.adjusted() >= integer_digits:
            raise FieldValueError(
                "precision", f"must have at most {integer_digits} digits before the decimal point"
            )
        quantized = value.quantize(quantum)
        if quantized != value:
            raise FieldValueError("scale", f"must have at most {spec.scale} decimal places")
        if abs(quantized) >= too_large:
            raise FieldValueError(
                "precision", f"must have at most {integer_digits} digits before the decimal point"
            )
        return quantized + 0  # + 0 turns -0 into 0

    def validate(self, spec: DecimalFieldSpec, value: Decimal) -> None:
        check_range(spec, value, _show)

    def to_json(self, spec: DecimalFieldSpec, value: Decimal | None) -> str | None:
        return None if value is None else _show(value)

    def check_spec(self, spec: DecimalFieldSpec) -> list[tuple[str, str]]:
        problems = check_min_max_spec(spec)
        if spec.scale > spec.precision:
            problems.append(("scale", "must not be more than precision"))
        return problems
