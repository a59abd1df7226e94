"""Rows that belong to a record: sub-table lines and multiple relations' links."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import delete, insert, select

from engine.forms.compiled import ChildTable, CompiledForm
from engine.storage.database import UnitOfWork


def child_values(form: CompiledForm, values: dict[str, Any]) -> dict[str, Any]:
    """Split off the values that live in child tables (removed from ``values``)."""
    if not form.children:
        return {}
    return {fid: values.pop(fid) for fid in list(values) if fid in form.children}


def write_children(
    uow: UnitOfWork, form: CompiledForm, parent_id: int, values: dict[str, Any], replace: bool
) -> None:
    """Store the child rows of one record (replacing what it had, on updates)."""
    for fid, value in values.items():
        child = form.children[fid]
        table = child.table
        if replace:
            uow.session.execute(delete(table).where(table.c.parent_id == parent_id))
        rows = _rows(child, parent_id, value)
        if rows:
            uow.session.execute(insert(table), rows)


def write_children_many(
    uow: UnitOfWork, form: CompiledForm, parents: list[tuple[int, dict[str, Any]]]
) -> None:
    """Child rows of many new records in one insert per child table."""
    for fid, child in form.children.items():
        rows = [
            r for parent_id, values in parents for r in _rows(child, parent_id, values.get(fid))
        ]
        if rows:
            uow.session.execute(insert(child.table), rows)


def _rows(child: ChildTable, parent_id: int, value: Any) -> list[dict[str, Any]]:
    if not value:
        return []
    if child.is_links:
        return [
            {"parent_id": parent_id, "position": i, "target_id": t} for i, t in enumerate(value)
        ]
    return [
        {
            "parent_id": parent_id,
            "position": i,
            **{k: v for k, v in row.items() if k in child.fields},
        }
        for i, row in enumerate(value)
    ]


def read_children(
    uow: UnitOfWork, form: CompiledForm, parent_ids: list[int]
) -> dict[str, dict[int, list[Any]]]:
    """Child rows of many records: field → parent id → rows (or linked ids), in order."""
    out: dict[str, dict[int, list[Any]]] = {}
    if not parent_ids:
        return out
    for fid, child in form.children.items():
        table = child.table
        found: dict[int, list[Any]] = defaultdict(list)
        rows = uow.session.execute(
            select(table)
            .where(table.c.parent_id.in_(parent_ids))
            .order_by(table.c.parent_id, table.c.position)
        )
        for row in rows:
            mapping = row._mapping
            if child.is_links:
                found[mapping["parent_id"]].append(mapping["target_id"])
            else:
                found[mapping["parent_id"]].append(
                    {"id": mapping["id"], **{k: mapping[k] for k in child.fields if k in mapping}}
                )
        out[fid] = found
    return out
