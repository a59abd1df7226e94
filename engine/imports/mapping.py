"""Which column of a sheet goes into which field: suggestions and checks of a mapping."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.errors import ErrorDetail
from engine.forms.compiled import CompiledForm, FormField
from engine.identity.access import FormAccess
from engine.imports.errors import ImportInvalid
from engine.imports.labels import all_texts, normalize


@dataclass(frozen=True)
class MappedColumn:
    """One column of the sheet that is imported into a field."""

    index: int
    column: str
    field: FormField


@dataclass(frozen=True)
class ColumnMapping:
    """A checked mapping: the imported columns and the field that matches rows, if any."""

    columns: list[MappedColumn]
    key: MappedColumn | None

    def as_json(self) -> dict[str, str]:
        return {c.column: c.field.id for c in self.columns}


def importable(form: CompiledForm, access: FormAccess) -> list[FormField]:
    """Fields a sheet can fill: writable for this user and by anyone, one value per cell."""
    return [
        f
        for f in form.fields.values()
        if not f.type.computed
        and not f.type.has_rows
        and not f.spec.read_only
        and access.writable(f.id)
    ]


def suggest_mapping(
    columns: list[str],
    form: CompiledForm,
    access: FormAccess,
    id_row: list[str | None] | None = None,
) -> dict[str, str | None]:
    """Column → field id, by field id or by label in any locale (case- and space-insensitive).

    ``id_row`` holds the field ids a Tracery template writes below its header; they win.
    Each field is suggested for one column at most (the first that matches).
    """
    fields = importable(form, access)
    by_name: dict[str, str] = {}
    for f in fields:  # ids first, so a label never hides another field's id
        by_name.setdefault(normalize(f.id), f.id)
    for f in fields:
        for text in all_texts(f.spec.label):
            by_name.setdefault(normalize(text), f.id)
    exact = {f.id for f in fields}
    taken: set[str] = set()
    out: dict[str, str | None] = {}
    for index, column in enumerate(columns):
        given = id_row[index] if id_row and index < len(id_row) else None
        fid = given if given in exact else by_name.get(normalize(column))
        if fid is not None and fid not in taken:
            taken.add(fid)
            out[column] = fid
        else:
            out[column] = None
    return out


def resolve_mapping(
    mapping: dict[str, Any],
    key_field: str | None,
    columns: list[str],
    form: CompiledForm,
    access: FormAccess,
) -> ColumnMapping:
    """Check a mapping from the client; every problem is reported, naming its column."""
    errors: list[ErrorDetail] = []
    index_of = {name: i for i, name in enumerate(columns)}
    mapped: list[MappedColumn] = []
    used: dict[str, str] = {}
    for column, fid in mapping.items():
        pointer = "/mapping/" + column.replace("~", "~0").replace("/", "~1")
        if fid is None or fid == "":
            continue
        if column not in index_of:
            errors.append(
                ErrorDetail(pointer, f"the file has no column '{column}'", "unknown_column")
            )
            continue
        field = form.fields.get(fid) if isinstance(fid, str) else None
        if field is None or not access.readable(field.id):
            errors.append(
                ErrorDetail(
                    pointer,
                    f"column '{column}' is mapped to '{fid}', which form '{form.form_key}' "
                    "does not have",
                    "unknown_field",
                    field=fid if isinstance(fid, str) else None,
                )
            )
            continue
        if field.type.computed:
            errors.append(
                ErrorDetail(
                    pointer,
                    f"column '{column}' is mapped to '{fid}', which is filled in automatically",
                    "computed",
                    field=fid,
                )
            )
            continue
        if field.type.has_rows:
            errors.append(
                ErrorDetail(
                    pointer,
                    f"column '{column}' is mapped to '{fid}', which holds rows of its own; "
                    "a sheet's cell cannot fill it",
                    "not_importable",
                    field=fid,
                )
            )
            continue
        if not access.writable(field.id) or field.spec.read_only:
            errors.append(
                ErrorDetail(
                    pointer,
                    f"column '{column}' is mapped to '{fid}', which is read-only for you",
                    "read_only",
                    field=fid,
                )
            )
            continue
        if fid in used:
            errors.append(
                ErrorDetail(
                    pointer,
                    f"columns '{used[fid]}' and '{column}' are both mapped to '{fid}'",
                    "duplicate_field",
                    field=fid,
                )
            )
            continue
        used[fid] = column
        mapped.append(MappedColumn(index_of[column], column, field))
    key = None
    if key_field:
        key = next((c for c in mapped if c.field.id == key_field), None)
        if key is None:
            errors.append(
                ErrorDetail(
                    "/key_field",
                    f"'{key_field}' is not a field any column is mapped to; map the column "
                    "that identifies existing records to it",
                    "key_not_mapped",
                    field=key_field,
                )
            )
    if not mapped and not errors:
        errors.append(ErrorDetail("/mapping", "maps no column to a field", "empty"))
    if errors:
        raise ImportInvalid(f"The column mapping has {len(errors)} problem(s).", errors)
    mapped.sort(key=lambda c: c.index)
    return ColumnMapping(mapped, key)
