"""Interpret a scan without saving anything (the UI previews and maps the parts)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter
from pydantic import BaseModel, Field

from engine.api.deps import ActorDep
from engine.api.models import PROBLEM_RESPONSES
from engine.errors import ErrorDetail, InvalidInput
from engine.forms.gs1 import ScanError, parse_scan

router = APIRouter(tags=["forms"], responses=PROBLEM_RESPONSES)


class ScanIn(BaseModel):
    raw: str = Field(max_length=1000, description="Exactly what the scanner sent (GS as \\u001d)")


class ScanInvalid(InvalidInput):
    code = "scan_invalid"
    title = "The scan is not a valid barcode"


@router.post("/scan", summary="Take a scan apart (GS1 element string, Digital Link, GTIN, SSCC)")
def interpret_scan(body: ScanIn, actor: ActorDep) -> dict[str, Any]:
    try:
        return parse_scan(body.raw, strict=True).as_dict()
    except ScanError as exc:
        raise ScanInvalid(exc.message, [ErrorDetail("/raw", exc.message, exc.code)]) from None
