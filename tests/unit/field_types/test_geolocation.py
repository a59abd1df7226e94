"""The ``geolocation`` field type: ``{"lat": .., "lng": .., "accuracy": ..}`` (WGS 84, metres)."""

from __future__ import annotations

import math
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from sqlalchemy import JSON

from engine.definitions.specs import GeolocationFieldSpec
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry


def spec(**kw: Any) -> GeolocationFieldSpec:
    return GeolocationFieldSpec(id="site", label="Site", type="geolocation", **kw)


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("geolocation")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"lat": 31.2304, "lng": 121.4737}, {"lat": 31.2304, "lng": 121.4737}),
        (
            {"lat": 31.2304, "lng": 121.4737, "accuracy": 12},
            {"lat": 31.2304, "lng": 121.4737, "accuracy": 12.0},
        ),
        ({"lat": 0, "lng": 0}, {"lat": 0.0, "lng": 0.0}),
        ({"lat": -33.8688, "lng": 151.2093, "accuracy": None}, {"lat": -33.8688, "lng": 151.2093}),
        ({"lat": "31.2304", "lng": " 121.4737 "}, {"lat": 31.2304, "lng": 121.4737}),
        ("31.2304,121.4737", {"lat": 31.2304, "lng": 121.4737}),
        (" 31.2304 , 121.4737 ", {"lat": 31.2304, "lng": 121.4737}),
        ("31.2304,121.4737,15.5", {"lat": 31.2304, "lng": 121.4737, "accuracy": 15.5}),
        ("-90,-180", {"lat": -90.0, "lng": -180.0}),
        ({"lat": 90, "lng": 180, "accuracy": 0}, {"lat": 90.0, "lng": 180.0, "accuracy": 0.0}),
    ],
)
def test_clean_takes_an_object_or_lat_comma_lng(
    ft: FieldType[Any], raw: Any, expected: dict[str, float]
) -> None:
    value = ft.clean(spec(), raw)
    assert value == expected
    assert all(type(v) is float for v in value.values())
    assert ft.to_json(spec(), value) == expected


def test_clean_rounds_to_seven_decimals(ft: FieldType[Any]) -> None:
    value = ft.clean(spec(), {"lat": 31.230416789, "lng": -121.473701449, "accuracy": 4.56})
    assert value == {"lat": 31.2304168, "lng": -121.4737014, "accuracy": 4.6}
    assert ft.clean(spec(), "1.00000004,2.00000005") == {"lat": 1.0, "lng": 2.0000001}


def test_clean_does_not_change_the_callers_object(ft: FieldType[Any]) -> None:
    raw = {"lat": "31.23041234", "lng": 121.47}
    value = ft.clean(spec(), raw)
    assert raw == {"lat": "31.23041234", "lng": 121.47}
    assert value is not raw


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"lat": 90.5, "lng": 0}, "latitude must be between -90 and 90"),
        ({"lat": -91, "lng": 0}, "latitude must be between -90 and 90"),
        ({"lat": 0, "lng": 180.0001}, "longitude must be between -180 and 180"),
        ({"lat": 0, "lng": -181}, "longitude must be between -180 and 180"),
        ("121.4737,31.2304", "latitude must be between -90 and 90"),
        ({"lat": 0, "lng": 0, "accuracy": -1}, "accuracy cannot be negative"),
        ("1e3,0", "latitude must be between -90 and 90"),
    ],
)
def test_clean_refuses_values_out_of_range(ft: FieldType[Any], raw: Any, message: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("range", message)


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ({"lat": math.nan, "lng": 0}, "lat must be a finite number"),
        ({"lat": 0, "lng": math.inf}, "lng must be a finite number"),
        ({"lat": 0, "lng": 0, "accuracy": -math.inf}, "accuracy must be a finite number"),
        ("nan,0", "lat must be a finite number"),
        ("0,Infinity", "lng must be a finite number"),
        ({"lat": True, "lng": 0}, "lat must be a number"),
        ({"lat": 0, "lng": False}, "lng must be a number"),
        ({"lat": 0, "lng": 0, "accuracy": True}, "accuracy must be a number"),
        ({"lat": "north", "lng": 0}, "lat must be a number"),
        ({"lat": None, "lng": 0}, "lat must be a number"),
        ({"lat": [31.2], "lng": 0}, "lat must be a number"),
        ("31.2N,121.4E", "lat must be a number"),
        ({"lng": 121.4}, "needs both lat and lng"),
        ({"lat": 31.2}, "needs both lat and lng"),
        ({}, "needs both lat and lng"),
        (
            {"lat": 31.2, "lng": 121.4, "alt": 4},
            "has unknown member 'alt'; use lat, lng, accuracy",
        ),
        (
            {"latitude": 31.2, "longitude": 121.4},
            "has unknown member 'latitude'; use lat, lng, accuracy",
        ),
        ({"lat": 1, "lon": 2}, "has unknown member 'lon'; use lat, lng, accuracy"),
        ("31.2", "must be 'latitude,longitude' or an object with lat and lng"),
        ("31.2,", "must be 'latitude,longitude' or an object with lat and lng"),
        (",121.4", "must be 'latitude,longitude' or an object with lat and lng"),
        ("1,2,3,4", "must be 'latitude,longitude' or an object with lat and lng"),
        ("31.2;121.4", "must be 'latitude,longitude' or an object with lat and lng"),
        ("31,2 121,4", "lng must be a number"),  # decimal commas are not read
        ([31.2, 121.4], "must be an object with lat and lng"),
        ((31.2, 121.4), "must be an object with lat and lng"),
        (31.2, "must be an object with lat and lng"),
        (True, "must be an object with lat and lng"),
    ],
)
def test_clean_refuses_what_is_not_a_point(ft: FieldType[Any], raw: Any, message: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", message)


@pytest.mark.parametrize(
    "raw", [{"lat": 10**400, "lng": 0}, {"lat": 0, "lng": 0, "accuracy": 10**309}]
)
def test_huge_integers_are_a_field_error(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code in ("type", "range")


@pytest.mark.parametrize("raw", ["", "   "])
def test_blank_text_is_refused_not_empty(ft: FieldType[Any], raw: str) -> None:
    # Unlike the text-based types, blank text is not read as "no value" here.
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "type"


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(), None) is None
    assert ft.to_json(spec(), None) is None


def test_json_schema(ft: FieldType[Any]) -> None:
    schema = ft.json_schema(spec())
    assert schema["type"] == "object"
    assert schema["required"] == ["lat", "lng"]
    assert schema["additionalProperties"] is False
    assert set(schema["properties"]) == {"lat", "lng", "accuracy"}
    Draft202012Validator.check_schema(schema)


def test_json_schema_agrees_with_to_json(ft: FieldType[Any]) -> None:
    validator = Draft202012Validator(ft.json_schema(spec()))
    for raw in (
        {"lat": 31.2304, "lng": 121.4737},
        {"lat": -90, "lng": 180, "accuracy": 0},
        "31.2304,121.4737,8",
    ):
        assert validator.is_valid(ft.to_json(spec(), ft.clean(spec(), raw)))
    for bad in (
        {"lat": 91, "lng": 0},
        {"lat": 0, "lng": -180.5},
        {"lat": 0, "lng": 0, "accuracy": -1},
        {"lat": 0},
        {"lat": 0, "lng": 0, "alt": 1},
        {"lat": True, "lng": 0},
        {"lat": "31.2", "lng": "121.4"},
        "31.2304,121.4737",
        [31.2, 121.4],
        None,
    ):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), JSON)
    assert ft.sql_signature(spec()) == "json"


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "geolocation"
    assert ft.spec_model is GeolocationFieldSpec
    assert ft.stored is True
    assert ft.sortable is False
    assert ft.indexable is False
    assert ft.can_be_unique is False
    assert ft.numeric is False
    assert ft.filter_operators == ("isnull",)
    assert ft.compatible_from == frozenset()
    assert ft.filter_condition(None, "eq", {"lat": 0, "lng": 0}) is None


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "31.2304,121.4737") == {"lat": 31.2304, "lng": 121.4737}
    with pytest.raises(FieldValueError) as info:
        ft.parse_filter_value(spec(), "Shanghai")
    assert info.value.code == "type"


def test_there_is_no_default(ft: FieldType[Any]) -> None:
    assert ft.default_value(spec()) is None
    assert ft.clean(spec(), ft.default_value(spec())) is None
    from pydantic import ValidationError

    with pytest.raises(ValidationError):
        spec(default={"lat": 0, "lng": 0})


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(required=True)) == []
