"""RecordService: the one write path for record data, and the record reads beside it.

Every create, update and delete runs these steps inside the caller's unit of work:
coerce and validate every field (all errors at once) → defaults → write the row with an
optimistic ``version`` → append history (before → after) → publish domain events, whose
subscribers run in the same transaction. Any failure rolls everything back.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, insert, select

from engine.definitions.service import Actor
from engine.errors import ErrorDetail
from engine.forms.catalog import FormCatalog
from engine.forms.compiled import CompiledForm
from engine.forms.errors import FieldValueError
from engine.forms.field_types.datetime import format_utc
from engine.records.errors import (
    RecordInvalid,
    RecordNotFound,
    VersionConflict,
    VersionRequired,
)
from engine.records.events import EventBus, RecordEvent
from engine.records.query import (
    RecordQuery,
    apply_filters,
    compile_filters,
    compile_sort,
    encode_cursor,
    keyset_condition,
    order_by,
)
from engine.storage.database import UnitOfWork
from engine.storage.models import RecordHistoryRow
from engine.storage.types import utcnow

_MISSING = object()


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int | None
    limit: int
    offset: int
    next_cursor: str | None


class RecordService:
    """Creates, updates, deletes and reads the records of published forms."""

    def __init__(self, catalog: FormCatalog, events: EventBus, max_bulk: int = 1000) -> None:
        self.catalog = catalog
        self.events = events
        self.max_bulk = max_bulk

    # -- writes -------------------------------------------------------------------------

    def create(
        self, uow: UnitOfWork, app_key: str, form_key: str, data: Any, actor: Actor
    ) -> dict[str, Any]:
        return self.bulk_create(uow, app_key, form_key, [data], actor, single=True)[0]

    def bulk_create(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        items: Sequence[Any],
        actor: Actor,
        single: bool = False,
    ) -> list[dict[str, Any]]:
        """Create records all-or-nothing; errors name the row (``/records/3/data/qty``)."""
        form = self.catalog.get(uow, app_key, form_key)
        if not single and len(items) > self.max_bulk:
            raise RecordInvalid(
                f"At most {self.max_bulk} records can be created in one request.",
                [ErrorDetail("/records", f"has {len(items)} entries", "too_many")],
            )
        if not single and not items:
            raise RecordInvalid(
                "Nothing to create.", [ErrorDetail("/records", "is empty", "empty")]
            )
        rows: list[dict[str, Any]] = []
        errors: list[ErrorDetail] = []
        for index, data in enumerate(items):
            prefix = "/data" if single else f"/records/{index}/data"
            values, problems = self._clean(form, data, prefix, creating=True)
            for p in problems:
                errors.append(
                    ErrorDetail(p.pointer, p.message, p.code, p.field, None if single else index)
                )
            rows.append(values)
        if errors:
            what = (
                "record is" if single else f"records in this request are ({len(errors)} problems)"
            )
            raise RecordInvalid(f"The {what} not valid.", errors)

        now = utcnow()
        for values in rows:
            values.update(
                version=1,
                created_at=now,
                updated_at=now,
                created_by=actor.user,
                updated_by=actor.user,
            )
        table = form.table
        result = uow.session.execute(
            insert(table).returning(table.c.id, sort_by_parameter_order=True), rows
        )
        ids = [r[0] for r in result]
        records = []
        for record_id, values in zip(ids, rows, strict=True):
            values["id"] = record_id
            records.append(self._view(form, values))
        self._history(
            uow,
            form,
            [(r["id"], 1, "create", None, r["data"]) for r in records],
            actor,
            now,
        )
        for record in records:
            self.events.publish(
                uow,
                RecordEvent(
                    "record.created",
                    app_key,
                    form_key,
                    record["id"],
                    1,
                    None,
                    record["data"],
                    actor,
                ),
            )
        return records

    def update(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        record_id: int,
        data: Any,
        expected_version: int | None,
        actor: Actor,
    ) -> dict[str, Any]:
        """Change some fields of a record; ``expected_version`` must match the stored one."""
        form = self.catalog.get(uow, app_key, form_key)
        if expected_version is None:
            raise VersionRequired(
                'Send the version you last read ("version" in the body or an If-Match '
                "header), so that no one else's change is overwritten.",
                [ErrorDetail("/version", "is required", "required")],
            )
        current = self._load(uow, form, record_id, for_update=True)
        if current["version"] != expected_version:
            raise VersionConflict(
                f"Record {record_id} is at version {current['version']}, not {expected_version}; "
                "reload it and apply your change again.",
                extra={"current_version": current["version"], "record": current},
            )
        values, problems = self._clean(form, data, "/data", creating=False)
        if problems:
            raise RecordInvalid("The record is not valid.", problems)
        before = current["data"]
        changed = {
            fid: v
            for fid, v in values.items()
            if form.fields[fid].type.to_json(form.fields[fid].spec, v) != before.get(fid)
        }
        if not changed:
            return current
        now = utcnow()
        table = form.table
        new_version = current["version"] + 1
        result = uow.session.execute(
            table.update()
            .where(table.c.id == record_id, table.c.version == expected_version)
            .values(**changed, version=new_version, updated_at=now, updated_by=actor.user)
        )
        if getattr(result, "rowcount", 1) != 1:
            raise VersionConflict(
                f"Record {record_id} was changed by someone else meanwhile; reload it.",
                extra={"current_version": None},
            )
        after = self._load(uow, form, record_id)
        diff_before = {fid: before.get(fid) for fid in changed}
        diff_after = {fid: after["data"].get(fid) for fid in changed}
        self._history(
            uow, form, [(record_id, new_version, "update", diff_before, diff_after)], actor, now
        )
        self.events.publish(
            uow,
            RecordEvent(
                "record.updated",
                app_key,
                form_key,
                record_id,
                new_version,
                before,
                after["data"],
                actor,
            ),
        )
        return after

    def delete(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        record_id: int,
        expected_version: int | None,
        actor: Actor,
    ) -> None:
        form = self.catalog.get(uow, app_key, form_key)
        current = self._load(uow, form, record_id, for_update=True)
        if expected_version is not None and current["version"] != expected_version:
            raise VersionConflict(
                f"Record {record_id} is at version {current['version']}, not {expected_version}.",
                extra={"current_version": current["version"]},
            )
        table = form.table
        uow.session.execute(table.delete().where(table.c.id == record_id))
        now = utcnow()
        self._history(
            uow,
            form,
            [(record_id, current["version"] + 1, "delete", current["data"], None)],
            actor,
            now,
        )
        self.events.publish(
            uow,
            RecordEvent(
                "record.deleted",
                app_key,
                form_key,
                record_id,
                current["version"],
                current["data"],
                None,
                actor,
            ),
        )

    # -- reads --------------------------------------------------------------------------

    def get(self, uow: UnitOfWork, app_key: str, form_key: str, record_id: int) -> dict[str, Any]:
        form = self.catalog.get(uow, app_key, form_key)
        return self._load(uow, form, record_id)

    def list_page(self, uow: UnitOfWork, app_key: str, form_key: str, query: RecordQuery) -> Page:
        form = self.catalog.get(uow, app_key, form_key)
        conditions = compile_filters(form, query.filters)
        keys = compile_sort(form, query.sort)
        table = form.table
        total = None
        if query.with_total:
            count_query = apply_filters(select(func.count()).select_from(table), conditions)
            total = int(uow.session.scalar(count_query) or 0)
        rows_query = apply_filters(select(table), conditions)
        if query.cursor:
            rows_query = rows_query.where(keyset_condition(form, keys, query.cursor))
        else:
            rows_query = rows_query.offset(query.offset)
        rows = uow.session.execute(
            rows_query.order_by(*order_by(form, keys, uow.connection.dialect.name)).limit(
                query.limit + 1
            )
        ).all()
        more = len(rows) > query.limit
        rows = rows[: query.limit]
        items = [self._view(form, row._mapping) for row in rows]
        next_cursor = encode_cursor(keys, rows[-1]) if more and rows else None
        return Page(items, total, query.limit, 0 if query.cursor else query.offset, next_cursor)

    def history(
        self, uow: UnitOfWork, app_key: str, form_key: str, record_id: int
    ) -> list[dict[str, Any]]:
        form = self.catalog.get(uow, app_key, form_key)
        rows = uow.session.scalars(
            select(RecordHistoryRow)
            .where(
                RecordHistoryRow.form_id == form.definition_id,
                RecordHistoryRow.record_id == record_id,
            )
            .order_by(RecordHistoryRow.id)
        ).all()
        if not rows:
            self._load(uow, form, record_id)  # 404 for a record that never existed
        return [
            {
                "version": r.version,
                "action": r.action,
                "actor": r.actor,
                "client": r.client,
                "at": format_utc(r.at),
                "before": r.before,
                "after": r.after,
            }
            for r in rows
        ]

    # -- internals ----------------------------------------------------------------------

    def _clean(
        self, form: CompiledForm, data: Any, prefix: str, creating: bool
    ) -> tuple[dict[str, Any], list[ErrorDetail]]:
        if not isinstance(data, dict):
            return {}, [ErrorDetail(prefix, "must be an object of field values", "type")]
        errors: list[ErrorDetail] = []
        values: dict[str, Any] = {}
        for key in data:
            if key not in form.fields:
                errors.append(
                    ErrorDetail(
                        f"{prefix}/{key}",
                        f"form '{form.form_key}' has no field '{key}'",
                        "unknown_field",
                        field=key,
                    )
                )
        for fid, field in form.fields.items():
            raw = data.get(fid, _MISSING)
            if raw is _MISSING:
                if not creating:
                    continue
                raw = field.type.default_value(field.spec)
            try:
                value = field.type.clean(field.spec, raw)
            except FieldValueError as exc:
                errors.append(ErrorDetail(f"{prefix}/{fid}", exc.message, exc.code, field=fid))
                continue
            if value is None and field.spec.required:
                errors.append(ErrorDetail(f"{prefix}/{fid}", "is required", "required", field=fid))
                continue
            values[fid] = value
        return values, errors

    def _load(
        self, uow: UnitOfWork, form: CompiledForm, record_id: int, for_update: bool = False
    ) -> dict[str, Any]:
        query = select(form.table).where(form.table.c.id == record_id)
        if for_update:
            query = query.with_for_update()
        row = uow.session.execute(query).first()
        if row is None:
            raise RecordNotFound(f"Form '{form.form_key}' has no record {record_id}.")
        return self._view(form, row._mapping)

    @staticmethod
    def _view(form: CompiledForm, row: Any) -> dict[str, Any]:
        data = {
            fid: field.type.to_json(field.spec, row.get(fid)) for fid, field in form.fields.items()
        }
        return {
            "id": row["id"],
            "version": row["version"],
            "created_at": format_utc(row["created_at"]),
            "updated_at": format_utc(row["updated_at"]),
            "created_by": row.get("created_by"),
            "updated_by": row.get("updated_by"),
            "data": data,
        }

    @staticmethod
    def _history(
        uow: UnitOfWork,
        form: CompiledForm,
        entries: list[tuple[int, int, str, dict[str, Any] | None, dict[str, Any] | None]],
        actor: Actor,
        at: Any,
    ) -> None:
        uow.session.execute(
            insert(RecordHistoryRow),
            [
                {
                    "form_id": form.definition_id,
                    "record_id": record_id,
                    "version": version,
                    "action": action,
                    "actor": actor.user,
                    "client": actor.client,
                    "at": at,
                    "before": before,
                    "after": after,
                }
                for record_id, version, action, before, after in entries
            ],
        )
