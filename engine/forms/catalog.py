"""Finds the compiled, published version of a form; publishes form versions."""

from __future__ import annotations

import threading
from typing import Any

from pydantic import BaseModel
from sqlalchemy import Column, MetaData, Table, func, select
from sqlalchemy.orm import aliased
from sqlalchemy.schema import DropTable

from engine.definitions.errors import DefinitionNotFound, PublishRefused
from engine.definitions.specs import FormSpec
from engine.definitions.upgrades import upgrade_document
from engine.errors import ErrorDetail, NotFound
from engine.forms.compiled import CompiledForm, compile_form
from engine.forms.registry import FieldTypeRegistry
from engine.forms.schema_sync import SchemaSync
from engine.storage.database import UnitOfWork
from engine.storage.models import AppRow, DefinitionRow, DefinitionVersionRow, FormTableRow
from engine.storage.types import utcnow

NUMERIC_TYPES = frozenset({"integer", "decimal", "currency", "percent"})


class FormNotFound(NotFound):
    code = "form_not_found"
    title = "Form not found"


class FormCatalog:
    """Compiled published forms, cached by (definition, version, table state).

    Every lookup reads the current published version from the database, so several
    processes never serve a stale form; only the compiled object is cached.
    """

    def __init__(self, registry: FieldTypeRegistry, schema_sync: SchemaSync) -> None:
        self.registry = registry
        self.schema_sync = schema_sync
        self._cache: dict[tuple[int, int, str], CompiledForm] = {}
        self._lock = threading.Lock()

    def get(self, uow: UnitOfWork, app_key: str, form_key: str) -> CompiledForm:
        app_definition = aliased(DefinitionRow)
        row = uow.session.execute(
            select(
                DefinitionRow.id,
                DefinitionRow.published_version,
                FormTableRow.table_name,
                FormTableRow.updated_at,
                app_definition.id,
                app_definition.published_version,
            )
            .join(AppRow, AppRow.id == DefinitionRow.app_id)
            .join(
                app_definition,
                (app_definition.app_id == AppRow.id) & (app_definition.kind == "app"),
            )
            .outerjoin(FormTableRow, FormTableRow.definition_id == DefinitionRow.id)
            .where(
                AppRow.key == app_key, DefinitionRow.kind == "form", DefinitionRow.key == form_key
            )
        ).first()
        if row is None:
            if uow.session.scalar(select(AppRow.id).where(AppRow.key == app_key)) is None:
                raise FormNotFound(f"There is no app with key '{app_key}'.")
            raise FormNotFound(f"App '{app_key}' has no form with key '{form_key}'.")
        definition_id, published, table_name, table_changed, app_id, app_version = row
        if published is None or table_name is None:
            raise FormNotFound(
                f"Form '{form_key}' has not been published yet; publish it to store records."
            )
        # Documents are read only when this form version (or the app's) is not compiled yet.
        cache_key = (definition_id, published, f"{table_changed.isoformat()}/{app_version}")
        compiled = self._cache.get(cache_key)
        if compiled is None:
            app_doc = self._document(uow, app_id, app_version)
            document = self._document(uow, definition_id, published)
            spec = FormSpec.model_validate(upgrade_document("form", document or {}))
            compiled = compile_form(
                app_key,
                definition_id,
                published,
                table_name,
                spec,
                self.registry,
                str((app_doc or {}).get("time_zone", "UTC")),
            )
            with self._lock:
                if len(self._cache) > 2000:
                    self._cache.clear()
                self._cache[cache_key] = compiled
        return compiled

    @staticmethod
    def _document(
        uow: UnitOfWork, definition_id: int, version: int | None
    ) -> dict[str, Any] | None:
        document: dict[str, Any] | None = uow.session.scalar(
            select(DefinitionVersionRow.document).where(
                DefinitionVersionRow.definition_id == definition_id,
                DefinitionVersionRow.version == version,
            )
        )
        return document

    def published_forms(self, uow: UnitOfWork) -> list[CompiledForm]:
        rows = uow.session.execute(
            select(AppRow.key, DefinitionRow.key)
            .join(DefinitionRow, DefinitionRow.app_id == AppRow.id)
            .join(FormTableRow, FormTableRow.definition_id == DefinitionRow.id)
            .where(DefinitionRow.kind == "form", DefinitionRow.published_version.is_not(None))
            .order_by(AppRow.key, DefinitionRow.key)
        ).all()
        return [self.get(uow, app_key, form_key) for app_key, form_key in rows]

    # -- publishing (the form kind's on_publish hook) -------------------------------------

    def on_publish(
        self,
        uow: UnitOfWork,
        definition: DefinitionRow,
        old_spec: BaseModel | None,
        new_spec: BaseModel,
        dry_run: bool,
    ) -> list[dict[str, Any]]:
        assert isinstance(new_spec, FormSpec)
        assert old_spec is None or isinstance(old_spec, FormSpec)
        session = uow.session
        table_row = session.get(FormTableRow, definition.id)
        if table_row is None:
            app_key = session.scalar(select(AppRow.key).where(AppRow.id == definition.app_id))
            table_name = self._free_table_name(uow, f"{app_key}__{definition.key}", definition.id)
            current = None
        else:
            table_name = table_row.table_name
            current = table_row.columns
        self._check_relations(uow, definition, new_spec)
        conn = uow.connection
        plan = self.schema_sync.plan(conn, table_name, current, old_spec, new_spec)
        if not dry_run:
            self.schema_sync.apply(conn, plan, new_spec)
            if table_row is None:
                session.add(
                    FormTableRow(
                        definition_id=definition.id,
                        table_name=table_name,
                        columns=plan.columns,
                        updated_at=utcnow(),
                    )
                )
            else:
                table_row.columns = plan.columns
                table_row.updated_at = utcnow()
            session.flush()
        return [change.as_dict() for change in plan.changes]

    def purge_field(self, uow: UnitOfWork, definition: DefinitionRow, field_id: str) -> None:
        """Drop the column of a field that was removed from the form, with its data."""
        table_row = uow.session.get(FormTableRow, definition.id)
        if table_row is None or field_id not in table_row.columns:
            raise DefinitionNotFound(f"Form '{definition.key}' has no stored field '{field_id}'.")
        state = dict(table_row.columns)
        if not state[field_id].get("hidden"):
            raise PublishRefused(
                f"Field '{field_id}' is still on the published form.",
                [
                    ErrorDetail(
                        f"/fields/{field_id}",
                        "remove the field from the form and publish before purging its data",
                        "field_in_use",
                        field=field_id,
                    )
                ],
            )
        self.schema_sync.purge(uow.connection, table_row.table_name, state, field_id)
        del state[field_id]
        table_row.columns = state
        table_row.updated_at = utcnow()
        uow.session.flush()

    def delete_form(self, uow: UnitOfWork, definition: DefinitionRow, confirm: str | None) -> int:
        """Delete a form definition with all its versions, its table and its records.

        A form that holds records is only deleted when ``confirm`` repeats its key, so a
        slip of the mouse cannot throw data away. Returns how many records were dropped.
        """
        table_row = uow.session.get(FormTableRow, definition.id)
        count = 0
        if table_row is not None:
            table = Table(table_row.table_name, MetaData(), Column("id"))
            count = int(uow.session.scalar(select(func.count()).select_from(table)) or 0)
        if count and confirm != definition.key:
            raise PublishRefused(
                f"Form '{definition.key}' holds {count} records; deleting it deletes them too.",
                [
                    ErrorDetail(
                        "/query/confirm",
                        f"repeat the form key (confirm={definition.key}) to delete its data too",
                        "confirm_required",
                    )
                ],
                extra={"records": count},
            )
        if table_row is not None:
            uow.connection.execute(DropTable(Table(table_row.table_name, MetaData())))
        uow.session.delete(definition)
        uow.session.flush()
        return count

    def _check_relations(self, uow: UnitOfWork, definition: DefinitionRow, spec: FormSpec) -> None:
        """Every relation must name a form of the same app, and a field of it to display."""
        from engine.definitions.errors import DefinitionInvalid
        from engine.definitions.specs import LookupFieldSpec, RelationFieldSpec, RollupFieldSpec

        errors: list[ErrorDetail] = []
        documents: dict[str, dict[str, Any] | None] = {}

        def target_doc(key: str) -> dict[str, Any] | None:
            if key == definition.key:
                return spec.model_dump()
            if key not in documents:
                documents[key] = uow.session.scalar(
                    select(DefinitionVersionRow.document)
                    .join(DefinitionRow, DefinitionRow.id == DefinitionVersionRow.definition_id)
                    .where(
                        DefinitionRow.app_id == definition.app_id,
                        DefinitionRow.kind == "form",
                        DefinitionRow.key == key,
                        DefinitionVersionRow.version
                        == func.coalesce(
                            DefinitionRow.published_version, DefinitionRow.latest_version
                        ),
                    )
                )
            return documents[key]

        def walk(fields: Any, pointer: str) -> None:
            for index, field in enumerate(fields):
                where = f"{pointer}/{index}"
                if isinstance(field, RelationFieldSpec):
                    doc = target_doc(field.target)
                    if doc is None:
                        errors.append(
                            ErrorDetail(
                                f"{where}/target",
                                f"this app has no form '{field.target}'",
                                "unknown_form",
                                field=field.id,
                            )
                        )
                    elif field.display_field and field.display_field not in {
                        f.get("id") for f in doc.get("fields", [])
                    }:
                        errors.append(
                            ErrorDetail(
                                f"{where}/display_field",
                                f"form '{field.target}' has no field '{field.display_field}'",
                                "unknown_field",
                                field=field.id,
                            )
                        )
                if isinstance(field, RollupFieldSpec) and field.over_links and field.field:
                    relation = next((f for f in fields if f.id == field.source), None)
                    doc = (
                        target_doc(relation.target)
                        if isinstance(relation, RelationFieldSpec)
                        else None
                    )
                    kinds = {f.get("id"): f.get("type") for f in (doc or {}).get("fields", [])}
                    if doc is not None and kinds.get(field.field) not in NUMERIC_TYPES:
                        errors.append(
                            ErrorDetail(
                                f"{where}/field",
                                f"the linked form has no number field '{field.field}'",
                                "unknown_field",
                                field=field.id,
                            )
                        )
                if isinstance(field, LookupFieldSpec):
                    relation = next((f for f in fields if f.id == field.relation), None)
                    doc = (
                        target_doc(relation.target)
                        if isinstance(relation, RelationFieldSpec)
                        else None
                    )
                    if doc is not None and field.field not in {
                        f.get("id") for f in doc.get("fields", [])
                    }:
                        errors.append(
                            ErrorDetail(
                                f"{where}/field",
                                f"form '{relation.target}' has no field '{field.field}'",  # type: ignore[union-attr]
                                "unknown_field",
                                field=field.id,
                            )
                        )
                walk(getattr(field, "fields", []), f"{where}/fields")

        walk(spec.fields, "/fields")
        if errors:
            raise DefinitionInvalid(f"The form has {len(errors)} problem(s).", errors)

    @staticmethod
    def _free_table_name(uow: UnitOfWork, wanted: str, definition_id: int) -> str:
        name = wanted[:63]
        taken = uow.session.scalar(select(FormTableRow).where(FormTableRow.table_name == name))
        if taken is not None:
            name = f"{wanted[:50]}_{definition_id}"
        return name
