"""Cleaning a record's values with its form's field types: the first step of every write.

Pure: no database, no clock. The write path cleans what a request sends; an import cleans
rows ahead of the write in a reader process of its own and hands the result to the write
path as :class:`CleanedRecord` (see ``engine/imports/prepare.py``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from engine.errors import ErrorDetail
from engine.forms.compiled import CompiledForm
from engine.forms.errors import FieldValueError
from engine.identity.access import FormAccess
from engine.identity.errors import Forbidden

_MISSING = object()


# A new record's values cleaned ahead of its write: (values, problems, refused). ``problems``
# point under ``/data``; ``refused`` is the message of the Forbidden the write path raises
# when the writer may not write some of the fields sent (``problems`` then name them).
Cleaned = tuple[dict[str, Any], list[ErrorDetail], str | None]


@dataclass(frozen=True)
class CleanedBatch:
    """The values of a batch of new records, cleaned for one form version before the write.

    Attributes:
        form_id: The form's definition id.
        form_version: The published version the values were cleaned for; the write path
            cleans again when the form has been published anew meanwhile.
        records: Per record, what :func:`clean_new_record` returned (None: clean it then).
    """

    form_id: int
    form_version: int
    records: list[Cleaned | None]

    def fits(self, form: CompiledForm) -> bool:
        return self.form_id == form.definition_id and self.form_version == form.version


def clean_new_record(form: CompiledForm, data: Any, access: FormAccess) -> Cleaned:
    """Clean the values of a record about to be created, as ``bulk_create`` would."""
    try:
        values, problems = clean_record(form, data, "/data", creating=True, access=access)
    except Forbidden as exc:
        return {}, list(exc.errors), exc.detail
    return values, problems, None


def clean_record(
    form: CompiledForm,
    data: Any,
    prefix: str,
    creating: bool,
    access: FormAccess | None = None,
) -> tuple[dict[str, Any], list[ErrorDetail]]:
    """Coerce and check the values a writer sends; errors point under ``prefix``.

    Creating: missing fields get their defaults. Fields read-only for the writer raise
    :class:`Forbidden`; everything else wrong is returned, all at once.
    """
    if not isinstance(data, dict):
        return {}, [ErrorDetail(prefix, "must be an object of field values", "type")]
    errors: list[ErrorDetail] = []
    values: dict[str, Any] = {}
    if access is not None:
        read_only = [k for k in data if k in access.read_only and k in form.fields]
        if read_only:
            raise Forbidden(
                f"You may not change {', '.join(repr(k) for k in read_only)}: "
                "your roles make these fields read-only.",
                [
                    ErrorDetail(f"{prefix}/{k}", "is read-only for you", "read_only", field=k)
                    for k in read_only
                ],
            )
    hidden = access.hidden if access is not None else set()
    given = set(data)
    for field in form.expanders:
        data = field.type.expand(field.spec, data)
    if access is not None:
        # Derived values never reach fields the writer may not write.
        data = {k: v for k, v in data.items() if k in given or access.writable(k)}
    for key in given:
        if key not in form.fields or key in hidden:
            errors.append(
                ErrorDetail(
                    f"{prefix}/{key}",
                    f"form '{form.form_key}' has no field '{key}'",
                    "unknown_field",
                    field=key,
                )
            )
    for fid, field, clean, computed, has_rows, required in form.inputs:
        raw = data.get(fid, _MISSING)
        if computed:
            if raw is not _MISSING:
                errors.append(
                    ErrorDetail(
                        f"{prefix}/{fid}",
                        "is filled in automatically and cannot be set",
                        "computed",
                        field=fid,
                    )
                )
            continue
        if raw is _MISSING:
            if not creating:
                continue
            raw = field.type.default_value(field.spec)
        try:
            value = clean(field.spec, raw)
        except FieldValueError as exc:
            errors.append(ErrorDetail(f"{prefix}/{fid}", exc.message, exc.code, field=fid))
            continue
        if value is None or value == []:
            if required:
                errors.append(ErrorDetail(f"{prefix}/{fid}", "is required", "required", field=fid))
                continue
        elif has_rows:
            value, row_errors = clean_rows(form, fid, value, f"{prefix}/{fid}")
            errors += row_errors
            if not value and required:
                errors.append(ErrorDetail(f"{prefix}/{fid}", "is required", "required", field=fid))
                continue
        values[fid] = value
    return values, errors


def clean_rows(
    form: CompiledForm, fid: str, rows: list[Any], pointer: str
) -> tuple[list[dict[str, Any]], list[ErrorDetail]]:
    """Clean every row of a sub-table; errors name the row (``/data/items/2/qty``)."""
    child = form.children[fid]
    cleaned: list[dict[str, Any]] = []
    errors: list[ErrorDetail] = []
    for index, row in enumerate(rows):
        where = f"{pointer}/{index}"
        if not isinstance(row, dict):
            errors.append(
                ErrorDetail(where, "must be an object of field values", "type", field=fid)
            )
            continue
        for key in row:
            if key not in child.fields and key != "id":  # ids of rows read back are ignored
                errors.append(
                    ErrorDetail(
                        f"{where}/{key}",
                        f"the rows have no field '{key}'",
                        "unknown_field",
                        field=fid,
                    )
                )
        values: dict[str, Any] = {}
        for sub_id, sub in child.fields.items():
            raw = row.get(sub_id, sub.type.default_value(sub.spec))
            try:
                value = sub.type.clean(sub.spec, raw)
            except FieldValueError as exc:
                errors.append(ErrorDetail(f"{where}/{sub_id}", exc.message, exc.code, field=fid))
                continue
            if value is None and sub.spec.required:
                errors.append(
                    ErrorDetail(f"{where}/{sub_id}", "is required", "required", field=fid)
                )
                continue
            values[sub_id] = value
        cleaned.append(values)
    return cleaned, errors
