"""Meta-schema validation and parsing of definition documents into typed specs.

Every error names the JSON pointer of what is wrong and says it in plain words, e.g.
``/fields/3/max_length: must be at most 10000``.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any, TypeVar

from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError
from pydantic import BaseModel
from pydantic import ValidationError as PydanticValidationError

from engine.errors import ErrorDetail

M = TypeVar("M", bound=BaseModel)

_KEY_HINT = "must start with a lowercase letter and contain only lowercase letters, digits and _"


@cache
def meta_schema(kind: str) -> dict[str, Any]:
    """The published JSON Schema (2020-12) of a definition kind."""
    text = resources.files("engine.definitions").joinpath(f"schemas/{kind}.schema.json")
    schema: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return schema


@cache
def _validator(kind: str) -> Draft202012Validator:
    schema = meta_schema(kind)
    Draft202012Validator.check_schema(schema)
    return Draft202012Validator(schema, format_checker=Draft202012Validator.FORMAT_CHECKER)


def pointer(path: Any) -> str:
    """JSON pointer (RFC 6901) for a path of keys and indexes."""
    parts = [str(p).replace("~", "~0").replace("/", "~1") for p in path]
    return "/" + "/".join(parts) if parts else ""


def validate_document(kind: str, document: Any) -> list[ErrorDetail]:
    """Check a document against its kind's meta-schema; return every problem found."""
    if not isinstance(document, dict):
        return [ErrorDetail("", "a definition must be a JSON object", "type")]
    errors = sorted(_validator(kind).iter_errors(document), key=lambda e: list(e.absolute_path))
    details: list[ErrorDetail] = []
    seen: set[tuple[str, str]] = set()
    for error in errors:
        detail = _explain(error)
        if (detail.pointer, detail.message) not in seen:
            seen.add((detail.pointer, detail.message))
            details.append(detail)
    return details


def parse_spec(model: type[M], document: dict[str, Any]) -> tuple[M | None, list[ErrorDetail]]:
    """Parse a document that passed its meta-schema into the kind's typed spec."""
    try:
        return model.model_validate(document), []
    except PydanticValidationError as exc:
        details = [
            ErrorDetail(pointer(_document_path(document, err["loc"])), err["msg"], err["type"])
            for err in exc.errors()
        ]
        return None, details


def _document_path(document: Any, loc: tuple[Any, ...]) -> list[Any]:
    """Pydantic puts a union's tag (``"text"``) into error locations; keep only real keys."""
    path: list[Any] = []
    node = document
    for part in loc:
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
        elif isinstance(node, dict) and node.get("type") == part:
            continue
        else:
            node = None
        path.append(part)
    return path


def _explain(error: ValidationError) -> ErrorDetail:
    path = list(error.absolute_path)
    where = pointer(path)
    v: Any = error.validator
    value: Any = error.validator_value
    schema: Any = error.schema
    instance: Any = error.instance
    if v == "required":
        missing = error.message.split("'")[1] if "'" in error.message else "a property"
        return ErrorDetail(pointer([*path, missing]), "is required but missing", "required")
    if v == "additionalProperties":
        extras = sorted(set(instance) - set(schema.get("properties", {})))
        name = extras[0] if extras else "?"
        return ErrorDetail(
            pointer([*path, name]), f"'{name}' is not a known property here", "unknown_property"
        )
    if v == "type":
        kinds = value if isinstance(value, list) else [value]
        return ErrorDetail(
            where, "must be " + " or ".join(_TYPE_WORDS.get(str(k), str(k)) for k in kinds), "type"
        )
    if v == "pattern":
        if path and path[-1] in ("id", "key", "title_field"):
            return ErrorDetail(where, _KEY_HINT, "pattern")
        if path and path[-1] == "color":
            return ErrorDetail(where, "must be a colour like #1e88e5", "pattern")
        if path and path[-1] in ("min", "max", "default"):
            return ErrorDetail(where, "must be a decimal number such as 12.5", "pattern")
        return ErrorDetail(where, f"does not have the expected form ({value})", "pattern")
    if v in ("minimum", "maximum"):
        word = "at least" if v == "minimum" else "at most"
        return ErrorDetail(where, f"must be {word} {value}", v)
    if v in ("minLength", "maxLength"):
        if v == "minLength" and value == 1:
            return ErrorDetail(where, "must not be empty", v)
        word = "at least" if v == "minLength" else "at most"
        return ErrorDetail(where, f"must be {word} {value} characters long", v)
    if v in ("minItems", "maxItems"):
        if v == "minItems" and value == 1:
            return ErrorDetail(where, "needs at least one entry", v)
        word = "at least" if v == "minItems" else "at most"
        return ErrorDetail(where, f"must have {word} {value} entries", v)
    if v == "enum":
        options = ", ".join(repr(x) for x in value)
        if path and path[-1] == "type":
            return ErrorDetail(where, f"is not a known field type; use one of {options}", "enum")
        return ErrorDetail(where, f"must be one of {options}", "enum")
    if v == "const":
        return ErrorDetail(where, f"must be {value!r}", "const")
    if v == "anyOf" and path and (path[-1] in ("label", "description") or "label" in path):
        return ErrorDetail(
            where, 'must be text, or a map of locale to text like {"en": "Lot"}', "label"
        )
    if v == "format":
        return ErrorDetail(where, f"is not a valid {value}", "format")
    if v == "propertyNames":
        return ErrorDetail(where, "locale names must look like 'en' or 'zh-CN'", "locale")
    return ErrorDetail(where, error.message, str(v))


_TYPE_WORDS = {
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
    "object": "an object",
    "array": "a list",
    "null": "empty (null)",
}
