"""Records of a published form: list, get, create, bulk create, patch, delete, history.

The per-form request and response schemas are added to /openapi.json by ``openapi.py``.
"""

from __future__ import annotations

import re
from typing import Annotated, Any

from fastapi import APIRouter, Body, Header, Request, Response
from pydantic import BaseModel, Field

from engine.api.deps import ActorDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES, HistoryEntryOut, RecordOut, RecordPageOut
from engine.errors import ErrorDetail
from engine.records.errors import QueryInvalid, RecordInvalid
from engine.records.query import Filter, RecordQuery

router = APIRouter(tags=["records"], responses=PROBLEM_RESPONSES)
BASE = "/apps/{app}/forms/{form}/records"

_FILTER = re.compile(r"^filter\[([^\]]+)\](?:\[([a-z]+)\])?$")
_LIST_PARAMS = {"sort", "limit", "offset", "cursor", "count"}
MAX_OFFSET = 10_000_000

Payload = Annotated[Any, Body(description="JSON object; see the per-form schemas")]


def parse_list_query(
    request: Request, max_limit: int, ignore: set[str] | None = None
) -> RecordQuery:
    """Read filters, sort and paging from the query string; every mistake is reported."""
    query = RecordQuery()
    errors: list[ErrorDetail] = []
    for name, value in request.query_params.multi_items():
        if ignore and name in ignore:
            continue
        match = _FILTER.match(name)
        if match:
            query.filters.append(Filter(match.group(1), match.group(2) or "eq", value))
        elif name == "sort":
            query.sort.extend(p.strip() for p in value.split(",") if p.strip())
        elif name in ("limit", "offset"):
            try:
                number = int(value)
            except ValueError:
                errors.append(ErrorDetail(f"/query/{name}", "must be a whole number", "type"))
                continue
            high = max_limit if name == "limit" else MAX_OFFSET
            low = 1 if name == "limit" else 0
            if not low <= number <= high:
                errors.append(
                    ErrorDetail(f"/query/{name}", f"must be between {low} and {high}", "range")
                )
                continue
            setattr(query, name, number)
        elif name == "cursor":
            query.cursor = value
        elif name == "count":
            query.with_total = value.lower() not in ("false", "0", "no")
        else:
            errors.append(
                ErrorDetail(
                    f"/query/{name}",
                    "is not a known parameter; use filter[field][op]=value, sort, limit, "
                    "offset, cursor or count",
                    "unknown_parameter",
                )
            )
    if errors:
        raise QueryInvalid(f"The list query has {len(errors)} problem(s).", errors)
    return query


def expected_version(body: Any, if_match: str | None) -> int | None:
    if isinstance(body, dict) and body.get("version") is not None:
        version = body["version"]
        if isinstance(version, bool) or not isinstance(version, int):
            raise RecordInvalid(
                "The version must be a whole number.",
                [ErrorDetail("/version", "must be a whole number", "type")],
            )
        return version
    if if_match:
        tag = if_match.strip().removeprefix("W/").strip('"')
        if tag.isdigit():
            return int(tag)
        raise RecordInvalid(
            'The If-Match header must hold the record\'s version, like "3".',
            [ErrorDetail("/headers/If-Match", "is not a record version", "type")],
        )
    return None


def _data(body: Any, pointer: str = "") -> Any:
    if not isinstance(body, dict) or "data" not in body:
        raise RecordInvalid(
            'Send the field values as an object under "data".',
            [ErrorDetail(f"{pointer}/data", "is required", "required")],
        )
    extra = set(body) - {"data", "version"}
    if extra:
        name = sorted(extra)[0]
        raise RecordInvalid(
            f"Unknown member '{name}' in the request body.",
            [
                ErrorDetail(
                    f"{pointer}/{name}",
                    'is not a known member; field values go under "data"',
                    "unknown_member",
                )
            ],
        )
    return body["data"]


@router.get(BASE, response_model=RecordPageOut, summary="List records (filter, sort, page)")
def list_records(
    app: str, form: str, request: Request, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Any:
    query = parse_list_query(request, container.settings.max_page_size)
    with db.unit_of_work(read_only=True) as uow:
        page = container.records.list_page(uow, app, form, query, actor)
    return {
        "items": page.items,
        "total": page.total,
        "limit": page.limit,
        "offset": page.offset,
        "next_cursor": page.next_cursor,
    }


@router.get(
    BASE + "/export.csv",
    summary="Export the records matching the filters as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_records(
    app: str, form: str, request: Request, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Response:
    query = parse_list_query(request, container.settings.max_page_size)
    with db.unit_of_work(read_only=True) as uow:
        text, count = container.records.export_csv(uow, app, form, query, actor)
    with db.unit_of_work() as uow:
        container.audit.record(
            uow,
            actor,
            "records.exported",
            app_key=app,
            object_type="form",
            object_id=form,
            detail={"records": count, "query": str(request.url.query)[:500]},
        )
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{app}-{form}.csv"'},
    )


@router.get(BASE + "/summary", summary="Group and aggregate records (counts, sums, min, max)")
def summarize_records(
    app: str,
    form: str,
    request: Request,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    group_by = [g for v in request.query_params.getlist("group_by") for g in v.split(",") if g]
    measures = [m for v in request.query_params.getlist("measure") for m in v.split(",") if m]
    query = parse_list_query(
        request, container.settings.max_page_size, ignore={"group_by", "measure"}
    )
    with db.unit_of_work(read_only=True) as uow:
        return container.records.summarize(
            uow, app, form, query.filters, group_by, measures or ["count"], actor
        )


@router.post(BASE, response_model=RecordOut, status_code=201, summary="Create a record")
def create_record(
    app: str,
    form: str,
    body: Payload,
    response: Response,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    data = _data(body)
    with db.unit_of_work() as uow:
        record = container.records.create(uow, app, form, data, actor)
    response.headers["ETag"] = f'"{record["version"]}"'
    response.headers["Location"] = f"/api/v1/apps/{app}/forms/{form}/records/{record['id']}"
    return record


@router.post(
    BASE + "/bulk",
    status_code=201,
    summary="Create many records at once (all or nothing)",
)
def bulk_create(
    app: str, form: str, body: Payload, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Any:
    entries = _records(body, "records", '{"data": {...}}')
    items = [_data(item, f"/records/{i}") for i, item in enumerate(entries)]
    with db.unit_of_work() as uow:
        records = container.records.bulk_create(uow, app, form, items, actor)
    return {"items": records, "total": len(records)}


@router.patch(
    BASE + "/bulk",
    summary="Change many records at once (all or nothing)",
    description='Send `{"records": [{"id": 1, "version": 3, "data": {...}}, ...]}`: each '
    "record's id, the version you read and the fields to change. Refused as a whole when a "
    "record is missing, out of reach, changed since it was read, or gets an invalid value; "
    "errors name the entry (`/records/2/data/quantity`). Records whose values do not change "
    "are not written.",
)
def bulk_update(
    app: str, form: str, body: Payload, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Any:
    entries = _records(body, "changes", '{"id", "version", "data"}')
    changes: list[tuple[int, int, Any]] = []
    problems: list[ErrorDetail] = []
    for i, item in enumerate(entries):
        where = f"/records/{i}"
        if not isinstance(item, dict):
            problems.append(ErrorDetail(where, "must be an object", "type"))
            continue
        ids = {k: item.get(k) for k in ("id", "version")}
        for name, value in ids.items():
            if isinstance(value, bool) or not isinstance(value, int):
                problems.append(
                    ErrorDetail(f"{where}/{name}", "is required and must be a whole number", "type")
                )
        if isinstance(ids["id"], int) and isinstance(ids["version"], int):
            changes.append((ids["id"], ids["version"], _data(_without(item, "id"), where)))
    if problems:
        raise RecordInvalid("Some entries are not complete.", problems)
    with db.unit_of_work() as uow:
        records = container.records.bulk_update(uow, app, form, changes, actor)
    return {"items": records, "total": len(records)}


def _records(body: Any, what: str, shape: str) -> list[Any]:
    """The list under ``"records"`` of a bulk request, or a clear error."""
    if not isinstance(body, dict) or not isinstance(body.get("records"), list):
        raise RecordInvalid(
            f'Send the {what} as a list under "records".',
            [ErrorDetail("/records", f"must be a list of {shape} objects", "type")],
        )
    entries: list[Any] = body["records"]
    return entries


def _without(item: dict[str, Any], name: str) -> dict[str, Any]:
    return {k: v for k, v in item.items() if k != name}


class PreviewIn(BaseModel):
    data: dict[str, Any] = Field(description="The form's values so far, as a create would send")
    id: int | None = Field(None, description="The record being edited, if any")


@router.post(
    BASE + "/preview",
    summary="What the form shows for unsaved values (visibility, requirement, formulas)",
    description="Nothing is stored. Values that do not pass their field's rules count as "
    "empty; auto-numbers are given only when a record is saved.",
)
def preview_record(
    app: str,
    form: str,
    body: PreviewIn,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return container.records.preview(uow, app, form, body.data, body.id, actor)


class DeleteManyIn(BaseModel):
    ids: list[int] = Field(description="Ids of the records to delete")


@router.post(
    BASE + "/delete",
    summary="Delete many records at once (all or nothing)",
    description="Refused as a whole when any record is missing, out of reach or still linked.",
)
def delete_many(
    app: str,
    form: str,
    body: DeleteManyIn,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> dict[str, int]:
    with db.unit_of_work() as uow:
        deleted = container.records.delete_many(uow, app, form, body.ids, actor)
    return {"deleted": deleted}


@router.get(BASE + "/{record_id}", response_model=RecordOut, summary="Read a record")
def get_record(
    app: str,
    form: str,
    record_id: int,
    response: Response,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        record = container.records.get(uow, app, form, record_id, actor)
    response.headers["ETag"] = f'"{record["version"]}"'
    return record


@router.patch(
    BASE + "/{record_id}",
    response_model=RecordOut,
    summary="Change some fields of a record",
    description='Send the version you last read as "version" in the body or as If-Match. '
    "A stale version is answered with 409 and the current version.",
)
def patch_record(
    app: str,
    form: str,
    record_id: int,
    body: Payload,
    response: Response,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> Any:
    data = _data(body)
    version = expected_version(body, if_match)
    with db.unit_of_work() as uow:
        record = container.records.update(uow, app, form, record_id, data, version, actor)
    response.headers["ETag"] = f'"{record["version"]}"'
    return record


@router.delete(BASE + "/{record_id}", status_code=204, summary="Delete a record")
def delete_record(
    app: str,
    form: str,
    record_id: int,
    container: ContainerDep,
    db: DatabaseDep,
    actor: ActorDep,
    if_match: Annotated[str | None, Header()] = None,
) -> Response:
    version = expected_version(None, if_match)
    with db.unit_of_work() as uow:
        container.records.delete(uow, app, form, record_id, version, actor)
    return Response(status_code=204)


@router.get(
    BASE + "/{record_id}/history",
    response_model=list[HistoryEntryOut],
    summary="A record's change history (who, when, before → after)",
)
def record_history(
    app: str, form: str, record_id: int, container: ContainerDep, db: DatabaseDep, actor: ActorDep
) -> Any:
    with db.unit_of_work(read_only=True) as uow:
        return container.records.history(uow, app, form, record_id, actor)
