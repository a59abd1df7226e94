"""Keeps each published form's real table in step with its spec.

Publishing diffs the stored column state against the new spec and applies the DDL in the
publishing transaction: create table, add column, add/drop index, compatible type change.
A removed field is hidden and its column kept until an explicit purge. A type change is
refused, with the records that would not convert, rather than ever turning data into NULL.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from sqlalchemy import Column, Connection, Index, MetaData, Table, func, select, text
from sqlalchemy.schema import CreateIndex, CreateTable, DropIndex

from engine.definitions.errors import PublishRefused
from engine.definitions.specs import FormSpec
from engine.errors import ErrorDetail
from engine.forms.compiled import build_children, build_table, child_table_name, index_name
from engine.forms.errors import FieldValueError
from engine.forms.registry import FieldTypeRegistry

MAX_REPORTED_FAILURES = 50


@dataclass(frozen=True)
class SchemaChange:
    """One step of a publish plan, shown to the admin before publishing."""

    op: str
    field: str | None = None
    detail: dict[str, Any] = dc_field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op}
        if self.field is not None:
            out["field"] = self.field
        out.update(self.detail)
        return out


@dataclass
class SchemaPlan:
    table_name: str
    changes: list[SchemaChange]
    columns: dict[str, Any]  # the column state after the plan is applied


def column_state(
    fields: Any, registry: FieldTypeRegistry, table_name: str | None = None
) -> dict[str, Any]:
    """What the database should hold for these fields (child tables nest their columns)."""
    if isinstance(fields, FormSpec):
        fields = fields.fields
    state: dict[str, Any] = {}
    for f in fields:
        field_type = registry.get(f.type)
        entry: dict[str, Any] = {
            "type": field_type.type,
            "sql": field_type.sql_signature(f),
            "indexed": bool(f.index),
            "unique": bool(f.unique) or field_type.implies_unique,
            "hidden": False,
        }
        if not field_type.has_column(f):
            if not (field_type.has_rows or field_type.links):
                continue
            child = child_table_name(table_name or "", f.id)
            entry["table"] = child
            entry["indexed"] = entry["unique"] = False
            entry["columns"] = column_state(getattr(f, "fields", []), registry, child)
        state[f.id] = entry
    return state


class SchemaSync:
    """Plans and applies the DDL that publishing a form version needs."""

    def __init__(self, registry: FieldTypeRegistry) -> None:
        self.registry = registry

    def plan(
        self,
        conn: Connection,
        table_name: str,
        current: dict[str, Any] | None,
        old_spec: FormSpec | None,
        new_spec: FormSpec,
    ) -> SchemaPlan:
        """Work out the changes; raise PublishRefused if any would lose data."""
        target = column_state(new_spec.fields, self.registry, table_name)
        changes: list[SchemaChange] = []
        refusals: list[ErrorDetail] = []
        if current is None:
            changes.append(SchemaChange("create_table", detail={"table": table_name}))
            self._new_columns(target, changes, table_name, None, created=True)
            return SchemaPlan(table_name, changes, target)
        state = self._plan_fields(
            conn, table_name, None, current, new_spec.fields, target, "/fields", changes, refusals
        )
        if refusals:
            raise PublishRefused(
                "Publishing would lose data: some stored values do not fit the changed fields.",
                refusals,
            )
        return SchemaPlan(table_name, changes, state)

    def _new_columns(
        self,
        target: dict[str, Any],
        changes: list[SchemaChange],
        table_name: str,
        parent_field: str | None,
        created: bool,
    ) -> None:
        """Changes for columns that come with a new table (indexes, child tables)."""
        for fid, col in target.items():
            name = f"{parent_field}.{fid}" if parent_field else fid
            where = {} if parent_field is None else {"table": table_name}
            if "table" in col:
                changes.append(SchemaChange("create_child_table", name, {"table": col["table"]}))
                self._new_columns(col["columns"], changes, col["table"], name, created=True)
                continue
            if not created:
                changes.append(SchemaChange("add_column", name, {"sql": col["sql"], **where}))
            if col["indexed"]:
                changes.append(SchemaChange("add_index", name, where))
            if col["unique"]:
                changes.append(SchemaChange("add_unique", name, where))

    def _plan_fields(
        self,
        conn: Connection,
        table_name: str,
        parent_field: str | None,
        current: dict[str, Any],
        fields: Any,
        target: dict[str, Any],
        pointer: str,
        changes: list[SchemaChange],
        refusals: list[ErrorDetail],
    ) -> dict[str, Any]:
        state = {fid: dict(col) for fid, col in current.items()}
        where: dict[str, Any] = {} if parent_field is None else {"table": table_name}
        for position, spec_field in enumerate(fields):
            fid = spec_field.id
            if fid not in target:
                continue
            name = f"{parent_field}.{fid}" if parent_field else fid
            want = target[fid]
            have = state.get(fid)
            if have is None:
                self._new_columns({fid: want}, changes, table_name, parent_field, created=False)
                state[fid] = want
                continue
            if have["hidden"]:
                changes.append(
                    SchemaChange(
                        "restore_field", name, {"note": "stored data is shown again", **where}
                    )
                )
            if (
                ("table" in have) != ("table" in want)
                or have["sql"] != want["sql"]
                and "table" in want
            ):
                if have["sql"] != want["sql"]:
                    refusals.append(
                        ErrorDetail(
                            f"{pointer}/{position}/type",
                            f"field '{name}' cannot change from {have['type']} to {want['type']}: "
                            "stored values would not carry over; add a new field instead",
                            "incompatible_type",
                            field=fid,
                        )
                    )
                    continue
            if "table" in want:
                child = self._plan_fields(
                    conn,
                    have["table"],
                    name,
                    have.get("columns", {}),
                    getattr(spec_field, "fields", []),
                    want["columns"],
                    f"{pointer}/{position}/fields",
                    changes,
                    refusals,
                )
                state[fid] = {**want, "table": have["table"], "columns": child}
                continue
            if have["type"] != want["type"] or have["sql"] != want["sql"]:
                problem = self._check_type_change(
                    conn, table_name, fid, have, spec_field, f"{pointer}/{position}"
                )
                if problem:
                    refusals.extend(problem)
                else:
                    changes.append(
                        SchemaChange(
                            "change_type",
                            name,
                            {"from": have["type"], "to": want["type"], "sql": want["sql"], **where},
                        )
                    )
            if have["indexed"] and not want["indexed"]:
                changes.append(SchemaChange("drop_index", name, where))
            elif want["indexed"] and not have["indexed"]:
                changes.append(SchemaChange("add_index", name, where))
            if have.get("unique") and not want["unique"]:
                changes.append(SchemaChange("drop_unique", name, where))
            elif want["unique"] and not have.get("unique"):
                duplicates = self._duplicates(conn, table_name, fid, f"{pointer}/{position}")
                if duplicates:
                    refusals.extend(duplicates)
                else:
                    changes.append(SchemaChange("add_unique", name, where))
            state[fid] = want
        for fid, have in state.items():
            if fid not in target and not have["hidden"]:
                name = f"{parent_field}.{fid}" if parent_field else fid
                changes.append(
                    SchemaChange(
                        "hide_field", name, {"note": "column and data kept until purged", **where}
                    )
                )
                have["hidden"] = True
        return state

    def apply(self, conn: Connection, plan: SchemaPlan, new_spec: FormSpec) -> None:
        metadata = MetaData()
        table = build_table(plan.table_name, new_spec, self.registry, metadata)
        tables = {plan.table_name: table}
        for child in build_children(table, new_spec, self.registry).values():
            tables[child.table.name] = child.table
        for change in plan.changes:
            if change.op == "create_table":
                conn.execute(CreateTable(table, include_foreign_key_constraints=[]))
                continue
            if change.op == "create_child_table":
                child_table = tables[change.detail["table"]]
                conn.execute(CreateTable(child_table))
                for index in child_table.indexes:
                    conn.execute(CreateIndex(index))
                continue
            assert change.field is not None
            fid = change.field.rsplit(".", 1)[-1]
            target = tables[change.detail.get("table", plan.table_name)]
            table_sql = _q(conn, target.name)
            if change.op == "add_column":
                ddl_type = target.c[fid].type.compile(dialect=conn.dialect)
                conn.execute(text(f"ALTER TABLE {table_sql} ADD COLUMN {_q(conn, fid)} {ddl_type}"))
            elif change.op == "add_index":
                conn.execute(CreateIndex(_index(target, fid, conn.dialect.name)))
            elif change.op == "drop_index":
                conn.execute(DropIndex(_index(target, fid, conn.dialect.name)))
            elif change.op == "add_unique":
                unique = Index(unique_name(target.name, fid), target.c[fid], unique=True)
                conn.execute(CreateIndex(unique))
            elif change.op == "drop_unique":
                conn.execute(text(f"DROP INDEX {_q(conn, unique_name(target.name, fid))}"))
            elif change.op == "change_type" and conn.dialect.name == "postgresql":
                ddl_type = target.c[fid].type.compile(dialect=conn.dialect)
                col = _q(conn, fid)
                conn.execute(
                    text(
                        f"ALTER TABLE {table_sql} ALTER COLUMN {col} "
                        f"TYPE {ddl_type} USING {col}::{ddl_type}"
                    )
                )
            # SQLite columns are dynamically typed: the compatible changes we allow need no DDL.
            # hide_field / restore_field only change the column state.

    def purge(
        self, conn: Connection, table_name: str, state: dict[str, Any], field_id: str
    ) -> None:
        """Drop a hidden field's column and its data for good."""
        col = state[field_id]
        if "table" in col:
            conn.execute(text(f"DROP TABLE {_q(conn, col['table'])}"))
            return
        if col.get("indexed"):
            conn.execute(text(f"DROP INDEX IF EXISTS {_q(conn, index_name(table_name, field_id))}"))
        if col.get("unique"):
            conn.execute(
                text(f"DROP INDEX IF EXISTS {_q(conn, unique_name(table_name, field_id))}")
            )
        conn.execute(text(f"ALTER TABLE {_q(conn, table_name)} DROP COLUMN {_q(conn, field_id)}"))

    def _duplicates(
        self, conn: Connection, table_name: str, fid: str, pointer: str
    ) -> list[ErrorDetail]:
        """Values stored more than once, which a unique index would refuse."""
        table = Table(table_name, MetaData(), Column(fid))
        column = table.c[fid]
        rows = conn.execute(
            select(column, func.count())
            .where(column.is_not(None))
            .group_by(column)
            .having(func.count() > 1)
            .order_by(func.count().desc())
            .limit(MAX_REPORTED_FAILURES)
        ).all()
        return [
            ErrorDetail(
                f"{pointer}/unique",
                f"field '{fid}' cannot be unique: {value!r} is stored in {count} records",
                "duplicate_values",
                field=fid,
            )
            for value, count in rows
        ]

    def _check_type_change(
        self,
        conn: Connection,
        table_name: str,
        fid: str,
        have: dict[str, Any],
        new_field: Any,
        pointer: str,
    ) -> list[ErrorDetail]:
        new_type = self.registry.get(new_field.type)
        where = f"{pointer}/type"
        if have["type"] != new_type.type and have["type"] not in new_type.compatible_from:
            return [
                ErrorDetail(
                    where,
                    f"field '{fid}' cannot change from {have['type']} to {new_type.type}: "
                    "stored values would not carry over; add a new field instead",
                    "incompatible_type",
                    field=fid,
                )
            ]
        # Every stored value must pass the new field's rules, or nothing is changed.
        table = Table(table_name, MetaData(), Column("id"), Column(fid))
        rows = conn.execute(
            select(table.c.id, table.c[fid]).where(table.c[fid].is_not(None)).order_by(table.c.id)
        )
        failures: list[ErrorDetail] = []
        count = 0
        for record_id, raw in rows:
            try:
                new_type.clean(new_field, _portable(raw))
            except FieldValueError as exc:
                count += 1
                if len(failures) < MAX_REPORTED_FAILURES:
                    failures.append(
                        ErrorDetail(
                            f"/records/{record_id}/{fid}",
                            f"record {record_id}: value {raw!r} {exc.message}",
                            exc.code,
                            field=fid,
                        )
                    )
        if count > len(failures):
            failures.append(
                ErrorDetail(
                    where, f"... and {count - len(failures)} more records", "more", field=fid
                )
            )
        return failures


def unique_name(table_name: str, column: str) -> str:
    return "u" + index_name(table_name, column)[1:]  # ux_<table>_<column>


def _portable(raw: Any) -> Any:
    """Raw column values as the API would send them (numbers as text where exactness matters)."""
    if isinstance(raw, float):
        return repr(raw)
    return raw


def _index(table: Table, fid: str, dialect: str) -> Index:
    """A one-column index in the order list queries use (empty values smallest)."""
    column = table.c[fid]
    if dialect == "postgresql":
        return Index(index_name(table.name, fid), column.asc().nulls_first())
    return Index(index_name(table.name, fid), column)


def _q(conn: Connection, name: str) -> str:
    return conn.dialect.identifier_preparer.quote(name)
