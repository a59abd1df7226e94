"""Formulas: a value computed from the record's other fields, stored with the record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any

from sqlalchemy import BigInteger, Boolean, Date, Text
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import FormulaFieldSpec
from engine.expressions import CompiledExpression, ExpressionError, compile_expression
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import (
    EQUALITY_OPERATORS,
    RANGE_OPERATORS,
    FieldType,
    FillContext,
)
from engine.storage.types import ExactDecimal, UTCDateTime


@lru_cache(maxsize=1024)
def _compiled(source: str, kinds: tuple[tuple[str, str], ...]) -> CompiledExpression:
    return compile_expression(source, dict(kinds))


def compiled(source: str, kinds: Mapping[str, str]) -> CompiledExpression:
    """Compile once per expression and set of field kinds (publish already checked it)."""
    return _compiled(source, tuple(sorted(kinds.items())))


class FormulaFieldType(FieldType[FormulaFieldSpec]):
    type = "formula"
    spec_model = FormulaFieldSpec
    computed = True
    can_be_unique = False
    filter_operators = EQUALITY_OPERATORS + RANGE_OPERATORS

    def column_type(self, spec: FormulaFieldSpec) -> TypeEngine[Any]:
        columns: dict[str, TypeEngine[Any]] = {
            "number": ExactDecimal(15, spec.scale),
            "integer": BigInteger(),
            "text": Text(),
            "boolean": Boolean(create_constraint=False),
            "date": Date(),
            "datetime": UTCDateTime(),
        }
        return columns[spec.result]

    def sql_signature(self, spec: FormulaFieldSpec) -> str:
        return f"formula:{spec.result}:{spec.scale if spec.result == 'number' else ''}"

    def json_schema(self, spec: FormulaFieldSpec) -> dict[str, Any]:
        shapes: dict[str, dict[str, Any]] = {
            "number": {"type": "string", "format": "decimal"},
            "integer": {"type": "integer"},
            "text": {"type": "string"},
            "boolean": {"type": "boolean"},
            "date": {"type": "string", "format": "date"},
            "datetime": {"type": "string", "format": "date-time"},
        }
        return {**shapes[spec.result], "readOnly": True, "description": f"= {spec.expression}"}

    def coerce(self, spec: FormulaFieldSpec, raw: Any) -> Any:
        return self.result_value(spec, raw)

    def parse_filter_value(self, spec: FormulaFieldSpec, text: str) -> Any:
        if spec.result in ("number", "integer"):
            try:
                return self.result_value(spec, Decimal(text))
            except ArithmeticError:
                raise FieldValueError("type", "must be a number") from None
        if spec.result == "boolean":
            return {"true": True, "false": False}.get(text.lower())
        if spec.result == "date":
            return date.fromisoformat(text)
        return text

    def result_value(self, spec: FormulaFieldSpec, value: Any) -> Any:
        """The expression's result as the field stores it, or a clear error."""
        if value is None or value == "":
            return None
        result = spec.result
        if result in ("number", "integer"):
            if isinstance(value, bool) or not isinstance(value, int | Decimal | float | str):
                raise FieldValueError("formula", f"gives {type(value).__name__}, not a number")
            number = Decimal(repr(value) if isinstance(value, float) else value)
            if result == "integer":
                return int(number.quantize(Decimal(1), rounding=ROUND_HALF_UP))
            if abs(number) >= Decimal(10) ** (15 - spec.scale):
                raise FieldValueError("formula", "gives a number too large to store")
            return number.quantize(Decimal(1).scaleb(-spec.scale), rounding=ROUND_HALF_UP)
        if result == "text":
            return format(value, "f") if isinstance(value, Decimal) else str(value)
        if result == "boolean" and isinstance(value, bool):
            return value
        if result == "date" and isinstance(value, date) and not isinstance(value, datetime):
            return value
        if result == "datetime" and isinstance(value, datetime):
            return value
        raise FieldValueError("formula", f"gives {type(value).__name__}, not {result}")

    def to_json(self, spec: FormulaFieldSpec, value: Any) -> Any:
        if value is None:
            return None
        if isinstance(value, Decimal):
            return format(value, "f")
        if isinstance(value, datetime):
            return value.isoformat().replace("+00:00", "Z")
        if isinstance(value, date):
            return value.isoformat()
        return value

    def fill(
        self, spec: FormulaFieldSpec, rows: list[dict[str, Any]], context: FillContext
    ) -> None:
        expression = compiled(spec.expression, context.field_kinds)
        for row in rows:
            try:
                result = expression.evaluate(row, now=context.now, tz=context.time_zone)
            except ExpressionError as exc:
                raise FieldValueError("formula", f"cannot be computed: {exc.message}") from None
            row[spec.id] = self.result_value(spec, result)
