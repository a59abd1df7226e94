"""The one place that builds settings, the database, the registries and the services."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from pydantic import BaseModel

from engine.definitions.kinds import DefinitionKind, DefinitionKindRegistry
from engine.definitions.service import DefinitionService
from engine.definitions.specs import AppSpec, FormSpec, RoleSpec
from engine.errors import ErrorDetail
from engine.files.service import FileService, FileStore
from engine.forms.catalog import FormCatalog
from engine.forms.checks import check_form
from engine.forms.registry import FieldTypeRegistry, build_field_type_registry
from engine.forms.schema_sync import SchemaSync
from engine.identity.access import AccessPolicy
from engine.identity.audit import AuditLog
from engine.identity.auth import AuthService, AuthSettings
from engine.identity.roles import RoleService
from engine.identity.users import UserService
from engine.imports.cells import build_cell_codec_registry
from engine.imports.service import ImportService
from engine.imports.workbooks import WorkbookService
from engine.records.events import EventBus
from engine.records.service import RecordService
from engine.settings import Settings
from engine.storage.database import Database, make_database
from engine.tasks import TaskQueue, make_huey
from engine.trace.lineage import LineageKeeper


@dataclass
class Container:
    """Everything a process (API server, CLI command, test) works with."""

    settings: Settings
    db: Database
    field_types: FieldTypeRegistry
    kinds: DefinitionKindRegistry
    definitions: DefinitionService
    catalog: FormCatalog
    events: EventBus
    records: RecordService
    audit: AuditLog
    auth: AuthService
    users: UserService
    roles: RoleService
    access: AccessPolicy
    files: FileService
    imports: ImportService
    workbooks: WorkbookService
    tasks: TaskQueue

    def close(self) -> None:
        self.tasks.close()
        self.db.dispose()

    def __enter__(self) -> Container:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def check_app(spec: BaseModel) -> list[ErrorDetail]:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    assert isinstance(spec, AppSpec)
    try:
        ZoneInfo(spec.time_zone)
    except (ZoneInfoNotFoundError, ValueError):
        return [
            ErrorDetail(
                "/time_zone",
                f"'{spec.time_zone}' is not a known time zone; use a name like Asia/Shanghai",
                "time_zone",
            )
        ]
    return []


def bootstrap(
    settings: Settings | None = None, db: Database | None = None, **db_kwargs: Any
) -> Container:
    """Build the whole object graph. Tests pass their own settings or database."""
    settings = (settings or Settings()).resolved()
    db = db or make_database(settings.database_url, **db_kwargs)
    field_types = build_field_type_registry()
    schema_sync = SchemaSync(field_types)
    catalog = FormCatalog(field_types, schema_sync)

    def _check_form(spec: BaseModel) -> list[ErrorDetail]:
        assert isinstance(spec, FormSpec)
        return check_form(spec, field_types)

    audit = AuditLog()
    access = AccessPolicy()
    roles = RoleService(catalog, audit)
    kinds = DefinitionKindRegistry()
    kinds.register(DefinitionKind("app", AppSpec, check=check_app))
    kinds.register(
        DefinitionKind("form", FormSpec, check=_check_form, on_publish=catalog.on_publish)
    )
    kinds.register(DefinitionKind("role", RoleSpec, on_publish=roles.on_publish))
    events = EventBus()
    records = RecordService(catalog, events, access, audit, max_bulk=settings.max_bulk_records)
    codecs = build_cell_codec_registry()
    lineage = LineageKeeper(catalog)
    events.subscribe("*", lineage.on_event)
    imports = ImportService(catalog, records, access, audit, codecs, settings.data_dir)
    huey = make_huey(settings.task_queue, db, settings.data_dir, settings.task_queue_name)
    return Container(
        settings=settings,
        db=db,
        field_types=field_types,
        kinds=kinds,
        definitions=DefinitionService(kinds, audit),
        catalog=catalog,
        events=events,
        records=records,
        audit=audit,
        auth=AuthService(
            audit, AuthSettings(session_idle=timedelta(minutes=settings.session_idle_minutes))
        ),
        users=UserService(audit),
        roles=roles,
        access=access,
        files=FileService(FileStore(settings.data_dir / "files")),
        imports=imports,
        workbooks=WorkbookService(catalog, records, access, codecs),
        tasks=TaskQueue(huey, db, imports),
    )
