"""Process settings, read from the environment (prefix-free names, as in the README)."""

from __future__ import annotations

import secrets
from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parent.parent


REDIS_SCHEMES = ("redis://", "rediss://", "unix://")


class Settings(BaseSettings):
    """Everything a process needs to know about where it runs.

    Attributes:
        data_dir: Folder for the SQLite file, the secret key and uploaded files.
        database_url: SQLAlchemy URL; defaults to a SQLite file in ``data_dir``.
        secret_key: Signing key; generated and persisted in ``data_dir`` on first start.
        templates_dir: Folder of preset app bundles installed on first start.
        ui_dist_dir: Built designer UI served at ``/``.
        task_queue: Where background work waits for a worker: ``database`` (in the
            PostgreSQL database, or a SQLite file in ``data_dir``), a ``redis://`` URL, or
            ``immediate`` (run at once in the process that queues it: tests, one-off tools).
        task_queue_name: Tells apart installations that share one queue store (one Redis).
    """

    model_config = SettingsConfigDict(env_prefix="", extra="ignore")

    data_dir: Path = Field(default=PROJECT_ROOT / "var", alias="TRACERY_DATA_DIR")
    database_url: str = Field(default="", alias="DATABASE_URL")
    secret_key: str = Field(default="", alias="TRACERY_SECRET_KEY")
    templates_dir: Path = Field(
        default=PROJECT_ROOT / "app_templates", alias="TRACERY_TEMPLATES_DIR"
    )
    ui_dist_dir: Path = Field(
        default=PROJECT_ROOT / "designer_ui" / "dist", alias="TRACERY_UI_DIST_DIR"
    )
    max_page_size: int = Field(default=1000, alias="TRACERY_MAX_PAGE_SIZE")
    max_bulk_records: int = Field(default=1000, alias="TRACERY_MAX_BULK_RECORDS")
    session_idle_minutes: int = Field(default=720, alias="TRACERY_SESSION_IDLE_MINUTES")
    cookie_secure: bool | None = Field(default=None, alias="TRACERY_COOKIE_SECURE")
    task_queue: str = Field(default="database", alias="TRACERY_TASK_QUEUE")
    task_queue_name: str = Field(default="tracery", alias="TRACERY_TASK_QUEUE_NAME")

    @field_validator("task_queue")
    @classmethod
    def _known_queue(cls, value: str) -> str:
        value = value.strip()
        if value in ("database", "immediate") or value.startswith(REDIS_SCHEMES):
            return value
        raise ValueError(
            f"TRACERY_TASK_QUEUE is '{value}': use 'database' (beside the data), a Redis "
            "URL such as redis://127.0.0.1:6379/0, or 'immediate'"
        )

    def resolved(self) -> Settings:
        """Return a copy with the data dir created, the URL defaulted and the key persisted."""
        data_dir = self.data_dir.resolve()
        data_dir.mkdir(parents=True, exist_ok=True)
        url = self.database_url or f"sqlite:///{data_dir / 'tracery.db'}"
        key = self.secret_key or _persisted_secret(data_dir / "secret_key")
        return self.model_copy(
            update={"data_dir": data_dir, "database_url": url, "secret_key": key}
        )


def _persisted_secret(path: Path) -> str:
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    key = secrets.token_urlsafe(48)
    path.write_text(key + "\n", encoding="utf-8")
    path.chmod(0o600)
    return key
