"""Every write leaves an audit (and, for records, history) trail that can be read back."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from engine.bootstrap import Container
from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"


def trail(client: Any, **params: Any) -> list[dict[str, Any]]:
    response = client.get("/api/v1/audit", params={"limit": 1000, **params})
    assert response.status_code == 200, response.text
    items: list[dict[str, Any]] = response.json()["items"]
    return items


def test_every_kind_of_write_is_audited(client: Any, session_client: Any) -> None:
    started = datetime.now(UTC) - timedelta(seconds=1)
    publish_form(client)
    record = client.post(RECORDS, json={"data": {"lot_code": "A"}}).json()
    client.patch(f"{RECORDS}/{record['id']}", json={"version": 1, "data": {"lot_code": "B"}})
    bulk = client.post(
        f"{RECORDS}/bulk",
        json={"records": [{"data": {"lot_code": "C"}}, {"data": {"lot_code": "D"}}]},
    )
    client.delete(f"{RECORDS}/{record['id']}")
    client.get(f"{RECORDS}/export.csv")
    client.post("/api/v1/users", json={"login": "ivy", "password": "ivy-password-1"})
    client.patch("/api/v1/users/ivy", json={"display_name": "Ivy", "password": "new-password-22"})
    client.post("/api/v1/departments", json={"name": "QA"})
    role = {
        "schema_version": 1,
        "key": "viewer",
        "label": "Viewer",
        "forms": {"lot": {"actions": ["read"]}},
    }
    client.put("/api/v1/apps/trace/roles/viewer", json=role)
    client.post("/api/v1/apps/trace/roles/viewer/publish")
    client.put("/api/v1/apps/trace/roles/viewer/members", json={"users": ["ivy"]})
    token = session_client.post("/api/v1/auth/tokens", json={"name": "x", "access": "read"}).json()
    session_client.delete(f"/api/v1/auth/tokens/{token['id']}")
    client.get("/api/v1/apps/trace/export")
    doc = form_doc(fields=[field("lot_code")])
    client.put("/api/v1/apps/trace/forms/lot", json=doc)
    client.post("/api/v1/apps/trace/forms/lot/publish")
    client.post("/api/v1/apps/trace/forms/lot/fields/quantity/purge")
    client.put("/api/v1/apps/trace/forms/tmp", json=form_doc("tmp"))
    client.delete("/api/v1/apps/trace/forms/tmp")

    events = [e["event"] for e in trail(client, since=started.isoformat())]
    expected = [
        "app.saved",
        "form.saved",
        "form.published",
        "record.created",
        "record.updated",
        "record.deleted",
        "records.exported",
        "user.created",
        "user.updated",
        "department.created",
        "role.saved",
        "role.published",
        "role.members_changed",
        "token.created",
        "token.revoked",
        "app.exported",
        "form.field_purged",
        "form.deleted",
        "auth.sign_in",
    ]
    missing = [e for e in expected if e not in events]
    assert missing == []
    assert events.count("record.created") == 3  # one single, two bulk
    assert bulk.status_code == 201

    # Record history holds before → after for the same writes.
    history = client.get(f"{RECORDS}/{record['id']}/history").json()
    assert [(h["action"], h["actor"]) for h in history] == [
        ("create", "admin"),
        ("update", "admin"),
        ("delete", "admin"),
    ]
    # The definition change carries its version diff; the password never appears.
    published = trail(client, event="form.published")
    assert any(c["path"] == "/fields/quantity" for c in published[0]["detail"]["diff"])
    updated_user = trail(client, event="user.updated", object_id="ivy")[0]
    assert updated_user["detail"]["password"] == ["***", "***"]
    assert updated_user["detail"]["display_name"] == ["ivy", "Ivy"]


def test_audit_queries_by_user_object_time_and_export(container: Container, client: Any) -> None:
    publish_form(client)
    client.post(
        "/api/v1/users", json={"login": "ivy", "password": "ivy-password-1", "is_admin": True}
    )
    created = client.post(RECORDS, json={"data": {"lot_code": "A"}}).json()
    by_object = trail(client, object_type="record", object_id=f"lot/{created['id']}")
    assert [(e["event"], e["user_login"], e["via"]) for e in by_object] == [
        ("record.created", "admin", "token")
    ]
    assert trail(client, user="ivy") == []
    assert {e["event"] for e in trail(client, event="record.*")} == {"record.created"}
    future = (datetime.now(UTC) + timedelta(hours=1)).isoformat()
    assert trail(client, since=future) == []
    assert len(trail(client, until=future)) >= 3
    page = client.get("/api/v1/audit", params={"limit": 2}).json()
    older = client.get(
        "/api/v1/audit", params={"limit": 2, "before_id": page["next_before_id"]}
    ).json()
    assert page["items"][-1]["id"] > older["items"][0]["id"]

    exported = client.get("/api/v1/audit/export.csv", params={"event": "record.*"})
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.content.decode("utf-8-sig"))))
    assert [r["event"] for r in rows] == ["record.created"]
    assert rows[0]["object_id"] == f"lot/{created['id']}"
    assert trail(client, event="audit.exported")


def test_audit_log_is_append_only_in_the_database(container: Container, client: Any) -> None:
    publish_form(client)
    for statement in ("UPDATE audit_log SET event = 'forged'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"), container.db.unit_of_work() as uow:
            uow.session.execute(text(statement))
    assert trail(client, event="form.published")


def test_only_administrators_read_the_audit_log(
    container: Container, client: Any, app_client: Any
) -> None:
    from tests.conftest import token_for

    client.post("/api/v1/users", json={"login": "ivy", "password": "ivy-password-1"})
    ivy = token_for(container, "ivy")
    refused = app_client.get("/api/v1/audit", headers={"Authorization": f"Bearer {ivy}"})
    assert refused.status_code == 403 and refused.json()["code"] == "forbidden"
