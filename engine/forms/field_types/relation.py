"""Links to records of another form: an indexed id column, or a link table if multiple."""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import RelationFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType


def record_id(raw: Any) -> int:
    """A linked record's id from ``5``, ``"5"`` or ``{"id": 5, ...}`` (what GET returned)."""
    if isinstance(raw, dict):
        raw = raw.get("id")
    if isinstance(raw, bool):
        raise FieldValueError("type", "must be the id of a linked record")
    if isinstance(raw, str) and raw.strip().isdigit():
        raw = int(raw.strip())
    if not isinstance(raw, int) or raw <= 0:
        raise FieldValueError("type", "must be the id of a linked record (a positive whole number)")
    return raw


class RelationFieldType(FieldType[RelationFieldSpec]):
    type = "relation"
    spec_model = RelationFieldSpec
    filter_operators = ("eq", "ne", "in", "nin", "isnull")
    sortable = False
    can_be_unique = True
    links = True
    shown_key = "id"

    def has_column(self, spec: RelationFieldSpec) -> bool:
        return not spec.multiple

    def column_type(self, spec: RelationFieldSpec) -> TypeEngine[Any]:
        return BigInteger()

    def sql_signature(self, spec: RelationFieldSpec) -> str:
        return f"link:{spec.target}:{'many' if spec.multiple else 'one'}"

    def json_schema(self, spec: RelationFieldSpec) -> dict[str, Any]:
        link = {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "integer", "description": f"id of a '{spec.target}' record"},
                "display": {"type": ["string", "null"], "readOnly": True},
            },
            "description": "Send the id (a number) or the object GET returned",
        }
        one = {"anyOf": [{"type": "integer", "minimum": 1}, link]}
        return {"type": "array", "items": one} if spec.multiple else one

    def coerce(self, spec: RelationFieldSpec, raw: Any) -> Any:
        if spec.multiple:
            if not isinstance(raw, list):
                raise FieldValueError("type", "must be a list of linked record ids")
            ids = list(dict.fromkeys(record_id(item) for item in raw))
            return ids or None
        return record_id(raw)

    def parse_filter_value(self, spec: RelationFieldSpec, text: str) -> int:
        return record_id(text)

    def to_json(self, spec: RelationFieldSpec, value: Any) -> Any:
        # The records service replaces ids with {"id", "display"} once it has read the
        # display values of a whole page in one query.
        return value
