"""List queries: filters with operators, sorting, offset or keyset (cursor) pagination."""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import ColumnElement, Select, and_, false, literal, or_, true

from engine.errors import ErrorDetail
from engine.forms.compiled import CompiledForm, FormField
from engine.forms.errors import FieldValueError
from engine.records.errors import QueryInvalid

OPERATOR_WORDS = {
    "eq": "equals",
    "ne": "does not equal",
    "gt": "greater than",
    "gte": "greater than or equal",
    "lt": "less than",
    "lte": "less than or equal",
    "in": "one of (comma-separated)",
    "nin": "none of (comma-separated)",
    "contains": "contains text",
    "startswith": "starts with text",
    "isnull": "is empty (true) or not empty (false)",
    "has": "includes the option",
}
MAX_IN_VALUES = 500


@dataclass(frozen=True)
class Filter:
    field: str
    op: str
    value: str


@dataclass
class RecordQuery:
    """What the list API asks for, still as text; the service checks it against the form."""

    filters: list[Filter] = field(default_factory=list)
    sort: list[str] = field(default_factory=list)  # "quantity" or "-quantity"
    limit: int = 50
    offset: int = 0
    cursor: str | None = None
    with_total: bool = True


@dataclass(frozen=True)
class SortKey:
    field: FormField
    descending: bool


def compile_filters(
    form: CompiledForm, filters: list[Filter], hidden: set[str] | None = None
) -> list[ColumnElement[bool]]:
    """SQL conditions for the filters; raise QueryInvalid listing every bad filter.

    Fields hidden from the reader are treated as if the form did not have them.
    """
    conditions: list[ColumnElement[bool]] = []
    errors: list[ErrorDetail] = []
    for f in filters:
        where = f"/query/filter[{f.field}][{f.op}]"
        target = None if hidden and f.field in hidden else form.queryable(f.field)
        if target is None:
            errors.append(
                ErrorDetail(
                    where,
                    f"form '{form.form_key}' has no field '{f.field}'",
                    "unknown_field",
                    field=f.field,
                )
            )
            continue
        ops = target.type.operators(target.spec)
        if f.op not in ops:
            errors.append(
                ErrorDetail(
                    where,
                    f"operator '{f.op}' does not apply to {target.type.type} field "
                    f"'{f.field}'; use one of {', '.join(ops) or '(none: it cannot be filtered)'}",
                    "unknown_operator",
                    field=f.field,
                )
            )
            continue
        try:
            conditions.append(_condition(form, target, f.op, f.value))
        except FieldValueError as exc:
            errors.append(ErrorDetail(where, f"'{f.value}' {exc.message}", exc.code, field=f.field))
    if errors:
        raise QueryInvalid(f"The list query has {len(errors)} problem(s).", errors)
    return conditions


def _condition(form: CompiledForm, target: FormField, op: str, text: str) -> ColumnElement[bool]:
    column = form.table.c[target.id]
    if op == "isnull":
        flag = text.strip().lower()
        if flag not in ("true", "false", "1", "0"):
            raise FieldValueError("type", "must be true or false")
        return column.is_(None) if flag in ("true", "1") else column.is_not(None)
    if op in ("in", "nin"):
        parts = [p for p in text.split(",") if p != ""]
        if not parts:
            raise FieldValueError("empty", "needs at least one value")
        if len(parts) > MAX_IN_VALUES:
            raise FieldValueError("too_many", f"may list at most {MAX_IN_VALUES} values")
        values = [_value(target, p) for p in parts]
        return column.in_(values) if op == "in" else or_(column.not_in(values), column.is_(None))
    if op in ("contains", "startswith"):
        if not text:
            raise FieldValueError("empty", "needs some text to look for")
        like: ColumnElement[bool] = (
            column.icontains(text, autoescape=True)
            if op == "contains"
            else column.istartswith(text, autoescape=True)
        )
        return like
    value = _value(target, text)
    custom = target.type.filter_condition(column, op, value)
    if custom is not None:
        own: ColumnElement[bool] = custom
        return own
    if op == "eq":
        equal: ColumnElement[bool] = column == value
        return equal
    if op == "ne":
        differs: ColumnElement[bool] = or_(column != value, column.is_(None))
        return differs
    comparisons: dict[str, ColumnElement[bool]] = {
        "gt": column > value,
        "gte": column >= value,
        "lt": column < value,
        "lte": column <= value,
    }
    return comparisons[op]


def _value(target: FormField, text: str) -> Any:
    value = target.type.parse_filter_value(target.spec, text)
    if value is None:
        raise FieldValueError("empty", "is empty; use isnull to find empty values")
    return value


def compile_sort(
    form: CompiledForm, sort: list[str], hidden: set[str] | None = None
) -> list[SortKey]:
    keys: list[SortKey] = []
    errors: list[ErrorDetail] = []
    for item in sort:
        name = item.lstrip("-+").strip()
        target = None if hidden and name in hidden else form.queryable(name)
        if target is None:
            errors.append(
                ErrorDetail(
                    "/query/sort",
                    f"form '{form.form_key}' has no field '{name}'",
                    "unknown_field",
                    field=name,
                )
            )
        elif not target.type.sortable:
            errors.append(
                ErrorDetail(
                    "/query/sort",
                    f"records cannot be sorted by {target.type.type} field '{name}'",
                    "not_sortable",
                    field=name,
                )
            )
        else:
            keys.append(SortKey(target, item.startswith("-")))
    if errors:
        raise QueryInvalid("The sort order is not valid.", errors)
    if not any(k.field.id == "id" for k in keys):
        # The id breaks ties so that pages never skip or repeat a record. It follows the
        # first key's direction, so a one-column index (which holds the row id) serves both.
        keys.append(SortKey(form.system_fields["id"], bool(keys and keys[0].descending)))
    return keys


def order_by(form: CompiledForm, keys: list[SortKey], dialect: str) -> list[Any]:
    """ORDER BY clauses. Empty values are the smallest: first going up, last going down.

    That is SQLite's own order, so its indexes serve every sort; on PostgreSQL the NULLS
    clause is spelled out and schema sync creates indexes ``NULLS FIRST`` to match.
    """
    clauses = []
    for key in keys:
        column = form.table.c[key.field.id]
        ordered = column.desc() if key.descending else column.asc()
        if dialect != "sqlite":
            ordered = ordered.nulls_last() if key.descending else ordered.nulls_first()
        clauses.append(ordered)
    return clauses


def sort_signature(keys: list[SortKey]) -> str:
    return ",".join(("-" if k.descending else "") + k.field.id for k in keys)


def encode_cursor(keys: list[SortKey], row: Any) -> str:
    values = [k.field.type.to_json(k.field.spec, getattr(row, k.field.id)) for k in keys]
    raw = json.dumps({"s": sort_signature(keys), "v": values}, separators=(",", ":"))
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def keyset_condition(form: CompiledForm, keys: list[SortKey], cursor: str) -> ColumnElement[bool]:
    """Rows strictly after the cursor's row in the sort order."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(base64.urlsafe_b64decode(padded.encode()))
        signature, raw_values = payload["s"], payload["v"]
    except (ValueError, KeyError, TypeError):
        raise QueryInvalid(
            "The cursor is not valid.",
            [ErrorDetail("/query/cursor", "is not a cursor this API handed out", "invalid_cursor")],
        ) from None
    if signature != sort_signature(keys) or len(raw_values) != len(keys):
        raise QueryInvalid(
            "The cursor belongs to another sort order.",
            [
                ErrorDetail(
                    "/query/cursor",
                    "was made for a different sort; start again without it",
                    "cursor_mismatch",
                )
            ],
        )
    values = []
    for key, raw in zip(keys, raw_values, strict=True):
        values.append(None if raw is None else key.field.type.clean(key.field.spec, raw))
    return _after(form, keys, values)


def _after(form: CompiledForm, keys: list[SortKey], values: list[Any]) -> ColumnElement[bool]:
    """Rows after (values) in the sort order, written so that an index on the first key
    can seek to the cursor: ``a >= v AND (a > v OR (a = v AND <rest>))``."""
    key, value = keys[0], values[0]
    column = form.table.c[key.field.id]
    nullable = bool(column.nullable)
    last = len(keys) == 1
    rest = false() if last else _after(form, keys[1:], values[1:])
    if value is None:
        # Empty values are the smallest: going up everything non-empty follows them,
        # going down nothing non-empty does.
        if key.descending:
            return and_(column.is_(None), rest)
        return or_(column.is_not(None), and_(column.is_(None), rest))
    # A typed literal: SQLAlchemy refuses < and > against a bare True/False.
    bound = literal(value, column.type)
    if key.descending:
        strictly: ColumnElement[bool] = column < bound
        seek: ColumnElement[bool] = column <= bound
        if nullable:
            strictly = or_(strictly, column.is_(None))
            seek = or_(seek, column.is_(None))
    else:
        strictly = column > bound
        seek = column >= bound
    if last:
        return strictly
    return and_(seek, or_(strictly, and_(column == bound, rest)))


def apply_filters(query: Select[Any], conditions: list[ColumnElement[bool]]) -> Select[Any]:
    return query.where(and_(true(), *conditions)) if conditions else query
