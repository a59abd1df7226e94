"""Lookups and rollups: values that come from linked records or from sub-table rows."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import LookupFieldSpec, RollupFieldSpec
from engine.forms.field_types.base import (
    EQUALITY_OPERATORS,
    RANGE_OPERATORS,
    FieldType,
    FillContext,
)
from engine.storage.types import ExactDecimal


class LookupFieldType(FieldType[LookupFieldSpec]):
    """Shown live from the linked record: always current, never stored, not filterable."""

    type = "lookup"
    spec_model = LookupFieldSpec
    computed = True
    live = True
    sortable = False
    indexable = False
    can_be_unique = False
    filter_operators = ()

    def has_column(self, spec: LookupFieldSpec) -> bool:
        return False

    def json_schema(self, spec: LookupFieldSpec) -> dict[str, Any]:
        return {
            "readOnly": True,
            "description": f"{spec.field} of the record linked by {spec.relation}",
        }

    def coerce(self, spec: LookupFieldSpec, raw: Any) -> Any:
        return raw


class RollupFieldType(FieldType[RollupFieldSpec]):
    """Count / sum / avg / min / max over a sub-table's rows, stored with the record."""

    type = "rollup"
    spec_model = RollupFieldSpec
    computed = True
    can_be_unique = False
    filter_operators = EQUALITY_OPERATORS + RANGE_OPERATORS

    def is_live(self, spec: RollupFieldSpec) -> bool:
        return spec.over_links  # linked records change on their own: computed when shown

    def has_column(self, spec: RollupFieldSpec) -> bool:
        return not spec.over_links

    def operators(self, spec: RollupFieldSpec) -> tuple[str, ...]:
        return () if spec.over_links else self.filter_operators

    def column_type(self, spec: RollupFieldSpec) -> TypeEngine[Any]:
        return BigInteger() if spec.aggregate == "count" else ExactDecimal(15, spec.scale)

    def sql_signature(self, spec: RollupFieldSpec) -> str:
        return "bigint" if spec.aggregate == "count" else f"numeric(15,{spec.scale})"

    def json_schema(self, spec: RollupFieldSpec) -> dict[str, Any]:
        shape: dict[str, Any] = (
            {"type": "integer"}
            if spec.aggregate == "count"
            else {"type": "string", "format": "decimal"}
        )
        return {**shape, "readOnly": True, "description": f"{spec.aggregate} of {spec.source}"}

    def coerce(self, spec: RollupFieldSpec, raw: Any) -> Any:
        if raw is None or raw == "":
            return None
        if spec.aggregate == "count":
            return int(raw)
        return self._number(spec, Decimal(repr(raw) if isinstance(raw, float) else str(raw)))

    def parse_filter_value(self, spec: RollupFieldSpec, text: str) -> Any:
        return self.coerce(spec, text)

    def to_json(self, spec: RollupFieldSpec, value: Any) -> Any:
        return format(value, "f") if isinstance(value, Decimal) else value

    def aggregate(self, spec: RollupFieldSpec, values: list[Any], count: int) -> Any:
        """The rollup of some values (``count`` is the number of rows or links)."""
        if spec.aggregate == "count":
            return count
        numbers = [Decimal(str(v)) for v in values if v is not None]
        if not numbers:
            return None if spec.aggregate != "sum" else self._number(spec, Decimal(0))
        result = {
            "sum": sum(numbers, Decimal(0)),
            "avg": sum(numbers, Decimal(0)) / len(numbers),
            "min": min(numbers),
            "max": max(numbers),
        }[spec.aggregate]
        return self._number(spec, result)

    def fill(self, spec: RollupFieldSpec, rows: list[dict[str, Any]], context: FillContext) -> None:
        if spec.over_links:
            return
        for row in rows:
            if spec.source not in row:
                continue  # the rows were not touched: the stored value stands
            lines = row.get(spec.source) or []
            if spec.aggregate == "count":
                row[spec.id] = len(lines)
                continue
            values = [
                Decimal(str(line[spec.field])) for line in lines if line.get(spec.field) is not None
            ]
            if not values:
                row[spec.id] = None if spec.aggregate != "sum" else self._number(spec, Decimal(0))
                continue
            result = {
                "sum": sum(values, Decimal(0)),
                "avg": sum(values, Decimal(0)) / len(values),
                "min": min(values),
                "max": max(values),
            }[spec.aggregate]
            row[spec.id] = self._number(spec, result)

    @staticmethod
    def _number(spec: RollupFieldSpec, value: Decimal) -> Decimal:
        return value.quantize(Decimal(1).scaleb(-spec.scale), rounding=ROUND_HALF_UP)
