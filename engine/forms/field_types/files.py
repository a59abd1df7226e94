"""Attachments, images and signatures: ids of uploaded files, checked against the uploads."""

from __future__ import annotations

import fnmatch
from typing import Any

from sqlalchemy import JSON, String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import AttachmentFieldSpec, ImageFieldSpec, SignatureFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType

IMAGE_TYPES = ("image/*",)


def file_id(raw: Any) -> str:
    if isinstance(raw, dict):
        raw = raw.get("id")
    if not isinstance(raw, str) or len(raw) != 32 or any(c not in "0123456789abcdef" for c in raw):
        raise FieldValueError("type", "must be the id of an uploaded file (POST /api/v1/files)")
    return raw


class _FilesFieldType(FieldType[Any]):
    files = True
    shown_key = "id"
    sortable = False
    indexable = False
    can_be_unique = False
    filter_operators = ("isnull",)

    def accepts(self, spec: Any) -> tuple[str, ...]:
        return IMAGE_TYPES

    def max_bytes(self, spec: Any) -> int:
        return int(spec.max_size_mb) * 1024 * 1024

    def allows(self, spec: Any, content_type: str) -> bool:
        return any(fnmatch.fnmatchcase(content_type, pattern) for pattern in self.accepts(spec))


class AttachmentFieldType(_FilesFieldType):
    type = "attachment"
    spec_model = AttachmentFieldSpec

    def accepts(self, spec: Any) -> tuple[str, ...]:
        return tuple(spec.accept)

    def column_type(self, spec: Any) -> TypeEngine[Any]:
        return JSON(none_as_null=True)

    def sql_signature(self, spec: Any) -> str:
        return "json"

    def json_schema(self, spec: Any) -> dict[str, Any]:
        return {
            "type": "array",
            "maxItems": spec.max_files,
            "items": {"anyOf": [{"type": "string"}, {"type": "object", "required": ["id"]}]},
            "description": f"Ids of uploaded files ({', '.join(self.accepts(spec))}); "
            "reads return their names, sizes and URLs",
        }

    def coerce(self, spec: Any, raw: Any) -> list[str] | None:
        if not isinstance(raw, list):
            raise FieldValueError("type", "must be a list of uploaded file ids")
        ids = list(dict.fromkeys(file_id(item) for item in raw))
        if len(ids) > spec.max_files:
            raise FieldValueError("max_files", f"may hold at most {spec.max_files} files")
        return ids or None


class ImageFieldType(AttachmentFieldType):
    type = "image"
    spec_model = ImageFieldSpec  # type: ignore[assignment]
    compatible_from = frozenset({"attachment"})

    def accepts(self, spec: Any) -> tuple[str, ...]:
        return IMAGE_TYPES


class SignatureFieldType(_FilesFieldType):
    type = "signature"
    spec_model = SignatureFieldSpec

    def max_bytes(self, spec: Any) -> int:
        return 2 * 1024 * 1024

    def accepts(self, spec: Any) -> tuple[str, ...]:
        return ("image/png",)

    def column_type(self, spec: Any) -> TypeEngine[Any]:
        return String(32)

    def sql_signature(self, spec: Any) -> str:
        return "varchar(32)"

    def json_schema(self, spec: Any) -> dict[str, Any]:
        return {
            "anyOf": [{"type": "string"}, {"type": "object", "required": ["id"]}],
            "description": "Id of an uploaded PNG",
        }

    def coerce(self, spec: Any, raw: Any) -> str:
        return file_id(raw)
