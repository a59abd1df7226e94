"""SQLite: writers take the lock up front; readers never hold it."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import text

from engine.storage.database import make_database


def other_writer_can_start(path: Path) -> bool:
    conn = sqlite3.connect(path, timeout=0, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("ROLLBACK")
        return True
    except sqlite3.OperationalError as exc:
        assert "locked" in str(exc)
        return False
    finally:
        conn.close()


def test_read_units_leave_the_write_lock_free(tmp_path: Path) -> None:
    path = tmp_path / "lock.db"
    db = make_database(f"sqlite:///{path}")
    with db.unit_of_work() as uow:
        uow.session.execute(text("CREATE TABLE t (x INTEGER)"))
    with db.unit_of_work(read_only=True) as uow:
        uow.session.execute(text("SELECT count(*) FROM t")).scalar()
        assert other_writer_can_start(path)
    with db.unit_of_work() as uow:
        uow.session.execute(text("SELECT count(*) FROM t")).scalar()
        assert not other_writer_can_start(path)
    db.dispose()


def test_write_unit_rolls_back_on_error(tmp_path: Path) -> None:
    db = make_database(f"sqlite:///{tmp_path / 'rb.db'}")
    with db.unit_of_work() as uow:
        uow.session.execute(text("CREATE TABLE t (x INTEGER)"))
    with pytest.raises(RuntimeError), db.unit_of_work() as uow:
        uow.session.execute(text("INSERT INTO t VALUES (1)"))
        raise RuntimeError("boom")
    with db.unit_of_work(read_only=True) as uow:
        assert uow.session.execute(text("SELECT count(*) FROM t")).scalar() == 0
    db.dispose()
