"""Email addresses, phone numbers and web addresses: text with a checked shape."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import EmailFieldSpec, PhoneFieldSpec, UrlFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import EQUALITY_OPERATORS, TEXT_OPERATORS, FieldType
from engine.forms.field_types.text import coerce_text

_EMAIL = re.compile(r"[^@\s]{1,64}@([^@\s.]+\.)+[^@\s.]{2,}")
_PHONE = re.compile(r"\+?[0-9(][0-9 ()\-]{3,30}")


class _ShapedText(FieldType[Any]):
    max_length = 255
    filter_operators = EQUALITY_OPERATORS + TEXT_OPERATORS
    compatible_from = frozenset({"text"})

    def column_type(self, spec: Any) -> TypeEngine[Any]:
        return String(self.max_length)

    def sql_signature(self, spec: Any) -> str:
        return f"varchar({self.max_length})"

    def coerce(self, spec: Any, raw: Any) -> str | None:
        text = coerce_text(raw)
        return None if text is None else text.strip() or None


class EmailFieldType(_ShapedText):
    type = "email"
    spec_model = EmailFieldSpec
    max_length = 254

    def json_schema(self, spec: Any) -> dict[str, Any]:
        return {"type": "string", "format": "email", "maxLength": self.max_length}

    def coerce(self, spec: Any, raw: Any) -> str | None:
        text = super().coerce(spec, raw)
        if text is None:
            return None
        local, _, domain = text.rpartition("@")
        return f"{local}@{domain.lower()}" if local else text  # domains are case-insensitive

    def validate(self, spec: Any, value: str) -> None:
        if len(value) > self.max_length or not _EMAIL.fullmatch(value):
            raise FieldValueError("format", "is not an email address like name@example.com")


class PhoneFieldType(_ShapedText):
    type = "phone"
    spec_model = PhoneFieldSpec
    max_length = 32

    def json_schema(self, spec: Any) -> dict[str, Any]:
        return {
            "type": "string",
            "pattern": "^" + _PHONE.pattern + "$",
            "maxLength": self.max_length,
        }

    def validate(self, spec: Any, value: str) -> None:
        if not _PHONE.fullmatch(value):
            raise FieldValueError("format", "is not a phone number (digits, spaces, + ( ) -)")


class UrlFieldType(_ShapedText):
    type = "url"
    spec_model = UrlFieldSpec
    max_length = 2048
    # Up to 2,048 characters can exceed a PostgreSQL b-tree entry: no index, no unique.
    indexable = False
    can_be_unique = False

    def json_schema(self, spec: Any) -> dict[str, Any]:
        return {"type": "string", "format": "uri", "maxLength": self.max_length}

    def validate(self, spec: Any, value: str) -> None:
        bad = FieldValueError("format", "is not a web address starting with http:// or https://")
        if any(ch.isspace() or ord(ch) < 32 for ch in value):
            raise bad
        try:
            parts = urlsplit(value)
            host = parts.hostname
        except ValueError:  # e.g. unbalanced [ ] around an IPv6 host
            raise bad from None
        if not host:
            raise bad
        if len(value) > self.max_length or parts.scheme not in ("http", "https"):
            raise bad
