"""Line items: rows with fields of their own, in a child table of the form's table."""

from __future__ import annotations

from typing import Any

from sqlalchemy.types import TypeEngine

from engine.definitions.specs import SubTableFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType


class SubTableFieldType(FieldType[SubTableFieldSpec]):
    type = "sub_table"
    spec_model = SubTableFieldSpec
    sortable = False
    indexable = False
    can_be_unique = False
    filter_operators = ()
    has_rows = True

    def differs(self, spec: SubTableFieldSpec, value: Any, shown: Any) -> bool:
        return True  # rows given are the rows to store

    def has_column(self, spec: SubTableFieldSpec) -> bool:
        return False

    def column_type(self, spec: SubTableFieldSpec) -> TypeEngine[Any]:
        raise TypeError("sub-tables have a table of their own, not a column")

    def sql_signature(self, spec: SubTableFieldSpec) -> str:
        return "child_table"

    def json_schema(self, spec: SubTableFieldSpec) -> dict[str, Any]:
        # The rows' own properties are filled in by the OpenAPI builder from the children.
        schema: dict[str, Any] = {
            "type": "array",
            "maxItems": spec.max_rows,
            "items": {"type": "object"},
        }
        if spec.min_rows:
            schema["minItems"] = spec.min_rows
        return schema

    def coerce(self, spec: SubTableFieldSpec, raw: Any) -> list[Any]:
        if not isinstance(raw, list):
            raise FieldValueError("type", "must be a list of rows")
        if len(raw) > spec.max_rows:
            raise FieldValueError("max_rows", f"may have at most {spec.max_rows} rows")
        if spec.min_rows and len(raw) < spec.min_rows:
            raise FieldValueError("min_rows", f"needs at least {spec.min_rows} rows")
        return raw

    def check_spec(self, spec: SubTableFieldSpec) -> list[tuple[str, str]]:
        if spec.min_rows is not None and spec.min_rows > spec.max_rows:
            return [("min_rows", "must not be more than max_rows")]
        return []
