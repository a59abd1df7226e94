"""Gap-tolerant counters that never hand out the same number twice."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from engine.storage.database import UnitOfWork
from engine.storage.models import SequenceRow


def next_values(uow: UnitOfWork, key: str, count: int = 1) -> list[int]:
    """Reserve ``count`` consecutive numbers of the counter ``key`` (starting at 1).

    One upsert statement increments and returns the counter, so concurrent writers queue
    on the counter row (PostgreSQL row lock, SQLite write lock) and each gets its own
    numbers. A rolled-back transaction gives its numbers back: no record ever held them.
    """
    dialect = uow.connection.dialect.name
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    table = cast(Table, SequenceRow.__table__)
    statement = (
        insert(table)
        .values(key=key, value=count)
        .on_conflict_do_update(index_elements=["key"], set_={"value": table.c.value + count})
        .returning(table.c.value)
    )
    last = int(uow.session.execute(statement).scalar_one())
    return list(range(last - count + 1, last + 1))
