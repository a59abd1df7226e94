"""The append-only audit log: who did what, when, from which client."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, select

from engine.actor import Actor
from engine.storage.bulk import insert_columns
from engine.storage.database import UnitOfWork
from engine.storage.models import AuditRow
from engine.storage.types import utcnow

AUDIT_TABLE = cast(Table, AuditRow.__table__)  # Core insert: many rows at once, cheaply
EXPORT_COLUMNS = (
    "id",
    "at",
    "event",
    "user_login",
    "via",
    "client",
    "app_key",
    "object_type",
    "object_id",
    "detail",
)


@dataclass
class AuditQuery:
    user: str | None = None
    event: str | None = None
    app_key: str | None = None
    object_type: str | None = None
    object_id: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    before_id: int | None = None
    limit: int = 100


class AuditLog:
    """Writes audit entries in the caller's transaction and reads them back."""

    def record(
        self,
        uow: UnitOfWork,
        actor: Actor | None,
        event: str,
        *,
        app_key: str | None = None,
        object_type: str | None = None,
        object_id: str | int | None = None,
        detail: dict[str, Any] | None = None,
    ) -> None:
        self.record_many(
            uow, actor, event, [(object_id, detail)], app_key=app_key, object_type=object_type
        )

    def record_many(
        self,
        uow: UnitOfWork,
        actor: Actor | None,
        event: str,
        items: Sequence[tuple[str | int | None, dict[str, Any] | None]],
        *,
        app_key: str | None = None,
        object_type: str | None = None,
    ) -> None:
        principal = actor.principal if actor else None
        insert_columns(
            uow.session.connection(),
            AUDIT_TABLE,
            {
                "at": utcnow(),
                "event": event,
                "user_id": principal.user_id if principal else None,
                "user_login": actor.user if actor else None,
                "via": actor.via if actor else "system",
                "client": (actor.client or "")[:256] if actor else None,
                "app_key": app_key,
                "object_type": object_type,
            },
            {
                "object_id": [None if i is None else str(i) for i, _ in items],
                "detail": [detail for _, detail in items],
            },
        )

    def query(self, uow: UnitOfWork, q: AuditQuery) -> list[dict[str, Any]]:
        return list(self._rows(uow, q, limit=q.limit))

    def export_csv(self, uow: UnitOfWork, q: AuditQuery) -> str:
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(EXPORT_COLUMNS)
        for row in self._rows(uow, q, limit=None):
            writer.writerow([row[c] if c != "detail" else _json(row[c]) for c in EXPORT_COLUMNS])
        return out.getvalue()

    def _rows(self, uow: UnitOfWork, q: AuditQuery, limit: int | None) -> Iterator[dict[str, Any]]:
        query = select(AuditRow).order_by(AuditRow.id.desc())
        if q.user:
            query = query.where(AuditRow.user_login == q.user)
        if q.event:
            query = query.where(
                AuditRow.event.startswith(q.event[:-1])
                if q.event.endswith("*")
                else AuditRow.event == q.event
            )
        if q.app_key:
            query = query.where(AuditRow.app_key == q.app_key)
        if q.object_type:
            query = query.where(AuditRow.object_type == q.object_type)
        if q.object_id:
            query = query.where(AuditRow.object_id == q.object_id)
        if q.since:
            query = query.where(AuditRow.at >= q.since)
        if q.until:
            query = query.where(AuditRow.at < q.until)
        if q.before_id:
            query = query.where(AuditRow.id < q.before_id)
        if limit is not None:
            query = query.limit(limit)
        for row in uow.session.scalars(query):
            yield {
                "id": row.id,
                "at": row.at.isoformat().replace("+00:00", "Z"),
                "event": row.event,
                "user_login": row.user_login,
                "via": row.via,
                "client": row.client,
                "app_key": row.app_key,
                "object_type": row.object_type,
                "object_id": row.object_id,
                "detail": row.detail,
            }


def _json(value: Any) -> str:
    import json

    return "" if value is None else json.dumps(value, ensure_ascii=False, default=str)
