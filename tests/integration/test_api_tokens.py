"""API tokens: shown once, stored hashed, scoped to apps and read/write, revocable."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import select, update

from engine.bootstrap import Container
from engine.storage.models import ApiTokenRow
from engine.storage.types import utcnow
from tests.factories import publish_form

TOKENS = "/api/v1/auth/tokens"


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def test_token_is_shown_once_and_stored_hashed(container: Container, session_client: Any) -> None:
    client = session_client
    created = client.post(TOKENS, json={"name": "ERP sync", "apps": ["trace"], "access": "write"})
    assert created.status_code == 201
    secret = created.json()["token"]
    assert secret.startswith("trc_") and len(secret) > 40
    listed = client.get(TOKENS).json()["items"]
    mine = next(t for t in listed if t["name"] == "ERP sync")
    assert "token" not in mine and secret.startswith(mine["prefix"])
    with container.db.unit_of_work(read_only=True) as uow:
        stored = uow.session.scalars(select(ApiTokenRow.token_hash)).all()
    assert secret not in stored and all(len(h) == 64 for h in stored)


def test_token_limited_to_one_app_is_refused_elsewhere(
    client: Any, session_client: Any, app_client: Any
) -> None:
    publish_form(client, "trace")
    publish_form(client, "other")
    token = session_client.post(
        TOKENS, json={"name": "trace only", "apps": ["trace"], "access": "write"}
    ).json()["token"]
    ok = app_client.post(
        "/api/v1/apps/trace/forms/lot/records",
        json={"data": {"lot_code": "A"}},
        headers=bearer(token),
    )
    assert ok.status_code == 201
    refused = app_client.get("/api/v1/apps/other/forms/lot/records", headers=bearer(token))
    assert refused.status_code == 403 and refused.json()["code"] == "token_scope"
    assert "trace" in refused.json()["detail"]
    assert app_client.get("/api/v1/users", headers=bearer(token)).status_code == 403
    assert app_client.get("/api/v1/apps", headers=bearer(token)).status_code == 403
    audit = client.get("/api/v1/audit", params={"event": "token.refused"}).json()["items"]
    assert [e["app_key"] for e in audit] == [None, None, "other"]  # newest first


def test_read_token_cannot_write(client: Any, session_client: Any, app_client: Any) -> None:
    publish_form(client)
    token = session_client.post(TOKENS, json={"name": "dashboard", "access": "read"}).json()[
        "token"
    ]
    assert (
        app_client.get("/api/v1/apps/trace/forms/lot/records", headers=bearer(token)).status_code
        == 200
    )
    write = app_client.post(
        "/api/v1/apps/trace/forms/lot/records",
        json={"data": {"lot_code": "A"}},
        headers=bearer(token),
    )
    assert write.status_code == 403 and "read-only" in write.json()["detail"]


def test_revoked_and_expired_tokens_are_refused(
    container: Container, session_client: Any, app_client: Any
) -> None:
    client = session_client
    created = client.post(
        TOKENS, json={"name": "temp", "access": "read", "expires_in_days": 30}
    ).json()
    assert app_client.get("/api/v1/apps", headers=bearer(created["token"])).status_code == 200
    assert client.delete(f"{TOKENS}/{created['id']}").status_code == 204
    revoked = app_client.get("/api/v1/apps", headers=bearer(created["token"]))
    assert revoked.status_code == 401 and "revoked" in revoked.json()["detail"]

    other = client.post(TOKENS, json={"name": "old", "access": "read", "expires_in_days": 1}).json()
    with container.db.unit_of_work() as uow:
        uow.session.execute(
            update(ApiTokenRow)
            .where(ApiTokenRow.id == other["id"])
            .values(expires_at=utcnow() - timedelta(minutes=1))
        )
    expired = app_client.get("/api/v1/apps", headers=bearer(other["token"]))
    assert expired.status_code == 401 and "expired" in expired.json()["detail"]
    assert app_client.get("/api/v1/apps", headers=bearer("trc_made-up")).status_code == 401
    assert app_client.get("/api/v1/apps", headers={"Authorization": "Basic abc"}).status_code == 401


def test_last_used_time_and_token_use_are_recorded(session_client: Any, app_client: Any) -> None:
    client = session_client
    created = client.post(TOKENS, json={"name": "probe", "access": "read"}).json()
    assert created["last_used_at"] is None
    app_client.get("/api/v1/apps", headers=bearer(created["token"]))
    listed = {t["id"]: t for t in client.get(TOKENS).json()["items"]}
    assert listed[created["id"]]["last_used_at"] is not None
    used = client.get(
        "/api/v1/audit", params={"event": "token.used", "object_id": str(created["id"])}
    ).json()
    assert len(used["items"]) == 1


def test_bad_token_requests(session_client: Any, app_client: Any) -> None:
    client = session_client
    bad = client.post(TOKENS, json={"name": " ", "access": "admin", "expires_in_days": 0})
    assert bad.status_code == 422
    assert {e["pointer"] for e in bad.json()["errors"]} == {"/name", "/access", "/expires_in_days"}
    token = client.post(TOKENS, json={"name": "t", "access": "write"}).json()["token"]
    nested = app_client.post(TOKENS, json={"name": "t2"}, headers=bearer(token))
    assert nested.status_code == 403
    assert nested.json()["code"] == "forbidden"
