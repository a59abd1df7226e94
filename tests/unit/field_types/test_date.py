"""The ``date`` field type: calendar dates in ISO 8601."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import pytest
from sqlalchemy import Date

from engine.definitions.specs import DateFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> DateFieldSpec:
    return DateFieldSpec(id="produced_on", label="Produced on", type="date", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("date")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-21", date(2026, 11, 21)),
        (" 2026-11-21 ", date(2026, 11, 21)),
        ("2024-02-29", date(2024, 2, 29)),
        (date(2026, 1, 2), date(2026, 1, 2)),
    ],
)
def test_clean_parses_iso_dates(ft: FieldType[Any], raw: Any, expected: date) -> None:
    value = ft.clean(spec(), raw)
    assert value == expected
    assert type(value) is date


@pytest.mark.parametrize("raw", ["", "  "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=date(2030, 1, 1)), None) is None


@pytest.mark.parametrize(
    "raw",
    [
        "2026-13-01",
        "2025-02-29",
        "21/11/2026",
        "tomorrow",
        "2026-11-21T08:00:00",
        datetime(2026, 11, 21, tzinfo=UTC),
        20261121,
        True,
        [2026, 11, 21],
    ],
)
def test_clean_refuses_non_dates(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", "must be a date like 2026-11-21")


def test_min_and_max(ft: FieldType[Any]) -> None:
    s = spec(min=date(2026, 1, 1), max=date(2026, 12, 31))
    assert ft.clean(s, "2026-01-01") == date(2026, 1, 1)
    assert ft.clean(s, "2026-12-31") == date(2026, 12, 31)
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "2025-12-31")
    assert (info.value.code, info.value.message) == ("min", "must be at least 2026-01-01")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "2027-01-01")
    assert (info.value.code, info.value.message) == ("max", "must be at most 2026-12-31")


def test_to_json(ft: FieldType[Any]) -> None:
    assert ft.to_json(spec(), date(2026, 3, 4)) == "2026-03-04"
    assert ft.to_json(spec(), None) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "2026-03-04") == date(2026, 3, 4)
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "March 4")
    assert info.value.code == "type"


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "string", "format": "date"}


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), Date)
    assert ft.sql_signature(spec()) == "date"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "date"
    assert ft.spec_model is DateFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}


def test_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=date(2026, 1, 1))
    assert ft.clean(s, ft.default_value(s)) == date(2026, 1, 1)


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=date(2026, 1, 1), max=date(2026, 1, 1))) == []
    assert ft.check_spec(spec(min=date(2026, 1, 2), max=date(2026, 1, 1))) == [
        ("max", "must not be less than min")
    ]
