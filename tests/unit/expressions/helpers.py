"""Shared test helpers: one form's fields, and shortcuts to compile and evaluate."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

import pytest

from engine.expressions import ExpressionError, compile_expression

FIELDS: Mapping[str, str] = {
    "quantity": "integer",
    "unit_price": "decimal",
    "weight": "decimal",
    "name": "text",
    "note": "long_text",
    "status": "single_select",
    "active": "boolean",
    "received_on": "date",
    "due_on": "date",
    "shipped_at": "datetime",
    "packed_at": "datetime",
    "start_time": "time",
    "end_time": "time",
    "tags": "multi_select",
    "location": "geolocation",
}

NOW = datetime(2024, 3, 15, 22, 30, tzinfo=UTC)
"""A fixed moment: 22:30 UTC is already the 16th in Asia/Tokyo."""


def run(
    source: str,
    fields: Mapping[str, str] = FIELDS,
    *,
    now: datetime | None = NOW,
    tz: str = "UTC",
    **values: Any,
) -> Any:
    """Compile ``source`` and evaluate it with ``values``."""
    return compile_expression(source, fields).evaluate(values, now=now, tz=tz)


def fails(source: str, fields: Mapping[str, str] = FIELDS, **values: Any) -> ExpressionError:
    """The error compiling or evaluating ``source`` raises (constant ones fail at compile)."""
    with pytest.raises(ExpressionError) as info:
        run(source, fields, **values)
    return info.value


def compile_fails(source: str, fields: Mapping[str, str] = FIELDS) -> ExpressionError:
    """The error compiling ``source`` raises."""
    with pytest.raises(ExpressionError) as info:
        compile_expression(source, fields)
    return info.value


def evaluate_fails(
    source: str, fields: Mapping[str, str] = FIELDS, **values: Any
) -> ExpressionError:
    """The error evaluating ``source`` raises; compiling it must succeed."""
    compiled = compile_expression(source, fields)
    with pytest.raises(ExpressionError) as info:
        compiled.evaluate(values, now=NOW)
    return info.value
