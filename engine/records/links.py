"""Relations at run time: linked records must exist; reads show each link's display value."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import select

from engine.errors import ErrorDetail
from engine.forms.catalog import FormCatalog
from engine.forms.compiled import CompiledForm, FormField
from engine.storage.database import UnitOfWork


def relation_fields(fields: dict[str, FormField]) -> list[FormField]:
    return [f for f in fields.values() if f.type.links]


def display_field(target: CompiledForm, field: FormField) -> str:
    """The linked form's field shown for a link: as chosen, else its title field, else id."""
    chosen = getattr(field.spec, "display_field", None) or target.spec.title_field
    return chosen if chosen in target.fields else "id"


def missing_links(
    uow: UnitOfWork,
    catalog: FormCatalog,
    form: CompiledForm,
    wanted: Iterable[tuple[FormField, int, str, int | None]],
) -> list[ErrorDetail]:
    """Errors for links to records that do not exist.

    Args:
        wanted: (relation field, linked id, JSON pointer of the value, bulk row) items.
    """
    by_target: dict[str, list[tuple[FormField, int, str, int | None]]] = defaultdict(list)
    for item in wanted:
        by_target[item[0].spec.target].append(item)
    errors: list[ErrorDetail] = []
    for target_key, items in by_target.items():
        target = catalog.get(uow, form.app_key, target_key)
        ids = {i for _, i, _, _ in items}
        found = set(
            uow.session.scalars(select(target.table.c.id).where(target.table.c.id.in_(ids)))
        )
        for field, linked, pointer, row in items:
            if linked not in found:
                errors.append(
                    ErrorDetail(
                        pointer,
                        f"there is no '{target_key}' record {linked}",
                        "unknown_record",
                        field=field.id,
                        row=row,
                    )
                )
    return errors


def column_values(
    uow: UnitOfWork, target: CompiledForm, column: str, ids: set[int]
) -> dict[int, Any]:
    """One stored column of some records of a form, by record id, in one query."""
    if not ids or column not in target.table.c:
        return {}
    table = target.table
    query = select(table.c.id, table.c[column]).where(table.c.id.in_(ids))
    return {row[0]: row[1] for row in uow.session.execute(query)}


def displays(
    uow: UnitOfWork, catalog: FormCatalog, form: CompiledForm, field: FormField, ids: set[int]
) -> dict[int, Any]:
    """Display values of linked records, in one query."""
    if not ids:
        return {}
    target = catalog.get(uow, form.app_key, field.spec.target)
    shown = display_field(target, field)
    values = column_values(uow, target, shown, ids)
    if shown == "id":
        return {i: str(i) for i in values}
    shown_field = target.fields[shown]
    return {i: shown_field.type.to_json(shown_field.spec, v) for i, v in values.items()}


def as_link(linked: int | None, shown: dict[int, Any]) -> dict[str, Any] | None:
    if linked is None:
        return None
    return {"id": linked, "display": shown.get(linked)}
