"""Excel/CSV imports of records (upload → check → commit), .xlsx exports and templates.

An import is a job: ``POST .../imports?filename=lots.xlsx`` with the file as the body
stores it and answers with its columns, a preview and a suggested mapping; ``.../check``
is a dry run that reports every problem per cell; ``.../commit`` imports in the
background, in batches, and ``GET .../imports/{id}`` shows the progress.

Job states: ``uploaded`` → ``checking`` → ``checked`` → ``running`` → ``succeeded`` or
``failed`` (a failed commit, committed again, resumes after the rows already imported).
A blank cell is as if the column were absent: a new record gets the field's default, an
updated record keeps its value. With ``key_field``, rows whose key matches a record
update it (with its current version), the others create records.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Annotated, Any

from fastapi import APIRouter, Query, Request, Response
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse
from pydantic import BaseModel, ConfigDict, Field

from engine.api.deps import ActorDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES
from engine.api.routes.records import parse_list_query
from engine.bootstrap import Container
from engine.errors import ErrorDetail
from engine.imports import (
    ImportService,
    UploadTooLarge,
    WorkbookService,
)

router = APIRouter(tags=["imports"], responses=PROBLEM_RESPONSES)
FORM = "/apps/{app}/forms/{form}"
IMPORTS = FORM + "/imports"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

Lang = Annotated[str, Query(description="Header language: en or zh-CN")]


class MappingIn(BaseModel):
    """Which column goes into which field, and the field that finds existing records."""

    model_config = ConfigDict(extra="forbid")

    mapping: dict[str, str | None] | None = Field(
        default=None,
        description="Column header → field id (null skips the column). Omitted: the job's "
        "mapping (the suggested one, or the one last checked).",
        examples=[{"Lot code": "lot_code", "数量": "quantity", "Note": None}],
    )
    key_field: str | None = Field(
        default=None,
        description="A mapped field whose value identifies existing records: rows with a "
        "matching record update it, the others create records.",
        examples=["lot_code"],
    )


def _services(request: Request, container: Container) -> tuple[ImportService, WorkbookService]:
    """The spreadsheet services, built with everything else in ``engine/bootstrap.py``."""
    return container.imports, container.workbooks


@router.post(
    IMPORTS,
    status_code=201,
    summary="Upload a .csv or .xlsx file to import (the file is the request body)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "text/csv": {"schema": {"type": "string", "format": "binary"}},
                XLSX: {"schema": {"type": "string", "format": "binary"}},
            },
        }
    },
)
async def upload_import(
    app: str,
    form: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    filename: Annotated[str, Query(min_length=1, max_length=255, examples=["lots.xlsx"])],
) -> Any:
    imports, _ = _services(request, container)
    limit = imports.limits.max_bytes
    declared = request.headers.get("content-length", "")
    if declared.isdigit() and int(declared) > limit:
        raise _too_large(limit)

    def _authorize() -> None:
        with db.unit_of_work(read_only=True) as uow:
            imports.authorize(uow, app, form, actor)

    await run_in_threadpool(_authorize)
    job_id, path = imports.new_upload(filename)
    size = 0
    try:
        with path.open("wb") as out:
            async for chunk in request.stream():
                size += len(chunk)
                if size > limit:
                    raise _too_large(limit)
                out.write(chunk)
    except BaseException:
        path.unlink(missing_ok=True)
        raise
    return await run_in_threadpool(imports.create_job, db, app, form, job_id, filename, path, actor)


@router.get(IMPORTS, summary="Recent imports into this form, newest first")
def list_imports(
    app: str, form: str, request: Request, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Any:
    imports, _ = _services(request, container)
    return {"items": imports.list_jobs(db, app, form, actor)}


@router.get(IMPORTS + "/{job_id}", summary="An import: status, progress, counts and problems")
def get_import(
    app: str,
    form: str,
    job_id: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    imports, _ = _services(request, container)
    return imports.get(db, app, form, job_id, actor)


@router.post(
    IMPORTS + "/{job_id}/check",
    summary="Dry run: clean every row with the form's field types and list the problems",
)
def check_import(
    app: str,
    form: str,
    job_id: str,
    body: MappingIn,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    imports, _ = _services(request, container)
    return imports.check(db, app, form, job_id, body.mapping, body.key_field, actor)


@router.post(
    IMPORTS + "/{job_id}/commit",
    status_code=202,
    summary="Queue the import of the rows (a worker imports them in batches); follow it with GET",
    responses={503: {**PROBLEM_RESPONSES[400], "description": "The task queue is unreachable"}},
)
def commit_import(
    app: str,
    form: str,
    job_id: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    body: MappingIn | None = None,
) -> Any:
    imports, _ = _services(request, container)
    given = body or MappingIn()
    claim = imports.start_commit(db, app, form, job_id, given.mapping, given.key_field, actor)
    container.tasks.commit_import(claim.ref)
    return claim.job


@router.get(
    FORM + "/records/export.xlsx",
    summary="Export the records matching the filters as an Excel workbook",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}},
)
def export_records_xlsx(
    app: str,
    form: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    lang: Lang = "en",
) -> StreamingResponse:
    _, workbooks = _services(request, container)
    query = parse_list_query(request, container.settings.max_page_size, ignore={"lang"})
    with db.unit_of_work(read_only=True) as uow:
        out, count = workbooks.export_xlsx(uow, app, form, query, actor, lang)
    try:
        with db.unit_of_work() as uow:
            container.audit.record(
                uow,
                actor,
                "records.exported",
                app_key=app,
                object_type="form",
                object_id=form,
                detail={
                    "records": count,
                    "format": "xlsx",
                    "query": str(request.url.query)[:500],
                },
            )
    except BaseException:
        out.close()
        raise
    return StreamingResponse(
        _chunks(out),
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{app}-{form}.xlsx"'},
    )


@router.get(
    FORM + "/import-template.xlsx",
    summary="An empty workbook to fill in and import (labels, drop-down lists, formats)",
    response_class=Response,
    responses={200: {"content": {XLSX: {}}}},
)
def import_template(
    app: str,
    form: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    lang: Lang = "en",
) -> Response:
    _, workbooks = _services(request, container)
    with db.unit_of_work(read_only=True) as uow:
        content = workbooks.import_template(uow, app, form, actor, lang)
    return Response(
        content,
        media_type=XLSX,
        headers={"Content-Disposition": f'attachment; filename="{app}-{form}-template.xlsx"'},
    )


def _chunks(out: IO[bytes]) -> Iterator[bytes]:
    try:
        while chunk := out.read(64 * 1024):
            yield chunk
    finally:
        out.close()


def _too_large(limit: int) -> UploadTooLarge:
    mib = limit // (1024 * 1024)
    return UploadTooLarge(
        f"The file is larger than {mib} MiB; split it into smaller files.",
        [ErrorDetail("/body", f"is larger than {mib} MiB", "too_large")],
    )
