"""Form definitions: draft versions, publish (with plan), versions, diff, rollback, purge."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Query, Response

from engine.api.deps import ActorDep, AdminDep, ContainerDep, DatabaseDep
from engine.api.guards import require_member
from engine.api.models import (
    PROBLEM_RESPONSES,
    DefinitionVersionOut,
    DiffOut,
    PublishOut,
    RollbackIn,
    VersionList,
)
from engine.api.openapi import record_data_schema
from engine.definitions.validation import meta_schema

router = APIRouter(tags=["definitions"], responses=PROBLEM_RESPONSES)
FORM = "form"

FormDocument = Annotated[
    Any,
    Body(
        description="A form definition (see /api/v1/schemas/form)",
        examples=[
            {
                "schema_version": 1,
                "key": "lot",
                "label": {"en": "Lot", "zh-CN": "批次"},
                "fields": [
                    {"id": "lot_code", "type": "text", "label": "Lot code", "required": True},
                    {"id": "quantity", "type": "decimal", "label": "Quantity", "scale": 3},
                ],
            }
        ],
    ),
]


@router.get("/schemas/{kind}", summary="Meta-schema (JSON Schema 2020-12) of a definition kind")
def get_meta_schema(kind: str, container: ContainerDep) -> dict[str, Any]:
    from engine.definitions.errors import DefinitionNotFound

    if kind not in container.kinds.names():
        raise DefinitionNotFound(
            f"There is no definition kind '{kind}'; "
            f"known kinds: {', '.join(container.kinds.names())}."
        )
    return meta_schema(kind)


@router.get("/apps/{app}/forms", summary="List an app's forms")
def list_forms(
    app: str, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> dict[str, Any]:
    with db.unit_of_work(read_only=True) as uow:
        require_member(container, uow, actor, app)
        forms = container.definitions.get_app(uow, app)["forms"]
    return {"items": forms, "total": len(forms)}


@router.get(
    "/apps/{app}/forms/{form}",
    response_model=DefinitionVersionOut,
    summary="Read a form definition (latest version unless ?version= is given)",
)
def get_form(
    app: str,
    form: str,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    version: int | None = Query(None, ge=1),
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        require_member(container, uow, actor, app)
        return container.definitions.get(uow, app, FORM, form, version)


@router.put(
    "/apps/{app}/forms/{form}",
    response_model=DefinitionVersionOut,
    summary="Save a form definition as a new draft version",
    description="Validates the document against the meta-schema and the semantic checks and "
    "stores it as the next draft version. Saving the same document twice stores it once.",
)
def save_form(
    app: str,
    form: str,
    container: ContainerDep,
    db: DatabaseDep,
    actor: AdminDep,
    document: FormDocument,
    response: Response,
    comment: str | None = Query(None, max_length=500),
) -> Any:
    with db.unit_of_work() as uow:
        saved = container.definitions.save(uow, app, FORM, form, document, actor, comment)
    response.status_code = 201 if saved["version"] == 1 else 200
    return saved


@router.post(
    "/apps/{app}/forms/{form}/publish",
    response_model=PublishOut,
    summary="Publish a form version and apply its table changes",
    description="With dry_run=true, returns the plan (table changes and diff) without applying it.",
)
def publish_form(
    app: str,
    form: str,
    container: ContainerDep,
    db: DatabaseDep,
    actor: AdminDep,
    version: int | None = Query(None, ge=1),
    dry_run: bool = False,
) -> Any:
    with db.unit_of_work() as uow:
        return container.definitions.publish(uow, app, FORM, form, actor, version, dry_run)


@router.delete(
    "/apps/{app}/forms/{form}",
    status_code=204,
    summary="Delete a form with its versions and records",
    description="A form that holds records is deleted only with ?confirm=<form key>.",
)
def delete_form(
    app: str,
    form: str,
    container: ContainerDep,
    db: DatabaseDep,
    actor: AdminDep,
    confirm: str | None = Query(None, description="The form key, to confirm deleting its data"),
) -> Response:
    with db.unit_of_work() as uow:
        definition = container.definitions.definition_row(uow, app, FORM, form)
        dropped = container.catalog.delete_form(uow, definition, confirm)
        container.audit.record(
            uow,
            actor,
            "form.deleted",
            app_key=app,
            object_type="form",
            object_id=form,
            detail={"records": dropped},
        )
    return Response(status_code=204)


@router.get(
    "/apps/{app}/forms/{form}/versions", response_model=VersionList, summary="List versions"
)
def list_versions(
    app: str, form: str, container: ContainerDep, db: DatabaseDep, actor: AdminDep
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return {"items": container.definitions.list_versions(uow, app, FORM, form)}


@router.get("/apps/{app}/forms/{form}/diff", response_model=DiffOut, summary="Diff two versions")
def diff_versions(
    app: str,
    form: str,
    container: ContainerDep,
    db: DatabaseDep,
    actor: AdminDep,
    from_: Annotated[int, Query(alias="from", ge=1)],
    to: Annotated[int, Query(ge=1)],
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return container.definitions.diff(uow, app, FORM, form, from_, to)


@router.post(
    "/apps/{app}/forms/{form}/rollback",
    summary="Roll back to an earlier version (stored as a new version, published by default)",
)
def rollback_form(
    app: str, form: str, body: RollbackIn, container: ContainerDep, db: DatabaseDep, actor: AdminDep
) -> Any:
    with db.unit_of_work() as uow:
        return container.definitions.rollback(
            uow, app, FORM, form, body.version, actor, body.publish
        )


@router.post(
    "/apps/{app}/forms/{form}/fields/{field}/purge",
    status_code=204,
    summary="Delete a removed field's stored data for good",
)
def purge_field(
    app: str, form: str, field: str, container: ContainerDep, db: DatabaseDep, actor: AdminDep
) -> Response:
    with db.unit_of_work() as uow:
        definition = container.definitions.definition_row(uow, app, FORM, form)
        container.catalog.purge_field(uow, definition, field)
        container.audit.record(
            uow,
            actor,
            "form.field_purged",
            app_key=app,
            object_type="form",
            object_id=form,
            detail={"field": field},
        )
    return Response(status_code=204)


@router.get(
    "/apps/{app}/forms/{form}/schema",
    summary="JSON Schema of the published form's record data",
)
def form_data_schema(
    app: str, form: str, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> dict[str, Any]:
    with db.unit_of_work(read_only=True) as uow:
        require_member(container, uow, actor, app)
        compiled = container.catalog.get(uow, app, form)
    return record_data_schema(compiled, for_input=True)
