"""Rows inserted as columns through the driver's executemany (history and audit writes)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import JSON, Column, Integer, MetaData, String, Table, create_engine, select

from engine.storage.bulk import insert_columns, insert_rows
from engine.storage.types import UTCDateTime

METADATA = MetaData()
LOG = Table(
    "log",
    METADATA,
    Column("id", Integer, primary_key=True),
    Column("who", String(20)),
    Column("at", UTCDateTime()),
    Column("detail", JSON),
)


def test_shared_and_per_row_values_go_in_with_their_column_types() -> None:
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    moment = datetime(2026, 11, 22, 8, 30, tzinfo=UTC)
    with engine.begin() as connection:
        insert_columns(
            connection,
            LOG,
            {"who": "clara", "at": moment},
            {"id": [1, 2, 3], "detail": [{"n": 1}, None, {"n": [3]}]},
        )
        insert_rows(connection, LOG, [{"id": 4, "who": "victor", "at": moment, "detail": {}}])
        stored = connection.execute(select(LOG).order_by(LOG.c.id)).all()
    assert [tuple(r) for r in stored] == [
        (1, "clara", moment, {"n": 1}),
        (2, "clara", moment, None),
        (3, "clara", moment, {"n": [3]}),
        (4, "victor", moment, {}),
    ]


def test_columns_of_different_lengths_are_refused_before_anything_is_written() -> None:
    engine = create_engine("sqlite://")
    METADATA.create_all(engine)
    with engine.begin() as connection:
        with pytest.raises(ValueError, match="column 'detail' has 1 values, not 2"):
            insert_columns(connection, LOG, {"who": "x"}, {"id": [1, 2], "detail": [None]})
        insert_columns(connection, LOG, {"who": "x"}, {"id": []})  # nothing to write
        assert connection.execute(select(LOG)).all() == []
