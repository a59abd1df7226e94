"""The ``time`` field type: a time of day (``08:30`` or ``08:30:15``), no date, no zone."""

from __future__ import annotations

from datetime import UTC, datetime, time
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import Time

from engine.definitions.specs import TimeFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> TimeFieldSpec:
    return TimeFieldSpec(id="shift_start", label="Shift start", type="time", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("time")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("08:30", time(8, 30)),
        ("08:30:15", time(8, 30, 15)),
        (" 08:30 ", time(8, 30)),
        ("00:00", time(0, 0)),
        ("23:59:59", time(23, 59, 59)),
        ("12:00:00", time(12, 0)),
        (time(17, 45, 10), time(17, 45, 10)),
        (time(17, 45, 10, 999_999), time(17, 45, 10)),
    ],
)
def test_clean_parses_times_of_day(ft: FieldType[Any], raw: Any, expected: time) -> None:
    value = ft.clean(spec(), raw)
    assert value == expected
    assert type(value) is time
    assert value.microsecond == 0


@pytest.mark.parametrize(
    "raw",
    [
        "8:30",
        "24:00",
        "08:30:15.5",
        "08:60",
        "08:30:60",
        "0830",
        "08.30",
        "08:30 AM",
        "08:30Z",
        "08:30+08:00",
        "08:3",
        "T08:30",
        "２３:００",
        "2026-11-21T08:30",
        datetime(2026, 11, 21, 8, 30, tzinfo=UTC),
        830,
        8.5,
        True,
        [8, 30],
    ],
)
def test_clean_refuses_other_shapes(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == (
        "type",
        "must be a time of day like 08:30 or 17:45:10",
    )


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_empty(ft: FieldType[Any], raw: str) -> None:
    assert ft.clean(spec(min=time(9)), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min=time(9)), None) is None
    assert ft.to_json(spec(), None) is None


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("08:30", "08:30"),
        ("08:30:00", "08:30"),
        ("08:30:15", "08:30:15"),
        ("00:00", "00:00"),
        ("23:59:59", "23:59:59"),
    ],
)
def test_to_json_leaves_out_zero_seconds(ft: FieldType[Any], raw: str, expected: str) -> None:
    assert ft.to_json(spec(), ft.clean(spec(), raw)) == expected


def test_to_json_round_trips(ft: FieldType[Any]) -> None:
    for raw in ("06:05", "06:05:04", "19:00"):
        value = ft.clean(spec(), raw)
        assert ft.clean(spec(), ft.to_json(spec(), value)) == value


def test_min_and_max(ft: FieldType[Any]) -> None:
    s = spec(min=time(8), max=time(17, 30))
    assert ft.clean(s, "08:00") == time(8)
    assert ft.clean(s, "17:30") == time(17, 30)
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "07:59:59")
    assert (info.value.code, info.value.message) == ("min", "must be at least 08:00")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, "17:30:01")
    assert (info.value.code, info.value.message) == ("max", "must be at most 17:30")
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(max=time(17, 30, 15)), "18:00")
    assert info.value.message == "must be at most 17:30:15"


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec())
    assert schema["type"] == "string"
    assert schema["examples"] == ["08:30"]
    Draft202012Validator.check_schema(schema)


def test_json_schema_accepts_to_json_outputs(ft: FieldType[Any]) -> None:
    validator = Draft202012Validator(ft.json_schema(spec()))
    for raw in ("08:30", "08:30:15", "00:00", "23:59:59", time(12, 0, 1)):
        assert validator.is_valid(ft.to_json(spec(), ft.clean(spec(), raw)))
    for bad in ("8:30", "24:00", "08:60", "", 830, None):
        assert not validator.is_valid(bad), bad


@pytest.mark.parametrize("bad", ["08:30:15.5", "x08:30", "08:30 AM", "108:30", "08:30:15+08:00"])
def test_json_schema_rejects_what_clean_refuses(ft: FieldType[Any], bad: str) -> None:
    with pytest.raises(FieldValueError):
        ft.clean(spec(), bad)
    assert not Draft202012Validator(ft.json_schema(spec())).is_valid(bad)


def test_a_time_with_a_zone_is_refused_or_made_naive(ft: FieldType[Any]) -> None:
    aware = time(8, 30, tzinfo=UTC)
    try:
        value = ft.clean(spec(), aware)
    except FieldValueError:
        return
    assert value.tzinfo is None
    assert ft.to_json(spec(), value) == "08:30"


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), Time)
    assert ft.sql_signature(spec()) == "time"
    assert ft.sql_signature(spec(min=time(8))) == "time"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "time"
    assert ft.spec_model is TimeFieldSpec
    assert ft.stored is True
    assert ft.sortable is True
    assert ft.indexable is True
    assert ft.can_be_unique is True
    assert ft.numeric is False
    assert set(ft.filter_operators) == {"eq", "ne", "in", "nin", "isnull", "gt", "gte", "lt", "lte"}
    assert ft.compatible_from == frozenset()
    assert ft.filter_condition(None, "eq", time(8)) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "08:30") == time(8, 30)
    assert ft.parse_filter_value(spec(), "08:30:15") == time(8, 30, 15)
    assert ft.parse_filter_value(spec(), "") is None
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "8:30")
    assert info.value.code == "type"


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=time(8, 30))
    assert ft.clean(s, ft.default_value(s)) == time(8, 30)
    assert ft.default_value(spec()) is None
    parsed = TimeFieldSpec.model_validate(
        {"id": "t", "label": "T", "type": "time", "default": "08:30:15"}
    )
    assert parsed.default == time(8, 30, 15)
    assert ft.to_json(parsed, ft.clean(parsed, ft.default_value(parsed))) == "08:30:15"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min=time(8), max=time(8))) == []
    assert ft.check_spec(spec(min=time(17), max=time(8))) == [("max", "must not be less than min")]
