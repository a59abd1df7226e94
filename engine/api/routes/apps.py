"""Apps: list, create, read, update; bundle import and export."""

from __future__ import annotations

import io
from typing import Annotated, Any

from fastapi import APIRouter, Body, Request, Response
from fastapi.responses import JSONResponse

from engine.api.deps import ActorDep, AdminDep, ContainerDep, DatabaseDep
from engine.api.guards import require_member
from engine.api.models import PROBLEM_RESPONSES, AppList, AppOut
from engine.api.uploads import read_capped
from engine.bundles.errors import BundleInvalid
from engine.bundles.service import BundleService
from engine.errors import ErrorDetail

router = APIRouter(tags=["apps"], responses=PROBLEM_RESPONSES)

AppDocument = Annotated[
    Any,
    Body(
        description="An app definition (see /api/v1/schemas/app)",
        examples=[
            {"schema_version": 1, "key": "trace", "label": {"en": "Traceability", "zh-CN": "追溯"}}
        ],
    ),
]


@router.get("/apps", response_model=AppList, summary="List apps")
def list_apps(container: ContainerDep, db: DatabaseDep, actor: ActorDep) -> dict[str, Any]:
    with db.unit_of_work(read_only=True) as uow:
        items = container.definitions.list_apps(uow)
        principal = actor.principal
        if principal is not None and not principal.is_admin:
            mine = container.access.apps_of(uow, principal)
            items = [a for a in items if a["key"] in mine]
    return {"items": items, "total": len(items)}


@router.post("/apps", response_model=AppOut, status_code=201, summary="Create an app")
def create_app(
    container: ContainerDep, db: DatabaseDep, actor: AdminDep, document: AppDocument
) -> Any:
    with db.unit_of_work() as uow:
        return container.definitions.create_app(uow, document, actor)


@router.get("/apps/{app}", response_model=AppOut, summary="Read an app with its forms")
def get_app(app: str, container: ContainerDep, db: DatabaseDep, actor: ActorDep) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        require_member(container, uow, actor, app)
        return container.definitions.get_app(uow, app)


@router.put("/apps/{app}", response_model=AppOut, summary="Change an app's definition")
def update_app(
    app: str, container: ContainerDep, db: DatabaseDep, actor: AdminDep, document: AppDocument
) -> Any:
    with db.unit_of_work() as uow:
        return container.definitions.update_app(uow, app, document, actor)


@router.get(
    "/apps/{app}/export",
    summary="Export an app bundle (zip)",
    response_class=Response,
    responses={200: {"content": {"application/zip": {}}}},
)
def export_app(
    app: str, container: ContainerDep, db: DatabaseDep, actor: AdminDep, with_data: bool = False
) -> Response:
    bundles = BundleService(container)
    with db.unit_of_work(read_only=True) as uow:
        payload = bundles.export_zip(uow, app, with_data=with_data)
    with db.unit_of_work() as uow:
        container.audit.record(
            uow,
            actor,
            "app.exported",
            app_key=app,
            object_type="app",
            object_id=app,
            detail={"with_data": with_data, "bytes": len(payload)},
        )
    return Response(
        payload,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{app}.zip"'},
    )


@router.post(
    "/apps/import",
    summary="Import an app bundle (zip body)",
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/zip": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def import_app(request: Request, container: ContainerDep, actor: AdminDep) -> JSONResponse:
    limit = BundleService.MAX_ZIP_BYTES
    body = await read_capped(
        request,
        limit,
        lambda: BundleInvalid(
            f"The bundle is larger than {limit // (1024 * 1024)} MiB.",
            [ErrorDetail("/", "too large", "too_large")],
        ),
    )
    bundles = BundleService(container)
    from starlette.concurrency import run_in_threadpool

    result = await run_in_threadpool(bundles.import_zip, io.BytesIO(body), actor)
    return JSONResponse(result, status_code=201)
