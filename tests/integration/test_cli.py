"""The tracery command against a real database (SQLite file or a PostgreSQL schema)."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import text
from typer.testing import CliRunner

from engine.cli import cli
from engine.storage.migrate import head_revision
from tests.conftest import POSTGRES_URL
from tests.factories import FIXTURES

runner = CliRunner()


@pytest.fixture
def cli_env(
    backend: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> Iterator[None]:
    monkeypatch.setenv("TRACERY_DATA_DIR", str(tmp_path / "data"))
    if backend == "sqlite":
        monkeypatch.setenv("DATABASE_URL", f"sqlite:///{tmp_path / 'cli.db'}")
        yield
        return
    admin = request.getfixturevalue("postgres_admin_engine")
    schema = f"c_{uuid.uuid4().hex[:12]}"
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    monkeypatch.setenv("DATABASE_URL", f"{POSTGRES_URL}?options=-csearch_path%3D{schema}")
    yield
    with admin.begin() as conn:
        conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


def test_migrate_import_export_round_trip(cli_env: None, tmp_path: Path) -> None:
    migrated = runner.invoke(cli, ["migrate"])
    assert migrated.exit_code == 0, migrated.output
    assert f"revision {head_revision()}" in migrated.output

    bundle = FIXTURES / "bundles" / "qc_demo"
    imported = runner.invoke(cli, ["app", "import", str(bundle)])
    assert imported.exit_code == 0, imported.output
    assert json.loads(imported.output)["seeded"] == {"supplier": 3}

    out = tmp_path / "out"
    exported = runner.invoke(cli, ["app", "export", "qc_demo", str(out)])
    assert exported.exit_code == 0, exported.output
    assert json.loads((out / "forms" / "supplier.json").read_text(encoding="utf-8")) == json.loads(
        (bundle / "forms" / "supplier.json").read_text(encoding="utf-8")
    )


def test_import_errors_are_printed_and_exit_non_zero(cli_env: None, tmp_path: Path) -> None:
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "app.json").write_text(
        '{"schema_version": 1, "key": "Bad"}', encoding="utf-8"
    )
    result = runner.invoke(cli, ["app", "import", str(tmp_path / "bad")])
    assert result.exit_code == 1
    assert "app.json#/key" in result.output and "app.json#/label" in result.output
    missing = runner.invoke(cli, ["app", "import", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1
    unknown = runner.invoke(cli, ["app", "export", "nope", str(tmp_path / "x")])
    assert unknown.exit_code == 1 and "no app" in unknown.output


def test_create_admin(cli_env: None) -> None:
    created = runner.invoke(cli, ["create-admin", "--login", "root.admin"])
    assert created.exit_code == 0, created.output
    assert "one-time password:" in created.output
    again = runner.invoke(cli, ["create-admin", "--login", "root.admin"])
    assert again.exit_code == 1 and "already exists" in again.output
    weak = runner.invoke(
        cli, ["create-admin", "--login", "ops", "--password-stdin"], input="short\n"
    )
    assert weak.exit_code == 1 and "at least 10" in weak.output
    ok = runner.invoke(
        cli, ["create-admin", "--login", "ops", "--password-stdin"], input="a-long-enough-pass\n"
    )
    assert ok.exit_code == 0 and "one-time" not in ok.output

    from engine.bootstrap import bootstrap
    from engine.identity.passwords import verify_password
    from engine.storage.models import UserRow

    with bootstrap() as container, container.db.unit_of_work(read_only=True) as uow:
        user = uow.session.query(UserRow).filter_by(login="ops").one()
        assert user.is_admin and verify_password(user.password_hash, "a-long-enough-pass")
        assert not verify_password(user.password_hash, "wrong")
