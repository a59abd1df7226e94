"""Auto-numbers: ``RM-{yyyyMMdd}-{seq:4}`` → ``RM-20261121-0001``, never the same twice."""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import AutoNumberFieldSpec
from engine.forms.field_types.base import (
    EQUALITY_OPERATORS,
    RANGE_OPERATORS,
    TEXT_OPERATORS,
    FieldType,
    FillContext,
)
from engine.forms.field_types.text import coerce_text
from engine.storage.sequences import next_values

_TOKEN = re.compile(r"\{([^{}]*)\}")
_SEQ = re.compile(r"seq(?::([1-9][0-9]?))?")
_DATE_PARTS = {
    "yyyy": "%Y",
    "yy": "%y",
    "MM": "%m",
    "dd": "%d",
    "yyyyMM": "%Y%m",
    "yyyyMMdd": "%Y%m%d",
    "yyMMdd": "%y%m%d",
}
_LITERAL = re.compile(r"[A-Za-z0-9\-_/.#:]*")
MAX_LENGTH = 64


def parse_pattern(pattern: str) -> list[tuple[str, str]]:
    """Split a pattern into ("text", literal), ("date", strftime) and ("seq", width) parts."""
    parts: list[tuple[str, str]] = []
    position = 0
    for match in _TOKEN.finditer(pattern):
        literal = pattern[position : match.start()]
        if literal:
            parts.append(("text", literal))
        token = match.group(1)
        seq = _SEQ.fullmatch(token)
        if seq:
            parts.append(("seq", seq.group(1) or "1"))
        elif token in _DATE_PARTS:
            parts.append(("date", _DATE_PARTS[token]))
        else:
            raise ValueError(
                f"{{{token}}} is not a known part; use {{seq:N}} or one of "
                + ", ".join(f"{{{k}}}" for k in _DATE_PARTS)
            )
        position = match.end()
    if pattern[position:]:
        parts.append(("text", pattern[position:]))
    if sum(1 for kind, _ in parts if kind == "seq") != 1:
        raise ValueError("must contain {seq} (or {seq:N} for N digits) exactly once")
    for kind, text in parts:
        if kind == "text" and not _LITERAL.fullmatch(text):
            raise ValueError(f"'{text}' may only use letters, digits and - _ / . # :")
    return parts


def render(parts: list[tuple[str, str]], when: datetime, number: int | None) -> str:
    out = []
    for kind, value in parts:
        if kind == "text":
            out.append(value)
        elif kind == "date":
            out.append(when.strftime(value))
        else:
            out.append("" if number is None else str(number).zfill(int(value)))
    return "".join(out)


class AutoNumberFieldType(FieldType[AutoNumberFieldSpec]):
    type = "auto_number"
    spec_model = AutoNumberFieldSpec
    computed = True
    implies_unique = True
    previewable = False
    filter_operators = EQUALITY_OPERATORS + RANGE_OPERATORS + TEXT_OPERATORS

    def column_type(self, spec: AutoNumberFieldSpec) -> TypeEngine[Any]:
        return String(MAX_LENGTH)

    def sql_signature(self, spec: AutoNumberFieldSpec) -> str:
        return f"varchar({MAX_LENGTH})"

    def json_schema(self, spec: AutoNumberFieldSpec) -> dict[str, Any]:
        return {
            "type": "string",
            "readOnly": True,
            "description": f"Given by the server: {spec.pattern}",
        }

    def coerce(self, spec: AutoNumberFieldSpec, raw: Any) -> str | None:
        return coerce_text(raw)

    def counter_key(
        self, spec: AutoNumberFieldSpec, form_id: int, when: datetime
    ) -> tuple[str, list[tuple[str, str]]]:
        parts = parse_pattern(spec.pattern)
        return f"{form_id}:{spec.id}:{render(parts, when, None)}", parts

    def fill(
        self, spec: AutoNumberFieldSpec, rows: list[dict[str, Any]], context: FillContext
    ) -> None:
        if not context.creating or not rows:
            return
        when = context.now.astimezone(ZoneInfo(context.time_zone))
        key, parts = self.counter_key(spec, context.form_id, when)
        for row, number in zip(rows, next_values(context.uow, key, len(rows)), strict=True):
            row[spec.id] = render(parts, when, number)

    def check_spec(self, spec: AutoNumberFieldSpec) -> list[tuple[str, str]]:
        try:
            parts = parse_pattern(spec.pattern)
        except ValueError as exc:
            return [("pattern", str(exc))]
        longest = render(
            parts, datetime(2000, 12, 31), 10 ** int(next(v for k, v in parts if k == "seq")) - 1
        )
        if len(longest) > MAX_LENGTH:
            return [("pattern", f"makes numbers longer than {MAX_LENGTH} characters")]
        return []
