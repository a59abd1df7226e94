"""The ``datetime`` field type: points in time, always with an offset, stored in UTC."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta, timezone
from typing import Any

import pytest

from engine.definitions.specs import DateTimeFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry
from engine.storage.types import UTCDateTime

SHANGHAI = timezone(timedelta(hours=8))


def spec(**kw: Any) -> DateTimeFieldSpec:
    return DateTimeFieldSpec(id="inspected_at", label="Inspected at", type="datetime", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("datetime")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("2026-11-21T08:30:00Z", datetime(2026, 11, 21, 8, 30, tzinfo=UTC)),
        ("2026-11-21T08:30:00+00:00", datetime(2026, 11, 21, 8, 30, tzinfo=UTC)),
        ("2026-11-21T08:30:00+08:00", datetime(2026, 11, 21, 0, 30, tzinfo=UTC)),
        ("2026-11-21T02:00:00+08:00", datetime(2026, 11, 20, 18, 0, tzinfo=UTC)),
        ("2026-11-21T08:30:00-05:30", datetime(2026, 11, 21, 14, 0, tzinfo=UTC)),
        (" 2026-11-21T08:30:00.250Z ", datetime(2026, 11, 21, 8, 30, 0, 250000, tzinfo=UTC)),
        (datetime(2026, 11, 21, 8, 30, tzinfo=SHANGHAI), datetime(2026, 11, 21, 0, 30, tzinfo=UTC)),
    ],
)
def test_clean_normalises_to_utc(ft: FieldType[Any], raw: Any, expected: datetime) -> None:
    value = ft.clean(spec(), raw)
    assert value == expected
    assert value.utcoffset() == timedelta(0)
    assert value.tzinfo is UTC
    # Same wall-clock fields as the expected UTC time, not just the same instant.
    assert (value.year, value.month, value.day, value.hour, value.minute) == (
        expected.year,
        expected.month,
        expected.day,
        expected.hour,
        expected.minute,
    )


@pytest.mark.parametrize(
    "raw", ["2026-11-21T08:30:00", "2026-11-21 08:30", "2026-11-21", datetime(2026, 11, 21, 8)]
)
def test_clean_refuses_naive_times(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "timezone"
    assert "Z or +08:00" in info.value.message


@pytest.mark.parametrize(
    "raw",
    ["not a time", "2026-11-31T08:00:00Z", "21/11/2026 08:00Z", 1700000000, True, date(2026, 1, 1)],
)
def test_clean_refuses_non_datetimes(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=datetime(2030, 1, 1, tzinfo=UTC)), None) is None


def test_to_json_uses_z(ft: FieldType[Any]) -> None:
    s = spec()
    assert ft.to_json(s, ft.clean(s, "2026-11-21T08:30:00+08:00")) == "2026-11-21T00:30:00Z"
    assert ft.to_json(s, datetime(2026, 11, 21, 8, 30, tzinfo=SHANGHAI)) == "2026-11-21T00:30:00Z"
    assert ft.to_json(s, ft.clean(s, "2026-11-21T08:30:00.5Z")) == "2026-11-21T08:30:00.500000Z"
    assert ft.to_json(s, None) is None


def test_to_json_round_trips(ft: FieldType[Any]) -> None:
    s = spec()
    value = ft.clean(s, "2026-06-30T23:59:59-07:00")
    assert ft.clean(s, ft.to_json(s, value)) == value


def test_min_and_max_compare_instants(ft: FieldType[Any]) -> None:
    s = spec(
        min=datetime(2026, 1, 1, tzinfo=UTC),
        max=datetime(2026, 12, 31, 16, 0, tzinfo=UTC),
    )
    # Local midnight in Shanghai on 1 Jan is still 31 Dec in UTC.
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "2026-01-01T07:59:59+08:00")
    assert (info.value.code, info.value.message) == ("min", "must be at least 2026-01-01T00:00:00Z")
    assert ft.clean(s, "2026-01-01T08:00:00+08:00") == datetime(2026, 1, 1, tzinfo=UTC)
    assert ft.clean(s, "2027-01-01T00:00:00+08:00") == datetime(2026, 12, 31, 16, tzinfo=UTC)
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "2026-12-31T16:00:01Z")
    assert (info.value.code, info.value.message) == ("max", "must be at most 2026-12-31T16:00:00Z")


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "2026-11-21T08:30:00+08:00") == datetime(
        2026, 11, 21, 0, 30, tzinfo=UTC
    )
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "2026-11-21T08:30:00")
    assert info.value.code == "timezone"


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {"type": "string", "format": "date-time"}


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), UTCDateTime)
    assert ft.sql_signature(spec()) == "timestamptz"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "datetime"
    assert ft.spec_model is DateTimeFieldSpec
    assert ft.sortable is True
    assert ft.indexable is True
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert ft.default_value(spec()) is None


def test_check_spec(ft: FieldType[Any]) -> None:
    early = datetime(2026, 1, 1, tzinfo=UTC)
    late = datetime(2026, 1, 2, tzinfo=SHANGHAI)
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=early, max=late)) == []
    assert ft.check_spec(spec(min=late, max=early)) == [("max", "must not be less than min")]


def test_check_spec_refuses_naive_bounds(ft: FieldType[Any]) -> None:
    naive = spec(min="2026-01-01T00:00:00", max="2026-12-31T00:00:00")
    assert naive.min is not None and naive.min.tzinfo is None
    problems = ft.check_spec(naive)
    assert [p for p, _ in problems] == ["min", "max"]
    assert all("time zone offset" in message for _, message in problems)
    assert ft.check_spec(spec(max=datetime(2026, 1, 1))) == [
        ("max", "must include a time zone offset, such as Z or +08:00")
    ]
