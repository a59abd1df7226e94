"""Keeps the lineage table in step with the trace-role fields of every record.

Subscribed to the records service's events, so it runs inside the writer's transaction:
a record's edges are replaced whenever it is created or updated and removed when it is
deleted — from the UI, the API, an import or a rule alike.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import delete, insert, select

from engine.forms.catalog import FormCatalog
from engine.forms.compiled import CompiledForm, FormField
from engine.records.events import RecordEvent
from engine.storage.database import UnitOfWork
from engine.storage.models import AppRow, LineageEdgeRow
from engine.storage.types import utcnow

# Roles whose edge runs from the linked record into the event (inputs, things leaving).
INTO_EVENT = frozenset({"consumes", "ships"})


class LineageKeeper:
    def __init__(self, catalog: FormCatalog) -> None:
        self.catalog = catalog
        # Compiled form → has trace fields; the form is kept so that its id stays its own.
        self._traced: dict[int, tuple[CompiledForm, bool]] = {}

    def on_event(self, uow: UnitOfWork, event: RecordEvent) -> None:
        form = event.form or self.catalog.get(uow, event.app_key, event.form_key)
        known = self._traced.get(id(form))
        if known is None or known[0] is not form:
            if len(self._traced) > 1000:
                self._traced.clear()
            known = self._traced[id(form)] = (form, _traced(form))
        if not known[1]:
            return
        app_id = uow.session.scalar(select(AppRow.id).where(AppRow.key == event.app_key))
        assert app_id is not None
        if event.name != "record.created":
            uow.session.execute(
                delete(LineageEdgeRow).where(
                    LineageEdgeRow.app_id == app_id,
                    LineageEdgeRow.event_form == form.form_key,
                    LineageEdgeRow.event_id == event.record_id,
                )
            )
        if event.after is None:
            return
        edges = edges_of(form, event.record_id, event.after)
        if edges:
            now = utcnow()
            uow.session.execute(
                insert(LineageEdgeRow), [{**edge, "app_id": app_id, "at": now} for edge in edges]
            )


def _traced(form: CompiledForm) -> bool:
    if any(getattr(f.spec, "trace_role", None) for f in form.fields.values()):
        return True
    return any(
        getattr(f.spec, "trace_role", None)
        for c in form.children.values()
        for f in c.fields.values()
    )


def edges_of(form: CompiledForm, record_id: int, data: dict[str, Any]) -> list[dict[str, Any]]:
    """The edges a record's data implies (``data`` as the API shows it)."""
    edges: list[dict[str, Any]] = []
    for fid, field in form.fields.items():
        if getattr(field.spec, "trace_role", None):
            edges += _edges(form, record_id, field, fid, data.get(fid), data)
        if fid in form.children and not form.children[fid].is_links:
            for row in data.get(fid) or []:
                for sub_id, sub in form.children[fid].fields.items():
                    if getattr(sub.spec, "trace_role", None):
                        edges += _edges(
                            form, record_id, sub, f"{fid}.{sub_id}", row.get(sub_id), row
                        )
    return edges


def _edges(
    form: CompiledForm,
    record_id: int,
    field: FormField,
    name: str,
    value: Any,
    beside: dict[str, Any],
) -> list[dict[str, Any]]:
    links = value if isinstance(value, list) else [] if value is None else [value]
    quantity = (
        _quantity(beside.get(field.spec.trace_quantity)) if field.spec.trace_quantity else None
    )
    role = field.spec.trace_role
    out = []
    for link in links:
        linked = link["id"] if isinstance(link, dict) else int(link)
        event = (form.form_key, record_id)
        other = (field.spec.target, linked)
        source, target = (other, event) if role in INTO_EVENT else (event, other)
        out.append(
            {
                "from_form": source[0],
                "from_id": source[1],
                "to_form": target[0],
                "to_id": target[1],
                "role": role,
                "event_form": form.form_key,
                "event_id": record_id,
                "field": name,
                "quantity": quantity,
            }
        )
    return out


def _quantity(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None
