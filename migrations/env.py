"""Alembic environment: platform tables only (user tables belong to schema sync)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection

from engine.storage.models import Base

config = context.config
target_metadata = Base.metadata


def run_migrations(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = config.attributes.get("connection")
if connection is None:
    from engine.settings import Settings
    from engine.storage.database import make_database

    db = make_database(Settings().resolved().database_url)
    with db.engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
    db.dispose()
else:
    run_migrations(connection)
