"""Scan codes: what a keyboard-wedge scanner or a camera delivers, GS1-aware."""

from __future__ import annotations

from typing import Any

from sqlalchemy import String
from sqlalchemy.types import TypeEngine

from engine.definitions.specs import ScanCodeFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import EQUALITY_OPERATORS, TEXT_OPERATORS, FieldType
from engine.forms.gs1 import ScanError, parse_scan

# Which field types can take each part of a scan.
PART_TARGETS: dict[str, frozenset[str]] = {
    "gtin": frozenset({"text", "scan_code"}),
    "lot": frozenset({"text", "scan_code"}),
    "serial": frozenset({"text", "scan_code"}),
    "sscc": frozenset({"text", "scan_code"}),
    "text": frozenset({"text", "long_text"}),
    "expiry": frozenset({"date", "text"}),
    "best_before": frozenset({"date", "text"}),
    "production_date": frozenset({"date", "text"}),
    "quantity": frozenset({"decimal", "integer", "text"}),
    "net_weight_kg": frozenset({"decimal", "text"}),
}


class ScanCodeFieldType(FieldType[ScanCodeFieldSpec]):
    type = "scan_code"
    spec_model = ScanCodeFieldSpec
    filter_operators = EQUALITY_OPERATORS + TEXT_OPERATORS
    compatible_from = frozenset({"text"})

    def column_type(self, spec: ScanCodeFieldSpec) -> TypeEngine[Any]:
        return String(spec.max_length)

    def sql_signature(self, spec: ScanCodeFieldSpec) -> str:
        return f"varchar({spec.max_length})"

    def json_schema(self, spec: ScanCodeFieldSpec) -> dict[str, Any]:
        return {
            "type": "string",
            "maxLength": spec.max_length,
            "description": "Exactly what was scanned; GS1 separators (\\u001d) are kept.",
        }

    def coerce(self, spec: ScanCodeFieldSpec, raw: Any) -> str | None:
        if not isinstance(raw, str):
            raise FieldValueError("type", "must be the scanned text")
        # Scanners end with CR/LF; a GS at either end carries nothing.
        text = raw.strip("\r\n\t \x1d")
        return text or None

    def validate(self, spec: ScanCodeFieldSpec, value: str) -> None:
        if len(value) > spec.max_length:
            raise FieldValueError(
                "max_length", f"must be at most {spec.max_length} characters long"
            )
        try:
            result = parse_scan(value, strict=True)
        except ScanError as exc:
            raise FieldValueError(exc.code, exc.message) from None
        if spec.accept == "gs1" and result.kind == "plain":
            raise FieldValueError("not_gs1", "is not a GS1 barcode; scan the GS1 label")

    def expand(self, spec: ScanCodeFieldSpec, data: dict[str, Any]) -> dict[str, Any]:
        """Fill mapped fields from a GS1 scan when the record does not give them."""
        raw = data.get(spec.id)
        if not spec.fill or not isinstance(raw, str) or not raw.strip():
            return data
        result = parse_scan(raw.strip("\r\n\t \x1d"), strict=False)
        parts = result.as_dict()
        filled = dict(data)
        for part, target in spec.fill.items():
            if filled.get(target) in (None, "") and parts.get(part) not in (None, ""):
                filled[target] = parts[part]
        return filled

    def check_spec(self, spec: ScanCodeFieldSpec) -> list[tuple[str, str]]:
        return []  # fill targets are checked against the whole form in checks.py
