"""A published form made ready to run: its spec, field types and SQL table together."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, NamedTuple

from sqlalchemy import BigInteger, Column, ForeignKey, Integer, MetaData, String, Table

from engine.definitions.specs import (
    DateTimeFieldSpec,
    FieldSpecBase,
    FormSpec,
    IntegerFieldSpec,
)
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry
from engine.storage.models import BigId
from engine.storage.types import UTCDateTime

SYSTEM_COLUMNS = ("id", "version", "created_at", "updated_at", "created_by", "updated_by")


@dataclass(frozen=True)
class FormField:
    """One field of a published form with its behaviour."""

    spec: Any
    type: FieldType[Any]

    @property
    def id(self) -> str:
        return str(self.spec.id)


class FieldInput(NamedTuple):
    """What the write path needs to clean one field's value, looked up once per form.

    Attributes:
        id: The field id.
        field: The field.
        clean: The type's ``clean`` bound to nothing but the call: ``clean(spec, raw)``.
        computed: The engine fills the value in; writers may not send it.
        has_rows: The value is the rows of a sub-table.
        required: Required whatever the other values are (no ``visible_if``).
    """

    id: str
    field: FormField
    clean: Callable[[Any, Any], Any]
    computed: bool
    has_rows: bool
    required: bool


# Record columns every table has, exposed to filters and sorts like fields.
SYSTEM_FIELDS: dict[str, FieldSpecBase] = {
    "id": IntegerFieldSpec(id="id", type="integer", label="ID"),
    "version": IntegerFieldSpec(id="version", type="integer", label="Version"),
    "created_at": DateTimeFieldSpec(id="created_at", type="datetime", label="Created at"),
    "updated_at": DateTimeFieldSpec(id="updated_at", type="datetime", label="Updated at"),
}


@dataclass(frozen=True)
class CompiledForm:
    """Everything the records engine needs about one published form version."""

    app_key: str
    form_key: str
    definition_id: int
    version: int
    spec: FormSpec
    fields: dict[str, FormField]
    system_fields: dict[str, FormField]
    table: Table
    time_zone: str = "UTC"
    children: dict[str, ChildTable] = dataclasses.field(default_factory=dict)

    @cached_property
    def expanders(self) -> tuple[FormField, ...]:
        """Fields whose type derives values for other fields before cleaning (scans)."""
        return tuple(f for f in self.fields.values() if type(f.type).expand is not FieldType.expand)

    @cached_property
    def has_rules(self) -> bool:
        """Whether any field is conditional or read-only, or the form has validation rules."""
        return bool(self.spec.validations) or any(
            f.spec.read_only or f.spec.visible_if or f.spec.required_if
            for f in self.fields.values()
        )

    @cached_property
    def inputs(self) -> tuple[FieldInput, ...]:
        """Every field with what cleaning its value takes, in the form's order."""
        return tuple(
            FieldInput(
                fid,
                f,
                f.type.clean,
                f.type.computed,
                f.type.has_rows,
                bool(f.spec.required and not f.spec.visible_if),
            )
            for fid, f in self.fields.items()
        )

    @cached_property
    def json_writers(self) -> tuple[tuple[str, Any, Callable[[Any, Any], Any] | None], ...]:
        """``(field id, spec, to_json)`` per field; ``to_json`` is None where it changes nothing."""
        return tuple(
            (
                fid,
                f.spec,
                None if type(f.type).to_json is FieldType.to_json else f.type.to_json,
            )
            for fid, f in self.fields.items()
        )

    @cached_property
    def links_anything(self) -> bool:
        """Whether a field, or a field of a sub-table row, links to records of another form."""
        return any(f.type.links for f in self.fields.values()) or any(
            f.type.links for child in self.children.values() for f in child.fields.values()
        )

    @cached_property
    def has_side_tables(self) -> bool:
        """Whether values live outside the form's own row (child rows, links, files, people)."""
        return bool(self.children) or any(
            f.type.links or f.type.files or f.type.people for f in self.fields.values()
        )

    def queryable(self, name: str) -> FormField | None:
        """A field or system column usable in filters and sorts."""
        return self.fields.get(name) or self.system_fields.get(name)


def system_columns() -> list[Column[Any]]:
    return [
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("version", Integer, nullable=False, default=1),
        Column("created_at", UTCDateTime(), nullable=False),
        Column("updated_at", UTCDateTime(), nullable=False, index=False),
        Column("created_by", String(128), nullable=True),
        Column("updated_by", String(128), nullable=True),
    ]


def index_name(table_name: str, column: str) -> str:
    name = f"ix_{table_name}_{column}"
    if len(name) <= 63:
        return name
    import hashlib

    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{name[:54]}_{digest}"


def child_table_name(table_name: str, field_id: str) -> str:
    """``<form table>__<field>``, shortened with a digest past PostgreSQL's 63 characters."""
    name = f"{table_name}__{field_id}"
    if len(name) <= 63:
        return name
    import hashlib

    digest = hashlib.sha1(name.encode(), usedforsecurity=False).hexdigest()[:8]
    return f"{name[:54]}_{digest}"


@dataclass(frozen=True)
class ChildTable:
    """Rows that belong to a record: a sub-table's lines, or a multiple relation's links.

    Attributes:
        field_id: The sub-table or relation field on the form.
        table: ``id``, ``parent_id`` (cascading), ``position``, then the row's columns
            (for links: ``target_id``).
        fields: The sub-table's own fields (empty for links).
    """

    field_id: str
    table: Table
    fields: dict[str, FormField]

    @property
    def is_links(self) -> bool:
        return not self.fields


def _columns(fields: Any, registry: FieldTypeRegistry) -> list[Column[Any]]:
    out: list[Column[Any]] = []
    for field in fields:
        field_type = registry.get(field.type)
        if field_type.has_column(field):
            out.append(Column(field.id, field_type.column_type(field), nullable=True))
    return out


def build_table(
    table_name: str,
    spec: FormSpec,
    registry: FieldTypeRegistry,
    metadata: MetaData | None = None,
) -> Table:
    """The SQLAlchemy table of a form: system columns, then one column per field.

    On SQLite the ids are AUTOINCREMENT, as PostgreSQL's identity: an id is never given
    again after its record is deleted, so history and links cannot attach to a newcomer.
    """
    return Table(
        table_name,
        metadata or MetaData(),
        *system_columns(),
        *_columns(spec.fields, registry),
        sqlite_autoincrement=True,
    )


def build_children(
    parent: Table, spec: FormSpec, registry: FieldTypeRegistry
) -> dict[str, ChildTable]:
    """Child tables of a form's sub-tables and multiple relations, in the parent's metadata."""
    children: dict[str, ChildTable] = {}
    for field in spec.fields:
        field_type = registry.get(field.type)
        if field_type.has_column(field) or not (field_type.has_rows or field_type.links):
            continue
        base: list[Any] = [
            Column("id", BigId, primary_key=True, autoincrement=True),
            Column(
                "parent_id",
                BigId,
                ForeignKey(f"{parent.name}.id", ondelete="CASCADE"),
                nullable=False,
                index=True,
            ),
            Column("position", Integer, nullable=False),
        ]
        sub_fields: dict[str, FormField] = {}
        if field_type.has_rows:
            rows = list(getattr(field, "fields", []))
            base += _columns(rows, registry)
            sub_fields = {f.id: FormField(f, registry.get(f.type)) for f in rows}
        else:
            base.append(Column("target_id", BigInteger, nullable=False, index=True))
        name = child_table_name(parent.name, field.id)
        children[field.id] = ChildTable(field.id, Table(name, parent.metadata, *base), sub_fields)
    return children


def compile_form(
    app_key: str,
    definition_id: int,
    version: int,
    table_name: str,
    spec: FormSpec,
    registry: FieldTypeRegistry,
    time_zone: str = "UTC",
) -> CompiledForm:
    fields = {f.id: FormField(f, registry.get(f.type)) for f in spec.fields}
    system = {
        name: FormField(s, registry.get(s.type))  # type: ignore[attr-defined]
        for name, s in SYSTEM_FIELDS.items()
    }
    table = build_table(table_name, spec, registry, MetaData())
    return CompiledForm(
        app_key=app_key,
        form_key=spec.key,
        definition_id=definition_id,
        version=version,
        spec=spec,
        fields=fields,
        system_fields=system,
        table=table,
        time_zone=time_zone,
        children=build_children(table, spec, registry),
    )
