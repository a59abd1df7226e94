"""Shared fixtures: a fresh database per test on SQLite and on PostgreSQL.

Integration tests take the ``container`` or ``client`` fixture and run once per database.
PostgreSQL is the local server unless TEST_POSTGRES_URL says otherwise; each test gets its
own schema, dropped afterwards. If PostgreSQL cannot be reached the tests fail: they are
never skipped silently.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from engine.bootstrap import Container, bootstrap
from engine.settings import Settings
from engine.storage.database import make_database
from engine.storage.migrate import upgrade

POSTGRES_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
FIXTURES = Path(__file__).parent / "fixtures"


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if "/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def postgres_admin_engine() -> Iterator[object]:
    engine = create_engine(POSTGRES_URL, future=True)
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:  # noqa: BLE001
        pytest.fail(
            f"PostgreSQL is not reachable at {POSTGRES_URL} ({exc}). Start it or set "
            "TEST_POSTGRES_URL; the integration tests must run on both databases."
        )
    yield engine
    engine.dispose()


def make_settings(tmp_path: Path, **overrides: object) -> Settings:
    values: dict[str, object] = {
        "TRACERY_DATA_DIR": str(tmp_path / "data"),
        "TRACERY_TEMPLATES_DIR": str(tmp_path / "no-templates"),
        "TRACERY_UI_DIST_DIR": str(tmp_path / "no-ui"),
        # Background work runs where it is queued (Huey's immediate mode), as the request
        # ends; tests/integration/test_task_queue.py runs it through real workers.
        "TRACERY_TASK_QUEUE": "immediate",
    }
    values.update(overrides)
    return Settings(**values)  # type: ignore[arg-type]


@pytest.fixture(params=["sqlite", "postgresql"])
def backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def container(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[Container]:
    settings = make_settings(tmp_path)
    if backend == "sqlite":
        db = make_database(f"sqlite:///{tmp_path / 'test.db'}")
        schema = None
    else:
        admin = request.getfixturevalue("postgres_admin_engine")
        schema = f"t_{uuid.uuid4().hex[:12]}"
        with admin.begin() as conn:  # type: ignore[attr-defined]
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
        db = make_database(POSTGRES_URL, schema=schema)
    upgrade(db)
    built = bootstrap(settings, db=db)
    try:
        yield built
    finally:
        built.close()
        if schema is not None:
            with admin.begin() as conn:  # type: ignore[attr-defined]
                conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


ADMIN_PASSWORD = "admin-password-for-tests"


def create_user(
    container: Container, login: str, *, is_admin: bool = False, **extra: object
) -> None:
    from engine.actor import Actor

    with container.db.unit_of_work() as uow:
        container.users.create_user(
            uow,
            login,
            extra.pop("password", f"{login}-password-1"),
            is_admin=is_admin,
            actor=Actor(user="test-setup", via="cli"),
            **extra,  # type: ignore[arg-type]
        )


def token_for(
    container: Container, login: str, apps: list[str] | None = None, access: str = "write"
) -> str:
    from engine.actor import Actor

    with container.db.unit_of_work() as uow:
        owner = container.users.get_user(uow, login)
        secret, _ = container.auth.create_token(
            uow, Actor(user="test-setup", via="cli"), owner, f"{login} tests", apps, access, None
        )
    return secret


@pytest.fixture
def app_client(container: Container) -> Iterator[object]:
    """An HTTP client without credentials."""
    from fastapi.testclient import TestClient

    from engine.api.app import create_app

    with TestClient(create_app(container)) as test_client:
        yield test_client


@pytest.fixture
def client(container: Container) -> Iterator[object]:
    """An HTTP client acting as an administrator (API token)."""
    from fastapi.testclient import TestClient

    from engine.api.app import create_app

    create_user(container, "admin", is_admin=True, password=ADMIN_PASSWORD)
    token = token_for(container, "admin")
    with TestClient(
        create_app(container), headers={"Authorization": f"Bearer {token}"}
    ) as test_client:
        yield test_client


@pytest.fixture
def session_client(container: Container, client: object) -> Iterator[object]:
    """An HTTP client signed in as the administrator with a browser session."""
    from fastapi.testclient import TestClient

    from engine.api.app import create_app

    with TestClient(create_app(container)) as test_client:
        signed = test_client.post(
            "/api/v1/auth/login", json={"login": "admin", "password": ADMIN_PASSWORD}
        )
        assert signed.status_code == 200, signed.text
        test_client.headers["X-CSRF-Token"] = signed.json()["csrf_token"]
        yield test_client
