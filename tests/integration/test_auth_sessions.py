"""Sign-in, sessions, CSRF, throttling: the browser's way in."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from sqlalchemy import update

from engine.bootstrap import Container
from engine.storage.models import SessionRow
from engine.storage.types import utcnow
from tests.conftest import create_user
from tests.factories import app_doc

LOGIN = "/api/v1/auth/login"


def sign_in(client: Any, login: str, password: str) -> Any:
    return client.post(LOGIN, json={"login": login, "password": password})


def test_session_cookie_csrf_and_logout(container: Container, app_client: Any) -> None:
    create_user(container, "boss", is_admin=True, password="boss-password-1")
    assert app_client.get("/api/v1/apps").status_code == 401
    signed = sign_in(app_client, "boss", "boss-password-1")
    assert signed.status_code == 200, signed.text
    cookie = signed.headers["set-cookie"]
    assert "tracery_session=" in cookie and "HttpOnly" in cookie and "SameSite=lax" in cookie
    csrf = signed.json()["csrf_token"]
    assert signed.json()["user"]["login"] == "boss"

    me = app_client.get("/api/v1/auth/me").json()
    assert me["user"]["is_admin"] is True and me["csrf_token"] == csrf
    assert app_client.get("/api/v1/apps").status_code == 200

    no_csrf = app_client.post("/api/v1/apps", json=app_doc())
    assert no_csrf.status_code == 403 and no_csrf.json()["code"] == "csrf_failed"
    wrong = app_client.post("/api/v1/apps", json=app_doc(), headers={"X-CSRF-Token": "nope"})
    assert wrong.status_code == 403
    ok = app_client.post("/api/v1/apps", json=app_doc(), headers={"X-CSRF-Token": csrf})
    assert ok.status_code == 201

    assert app_client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": csrf}).status_code == 204
    after = app_client.get("/api/v1/apps")
    assert after.status_code == 401 and after.json()["code"] == "not_signed_in"
    assert after.headers["www-authenticate"].startswith("Bearer")


def test_wrong_password_and_unknown_login_look_the_same(
    container: Container, app_client: Any
) -> None:
    create_user(container, "alice", password="alice-password-1")
    wrong = sign_in(app_client, "alice", "not-her-password")
    unknown = sign_in(app_client, "nobody", "whatever-password")
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json()["code"] == unknown.json()["code"] == "sign_in_failed"
    assert wrong.json()["detail"] == unknown.json()["detail"]
    assert "set-cookie" not in wrong.headers


def test_repeated_failures_lock_the_login(container: Container, app_client: Any) -> None:
    create_user(container, "alice", password="alice-password-1")
    for _ in range(5):
        assert sign_in(app_client, "alice", "guess-guess").status_code == 401
    locked = sign_in(app_client, "alice", "alice-password-1")
    assert locked.status_code == 429
    assert locked.json()["code"] == "too_many_attempts"
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
    # Another login from the same client is not locked by alice's failures.
    create_user(container, "bob", password="bob-password-1")
    assert sign_in(app_client, "bob", "bob-password-1").status_code == 200


def test_disabled_user_cannot_sign_in_and_loses_sessions(
    container: Container, app_client: Any, client: Any
) -> None:
    create_user(container, "alice", password="alice-password-1")
    assert sign_in(app_client, "alice", "alice-password-1").status_code == 200
    assert app_client.get("/api/v1/auth/me").status_code == 200
    assert client.patch("/api/v1/users/alice", json={"is_active": False}).status_code == 200
    assert app_client.get("/api/v1/auth/me").status_code == 401
    assert sign_in(app_client, "alice", "alice-password-1").status_code == 401


def test_expired_session_is_refused(container: Container, app_client: Any) -> None:
    create_user(container, "alice", password="alice-password-1")
    sign_in(app_client, "alice", "alice-password-1")
    with container.db.unit_of_work() as uow:
        uow.session.execute(update(SessionRow).values(expires_at=utcnow() - timedelta(seconds=1)))
    expired = app_client.get("/api/v1/auth/me")
    assert expired.status_code == 401 and expired.json()["code"] == "session_expired"


def test_sign_in_and_failures_are_audited_without_secrets(
    container: Container, app_client: Any, client: Any
) -> None:
    create_user(container, "alice", password="alice-password-1")
    sign_in(app_client, "alice", "typo-password")
    signed = sign_in(app_client, "alice", "alice-password-1")
    app_client.post("/api/v1/auth/logout", headers={"X-CSRF-Token": signed.json()["csrf_token"]})
    events = [
        e["event"]
        for e in client.get(
            "/api/v1/audit", params={"object_type": "user", "object_id": "alice"}
        ).json()["items"]
    ]
    assert events[:3] == ["auth.sign_out", "auth.sign_in", "auth.sign_in_failed"]
    exported = client.get("/api/v1/audit/export.csv").text
    assert "alice-password-1" not in exported and "typo-password" not in exported
    assert signed.cookies.get("tracery_session", "") not in exported


def test_change_own_password_ends_other_sessions(container: Container, app_client: Any) -> None:
    from fastapi.testclient import TestClient

    from engine.api.app import create_app

    create_user(container, "alice", password="alice-password-1")
    signed = sign_in(app_client, "alice", "alice-password-1")
    csrf = {"X-CSRF-Token": signed.json()["csrf_token"]}
    with TestClient(create_app(container)) as other_device:
        assert sign_in(other_device, "alice", "alice-password-1").status_code == 200
        wrong = app_client.post(
            "/api/v1/auth/password",
            json={"current_password": "nope", "new_password": "alice-password-2"},
            headers=csrf,
        )
        assert (
            wrong.status_code == 422 and wrong.json()["errors"][0]["pointer"] == "/current_password"
        )
        weak = app_client.post(
            "/api/v1/auth/password",
            json={"current_password": "alice-password-1", "new_password": "short"},
            headers=csrf,
        )
        assert weak.status_code == 422 and weak.json()["errors"][0]["pointer"] == "/new_password"
        changed = app_client.post(
            "/api/v1/auth/password",
            json={"current_password": "alice-password-1", "new_password": "alice-password-2"},
            headers=csrf,
        )
        assert changed.status_code == 204
        assert app_client.get("/api/v1/auth/me").status_code == 200  # this session stays
        assert other_device.get("/api/v1/auth/me").status_code == 401  # the other one ends
    assert sign_in(app_client, "alice", "alice-password-1").status_code == 401
    assert sign_in(app_client, "alice", "alice-password-2").status_code == 200
