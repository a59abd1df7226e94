"""The audit log: query and export (administrators only)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Response

from engine.api.deps import AdminDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES
from engine.identity.audit import AuditQuery

router = APIRouter(tags=["identity"], responses=PROBLEM_RESPONSES)


def audit_filters(
    user: Annotated[str | None, Query(description="Login of the acting user")] = None,
    event: Annotated[
        str | None, Query(description="Event name, or a prefix ending in * (record.*)")
    ] = None,
    app: str | None = None,
    object_type: Annotated[
        str | None, Query(description="record, form, role, user, token, ...")
    ] = None,
    object_id: str | None = None,
    since: Annotated[datetime | None, Query(description="From (inclusive), ISO 8601")] = None,
    until: Annotated[datetime | None, Query(description="Until (exclusive), ISO 8601")] = None,
) -> AuditQuery:
    return AuditQuery(user, event, app, object_type, object_id, since, until)


Filters = Annotated[AuditQuery, Depends(audit_filters)]


@router.get("/audit", summary="Audit entries, newest first")
def list_audit(
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    filters: Filters,
    before_id: Annotated[int | None, Query(description="Entries older than this id")] = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> Any:
    filters.before_id, filters.limit = before_id, limit
    with db.unit_of_work(read_only=True) as uow:
        items = container.audit.query(uow, filters)
    return {"items": items, "next_before_id": items[-1]["id"] if len(items) == limit else None}


@router.get(
    "/audit/export.csv",
    summary="Export audit entries as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_audit(
    actor: AdminDep, container: ContainerDep, db: DatabaseDep, filters: Filters
) -> Response:
    with db.unit_of_work(read_only=True) as uow:
        text = container.audit.export_csv(uow, filters)
    with db.unit_of_work() as uow:
        container.audit.record(
            uow,
            actor,
            "audit.exported",
            object_type="audit",
            detail={"user": filters.user, "event": filters.event, "app": filters.app_key},
        )
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
    )
