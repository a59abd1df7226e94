"""One option out of a list; the stored value is the option's stable key."""

from __future__ import annotations

from typing import Any, cast

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import SingleSelectFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import EQUALITY_OPERATORS, FieldType

_KEYS: dict[int, tuple[Any, frozenset[str]]] = {}


def option_keys(spec: Any) -> frozenset[str]:
    """The option keys of a select spec, remembered per spec (the spec is kept alive with them)."""
    known = _KEYS.get(id(spec))
    if known is None or known[0] is not spec:
        if len(_KEYS) > 10_000:
            _KEYS.clear()
        known = _KEYS[id(spec)] = (spec, frozenset(o.key for o in spec.options))
    return known[1]


class SingleSelectFieldType(FieldType[SingleSelectFieldSpec]):
    type = "single_select"
    spec_model = SingleSelectFieldSpec
    filter_operators = EQUALITY_OPERATORS
    compatible_from = frozenset({"text", "long_text"})

    def column_type(self, spec: SingleSelectFieldSpec) -> TypeEngine[Any]:
        return String(64)

    def sql_signature(self, spec: SingleSelectFieldSpec) -> str:
        return "varchar(64)"

    def json_schema(self, spec: SingleSelectFieldSpec) -> dict[str, Any]:
        return {"type": "string", "enum": [o.key for o in spec.options]}

    def clean(self, spec: SingleSelectFieldSpec, raw: Any) -> str | None:
        if type(raw) is str and raw in option_keys(spec):
            return raw
        return cast(str | None, super().clean(spec, raw))

    def coerce(self, spec: SingleSelectFieldSpec, raw: Any) -> str | None:
        if not isinstance(raw, str):
            raise FieldValueError("type", "must be the key of one of the options")
        return raw or None

    def validate(self, spec: SingleSelectFieldSpec, value: str) -> None:
        if value in option_keys(spec):
            return
        keys = [o.key for o in spec.options]
        if value not in keys:
            shown = ", ".join(keys[:10]) + (" ..." if len(keys) > 10 else "")
            raise FieldValueError("option", f"'{value}' is not one of the options ({shown})")

    def check_spec(self, spec: SingleSelectFieldSpec) -> list[tuple[str, str]]:
        seen: set[str] = set()
        problems: list[tuple[str, str]] = []
        for i, option in enumerate(spec.options):
            if option.key in seen:
                problems.append((f"options/{i}/key", f"option key '{option.key}' is used twice"))
            seen.add(option.key)
        return problems
