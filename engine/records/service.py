"""RecordService: the one write path for record data, and the record reads beside it.

Every create, update and delete runs these steps inside the caller's unit of work:
coerce and validate every field (all errors at once) → defaults → write the row with an
optimistic ``version`` → append history (before → after) → publish domain events, whose
subscribers run in the same transaction. Any failure rolls everything back.
"""

from __future__ import annotations

import csv
import io
from collections import Counter
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, select
from sqlalchemy.exc import IntegrityError

from engine.actor import Actor
from engine.errors import Conflict, ErrorDetail
from engine.forms.catalog import FormCatalog
from engine.forms.compiled import CompiledForm
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FillContext
from engine.forms.field_types.datetime import format_utc
from engine.forms.rules import field_kinds, field_states, formula_order, rule_problems
from engine.identity.access import FULL_ACCESS, AccessPolicy, FormAccess
from engine.identity.audit import AuditLog
from engine.identity.errors import Forbidden
from engine.records.children import child_values, read_children, write_children, write_children_many
from engine.records.cleaning import CleanedBatch, clean_record, clean_rows
from engine.records.errors import (
    QueryInvalid,
    RecordInvalid,
    RecordNotFound,
    VersionConflict,
    VersionRequired,
    row_place,
)
from engine.records.events import EventBus, RecordEvent
from engine.records.files import attach_file_views, file_problems
from engine.records.links import (
    as_link,
    column_values,
    displays,
    missing_links,
    relation_fields,
)
from engine.records.people import attach_people_views, fill_current_user, people_problems
from engine.records.query import (
    Filter,
    RecordQuery,
    apply_filters,
    compile_filters,
    compile_sort,
    encode_cursor,
    keyset_condition,
    order_by,
)
from engine.storage.bulk import insert_columns, insert_returning_ids
from engine.storage.database import UnitOfWork
from engine.storage.models import RecordHistoryRow
from engine.storage.types import utcnow

# Core inserts: the ORM's bulk path costs more than the rows themselves at import volumes.
HISTORY_TABLE = cast(Table, RecordHistoryRow.__table__)
MAX_EXPORT_ROWS = 200_000
MAX_SUMMARY_GROUPS = 1000


@dataclass
class Page:
    items: list[dict[str, Any]]
    total: int | None
    limit: int
    offset: int
    next_cursor: str | None


class RecordService:
    """Creates, updates, deletes and reads the records of published forms."""

    def __init__(
        self,
        catalog: FormCatalog,
        events: EventBus,
        access: AccessPolicy,
        audit: AuditLog,
        max_bulk: int = 1000,
    ) -> None:
        self.catalog = catalog
        self.events = events
        self.access = access
        self.audit = audit
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
        cleaned: CleanedBatch | None = None,
    ) -> list[dict[str, Any]]:
        """Create records all-or-nothing; errors name the row (``/records/3/data/qty``).

        ``cleaned`` may hold the items' values cleaned ahead (``clean_new_record``, as an
        import's reader process does); values cleaned for another form version are
        cleaned again here.
        """
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "create")
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
        first = None if single else 0
        ready = cleaned.records if cleaned is not None and cleaned.fits(form) else None
        for index, data in enumerate(items):
            prefix, row_no = row_place(index, first)
            ahead = ready[index] if ready is not None else None
            if ahead is not None:
                values, problems, refused = ahead
                problems = _placed(problems, prefix, row_no)
                if refused is not None:
                    raise Forbidden(refused, problems)
            else:
                values, problems = clean_record(form, data, prefix, creating=True, access=access)
            errors += [ErrorDetail(p.pointer, p.message, p.code, p.field, row_no) for p in problems]
            rows.append(values)
        now = utcnow()
        if not errors:
            fill_current_user(form, rows, actor)
            errors = self._fill(uow, form, rows, now, creating=True, first_row=first)
        if not errors:
            for index, values in enumerate(rows):
                data = items[index]
                given = set(data) if isinstance(data, dict) else set()
                prefix, row_no = row_place(index, first)
                errors += rule_problems(form, values, given, prefix, row_no)
        if not errors:
            errors = self._unique_problems(uow, form, rows, first)
            errors += self._link_problems(uow, form, rows, first)
            errors += file_problems(uow, form, rows, first)
            errors += people_problems(uow, form, rows, first)
        if errors:
            what = (
                "record is" if single else f"records in this request are ({len(errors)} problems)"
            )
            raise RecordInvalid(f"The {what} not valid.", errors)

        children = [child_values(form, values) for values in rows] if form.children else None
        for values in rows:
            values.update(
                version=1,
                created_at=now,
                updated_at=now,
                created_by=actor.user,
                updated_by=actor.user,
            )
        table = form.table
        with _unique_guard():
            ids = insert_returning_ids(uow.session.connection(), table, rows)
        if form.has_side_tables:
            if children is not None:
                write_children_many(uow, form, list(zip(ids, children, strict=True)))
            loaded = uow.session.execute(
                select(table).where(table.c.id.in_(ids)).order_by(table.c.id)
            )
            records = self._views(uow, form, [r._mapping for r in loaded])
        else:
            records = []
            for record_id, values in zip(ids, rows, strict=True):
                values["id"] = record_id
                records.append(self._view(form, values))
        self._check_scope(uow, form, access, "create", [r["id"] for r in records])
        self._history(
            uow,
            form,
            [(r["id"], 1, "create", None, r["data"]) for r in records],
            actor,
            now,
        )
        self.events.publish_many(
            uow,
            (
                RecordEvent(
                    "record.created",
                    app_key,
                    form_key,
                    record["id"],
                    1,
                    None,
                    record["data"],
                    actor,
                    form=form,
                )
                for record in records
            ),
        )
        return [self._visible(r, access) for r in records]

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
        if expected_version is None:
            raise VersionRequired(
                'Send the version you last read ("version" in the body or an If-Match '
                "header), so that no one else's change is overwritten.",
                [ErrorDetail("/version", "is required", "required")],
            )
        changes = [(record_id, expected_version, data)]
        return self.bulk_update(uow, app_key, form_key, changes, actor, single=True)[0]

    def bulk_update(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        changes: Sequence[tuple[int, int, Any]],
        actor: Actor,
        single: bool = False,
    ) -> list[dict[str, Any]]:
        """Change many records all-or-nothing: ``(record id, version read, field values)``.

        Each record must still be at the version it was read at. Errors name the entry
        (``/records/3/data/qty``); a record whose values do not change is not written.
        """
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "update")
        first = None if single else 0
        if not single and len(changes) > self.max_bulk:
            raise RecordInvalid(
                f"At most {self.max_bulk} records can be changed in one request.",
                [ErrorDetail("/records", f"has {len(changes)} entries", "too_many")],
            )
        ids = [record_id for record_id, _, _ in changes]
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise RecordInvalid(
                "A record can be changed only once in one request.",
                [
                    ErrorDetail("/records", f"names record {i} more than once", "repeated")
                    for i in twice
                ],
            )
        currents = self._load_many(uow, form, ids, access, "update", single)
        conflicts = [
            (index, record_id, version)
            for index, (record_id, version, _) in enumerate(changes)
            if currents[index]["version"] != version
        ]
        if conflicts:
            if single:
                current = currents[0]
                raise VersionConflict(
                    f"Record {ids[0]} is at version {current['version']}, not {changes[0][1]}; "
                    "reload it and apply your change again.",
                    extra={
                        "current_version": current["version"],
                        "record": self._visible(current, access),
                    },
                )
            raise VersionConflict(
                f"{len(conflicts)} record(s) were changed since they were read; reload them "
                "and apply the changes again.",
                [
                    ErrorDetail(
                        f"/records/{index}/version",
                        f"record {record_id} is at version {currents[index]['version']}, "
                        f"not {version}",
                        "version_conflict",
                        row=index,
                    )
                    for index, record_id, version in conflicts
                ],
            )
        errors: list[ErrorDetail] = []
        given: list[dict[str, Any]] = []
        fulls: list[dict[str, Any]] = []
        for index, (_, _, data) in enumerate(changes):
            prefix, row_no = row_place(index, first)
            values, problems = clean_record(form, data, prefix, creating=False, access=access)
            errors += [ErrorDetail(p.pointer, p.message, p.code, p.field, row_no) for p in problems]
            given.append(values)
            fulls.append({**self._python_values(form, currents[index]["data"]), **values})
        if errors:
            raise RecordInvalid(self._invalid(single, errors), errors)
        now = utcnow()
        errors = self._fill(uow, form, fulls, now, creating=False, first_row=first)
        if not errors:
            for index, (_, _, data) in enumerate(changes):
                prefix, row_no = row_place(index, first)
                errors += rule_problems(form, fulls[index], set(data), prefix, row_no)
        if errors:
            raise RecordInvalid(self._invalid(single, errors), errors)
        order = formula_order(form)
        changed_rows: list[dict[str, Any]] = []
        for index, values in enumerate(given):
            for fid in order:
                if fid in fulls[index]:
                    values[fid] = fulls[index][fid]
            before = currents[index]["data"]
            changed_rows.append(
                {fid: v for fid, v in values.items() if _differs(form, fid, v, before.get(fid))}
            )
        errors = self._unique_problems(uow, form, changed_rows, first, exclude_ids=ids)
        errors += self._link_problems(uow, form, changed_rows, first)
        errors += file_problems(uow, form, changed_rows, first)
        errors += people_problems(uow, form, changed_rows, first)
        if errors:
            raise RecordInvalid(self._invalid(single, errors), errors)
        written = [i for i, changed in enumerate(changed_rows) if changed]
        if not written:
            return [self._visible(current, access) for current in currents]
        self._write_updates(
            uow, form, [(ids[i], changes[i][1], changed_rows[i]) for i in written], now, actor
        )
        table = form.table
        loaded = uow.session.execute(
            select(table).where(table.c.id.in_([ids[i] for i in written])).order_by(table.c.id)
        )
        after_of = {v["id"]: v for v in self._views(uow, form, [r._mapping for r in loaded])}
        self._check_scope(uow, form, access, "update", list(after_of))
        entries: list[tuple[int, int, str, dict[str, Any] | None, dict[str, Any] | None]] = []
        events: list[RecordEvent] = []
        for i in written:
            after = after_of[ids[i]]
            before = currents[i]["data"]
            entries.append(
                (
                    ids[i],
                    after["version"],
                    "update",
                    {fid: before.get(fid) for fid in changed_rows[i]},
                    {fid: after["data"].get(fid) for fid in changed_rows[i]},
                )
            )
            events.append(
                RecordEvent(
                    "record.updated",
                    app_key,
                    form_key,
                    ids[i],
                    after["version"],
                    before,
                    after["data"],
                    actor,
                    form=form,
                )
            )
        self._history(uow, form, entries, actor, now)
        self.events.publish_many(uow, events)
        return [
            self._visible(after_of.get(record_id, currents[index]), access)
            for index, record_id in enumerate(ids)
        ]

    @staticmethod
    def _invalid(single: bool, errors: list[ErrorDetail]) -> str:
        if single:
            return "The record is not valid."
        return f"The records in this request are not valid ({len(errors)} problems)."

    def _write_updates(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        rows: list[tuple[int, int, dict[str, Any]]],
        now: Any,
        actor: Actor,
    ) -> None:
        """Write changed values: one ``executemany`` per set of changed columns.

        Each row names the version it was read at; a row changed meanwhile by another
        writer matches nothing, and the whole change is refused.
        """
        table = form.table
        groups: dict[tuple[str, ...], list[dict[str, Any]]] = {}
        children: list[tuple[int, dict[str, Any]]] = []
        for record_id, version, changed in rows:
            main = dict(changed)
            child_changes = child_values(form, main)
            if child_changes:
                children.append((record_id, child_changes))
            row = {**main, "_id": record_id, "_version": version, "_next": version + 1}
            groups.setdefault(tuple(main), []).append(row)
        matched = 0
        with _unique_guard():
            for columns, params in groups.items():
                statement = (
                    table.update()
                    .where(table.c.id == bindparam("_id"), table.c.version == bindparam("_version"))
                    .values(
                        {
                            **{name: bindparam(name) for name in columns},
                            "version": bindparam("_next"),
                            "updated_at": now,
                            "updated_by": actor.user,
                        }
                    )
                )
                result = uow.session.connection().execute(statement, params)
                matched += result.rowcount
        if matched != len(rows):
            raise VersionConflict(
                "A record was changed by someone else meanwhile; reload it."
                if len(rows) == 1
                else "Records were changed by someone else meanwhile; reload them.",
                extra={"current_version": None},
            )
        for record_id, child_changes in children:
            write_children(uow, form, record_id, child_changes, replace=True)

    def _load_many(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        ids: list[int],
        access: FormAccess,
        action: str,
        single: bool,
        for_update: bool = True,
    ) -> list[dict[str, Any]]:
        """The records ``ids`` (locked for a change), in that order; missing ones refused."""
        table = form.table
        query = select(table).where(table.c.id.in_(ids))
        if for_update:
            query = query.with_for_update()
        readable = access.row_condition("read")
        if readable is not None:
            # Outside the reader's rows a record does not exist for them; inside the rows
            # they read but not the ones they may change, they are told so.
            query = query.where(readable)
        rows = {row._mapping["id"]: row._mapping for row in uow.session.execute(query)}
        missing = [(index, i) for index, i in enumerate(ids) if i not in rows]
        if missing:
            if single:
                raise RecordNotFound(f"Form '{form.form_key}' has no record {ids[0]}.")
            raise RecordNotFound(
                f"Form '{form.form_key}' has no record {missing[0][1]}"
                + (f" (nor {len(missing) - 1} more)." if len(missing) > 1 else "."),
                [
                    ErrorDetail(f"/records/{index}/id", f"record {i} does not exist", "not_found")
                    for index, i in missing
                ],
            )
        scope = access.row_condition(action) if action != "read" else None
        if scope is not None:
            inside = set(uow.session.scalars(select(table.c.id).where(table.c.id.in_(ids), scope)))
            outside = [(index, i) for index, i in enumerate(ids) if i not in inside]
            if outside:
                raise Forbidden(
                    f"You may not {action} record {outside[0][1]}.",
                    [
                        ErrorDetail(
                            "/" if single else f"/records/{index}",
                            f"the record is outside the rows you may {action}",
                            "row_scope",
                        )
                        for index, _ in outside
                    ],
                )
        views = {v["id"]: v for v in self._views(uow, form, [rows[i] for i in ids])}
        return [views[i] for i in ids]

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
        access = self._allowed(uow, actor, form, "delete")
        current = self._load(uow, form, record_id, for_update=True, access=access, action="delete")
        self._check_not_linked(uow, form, record_id)
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
                form=form,
            ),
        )

    def delete_many(
        self, uow: UnitOfWork, app_key: str, form_key: str, record_ids: list[int], actor: Actor
    ) -> int:
        """Delete every record of ``record_ids`` or none (the first refusal undoes the rest)."""
        ids = list(dict.fromkeys(record_ids))
        if not ids:
            raise RecordInvalid(
                "Name the records to delete.",
                [ErrorDetail("/ids", "must list at least one record id", "min_items")],
            )
        if len(ids) > self.max_bulk:
            raise RecordInvalid(
                f"At most {self.max_bulk} records can be deleted in one request.",
                [ErrorDetail("/ids", f"must list at most {self.max_bulk} ids", "max_items")],
            )
        for record_id in ids:
            self.delete(uow, app_key, form_key, record_id, None, actor)
        return len(ids)

    def preview(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        data: Any,
        record_id: int | None,
        actor: Actor,
    ) -> dict[str, Any]:
        """What a form shows for unsaved values: which fields are visible and required, and
        the formulas' values. Nothing is written; values that do not clean count as empty."""
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "create" if record_id is None else "update")
        if not isinstance(data, dict):
            raise RecordInvalid(
                "Send the form's values as an object.",
                [ErrorDetail("/data", "must be an object of field values", "type")],
            )
        if record_id is None:
            values: dict[str, Any] = {}
            data = {
                fid: field.type.default_value(field.spec)
                for fid, field in form.fields.items()
                if not field.type.computed
            } | data
        else:
            current = self._load(uow, form, record_id, access=access, action="update")
            values = self._python_values(form, current["data"])
        for field in form.expanders:
            data = field.type.expand(field.spec, data)
        for fid, raw in data.items():
            given = form.fields.get(fid)
            if given is None or given.type.computed or fid in access.hidden:
                continue
            try:
                value = given.type.clean(given.spec, raw)
            except FieldValueError:
                value = None
            if given.type.has_rows and value is not None:
                value, _ = clean_rows(form, fid, value, f"/data/{fid}")
            values[fid] = value
        problems = self._fill(uow, form, [values], utcnow(), record_id is None, previewing=True)
        computed = {
            fid: field.type.to_json(field.spec, values.get(fid))
            for fid, field in form.fields.items()
            if field.type.computed and field.type.previewable and field.type.has_column(field.spec)
        }
        states = field_states(form, values)
        return {
            "fields": {fid: state for fid, state in states.items() if fid not in access.hidden},
            "computed": {fid: v for fid, v in computed.items() if fid not in access.hidden},
            "errors": [problem.as_dict() for problem in problems],
        }

    # -- reads --------------------------------------------------------------------------

    def get(
        self, uow: UnitOfWork, app_key: str, form_key: str, record_id: int, actor: Actor
    ) -> dict[str, Any]:
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "read")
        return self._visible(self._load(uow, form, record_id, access=access, action="read"), access)

    def list_page(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        query: RecordQuery,
        actor: Actor,
        action: str = "read",
    ) -> Page:
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, action)
        if action != "read":
            self._allowed(uow, actor, form, "read")
        conditions = compile_filters(form, query.filters, access.hidden)
        keys = compile_sort(form, query.sort, access.hidden)
        scope = access.row_condition("read")
        if scope is not None:
            conditions.append(scope)
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
        items = [
            self._visible(v, access) for v in self._views(uow, form, [r._mapping for r in rows])
        ]
        next_cursor = encode_cursor(keys, rows[-1]) if more and rows else None
        return Page(items, total, query.limit, 0 if query.cursor else query.offset, next_cursor)

    def export_csv(
        self, uow: UnitOfWork, app_key: str, form_key: str, query: RecordQuery, actor: Actor
    ) -> tuple[str, int]:
        """CSV of the records matching the query, with the fields the actor may read."""
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "export")
        columns = ["id", "version", "created_at", "updated_at", "created_by", "updated_by"]
        fields = [fid for fid in form.fields if access.readable(fid)]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns + fields)
        count = 0
        records = self.iter_records(uow, app_key, form_key, query, actor, "export", MAX_EXPORT_ROWS)
        for item in records:
            writer.writerow(
                [item[c] for c in columns] + [_cell(item["data"].get(f)) for f in fields]
            )
            count += 1
        return out.getvalue(), count

    def iter_records(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        query: RecordQuery,
        actor: Actor,
        action: str = "read",
        max_rows: int | None = None,
    ) -> Iterator[dict[str, Any]]:
        """Every record matching the query's filters and sort, read page by page (cursor)."""
        page_query = RecordQuery(
            filters=query.filters, sort=query.sort, limit=1000, with_total=False
        )
        count = 0
        while True:
            page = self.list_page(uow, app_key, form_key, page_query, actor, action=action)
            count += len(page.items)
            if max_rows is not None and count > max_rows:
                raise RecordInvalid(
                    f"More than {max_rows} records match; narrow the filters.",
                    [ErrorDetail("/query", "matches too many records for one export", "too_many")],
                )
            yield from page.items
            if not page.next_cursor:
                return
            page_query.cursor = page.next_cursor

    def summarize(
        self,
        uow: UnitOfWork,
        app_key: str,
        form_key: str,
        filters: list[Filter],
        group_by: list[str],
        measures: list[str],
        actor: Actor,
    ) -> dict[str, Any]:
        """Group records and aggregate them in the database (count, sum, avg, min, max)."""
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "read")
        conditions = compile_filters(form, filters, access.hidden)
        scope = access.row_condition("read")
        if scope is not None:
            conditions.append(scope)
        errors: list[ErrorDetail] = []
        groups = []
        if len(group_by) > 3:
            errors.append(ErrorDetail("/query/group_by", "group by at most 3 fields", "too_many"))
        for name in group_by:
            target = None if name in access.hidden else form.queryable(name)
            if target is None or not target.type.sortable:
                errors.append(
                    ErrorDetail(
                        "/query/group_by", f"cannot group by '{name}'", "not_groupable", field=name
                    )
                )
            else:
                groups.append(target)
        table = form.table
        selected: list[tuple[str, Any, Any]] = []
        for measure in measures:
            func_name, _, name = measure.partition(":")
            if func_name == "count" and not name:
                selected.append((measure, func.count(), None))
                continue
            target = None if name in access.hidden else form.queryable(name)
            if func_name not in ("sum", "avg", "min", "max") or target is None:
                errors.append(
                    ErrorDetail(
                        "/query/measure",
                        f"'{measure}' is not a measure; use count, sum:field, avg:field, "
                        "min:field or max:field",
                        "unknown_measure",
                    )
                )
            elif func_name in ("sum", "avg") and not target.type.numeric:
                errors.append(
                    ErrorDetail(
                        "/query/measure",
                        f"{func_name} needs a number field; '{name}' is {target.type.type}",
                        "not_numeric",
                        field=name,
                    )
                )
            elif func_name in ("min", "max") and not target.type.sortable:
                errors.append(
                    ErrorDetail(
                        "/query/measure", f"'{name}' has no order", "not_sortable", field=name
                    )
                )
            else:
                selected.append((measure, getattr(func, func_name)(table.c[target.id]), target))
        if errors:
            raise QueryInvalid("The summary query is not valid.", errors)
        group_columns = [table.c[g.id] for g in groups]
        statement = apply_filters(
            select(*group_columns, *[expr for _, expr, _ in selected]).select_from(table),
            conditions,
        )
        if group_columns:
            statement = statement.group_by(*group_columns).order_by(*group_columns)
        rows = uow.session.execute(statement.limit(MAX_SUMMARY_GROUPS + 1)).all()
        out = []
        for row in rows[:MAX_SUMMARY_GROUPS]:
            key = {g.id: g.type.to_json(g.spec, row[i]) for i, g in enumerate(groups)}
            values = {}
            for j, (name, _, target) in enumerate(selected):
                values[name] = _measure_json(name, target, row[len(groups) + j])
            out.append({"key": key, "values": values})
        return {"groups": out, "truncated": len(rows) > MAX_SUMMARY_GROUPS}

    def history(
        self, uow: UnitOfWork, app_key: str, form_key: str, record_id: int, actor: Actor
    ) -> list[dict[str, Any]]:
        form = self.catalog.get(uow, app_key, form_key)
        access = self._allowed(uow, actor, form, "read")
        scope = access.row_condition("read")
        if scope is not None:
            # A deleted record's history is for those who see every record.
            self._load(uow, form, record_id, access=access, action="read")
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
                "before": _strip(r.before, access.hidden),
                "after": _strip(r.after, access.hidden),
            }
            for r in rows
        ]

    # -- internals ----------------------------------------------------------------------

    @staticmethod
    def _fill(
        uow: UnitOfWork,
        form: CompiledForm,
        rows: list[dict[str, Any]],
        now: Any,
        creating: bool,
        first_row: int | None = None,
        previewing: bool = False,
    ) -> list[ErrorDetail]:
        """Compute auto-numbers and formulas (in dependency order); errors name the row.

        A preview skips what would have a lasting effect (numbers taken from a counter); a
        value that cannot be computed is left empty for the formulas after it.
        """
        kinds = field_kinds(f.spec for f in form.fields.values())
        context = FillContext(uow, form.definition_id, form.time_zone, now, creating, kinds)
        errors: list[ErrorDetail] = []
        failed: set[int] = set()
        for fid in formula_order(form):
            field = form.fields[fid]
            if previewing and not field.type.previewable:
                continue
            try:
                field.type.fill(field.spec, rows, context)
                continue
            except FieldValueError:
                pass
            for index, row in enumerate(rows):  # find the rows that fail, one by one
                if index in failed:
                    continue
                try:
                    field.type.fill(field.spec, [row], context)
                except FieldValueError as exc:
                    failed.add(index)
                    row[fid] = None
                    pointer, row_no = row_place(index, first_row)
                    errors.append(
                        ErrorDetail(f"{pointer}/{fid}", exc.message, exc.code, fid, row_no)
                    )
        return errors

    @staticmethod
    def _python_values(form: CompiledForm, data: dict[str, Any]) -> dict[str, Any]:
        """A record's API values turned back into the values expressions work with."""
        values: dict[str, Any] = {}
        for fid, field in form.fields.items():
            if field.type.has_rows or field.type.is_live(field.spec):
                continue
            try:
                values[fid] = field.type.clean(field.spec, data.get(fid))
            except FieldValueError:
                values[fid] = None
        return values

    @staticmethod
    def _unique_problems(
        uow: UnitOfWork,
        form: CompiledForm,
        rows: list[dict[str, Any]],
        first_row: int | None,
        exclude_ids: Sequence[int] | None = None,
    ) -> list[ErrorDetail]:
        """Values of unique fields already stored in another record, or given twice.

        ``exclude_ids`` names, per row, the record the row is (its own value is no clash).
        """
        problems: list[ErrorDetail] = []
        table = form.table
        for fid, field in form.fields.items():
            if not field.spec.unique:
                continue
            seen: dict[Any, int] = {}
            wanted: dict[Any, tuple[str, int | None]] = {}
            for index, row in enumerate(rows):
                value = row.get(fid)
                if value is None:
                    continue
                pointer, row_no = row_place(index, first_row)
                shown = field.type.to_json(field.spec, value)
                if value in seen:
                    problems.append(
                        ErrorDetail(
                            f"{pointer}/{fid}",
                            f"{shown!r} is also given for record {seen[value]} of this request; "
                            "it must be unique",
                            "unique",
                            field=fid,
                            row=row_no,
                        )
                    )
                    continue
                seen[value] = index
                wanted[value] = (pointer, row_no)
            if not wanted:
                continue
            query = select(table.c.id, table.c[fid]).where(table.c[fid].in_(list(wanted)))
            for other_id, value in uow.session.execute(query):
                own = seen.get(value)
                if exclude_ids is not None and own is not None and exclude_ids[own] == other_id:
                    continue
                pointer, row_no = wanted.get(value, ("/data", None))
                shown = field.type.to_json(field.spec, value)
                problems.append(
                    ErrorDetail(
                        f"{pointer}/{fid}",
                        f"{shown!r} is already used by record {other_id}; it must be unique",
                        "unique",
                        field=fid,
                        row=row_no,
                    )
                )
        return problems

    def _allowed(
        self, uow: UnitOfWork, actor: Actor, form: CompiledForm, action: str
    ) -> FormAccess:
        access = self.access.form_access(uow, actor.principal, form)
        if not access.can(action):
            raise Forbidden(
                f"You may not {action} records of form '{form.form_key}'.",
                [ErrorDetail("/", f"your roles do not allow '{action}' on this form", "forbidden")],
            )
        return access

    def _check_scope(
        self, uow: UnitOfWork, form: CompiledForm, access: FormAccess, action: str, ids: list[int]
    ) -> None:
        """A written record must stay within the rows the writer may write."""
        scope = access.row_condition(action)
        if scope is None or not ids:
            return
        table = form.table
        inside = set(uow.session.scalars(select(table.c.id).where(table.c.id.in_(ids), scope)))
        outside = [i for i in ids if i not in inside]
        if outside:
            raise Forbidden(
                "The record would fall outside the rows you may work with.",
                [
                    ErrorDetail(
                        "/data", "these values put the record outside your row scope", "row_scope"
                    )
                ],
            )

    @staticmethod
    def _visible(record: dict[str, Any], access: FormAccess) -> dict[str, Any]:
        if not access.hidden:
            return record
        return {**record, "data": _strip(record["data"], access.hidden)}

    def _link_problems(
        self, uow: UnitOfWork, form: CompiledForm, rows: list[dict[str, Any]], first_row: int | None
    ) -> list[ErrorDetail]:
        """Links in these values that point to records which do not exist."""
        if not form.links_anything:
            return []
        wanted: list[tuple[Any, int, str, int | None]] = []
        for index, values in enumerate(rows):
            base, row_no = row_place(index, first_row)
            for fid, field in form.fields.items():
                value = values.get(fid)
                if value is None:
                    continue
                if field.type.links:
                    ids = value if isinstance(value, list) else [value]
                    wanted += [(field, i, f"{base}/{fid}", row_no) for i in ids]
                elif field.type.has_rows:
                    for r, row in enumerate(value):
                        for sub in relation_fields(form.children[fid].fields):
                            if row.get(sub.id) is not None:
                                wanted.append(
                                    (sub, row[sub.id], f"{base}/{fid}/{r}/{sub.id}", row_no)
                                )
        return missing_links(uow, self.catalog, form, wanted) if wanted else []

    def _views(self, uow: UnitOfWork, form: CompiledForm, rows: list[Any]) -> list[dict[str, Any]]:
        """Record views of many rows, with child rows and link display values (few queries)."""
        views = [self._view(form, row) for row in rows]
        attach_file_views(uow, form, views)
        attach_people_views(uow, form, views)
        links = relation_fields(form.fields)
        if not views or not (form.children or links):
            return views
        for fid, field in form.fields.items():
            if field.type.live:
                self._lookup(uow, form, fid, views)
        children = read_children(uow, form, [v["id"] for v in views])
        for fid, field in form.fields.items():
            if field.type.is_live(field.spec) and not field.type.live:
                self._link_rollup(uow, form, fid, children.get(field.spec.source, {}), views)
        for fid, per_parent in children.items():
            child = form.children[fid]
            for view in views:
                found = per_parent.get(view["id"], [])
                if child.is_links:
                    view["data"][fid] = found
                else:
                    view["data"][fid] = [
                        {
                            "id": r["id"],
                            **{
                                k: f.type.to_json(f.spec, r.get(k)) for k, f in child.fields.items()
                            },
                        }
                        for r in found
                    ]
        for field in links:
            ids: set[int] = set()
            for view in views:
                value = view["data"].get(field.id)
                ids.update(value if isinstance(value, list) else [] if value is None else [value])
            shown = displays(uow, self.catalog, form, field, ids)
            for view in views:
                value = view["data"].get(field.id)
                if isinstance(value, list):
                    view["data"][field.id] = [as_link(i, shown) for i in value]
                else:
                    view["data"][field.id] = as_link(value, shown)
        for fid, child in form.children.items():
            for sub in relation_fields(child.fields):
                ids = {r[sub.id] for v in views for r in v["data"].get(fid) or [] if r.get(sub.id)}
                shown = displays(uow, self.catalog, form, sub, ids)
                for view in views:
                    for row in view["data"].get(fid) or []:
                        row[sub.id] = as_link(row.get(sub.id), shown)
        return views

    def _lookup(
        self, uow: UnitOfWork, form: CompiledForm, fid: str, views: list[dict[str, Any]]
    ) -> None:
        """Fill a lookup field of many records from their linked records, in one query."""
        spec = form.fields[fid].spec
        relation = form.fields[spec.relation]
        target = self.catalog.get(uow, form.app_key, relation.spec.target)
        shown = target.fields.get(spec.field)
        ids = {v["data"].get(spec.relation) for v in views} - {None}
        found: dict[int, Any] = {}
        if shown is not None:
            raw = column_values(uow, target, spec.field, ids)
            found = {i: shown.type.to_json(shown.spec, v) for i, v in raw.items()}
        for view in views:
            view["data"][fid] = found.get(view["data"].get(spec.relation))

    def _link_rollup(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        fid: str,
        links: dict[int, list[Any]],
        views: list[dict[str, Any]],
    ) -> None:
        """A rollup over linked records, for many records, from one query."""
        field = form.fields[fid]
        spec = field.spec
        target = self.catalog.get(uow, form.app_key, form.fields[spec.source].spec.target)
        ids = {i for found in links.values() for i in found}
        values = column_values(uow, target, spec.field, ids) if spec.field else {}
        for view in views:
            linked = links.get(view["id"], [])
            result = field.type.aggregate(spec, [values.get(i) for i in linked], len(linked))  # type: ignore[attr-defined]
            view["data"][fid] = field.type.to_json(spec, result)

    def _check_not_linked(self, uow: UnitOfWork, form: CompiledForm, record_id: int) -> None:
        """A record that other records link to cannot be deleted (the trace would break)."""
        for other in self.catalog.published_forms(uow):
            if other.app_key != form.app_key:
                continue
            places: list[tuple[Any, Any, str]] = []
            for field in relation_fields(other.fields):
                if field.spec.target != form.form_key:
                    continue
                if field.id in other.children:
                    links = other.children[field.id].table
                    places.append((links, links.c.target_id, field.id))
                else:
                    places.append((other.table, other.table.c[field.id], field.id))
            for fid, child in other.children.items():
                for sub in relation_fields(child.fields):
                    if sub.spec.target == form.form_key:
                        places.append((child.table, child.table.c[sub.id], f"{fid}.{sub.id}"))
            for table, column, name in places:
                count = uow.session.scalar(
                    select(func.count()).select_from(table).where(column == record_id)
                )
                if count:
                    raise Conflict(
                        f"Record {record_id} is linked from {count} '{other.form_key}' record(s) "
                        f"(field {name}); remove those links first.",
                        [ErrorDetail("/", f"linked from {other.form_key}.{name}", "linked")],
                        extra={
                            "linked_from": {"form": other.form_key, "field": name, "records": count}
                        },
                    )

    def _load(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        record_id: int,
        for_update: bool = False,
        access: FormAccess | None = None,
        action: str = "read",
    ) -> dict[str, Any]:
        records = self._load_many(
            uow,
            form,
            [record_id],
            access or FULL_ACCESS,
            action,
            single=True,
            for_update=for_update,
        )
        return records[0]

    @staticmethod
    def _view(form: CompiledForm, row: Any) -> dict[str, Any]:
        get = row.get
        data = {
            fid: get(fid) if to_json is None else to_json(spec, get(fid))
            for fid, spec, to_json in form.json_writers
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

    def _history(
        self,
        uow: UnitOfWork,
        form: CompiledForm,
        entries: list[tuple[int, int, str, dict[str, Any] | None, dict[str, Any] | None]],
        actor: Actor,
        at: Any,
    ) -> None:
        details: dict[int, dict[str, Any]] = {}  # one object per version: encoded once
        for action in ("create", "update", "delete"):
            items = [
                (f"{form.form_key}/{e[0]}", details.setdefault(e[1], {"version": e[1]}))
                for e in entries
                if e[2] == action
            ]
            if items:
                self.audit.record_many(
                    uow,
                    actor,
                    f"record.{action}d",
                    items,
                    app_key=form.app_key,
                    object_type="record",
                )
        insert_columns(
            uow.session.connection(),
            HISTORY_TABLE,
            {"form_id": form.definition_id, "actor": actor.user, "client": actor.client, "at": at},
            {
                "record_id": [e[0] for e in entries],
                "version": [e[1] for e in entries],
                "action": [e[2] for e in entries],
                "before": [e[3] for e in entries],
                "after": [e[4] for e in entries],
            },
        )


def _placed(problems: list[ErrorDetail], prefix: str, row: int | None) -> list[ErrorDetail]:
    """Problems found under ``/data`` moved under ``prefix`` (``/records/3/data``)."""
    if prefix == "/data":
        return problems
    return [
        ErrorDetail(prefix + p.pointer.removeprefix("/data"), p.message, p.code, p.field, row)
        for p in problems
    ]


def _strip(data: dict[str, Any] | None, hidden: set[str]) -> dict[str, Any] | None:
    if data is None or not hidden:
        return data
    return {k: v for k, v in data.items() if k not in hidden}


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def _measure_json(name: str, target: Any, value: Any) -> Any:
    if value is None or target is None:
        return value
    kind = name.partition(":")[0]
    if kind in ("min", "max") or (kind == "sum" and target.type.type == "integer"):
        if kind == "sum":
            return int(value)
        return target.type.to_json(
            target.spec,
            target.type.clean(target.spec, value if not isinstance(value, float) else repr(value)),
        )
    scale = getattr(target.spec, "scale", 0)
    places = scale if kind == "sum" else scale + 4
    number = Decimal(repr(value) if isinstance(value, float) else value)
    return format(number.quantize(Decimal(1).scaleb(-places)), "f")


@contextmanager
def _unique_guard() -> Iterator[None]:
    """Two writers racing for the same unique value: the database decides, we explain."""
    try:
        yield
    except IntegrityError as exc:
        raise Conflict(
            "Another record took one of the unique values at the same moment; "
            "reload and try again.",
            [ErrorDetail("/data", "a unique value is already taken", "unique")],
        ) from exc


def _differs(form: CompiledForm, fid: str, value: Any, stored: Any) -> bool:
    """Whether a cleaned value differs from what the record shows for the field."""
    field = form.fields[fid]
    return field.type.differs(field.spec, value, stored)
