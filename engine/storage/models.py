"""Platform tables (migrated by Alembic). User tables are owned by :mod:`schema_sync`."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from engine.storage.types import ExactDecimal, JSONType, UTCDateTime, utcnow

# SQLite only auto-increments INTEGER PRIMARY KEY columns.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    pass


class AppRow(Base):
    """An app: the container of forms, flows, rules, reports. Its document is a definition."""

    __tablename__ = "apps"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    key: Mapped[str] = mapped_column(String(32), unique=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class DefinitionRow(Base):
    """One user-designed thing (app, form, ...) with its numbered versions."""

    __tablename__ = "definitions"
    __table_args__ = (UniqueConstraint("app_id", "kind", "key", name="uq_definitions_key"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    app_id: Mapped[int] = mapped_column(ForeignKey("apps.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(32))
    key: Mapped[str] = mapped_column(String(64))
    latest_version: Mapped[int] = mapped_column(Integer, default=0)
    published_version: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class DefinitionVersionRow(Base):
    """A stored version of a definition's JSON document."""

    __tablename__ = "definition_versions"
    __table_args__ = (
        UniqueConstraint("definition_id", "version", name="uq_definition_versions_version"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    definition_id: Mapped[int] = mapped_column(ForeignKey("definitions.id", ondelete="CASCADE"))
    version: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))  # draft | published | superseded
    schema_version: Mapped[int] = mapped_column(Integer)
    document: Mapped[dict[str, Any]] = mapped_column(JSONType)
    comment: Mapped[str | None] = mapped_column(Text, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    published_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class FormTableRow(Base):
    """The physical table behind a published form and the columns it really has.

    ``columns`` maps a field id to ``{"column", "type", "sql", "indexed", "hidden"}``;
    a field removed from the form stays here with ``hidden: true`` (its data is kept).
    """

    __tablename__ = "form_tables"

    definition_id: Mapped[int] = mapped_column(
        ForeignKey("definitions.id", ondelete="CASCADE"), primary_key=True
    )
    table_name: Mapped[str] = mapped_column(String(63), unique=True)
    columns: Mapped[dict[str, Any]] = mapped_column(JSONType)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class RecordHistoryRow(Base):
    """Append-only history of every record change: who, when, before and after."""

    __tablename__ = "record_history"
    __table_args__ = (Index("ix_record_history_record", "form_id", "record_id", "id"),)

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    form_id: Mapped[int] = mapped_column(ForeignKey("definitions.id", ondelete="CASCADE"))
    record_id: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(16))  # create | update | delete
    actor: Mapped[str | None] = mapped_column(String(128), nullable=True)
    client: Mapped[str | None] = mapped_column(String(256), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    before: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    after: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)


class DepartmentRow(Base):
    """A department in the organisation tree.

    ``path`` is the chain of ids from the root (``/1/5/9/``), so "this department and
    everything below it" is one prefix match.
    """

    __tablename__ = "departments"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    name: Mapped[str] = mapped_column(String(128))
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="RESTRICT"), nullable=True
    )
    path: Mapped[str] = mapped_column(String(512), index=True, default="/")
    head_user_id: Mapped[int | None] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL", use_alter=True), nullable=True
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class LineageEdgeRow(Base):
    """One step of the lineage graph: a lot (or any record) moving through an event record.

    ``consumes`` and ``ships`` point from the linked record to the event record;
    ``produces``, ``receives`` and ``contains`` from the event record to the linked one.
    Forward tracking follows ``from → to``; backward tracing follows ``to → from``.
    """

    __tablename__ = "lineage_edges"
    __table_args__ = (
        Index("ix_lineage_from", "app_id", "from_form", "from_id"),
        Index("ix_lineage_to", "app_id", "to_form", "to_id"),
        Index("ix_lineage_event", "app_id", "event_form", "event_id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    app_id: Mapped[int] = mapped_column(ForeignKey("apps.id", ondelete="CASCADE"))
    from_form: Mapped[str] = mapped_column(String(40))
    from_id: Mapped[int] = mapped_column(BigInteger)
    to_form: Mapped[str] = mapped_column(String(40))
    to_id: Mapped[int] = mapped_column(BigInteger)
    role: Mapped[str] = mapped_column(String(16))
    event_form: Mapped[str] = mapped_column(String(40))
    event_id: Mapped[int] = mapped_column(BigInteger)
    field: Mapped[str] = mapped_column(String(100))
    quantity: Mapped[Decimal | None] = mapped_column(ExactDecimal(15, 6), nullable=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class FileRow(Base):
    """An uploaded file (photo, certificate, signature); the bytes live in the file store."""

    __tablename__ = "files"

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(127))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    width: Mapped[int | None] = mapped_column(Integer, nullable=True)
    height: Mapped[int | None] = mapped_column(Integer, nullable=True)
    has_thumbnail: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class UserRow(Base):
    """A person or service account that signs in."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    login: Mapped[str] = mapped_column(String(64), unique=True)
    display_name: Mapped[str] = mapped_column(String(128))
    email: Mapped[str | None] = mapped_column(String(254), nullable=True)
    phone: Mapped[str | None] = mapped_column(String(32), nullable=True)
    password_hash: Mapped[str | None] = mapped_column(String(255), nullable=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    is_service: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    department_id: Mapped[int | None] = mapped_column(
        ForeignKey("departments.id", ondelete="SET NULL", name="fk_users_department_id"),
        nullable=True,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class SessionRow(Base):
    """A browser session; the cookie holds a secret whose SHA-256 is the key here."""

    __tablename__ = "sessions"

    token_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    csrf_token: Mapped[str] = mapped_column(String(64))
    client: Mapped[str | None] = mapped_column(String(256), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime] = mapped_column(UTCDateTime)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class ApiTokenRow(Base):
    """An API token for integrators: shown once, stored as a SHA-256, scoped, revocable."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(128))
    prefix: Mapped[str] = mapped_column(String(16))
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    apps: Mapped[list[str] | None] = mapped_column(JSONType, nullable=True)  # None: every app
    access: Mapped[str] = mapped_column(String(8))  # read | write
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    last_used_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class RoleMemberRow(Base):
    """A user holding a role (a ``role`` definition) in an app."""

    __tablename__ = "role_members"

    app_id: Mapped[int] = mapped_column(ForeignKey("apps.id", ondelete="CASCADE"), primary_key=True)
    role_key: Mapped[str] = mapped_column(String(64), primary_key=True)
    user_id: Mapped[int] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class LoginThrottleRow(Base):
    """Failed sign-ins per login name and per client address, shared by every process."""

    __tablename__ = "login_throttle"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(Integer, default=0)
    window_start: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)


class AuditRow(Base):
    """The append-only audit log (the database refuses UPDATE and DELETE on it)."""

    __tablename__ = "audit_log"
    __table_args__ = (
        Index("ix_audit_log_at", "at"),
        Index("ix_audit_log_user", "user_login", "id"),
        Index("ix_audit_log_object", "object_type", "object_id", "id"),
    )

    id: Mapped[int] = mapped_column(BigId, primary_key=True, autoincrement=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    event: Mapped[str] = mapped_column(String(64))
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    user_login: Mapped[str | None] = mapped_column(String(64), nullable=True)
    via: Mapped[str | None] = mapped_column(String(16), nullable=True)  # session|token|cli|system
    client: Mapped[str | None] = mapped_column(String(256), nullable=True)
    app_key: Mapped[str | None] = mapped_column(String(32), nullable=True)
    object_type: Mapped[str | None] = mapped_column(String(32), nullable=True)
    object_id: Mapped[str | None] = mapped_column(String(128), nullable=True)
    detail: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)


class SettingRow(Base):
    """Small key/value facts about this installation (e.g. which templates are installed)."""

    __tablename__ = "platform_settings"

    key: Mapped[str] = mapped_column(String(128), primary_key=True)
    value: Mapped[Any] = mapped_column(JSONType)


class SequenceRow(Base):
    """Counters behind auto-numbers, one per form field and pattern period (e.g. per day)."""

    __tablename__ = "sequences"

    key: Mapped[str] = mapped_column(String(200), primary_key=True)
    value: Mapped[int] = mapped_column(BigInteger, default=0)


class ImportJobRow(Base):
    """A spreadsheet import into one form: the stored file, its mapping and its progress.

    ``status`` goes ``uploaded`` → ``checking`` → ``checked`` → ``running`` →
    ``succeeded`` or ``failed``; the row is updated in each batch's transaction, so any
    process reads the true progress. A ``running`` job is worked on by a task queue worker.
    """

    __tablename__ = "import_jobs"
    __table_args__ = (Index("ix_import_jobs_form", "app_key", "form_key", "created_at"),)

    id: Mapped[str] = mapped_column(String(32), primary_key=True)
    app_key: Mapped[str] = mapped_column(String(32))
    form_key: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(255))
    stored_path: Mapped[str] = mapped_column(String(1024))
    file_format: Mapped[str] = mapped_column(String(8))  # csv | xlsx
    file_size: Mapped[int] = mapped_column(BigInteger)
    encoding: Mapped[str | None] = mapped_column(String(32), nullable=True)
    columns: Mapped[list[str]] = mapped_column(JSONType)
    data_start_row: Mapped[int] = mapped_column(Integer)
    status: Mapped[str] = mapped_column(String(16))
    total_rows: Mapped[int] = mapped_column(Integer, default=0)
    processed_rows: Mapped[int] = mapped_column(Integer, default=0)
    created_rows: Mapped[int] = mapped_column(Integer, default=0)
    updated_rows: Mapped[int] = mapped_column(Integer, default=0)
    failed_rows: Mapped[int] = mapped_column(Integer, default=0)
    mapping: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    key_field: Mapped[str | None] = mapped_column(String(48), nullable=True)
    error_summary: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
    created_by: Mapped[str | None] = mapped_column(String(128), nullable=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime, nullable=True)
    # The run that owns a committing job: its token (a run whose token was replaced stops
    # before writing another batch; none while the job waits to be resumed) and the actor
    # it imports as, so a worker can resume it after a restart.
    run_token: Mapped[str | None] = mapped_column(String(32), nullable=True)
    run_actor: Mapped[dict[str, Any] | None] = mapped_column(JSONType, nullable=True)
