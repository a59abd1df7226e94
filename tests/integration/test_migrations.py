"""Alembic migrations create exactly the platform tables the models describe."""

from __future__ import annotations

from pathlib import Path

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from engine.bootstrap import Container
from engine.storage.database import make_database
from engine.storage.migrate import current_revision, head_revision, upgrade
from engine.storage.models import Base


def test_migrated_schema_matches_the_models(container: Container) -> None:
    assert current_revision(container.db) == head_revision()
    with container.db.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        differences = [
            d
            for d in compare_metadata(context, Base.metadata)
            # User tables (one per form) are not Alembic's business.
            if not (d[0] == "remove_table" and "__" in d[1].name)
        ]
    assert differences == []


def test_upgrade_is_idempotent(container: Container) -> None:
    upgrade(container.db)
    assert current_revision(container.db) == head_revision()


def test_sqlite_runs_in_wal_mode_with_foreign_keys(tmp_path: Path) -> None:
    db = make_database(f"sqlite:///{tmp_path / 'wal.db'}")
    with db.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
    db.dispose()
