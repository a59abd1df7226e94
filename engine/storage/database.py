"""Database engines for SQLite (WAL, foreign keys on) and PostgreSQL (psycopg 3)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Engine, MetaData, create_engine, event
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker


class Database:
    """One SQLAlchemy engine plus the session factory every unit of work uses.

    Attributes:
        engine: The SQLAlchemy engine.
        dialect: ``"sqlite"`` or ``"postgresql"``.
        schema: PostgreSQL schema holding every table (``None``: the default search path).
    """

    def __init__(self, engine: Engine, schema: str | None = None) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self.schema = schema
        self._sessions = sessionmaker(bind=engine, expire_on_commit=False, autoflush=False)
        # User tables (one per published form) live in their own metadata, owned by schema sync.
        self.user_metadata = MetaData()

    def unit_of_work(self, *, read_only: bool = False) -> UnitOfWork:
        """Open a new unit of work (one transaction).

        Args:
            read_only: The work only reads. On SQLite it then starts a deferred transaction,
                so readers never wait for the write lock.
        """
        session = self._sessions()
        if read_only:
            session.connection(execution_options={"tracery_read_only": True})
        return UnitOfWork(session)

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        """A plain connection in a transaction, for migrations and maintenance."""
        with self.engine.begin() as conn:
            yield conn

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """One database transaction that every write of a request or command shares.

    Use as a context manager: it commits when the block ends without an error and rolls
    back otherwise, so a failing step never leaves half-written data.
    """

    def __init__(self, session: Session) -> None:
        self.session = session
        self._after_commit: list[Any] = []

    def __enter__(self) -> UnitOfWork:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if exc_type is None:
                self.session.commit()
                for callback in self._after_commit:
                    callback()
            else:
                self.session.rollback()
        finally:
            self.session.close()

    def after_commit(self, callback: Any) -> None:
        """Run ``callback()`` once the transaction has committed (never on rollback)."""
        self._after_commit.append(callback)

    @property
    def connection(self) -> Connection:
        return self.session.connection()


def make_database(url: str, *, echo: bool = False, schema: str | None = None) -> Database:
    """Build a :class:`Database` for a SQLite or PostgreSQL URL.

    Args:
        url: SQLAlchemy URL (``sqlite:///path`` or ``postgresql+psycopg://...``).
        echo: Log SQL statements.
        schema: PostgreSQL only: a schema to put first on the search path (tests use one
            schema per test; a tenant router can use one per organisation).
    """
    parsed = make_url(url)
    backend = parsed.get_backend_name()
    kwargs: dict[str, Any] = {"echo": echo, "future": True}
    if backend == "sqlite":
        kwargs["connect_args"] = {"check_same_thread": False, "timeout": 30}
        engine = create_engine(url, **kwargs)
        _configure_sqlite(engine)
    elif backend == "postgresql":
        if parsed.drivername == "postgresql":
            url = parsed.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
        kwargs["pool_pre_ping"] = True
        if schema:
            kwargs["connect_args"] = {"options": f"-csearch_path={schema}"}
        engine = create_engine(url, **kwargs)
    else:
        raise ValueError(
            f"Unsupported database {backend!r}: DATABASE_URL must start with sqlite:// "
            "or postgresql+psycopg://"
        )
    return Database(engine, schema=schema)


def _configure_sqlite(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        # pysqlite's own transaction handling is switched off so that BEGIN is ours
        # (see the SQLAlchemy docs on "Serializable isolation / Savepoints / Transactional DDL").
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        if conn.get_execution_options().get("tracery_read_only"):
            conn.exec_driver_sql("BEGIN")
            return
        # IMMEDIATE takes the write lock up front, so two writers queue instead of
        # failing later with "database is locked" on lock upgrade.
        conn.exec_driver_sql("BEGIN IMMEDIATE")
