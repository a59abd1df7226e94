"""Definition lifecycle: validate, parse, check, store as numbered versions, publish, roll back."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select

from engine.actor import Actor
from engine.definitions.diff import diff_documents
from engine.definitions.errors import DefinitionConflict, DefinitionInvalid, DefinitionNotFound
from engine.definitions.kinds import DefinitionKindRegistry
from engine.definitions.upgrades import upgrade_document
from engine.definitions.validation import parse_spec, validate_document
from engine.errors import ErrorDetail
from engine.identity.audit import AuditLog
from engine.storage.database import UnitOfWork
from engine.storage.models import AppRow, DefinitionRow, DefinitionVersionRow
from engine.storage.types import utcnow

APP_KIND = "app"


def version_view(definition: DefinitionRow, version: DefinitionVersionRow) -> dict[str, Any]:
    return {
        "kind": definition.kind,
        "key": definition.key,
        "version": version.version,
        "status": version.status,
        "schema_version": version.schema_version,
        "comment": version.comment,
        "created_by": version.created_by,
        "created_at": version.created_at,
        "published_at": version.published_at,
        "document": version.document,
        "latest_version": definition.latest_version,
        "published_version": definition.published_version,
    }


class DefinitionService:
    """The one place definitions are validated, versioned and published."""

    def __init__(self, kinds: DefinitionKindRegistry, audit: AuditLog | None = None) -> None:
        self.kinds = kinds
        self.audit = audit or AuditLog()

    # -- validation -------------------------------------------------------------------

    def validate(self, kind: str, document: Any) -> tuple[dict[str, Any], BaseModel]:
        """Upgrade, validate and parse a document; raise DefinitionInvalid with every error."""
        handler = self.kinds.get(kind)
        if isinstance(document, dict):
            document = upgrade_document(kind, document)
        errors = validate_document(kind, document)
        if errors:
            raise DefinitionInvalid(f"The {kind} definition has {len(errors)} problem(s).", errors)
        spec, errors = parse_spec(handler.spec_model, document)
        if spec is None:
            raise DefinitionInvalid(f"The {kind} definition has {len(errors)} problem(s).", errors)
        if handler.check is not None:
            errors = handler.check(spec)
            if errors:
                raise DefinitionInvalid(
                    f"The {kind} definition has {len(errors)} problem(s).", errors
                )
        return document, spec

    # -- apps ---------------------------------------------------------------------------

    def create_app(self, uow: UnitOfWork, document: Any, actor: Actor) -> dict[str, Any]:
        document, spec = self.validate(APP_KIND, document)
        key = spec.key  # type: ignore[attr-defined]
        session = uow.session
        if session.scalar(select(AppRow).where(AppRow.key == key)) is not None:
            raise DefinitionConflict(
                f"An app with key '{key}' already exists.",
                [ErrorDetail("/key", f"'{key}' is already taken", "duplicate")],
            )
        app = AppRow(key=key)
        session.add(app)
        session.flush()
        self._store(uow, app, APP_KIND, key, document, actor, publish=True, comment="created")
        return self.get_app(uow, key)

    def update_app(self, uow: UnitOfWork, key: str, document: Any, actor: Actor) -> dict[str, Any]:
        app = self.app_row(uow, key)
        document, spec = self.validate(APP_KIND, document)
        self._same_key(spec, key, "app")
        self._store(uow, app, APP_KIND, key, document, actor, publish=True)
        return self.get_app(uow, key)

    def list_apps(self, uow: UnitOfWork) -> list[dict[str, Any]]:
        session = uow.session
        rows = session.execute(
            select(AppRow, DefinitionRow, DefinitionVersionRow)
            .join(
                DefinitionRow,
                (DefinitionRow.app_id == AppRow.id) & (DefinitionRow.kind == APP_KIND),
            )
            .join(
                DefinitionVersionRow,
                (DefinitionVersionRow.definition_id == DefinitionRow.id)
                & (DefinitionVersionRow.version == DefinitionRow.published_version),
            )
            .order_by(AppRow.key)
        ).all()
        return [self._app_view(app, d, v) for app, d, v in rows]

    def get_app(self, uow: UnitOfWork, key: str) -> dict[str, Any]:
        app = self.app_row(uow, key)
        definition = self._definition(uow, app, APP_KIND, key)
        version = self._version(uow, definition, definition.published_version)
        view = self._app_view(app, definition, version)
        shown = func.coalesce(DefinitionRow.published_version, DefinitionRow.latest_version)
        forms = uow.session.execute(
            select(DefinitionRow, DefinitionVersionRow.document)
            .outerjoin(
                DefinitionVersionRow,
                (DefinitionVersionRow.definition_id == DefinitionRow.id)
                & (DefinitionVersionRow.version == shown),
            )
            .where(DefinitionRow.app_id == app.id, DefinitionRow.kind == "form")
            .order_by(DefinitionRow.key)
        ).all()
        view["forms"] = [
            {
                "key": f.key,
                "label": (document or {}).get("label"),
                "latest_version": f.latest_version,
                "published_version": f.published_version,
            }
            for f, document in forms
        ]
        return view

    def app_row(self, uow: UnitOfWork, key: str) -> AppRow:
        app = uow.session.scalar(select(AppRow).where(AppRow.key == key))
        if app is None:
            raise DefinitionNotFound(f"There is no app with key '{key}'.")
        return app

    # -- definitions inside an app (forms and, later, flows, rules, reports...) ---------

    def save(
        self,
        uow: UnitOfWork,
        app_key: str,
        kind: str,
        key: str,
        document: Any,
        actor: Actor,
        comment: str | None = None,
    ) -> dict[str, Any]:
        """Validate and store a document as the definition's next draft version."""
        app = self.app_row(uow, app_key)
        document, spec = self.validate(kind, document)
        self._same_key(spec, key, kind)
        return self._store(uow, app, kind, key, document, actor, publish=False, comment=comment)

    def get(
        self, uow: UnitOfWork, app_key: str, kind: str, key: str, version: int | None = None
    ) -> dict[str, Any]:
        definition = self._definition(uow, self.app_row(uow, app_key), kind, key)
        row = self._version(uow, definition, version or definition.latest_version)
        view = version_view(definition, row)
        return view

    def published_spec(self, uow: UnitOfWork, definition: DefinitionRow) -> BaseModel | None:
        if definition.published_version is None:
            return None
        row = self._version(uow, definition, definition.published_version)
        return self.kinds.get(definition.kind).spec_model.model_validate(
            upgrade_document(definition.kind, row.document)
        )

    def list_versions(
        self, uow: UnitOfWork, app_key: str, kind: str, key: str
    ) -> list[dict[str, Any]]:
        definition = self._definition(uow, self.app_row(uow, app_key), kind, key)
        rows = uow.session.scalars(
            select(DefinitionVersionRow)
            .where(DefinitionVersionRow.definition_id == definition.id)
            .order_by(DefinitionVersionRow.version.desc())
        ).all()
        out = []
        for row in rows:
            view = version_view(definition, row)
            del view["document"]
            out.append(view)
        return out

    def diff(
        self, uow: UnitOfWork, app_key: str, kind: str, key: str, old: int, new: int
    ) -> dict[str, Any]:
        definition = self._definition(uow, self.app_row(uow, app_key), kind, key)
        before = self._version(uow, definition, old).document
        after = self._version(uow, definition, new).document
        return {"from": old, "to": new, "changes": diff_documents(before, after)}

    def publish(
        self,
        uow: UnitOfWork,
        app_key: str,
        kind: str,
        key: str,
        actor: Actor,
        version: int | None = None,
        dry_run: bool = False,
    ) -> dict[str, Any]:
        """Publish a version (default: the latest); apply what publishing means for the kind."""
        app = self.app_row(uow, app_key)
        definition = self._definition(uow, app, kind, key, for_update=True)
        target = self._version(uow, definition, version or definition.latest_version)
        handler = self.kinds.get(kind)
        document, spec = self.validate(kind, target.document)
        old_spec = self.published_spec(uow, definition)
        changes: list[dict[str, Any]] = []
        if handler.on_publish is not None:
            changes = handler.on_publish(uow, definition, old_spec, spec, dry_run)
        result = {
            "kind": kind,
            "key": key,
            "version": target.version,
            "previous_version": definition.published_version,
            "dry_run": dry_run,
            "changes": changes,
        }
        if definition.published_version is not None:
            result["diff"] = diff_documents(
                self._version(uow, definition, definition.published_version).document,
                target.document,
            )
        if dry_run:
            return result
        self._mark_published(uow, definition, target)
        self.audit.record(
            uow,
            actor,
            f"{kind}.published",
            app_key=app_key,
            object_type=kind,
            object_id=key,
            detail={
                "version": target.version,
                "previous_version": result["previous_version"],
                "changes": changes,
                "diff": result.get("diff"),
            },
        )
        return result

    def rollback(
        self,
        uow: UnitOfWork,
        app_key: str,
        kind: str,
        key: str,
        to_version: int,
        actor: Actor,
        publish: bool = True,
    ) -> dict[str, Any]:
        """Store an earlier version's document as a new version, and publish it."""
        app = self.app_row(uow, app_key)
        definition = self._definition(uow, app, kind, key)
        earlier = self._version(uow, definition, to_version)
        saved = self._store(
            uow,
            app,
            kind,
            key,
            earlier.document,
            actor,
            publish=False,
            comment=f"rollback to version {to_version}",
            force_new=True,
        )
        if publish:
            return self.publish(uow, app_key, kind, key, actor, version=saved["version"])
        return saved

    def definition_row(self, uow: UnitOfWork, app_key: str, kind: str, key: str) -> DefinitionRow:
        return self._definition(uow, self.app_row(uow, app_key), kind, key)

    # -- internals ----------------------------------------------------------------------

    def _store(
        self,
        uow: UnitOfWork,
        app: AppRow,
        kind: str,
        key: str,
        document: dict[str, Any],
        actor: Actor,
        publish: bool,
        comment: str | None = None,
        force_new: bool = False,
    ) -> dict[str, Any]:
        session = uow.session
        definition = session.scalar(
            select(DefinitionRow).where(
                DefinitionRow.app_id == app.id, DefinitionRow.kind == kind, DefinitionRow.key == key
            )
        )
        if definition is None:
            definition = DefinitionRow(app_id=app.id, kind=kind, key=key, latest_version=0)
            session.add(definition)
            session.flush()
        elif not force_new and definition.latest_version:
            latest = self._version(uow, definition, definition.latest_version)
            if latest.document == document:
                return version_view(definition, latest)  # nothing changed: no new version
        row = DefinitionVersionRow(
            definition_id=definition.id,
            version=definition.latest_version + 1,
            status="draft",
            schema_version=int(document.get("schema_version", 1)),
            document=document,
            comment=comment,
            created_by=actor.user,
            created_at=utcnow(),
        )
        definition.latest_version = row.version
        session.add(row)
        session.flush()
        self.audit.record(
            uow,
            actor,
            f"{kind}.saved",
            app_key=app.key,
            object_type=kind,
            object_id=key,
            detail={"version": row.version, "comment": comment},
        )
        if publish:
            self._mark_published(uow, definition, row)
        app.updated_at = utcnow()
        return version_view(definition, row)

    def _mark_published(
        self, uow: UnitOfWork, definition: DefinitionRow, target: DefinitionVersionRow
    ) -> None:
        if (
            definition.published_version is not None
            and definition.published_version != target.version
        ):
            previous = self._version(uow, definition, definition.published_version)
            previous.status = "superseded"
        target.status = "published"
        target.published_at = utcnow()
        definition.published_version = target.version
        definition.updated_at = utcnow()
        uow.session.flush()

    def _definition(
        self, uow: UnitOfWork, app: AppRow, kind: str, key: str, for_update: bool = False
    ) -> DefinitionRow:
        query = select(DefinitionRow).where(
            DefinitionRow.app_id == app.id, DefinitionRow.kind == kind, DefinitionRow.key == key
        )
        if for_update:
            query = query.with_for_update()
        definition = uow.session.scalar(query)
        if definition is None:
            raise DefinitionNotFound(f"App '{app.key}' has no {kind} with key '{key}'.")
        return definition

    def _version(
        self, uow: UnitOfWork, definition: DefinitionRow, version: int | None
    ) -> DefinitionVersionRow:
        row = None
        if version is not None:
            row = uow.session.scalar(
                select(DefinitionVersionRow).where(
                    DefinitionVersionRow.definition_id == definition.id,
                    DefinitionVersionRow.version == version,
                )
            )
        if row is None:
            raise DefinitionNotFound(
                f"The {definition.kind} '{definition.key}' has no version {version}."
            )
        return row

    @staticmethod
    def _same_key(spec: BaseModel, key: str, kind: str) -> None:
        doc_key = getattr(spec, "key", key)
        if doc_key != key:
            raise DefinitionInvalid(
                f"The document's key does not match the {kind} in the URL.",
                [
                    ErrorDetail(
                        "/key",
                        f"is '{doc_key}' but the URL names '{key}'; a {kind}'s key never changes",
                        "key_mismatch",
                    )
                ],
            )

    @staticmethod
    def _app_view(
        app: AppRow, definition: DefinitionRow, version: DefinitionVersionRow
    ) -> dict[str, Any]:
        doc = version.document
        return {
            "key": app.key,
            "label": doc.get("label"),
            "description": doc.get("description"),
            "time_zone": doc.get("time_zone", "UTC"),
            "default_locale": doc.get("default_locale", "en"),
            "published_version": definition.published_version,
            "created_at": app.created_at,
            "updated_at": app.updated_at,
            "document": doc,
        }
