"""Uploads (raw body) and downloads of files used by attachment, image and signature fields."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from engine.api.deps import ActorDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES
from engine.api.uploads import read_capped
from engine.errors import ErrorDetail
from engine.files.service import MAX_UPLOAD_BYTES, FileRejected

router = APIRouter(tags=["files"], responses=PROBLEM_RESPONSES)


@router.post(
    "/files",
    status_code=201,
    summary="Upload a file (the raw bytes as the body)",
    description="Then put the returned id into an attachment, image or signature field.",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/octet-stream": {"schema": {"type": "string", "format": "binary"}}
            },
        }
    },
)
async def upload(
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    filename: Annotated[str, Query(min_length=1, max_length=255, description="e.g. cert.pdf")],
) -> Any:
    body = await read_capped(
        request,
        MAX_UPLOAD_BYTES,
        lambda: FileRejected(
            f"The file is larger than {MAX_UPLOAD_BYTES // (1024 * 1024)} MiB.",
            [ErrorDetail("/", "is too large", "too_large")],
        ),
    )

    def store() -> Any:
        with db.unit_of_work() as uow:
            return container.files.upload(uow, filename, body, actor)

    return await run_in_threadpool(store)


@router.get("/files/{file_id}", summary="Download a file", response_class=FileResponse)
def download(
    file_id: str, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> FileResponse:
    with db.unit_of_work(read_only=True) as uow:
        row = container.files.get(uow, file_id)
    return FileResponse(
        container.files.store.path(row.id),
        media_type=row.content_type,
        filename=row.name,
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=86400"},
    )


@router.get(
    "/files/{file_id}/thumbnail", summary="A JPEG preview of an image", response_class=FileResponse
)
def thumbnail(
    file_id: str, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> FileResponse:
    from engine.errors import NotFound

    with db.unit_of_work(read_only=True) as uow:
        row = container.files.get(uow, file_id)
    if not row.has_thumbnail:
        raise NotFound(f"File {file_id} has no thumbnail (it is not an image).")
    return FileResponse(
        container.files.store.path(row.id, thumbnail=True),
        media_type="image/jpeg",
        headers={"X-Content-Type-Options": "nosniff", "Cache-Control": "private, max-age=86400"},
    )
