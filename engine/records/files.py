"""File fields at run time: uploads must exist and fit the field; reads describe them."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select

from engine.errors import ErrorDetail
from engine.files.service import file_view
from engine.forms.compiled import CompiledForm
from engine.records.errors import row_place
from engine.storage.database import UnitOfWork
from engine.storage.models import FileRow


def _ids(value: Any) -> list[str]:
    return value if isinstance(value, list) else [] if value is None else [value]


def file_problems(
    uow: UnitOfWork, form: CompiledForm, rows: list[dict[str, Any]], first_row: int | None
) -> list[ErrorDetail]:
    fields = [f for f in form.fields.values() if f.type.files]
    wanted = {i for values in rows for f in fields for i in _ids(values.get(f.id))}
    if not wanted:
        return []
    found = {r.id: r for r in uow.session.scalars(select(FileRow).where(FileRow.id.in_(wanted)))}
    problems: list[ErrorDetail] = []
    for index, values in enumerate(rows):
        base, row_no = row_place(index, first_row)
        for field in fields:
            for file_id in _ids(values.get(field.id)):
                where = f"{base}/{field.id}"
                row = found.get(file_id)
                if row is None:
                    problems.append(
                        ErrorDetail(
                            where,
                            f"there is no uploaded file {file_id}",
                            "unknown_file",
                            field.id,
                            row_no,
                        )
                    )
                elif not field.type.allows(field.spec, row.content_type):  # type: ignore[attr-defined]
                    allowed = ", ".join(field.type.accepts(field.spec))  # type: ignore[attr-defined]
                    problems.append(
                        ErrorDetail(
                            where,
                            f"'{row.name}' is {row.content_type}; this field takes {allowed}",
                            "file_type",
                            field.id,
                            row_no,
                        )
                    )
                elif row.size > field.type.max_bytes(field.spec):  # type: ignore[attr-defined]
                    limit = field.type.max_bytes(field.spec) // (1024 * 1024)  # type: ignore[attr-defined]
                    problems.append(
                        ErrorDetail(
                            where,
                            f"'{row.name}' is larger than {limit} MiB",
                            "file_size",
                            field.id,
                            row_no,
                        )
                    )
    return problems


def attach_file_views(uow: UnitOfWork, form: CompiledForm, views: list[dict[str, Any]]) -> None:
    """Replace file ids in record views with the files' names, sizes and URLs."""
    fields = [f for f in form.fields.values() if f.type.files]
    wanted = {i for v in views for f in fields for i in _ids(v["data"].get(f.id))}
    if not wanted:
        return
    found = {
        r.id: file_view(r)
        for r in uow.session.scalars(select(FileRow).where(FileRow.id.in_(wanted)))
    }
    for view in views:
        for field in fields:
            value = view["data"].get(field.id)
            if isinstance(value, list):
                view["data"][field.id] = [found.get(i, {"id": i, "missing": True}) for i in value]
            elif value is not None:
                view["data"][field.id] = found.get(value, {"id": value, "missing": True})
