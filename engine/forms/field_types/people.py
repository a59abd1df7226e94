"""User and department picks: logins and department ids, checked against the directory."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Integer, String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import DepartmentPickFieldSpec, UserPickFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import EQUALITY_OPERATORS, FieldType


def login_of(raw: Any) -> str:
    if isinstance(raw, dict):
        raw = raw.get("login")
    if not isinstance(raw, str) or not raw.strip():
        raise FieldValueError("type", "must be a user's login")
    return raw.strip()


class UserPickFieldType(FieldType[UserPickFieldSpec]):
    type = "user"
    spec_model = UserPickFieldSpec
    people = "users"
    shown_key = "login"
    filter_operators = EQUALITY_OPERATORS

    def column_type(self, spec: UserPickFieldSpec) -> TypeEngine[Any]:
        return JSON(none_as_null=True) if spec.multiple else String(64)

    def sql_signature(self, spec: UserPickFieldSpec) -> str:
        return "json" if spec.multiple else "varchar(64)"

    def json_schema(self, spec: UserPickFieldSpec) -> dict[str, Any]:
        one = {
            "anyOf": [{"type": "string"}, {"type": "object", "required": ["login"]}],
            "description": "A login (reads return {login, display_name})",
        }
        return {"type": "array", "items": one} if spec.multiple else one

    def coerce(self, spec: UserPickFieldSpec, raw: Any) -> Any:
        if spec.multiple:
            if not isinstance(raw, list):
                raise FieldValueError("type", "must be a list of logins")
            return list(dict.fromkeys(login_of(item) for item in raw)) or None
        return login_of(raw)

    def parse_filter_value(self, spec: UserPickFieldSpec, text: str) -> str:
        return login_of(text)

    def operators(self, spec: UserPickFieldSpec) -> tuple[str, ...]:
        return ("isnull",) if spec.multiple else self.filter_operators


class DepartmentPickFieldType(FieldType[DepartmentPickFieldSpec]):
    type = "department"
    spec_model = DepartmentPickFieldSpec
    people = "departments"
    shown_key = "id"
    sortable = False
    filter_operators = EQUALITY_OPERATORS

    def column_type(self, spec: DepartmentPickFieldSpec) -> TypeEngine[Any]:
        return Integer()

    def sql_signature(self, spec: DepartmentPickFieldSpec) -> str:
        return "integer"

    def json_schema(self, spec: DepartmentPickFieldSpec) -> dict[str, Any]:
        return {
            "anyOf": [{"type": "integer"}, {"type": "object", "required": ["id"]}],
            "description": "A department id (reads return {id, name})",
        }

    def coerce(self, spec: DepartmentPickFieldSpec, raw: Any) -> int:
        if isinstance(raw, dict):
            raw = raw.get("id")
        if isinstance(raw, str) and raw.strip().isdigit():
            raw = int(raw)
        if isinstance(raw, bool) or not isinstance(raw, int) or raw <= 0:
            raise FieldValueError("type", "must be a department id")
        return raw
