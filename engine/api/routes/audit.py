"""The audit log: query and export (administrators only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Query, Response

from engine.api.deps import AdminDep, ContainerDep, DatabaseDep
from engine.api.models import PROBLEM_RESPONSES
from engine.identity.audit import AuditQuery

router = APIRouter(tags=["identity"], responses=PROBLEM_RESPONSES)


@router.get("/audit", summary="Audit entries, newest first")
def list_audit(
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    user: str | None = None,
    event: str | None = None,
    app: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    before_id: int | None = None,
    limit: int = Query(100, ge=1, le=1000),
) -> Any:
    q = AuditQuery(user, event, app, object_type, object_id, since, until, before_id, limit)
    with db.unit_of_work(read_only=True) as uow:
        items = container.audit.query(uow, q)
    return {"items": items, "next_before_id": items[-1]["id"] if len(items) == limit else None}


@router.get(
    "/audit/export.csv",
    summary="Export audit entries as CSV",
    response_class=Response,
    responses={200: {"content": {"text/csv": {}}}},
)
def export_audit(
    actor: AdminDep,
    container: ContainerDep,
    db: DatabaseDep,
    user: str | None = None,
    event: str | None = None,
    app: str | None = None,
    object_type: str | None = None,
    object_id: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Response:
    q = AuditQuery(user, event, app, object_type, object_id, since, until)
    with db.unit_of_work(read_only=True) as uow:
        text = container.audit.export_csv(uow, q)
    with db.unit_of_work() as uow:
        container.audit.record(
            uow,
            actor,
            "audit.exported",
            object_type="audit",
            detail={"user": user, "event": event, "app": app},
        )
    return Response(
        text.encode("utf-8-sig"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
    )
