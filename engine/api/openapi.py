"""/openapi.json with a typed schema per published form, regenerated when forms publish."""

from __future__ import annotations

import copy
import threading
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi
from sqlalchemy import select

from engine.definitions.labels import localized
from engine.forms.compiled import CompiledForm
from engine.records.query import OPERATOR_WORDS
from engine.storage.models import AppRow, DefinitionRow, FormTableRow

PREFIX = "/api/v1"


def record_data_schema(form: CompiledForm, for_input: bool) -> dict[str, Any]:
    """JSON Schema (2020-12) of a record's ``data`` object.

    For input, required fields are listed as required and unknown fields are refused; for
    output every field is present and may be null.
    """
    properties: dict[str, Any] = {}
    required: list[str] = []
    for fid, field in form.fields.items():
        schema = dict(field.type.json_schema(field.spec))
        if field.type.has_rows and fid in form.children:
            child = form.children[fid]
            schema["items"] = {
                "type": "object",
                "properties": {
                    "id": {"type": "integer", "readOnly": True},
                    **{
                        sub_id: {
                            **sub.type.json_schema(sub.spec),
                            "title": localized(sub.spec.label),
                        }
                        for sub_id, sub in child.fields.items()
                    },
                },
                "required": [i for i, sub in child.fields.items() if sub.spec.required]
                if for_input
                else [],
            }
        schema["title"] = localized(field.spec.label)
        if field.spec.description:
            schema["description"] = localized(field.spec.description)
        default = field.type.default_value(field.spec)
        if default is not None and for_input:
            schema["default"] = field.type.to_json(
                field.spec, field.type.clean(field.spec, default)
            )
        properties[fid] = (
            {"anyOf": [schema, {"type": "null"}]}
            if not (for_input and field.spec.required)
            else schema
        )
        if for_input and field.spec.required:
            required.append(fid)
    out: dict[str, Any] = {
        "type": "object",
        "title": localized(form.spec.label),
        "properties": properties,
        "additionalProperties": False,
    }
    if required:
        out["required"] = required
    return out


def _schema_name(form: CompiledForm, suffix: str) -> str:
    def camel(text: str) -> str:
        return "".join(part.capitalize() for part in text.split("_"))

    return f"{camel(form.app_key)}{camel(form.form_key)}{suffix}"


def _problem_refs() -> dict[str, Any]:
    ref = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "404": {"description": "No such app, form or record", "content": ref},
        "422": {"description": "Validation failed (every error listed)", "content": ref},
    }


def _json_of(name: str) -> dict[str, Any]:
    return {"application/json": {"schema": {"$ref": f"#/components/schemas/{name}"}}}


def _json_body(name: str, extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """Request body ``{"data": <schema name>, ...extra}``."""
    data = {"$ref": f"#/components/schemas/{name}"}
    return _object_body("data", {"data": data, **(extra or {})}, closed=True)


def _records_body(item: dict[str, Any]) -> dict[str, Any]:
    """Request body of a bulk operation: ``{"records": [<item>, ...]}``."""
    return _object_body("records", {"records": {"type": "array", "items": item}}, closed=False)


def _object_body(required: str, properties: dict[str, Any], closed: bool) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": "object", "required": [required], "properties": properties}
    if closed:
        schema["additionalProperties"] = False
    return {"required": True, "content": {"application/json": {"schema": schema}}}


def add_form_paths(doc: dict[str, Any], form: CompiledForm) -> None:
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    data_out = _schema_name(form, "Data")
    data_in = _schema_name(form, "DataInput")
    record = _schema_name(form, "Record")
    page = _schema_name(form, "RecordPage")
    schemas[data_out] = record_data_schema(form, for_input=False)
    schemas[data_in] = record_data_schema(form, for_input=True)
    patch_schema = copy.deepcopy(schemas[data_in])
    patch_schema.pop("required", None)
    schemas[_schema_name(form, "DataPatch")] = patch_schema
    schemas[record] = {
        "type": "object",
        "required": ["id", "version", "created_at", "updated_at", "data"],
        "properties": {
            "id": {"type": "integer"},
            "version": {"type": "integer"},
            "created_at": {"type": "string", "format": "date-time"},
            "updated_at": {"type": "string", "format": "date-time"},
            "created_by": {"type": ["string", "null"]},
            "updated_by": {"type": ["string", "null"]},
            "data": {"$ref": f"#/components/schemas/{data_out}"},
        },
    }
    schemas[page] = {
        "type": "object",
        "properties": {
            "items": {"type": "array", "items": {"$ref": f"#/components/schemas/{record}"}},
            "total": {"type": ["integer", "null"]},
            "limit": {"type": "integer"},
            "offset": {"type": "integer"},
            "next_cursor": {"type": ["string", "null"]},
        },
    }
    base = f"{PREFIX}/apps/{form.app_key}/forms/{form.form_key}/records"
    op = f"{form.app_key}__{form.form_key}"
    tag = f"{form.app_key} / {localized(form.spec.label)}"
    params: list[dict[str, Any]] = []
    for fid, field in {**form.fields, **form.system_fields}.items():
        ops = field.type.filter_operators
        params.append(
            {
                "name": f"filter[{fid}]",
                "in": "query",
                "required": False,
                "schema": {"type": "string"},
                "description": f"Equals. Other operators: filter[{fid}][op] with op one of "
                + ", ".join(f"{o} ({OPERATOR_WORDS[o]})" for o in ops),
            }
        )
    params += [
        {
            "name": "sort",
            "in": "query",
            "schema": {"type": "string"},
            "description": "Comma-separated fields; prefix - for descending",
            "example": "-created_at",
        },
        {
            "name": "limit",
            "in": "query",
            "schema": {"type": "integer", "minimum": 1, "default": 50},
        },
        {
            "name": "offset",
            "in": "query",
            "schema": {"type": "integer", "minimum": 0, "default": 0},
        },
        {
            "name": "cursor",
            "in": "query",
            "schema": {"type": "string"},
            "description": "next_cursor of the previous page (fast on any depth)",
        },
        {
            "name": "count",
            "in": "query",
            "schema": {"type": "boolean", "default": True},
            "description": "Include the total count",
        },
    ]
    id_param = {"name": "record_id", "in": "path", "required": True, "schema": {"type": "integer"}}
    body = _json_body
    json_of = _json_of
    paths = doc.setdefault("paths", {})
    paths[base] = {
        "get": {
            "tags": [tag],
            "operationId": f"{op}__list",
            "summary": f"List {localized(form.spec.label)} records",
            "parameters": params,
            "responses": {
                "200": {"description": "A page of records", "content": json_of(page)},
                **_problem_refs(),
            },
        },
        "post": {
            "tags": [tag],
            "operationId": f"{op}__create",
            "summary": f"Create a {localized(form.spec.label)} record",
            "requestBody": body(data_in),
            "responses": {
                "201": {"description": "Created", "content": json_of(record)},
                **_problem_refs(),
            },
        },
    }
    paths[base + "/bulk"] = {
        "post": {
            "tags": [tag],
            "operationId": f"{op}__bulk_create",
            "summary": "Create many records (all or nothing)",
            "requestBody": _records_body(body(data_in)["content"]["application/json"]["schema"]),
            "responses": {
                "201": {
                    "description": "Created",
                    "content": {
                        "application/json": {
                            "schema": {
                                "type": "object",
                                "properties": {
                                    "items": {
                                        "type": "array",
                                        "items": {"$ref": f"#/components/schemas/{record}"},
                                    },
                                    "total": {"type": "integer"},
                                },
                            }
                        }
                    },
                },
                **_problem_refs(),
            },
        },
    }
    version_prop = {"version": {"type": "integer", "description": "The version you last read"}}
    change = body(
        _schema_name(form, "DataPatch"),
        {"id": {"type": "integer", "description": "The record to change"}, **version_prop},
    )["content"]["application/json"]["schema"]
    change["required"] = ["id", "version", "data"]
    paths[base + "/bulk"]["patch"] = {
        "tags": [tag],
        "operationId": f"{op}__bulk_update",
        "summary": "Change many records (all or nothing)",
        "requestBody": _records_body(change),
        "responses": {
            "200": {
                "description": "The records, as changed",
                "content": paths[base + "/bulk"]["post"]["responses"]["201"]["content"],
            },
            **_problem_refs(),
        },
    }
    paths[base + "/{record_id}"] = {
        "get": {
            "tags": [tag],
            "operationId": f"{op}__get",
            "parameters": [id_param],
            "responses": {
                "200": {"description": "The record", "content": json_of(record)},
                **_problem_refs(),
            },
        },
        "patch": {
            "tags": [tag],
            "operationId": f"{op}__update",
            "parameters": [id_param],
            "requestBody": body(_schema_name(form, "DataPatch"), version_prop),
            "responses": {
                "200": {"description": "The changed record", "content": json_of(record)},
                "409": {
                    "description": "Stale version; the body holds current_version",
                    "content": {
                        "application/problem+json": {
                            "schema": {"$ref": "#/components/schemas/Problem"}
                        }
                    },
                },
                **_problem_refs(),
            },
        },
        "delete": {
            "tags": [tag],
            "operationId": f"{op}__delete",
            "parameters": [id_param],
            "responses": {"204": {"description": "Deleted"}, **_problem_refs()},
        },
    }


PUBLIC_OPERATIONS = {
    ("/api/v1/health", "get"),
    ("/api/v1/auth/login", "post"),
    ("/api/v1/schemas/{kind}", "get"),
}


def add_security(doc: dict[str, Any]) -> None:
    """Declare the two ways in: API tokens (Bearer) and the browser session cookie."""
    doc.setdefault("components", {})["securitySchemes"] = {
        "apiToken": {
            "type": "http",
            "scheme": "bearer",
            "description": "An API token (trc_...) created under /api/v1/auth/tokens; "
            "scoped to apps and to read or write.",
        },
        "session": {
            "type": "apiKey",
            "in": "cookie",
            "name": "tracery_session",
            "description": "Set by POST /api/v1/auth/login. Writes must also send the "
            "X-CSRF-Token header returned by sign-in.",
        },
    }
    doc["security"] = [{"apiToken": []}, {"session": []}]
    for path, operations in doc.get("paths", {}).items():
        for method, operation in operations.items():
            if (path, method) in PUBLIC_OPERATIONS:
                operation["security"] = []


class OpenAPIBuilder:
    """Builds /openapi.json; cached until a form is published or its table changes."""

    def __init__(self, app: FastAPI) -> None:
        self.app = app
        self._lock = threading.Lock()
        self._key: tuple[Any, ...] | None = None
        self._doc: dict[str, Any] | None = None

    def __call__(self) -> dict[str, Any]:
        container = self.app.state.container
        with container.db.unit_of_work(read_only=True) as uow:
            key = tuple(
                uow.session.execute(
                    select(
                        AppRow.key,
                        DefinitionRow.key,
                        DefinitionRow.published_version,
                        FormTableRow.updated_at,
                    )
                    .join(DefinitionRow, DefinitionRow.app_id == AppRow.id)
                    .join(FormTableRow, FormTableRow.definition_id == DefinitionRow.id)
                    .order_by(AppRow.key, DefinitionRow.key)
                ).all()
            )
            with self._lock:
                if self._doc is not None and key == self._key:
                    return self._doc
            doc = get_openapi(
                title="Tracery API",
                version=self.app.version,
                description=(
                    "Every app gets this REST API. Per-form record schemas are listed under "
                    "their app and form; errors are RFC 9457 problem+json with every "
                    "specific problem in `errors`."
                ),
                routes=self.app.routes,
            )
            for form in container.catalog.published_forms(uow):
                add_form_paths(doc, form)
        add_security(doc)
        with self._lock:
            self._key, self._doc = key, doc
        return doc
