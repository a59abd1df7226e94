"""Response and request shapes of the generic routes (per-form shapes live in openapi.py)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, Field

Label = str | dict[str, str]


class ErrorItem(BaseModel):
    pointer: str = Field(examples=["/data/quantity"])
    code: str = Field(examples=["max"])
    message: str = Field(examples=["must be at most 100"])
    field: str | None = None
    row: int | None = None


class Problem(BaseModel):
    """RFC 9457 problem details, with every specific error in ``errors``."""

    type: str = Field(examples=["urn:tracery:problem:record_invalid"])
    title: str
    status: int
    detail: str
    code: str
    instance: str | None = None
    errors: list[ErrorItem] = []


class Health(BaseModel):
    status: str = Field(examples=["ok"])
    database: str = Field(examples=["sqlite"])
    version: str


class FormSummary(BaseModel):
    key: str
    label: Label | None = Field(
        None, description="The label of the published version, else the latest"
    )
    latest_version: int
    published_version: int | None


class AppOut(BaseModel):
    key: str
    label: Label | None
    description: Label | None = None
    time_zone: str
    default_locale: str
    published_version: int | None
    created_at: datetime
    updated_at: datetime
    document: dict[str, Any]
    forms: list[FormSummary] | None = None


class AppList(BaseModel):
    items: list[AppOut]
    total: int


class DefinitionVersionOut(BaseModel):
    kind: str
    key: str
    version: int
    status: str = Field(description="draft, published or superseded")
    schema_version: int
    comment: str | None
    created_by: str | None
    created_at: datetime
    published_at: datetime | None
    document: dict[str, Any] | None = None
    latest_version: int | None = None
    published_version: int | None = None


class VersionList(BaseModel):
    items: list[DefinitionVersionOut]


class SchemaChangeOut(BaseModel):
    op: str = Field(
        description="create_table, add_column, add_index, drop_index, change_type, "
        "hide_field or restore_field"
    )
    field: str | None = None
    model_config = {"extra": "allow"}


class PublishOut(BaseModel):
    kind: str
    key: str
    version: int
    previous_version: int | None
    dry_run: bool
    changes: list[SchemaChangeOut]
    diff: list[dict[str, Any]] | None = None


class DiffOut(BaseModel):
    from_: int = Field(alias="from")
    to: int
    changes: list[dict[str, Any]]


class RollbackIn(BaseModel):
    version: int = Field(ge=1, description="The earlier version to go back to")
    publish: bool = Field(default=True, description="Publish the restored version at once")


class RecordOut(BaseModel):
    id: int
    version: int
    created_at: str
    updated_at: str
    created_by: str | None
    updated_by: str | None
    data: dict[str, Any]


class RecordPageOut(BaseModel):
    items: list[RecordOut]
    total: int | None
    limit: int
    offset: int
    next_cursor: str | None


class HistoryEntryOut(BaseModel):
    version: int
    action: str
    actor: str | None
    client: str | None
    at: str
    before: dict[str, Any] | None
    after: dict[str, Any] | None


PROBLEM_RESPONSES: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "content": {"application/problem+json": {}}}
    for code in (400, 404, 409, 422)
}
