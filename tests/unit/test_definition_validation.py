"""Definition documents: meta-schema errors as JSON pointers in plain words; semantic checks."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator

import engine.definitions
from engine.definitions.specs import (
    RESERVED_FIELD_IDS,
    AppSpec,
    FormSpec,
)
from engine.definitions.validation import meta_schema, parse_spec, pointer, validate_document
from engine.errors import ErrorDetail
from engine.forms.checks import check_form
from engine.forms.registry import FieldTypeRegistry

SCHEMA_DIR = Path(engine.definitions.__file__).parent / "schemas"

# Fragments of jsonschema's own wording and of Python reprs that must never reach a user.
RAW_WORDING = (
    "Failed validating",
    "is not valid under any of the given schemas",
    "On instance",
    "Additional properties are not allowed",
    "is a required property",
    "{'",
    "Decimal(",
    "datetime.",
)


def form(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {
        "schema_version": 1,
        "key": "lot",
        "label": "Lot",
        "fields": [{"id": "qty", "type": "integer", "label": "Quantity"}],
    }
    doc.update(overrides)
    return doc


def with_field(**field: Any) -> dict[str, Any]:
    return form(fields=[{"id": "f", "label": "F", **field}])


def app(**overrides: Any) -> dict[str, Any]:
    doc: dict[str, Any] = {"schema_version": 1, "key": "qa", "label": "Quality"}
    doc.update(overrides)
    return doc


def without(doc: dict[str, Any], key: str) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    del doc[key]
    return doc


def found(errors: list[ErrorDetail]) -> list[tuple[str, str]]:
    return [(e.pointer, e.code) for e in errors]


def assert_plain(errors: list[ErrorDetail]) -> None:
    for error in errors:
        assert error.message, error
        for raw in RAW_WORDING:
            assert raw not in error.message, error


# --- valid documents ---------------------------------------------------------------------


def full_form() -> dict[str, Any]:
    return form(
        description={"en": "A production lot", "zh-CN": "生产批次"},
        title_field="lot_no",
        fields=[
            {
                "id": "lot_no",
                "type": "text",
                "label": "Lot",
                "required": True,
                "index": True,
                "min_length": 3,
                "max_length": 40,
                "pattern": "[A-Z]+-\\d+",
                "default": None,
            },
            {"id": "notes", "type": "long_text", "label": {"en": "Notes"}, "max_length": 5000},
            {"id": "qty", "type": "integer", "label": "Qty", "min": 0, "max": 100, "default": 1},
            {
                "id": "weight",
                "type": "decimal",
                "label": "Weight",
                "precision": 15,
                "scale": 3,
                "min": "0",
                "max": 1000.5,
            },
            {"id": "passed", "type": "boolean", "label": "Passed", "default": False},
            {"id": "made_on", "type": "date", "label": "Made on", "min": "2020-01-01"},
            {
                "id": "checked_at",
                "type": "datetime",
                "label": "Checked at",
                "max": "2030-01-01T00:00:00Z",
            },
            {
                "id": "result",
                "type": "single_select",
                "label": "Result",
                "default": "ok",
                "options": [
                    {"key": "ok", "label": "OK", "color": "#1e88e5"},
                    {"key": "ng", "label": {"en": "Not good", "zh-CN": "不良"}},
                ],
            },
            {
                "id": "price",
                "type": "currency",
                "label": "Price",
                "currency": "USD",
                "scale": 2,
                "unique": False,
            },
            {"id": "yield_pct", "type": "percent", "label": "Yield", "max": 100, "default": "95.5"},
            {
                "id": "shift_start",
                "type": "time",
                "label": "Shift start",
                "min": "06:00",
                "default": "08:00",
            },
            {
                "id": "defects",
                "type": "multi_select",
                "label": "Defects",
                "options": [{"key": "crack", "label": "Crack"}, {"key": "stain", "label": "Stain"}],
                "max_items": 2,
                "default": ["crack"],
            },
            {"id": "contact_email", "type": "email", "label": "Email", "unique": True},
            {"id": "contact_phone", "type": "phone", "label": "Phone"},
            {"id": "website", "type": "url", "label": "Website"},
            {"id": "where", "type": "geolocation", "label": "Where"},
            {
                "id": "receipt_no",
                "type": "auto_number",
                "label": "No.",
                "pattern": "RM-{yyyyMMdd}-{seq:4}",
            },
            {"id": "scan", "type": "scan_code", "label": "Scan", "fill": {"expiry": "made_on"}},
            {"id": "parent", "type": "relation", "label": "Parent", "target": "lot"},
            {
                "id": "items",
                "type": "sub_table",
                "label": "Items",
                "fields": [{"id": "qty", "type": "integer", "label": "Qty"}],
            },
            {"id": "total", "type": "formula", "label": "Total", "expression": "qty * 2"},
            {
                "id": "parent_code",
                "type": "lookup",
                "label": "P",
                "relation": "parent",
                "field": "code",
            },
            {"id": "lines", "type": "rollup", "label": "Lines", "source": "items"},
            {
                "id": "certs",
                "type": "attachment",
                "label": "Certificates",
                "accept": ["application/pdf"],
            },
            {"id": "photos", "type": "image", "label": "Photos", "max_files": 4},
            {"id": "signed", "type": "signature", "label": "Signature"},
            {"id": "inspector", "type": "user", "label": "Inspector", "current_user": True},
            {"id": "dept", "type": "department", "label": "Department"},
        ],
    )


def test_a_minimal_form_is_valid() -> None:
    assert validate_document("form", form()) == []


def test_a_form_using_every_field_type_is_valid(registry: FieldTypeRegistry) -> None:
    doc = full_form()
    assert {f["type"] for f in doc["fields"]} == set(registry.names())
    assert validate_document("form", doc) == []
    spec, errors = parse_spec(FormSpec, doc)
    assert errors == []
    assert spec is not None
    assert check_form(spec, registry) == []


def test_a_minimal_and_a_full_app_are_valid() -> None:
    assert validate_document("app", app()) == []
    full = app(description="QA", time_zone="Asia/Shanghai", default_locale="zh-CN")
    assert validate_document("app", full) == []


@pytest.mark.parametrize(
    "label",
    ["Lot", "批次", {"en": "Lot"}, {"zh-CN": "批次", "en": "Lot"}, {"zh-Hans-CN": "批次"}],
)
def test_a_label_is_text_or_a_locale_map(label: Any) -> None:
    assert validate_document("form", form(label=label)) == []
    assert validate_document("form", with_field(type="text", label=label)) == []
    assert validate_document("app", app(label=label)) == []


def test_null_descriptions_are_allowed() -> None:
    assert validate_document("form", form(description=None)) == []
    assert validate_document("form", with_field(type="text", description=None)) == []


# --- meta-schema errors: exact pointers and codes ----------------------------------------

CASES: list[tuple[str, str, dict[str, Any], list[tuple[str, str]]]] = [
    ("unknown top-level property", "form", form(colour="red"), [("/colour", "unknown_property")]),
    (
        "unknown field property",
        "form",
        with_field(type="text", max_len=5),
        [("/fields/0/max_len", "unknown_property")],
    ),
    (
        "property of another field type",
        "form",
        with_field(type="boolean", max_length=5),
        [("/fields/0/max_length", "unknown_property")],
    ),
    (
        "unknown option property",
        "form",
        with_field(type="single_select", options=[{"key": "a", "label": "A", "icon": "x"}]),
        [("/fields/0/options/0/icon", "unknown_property")],
    ),
    ("missing key", "form", without(form(), "key"), [("/key", "required")]),
    ("missing fields", "form", without(form(), "fields"), [("/fields", "required")]),
    (
        "missing schema_version",
        "form",
        without(form(), "schema_version"),
        [("/schema_version", "required")],
    ),
    (
        "missing field label",
        "form",
        form(fields=[{"id": "f", "type": "text"}]),
        [("/fields/0/label", "required")],
    ),
    (
        "missing field type",
        "form",
        form(fields=[{"id": "f", "label": "F"}]),
        [("/fields/0/type", "required")],
    ),
    ("missing app label", "app", without(app(), "label"), [("/label", "required")]),
    ("unknown field type", "form", with_field(type="colour"), [("/fields/0/type", "enum")]),
    ("key with capitals", "form", form(key="Lot"), [("/key", "pattern")]),
    ("key with a dash", "form", form(key="lot-no"), [("/key", "pattern")]),
    ("key starting with a digit", "app", app(key="1qa"), [("/key", "pattern")]),
    (
        "field id with a space",
        "form",
        with_field(type="text", id="lot no"),
        [("/fields/0/id", "pattern")],
    ),
    ("empty key", "form", form(key=""), [("/key", "minLength"), ("/key", "pattern")]),
    ("app key too long", "app", app(key="a" * 25), [("/key", "maxLength")]),
    ("form key too long", "form", form(key="a" * 41), [("/key", "maxLength")]),
    (
        "decimal precision over 15",
        "form",
        with_field(type="decimal", precision=16),
        [("/fields/0/precision", "maximum")],
    ),
    (
        "decimal precision under 1",
        "form",
        with_field(type="decimal", precision=0),
        [("/fields/0/precision", "minimum")],
    ),
    (
        "decimal scale over 10",
        "form",
        with_field(type="decimal", scale=11),
        [("/fields/0/scale", "maximum")],
    ),
    (
        "decimal min not a number",
        "form",
        with_field(type="decimal", min="1,5"),
        [("/fields/0/min", "pattern")],
    ),
    (
        "text max_length too big",
        "form",
        with_field(type="text", max_length=10_001),
        [("/fields/0/max_length", "maximum")],
    ),
    (
        "text max_length as text",
        "form",
        with_field(type="text", max_length="10"),
        [("/fields/0/max_length", "type")],
    ),
    (
        "text pattern not a regex",
        "form",
        with_field(type="text", pattern="[a-"),
        [("/fields/0/pattern", "format")],
    ),
    (
        "integer min as float",
        "form",
        with_field(type="integer", min=1.5),
        [("/fields/0/min", "type")],
    ),
    (
        "date min not a date",
        "form",
        with_field(type="date", min="2026-13-01"),
        [("/fields/0/min", "format")],
    ),
    (
        "boolean default as text",
        "form",
        with_field(type="boolean", default="yes"),
        [("/fields/0/default", "type")],
    ),
    (
        "required not boolean",
        "form",
        with_field(type="text", required="yes"),
        [("/fields/0/required", "type")],
    ),
    ("no fields", "form", form(fields=[]), [("/fields", "minItems")]),
    (
        "too many fields",
        "form",
        form(fields=[{"id": f"f{i}", "type": "boolean", "label": "F"} for i in range(501)]),
        [("/fields", "maxItems")],
    ),
    ("fields not a list", "form", form(fields={"qty": {}}), [("/fields", "type")]),
    (
        "no options",
        "form",
        with_field(type="single_select", options=[]),
        [("/fields/0/options", "minItems")],
    ),
    (
        "bad option colour",
        "form",
        with_field(type="single_select", options=[{"key": "a", "label": "A", "color": "red"}]),
        [("/fields/0/options/0/color", "pattern")],
    ),
    ("wrong schema_version", "form", form(schema_version=2), [("/schema_version", "const")]),
    ("unknown locale", "app", app(default_locale="fr"), [("/default_locale", "enum")]),
    ("time zone not text", "app", app(time_zone=8), [("/time_zone", "type")]),
    ("app with fields", "app", app(fields=[]), [("/fields", "unknown_property")]),
]


@pytest.mark.parametrize(
    ("kind", "doc", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_meta_schema_errors(
    kind: str, doc: dict[str, Any], expected: list[tuple[str, str]]
) -> None:
    errors = validate_document(kind, doc)
    assert sorted(found(errors)) == sorted(expected)
    assert_plain(errors)


INVALID_LABELS = [
    "",
    5,
    None,
    [],
    ["Lot"],
    {},
    {"EN": "Lot"},
    {"english": "Lot"},
    {"en": ""},
    {"en": 5},
    "x" * 201,
]


LABEL_PLACES: list[tuple[str, Callable[[Any], dict[str, Any]], str]] = [
    ("form", lambda label: form(label=label), "/label"),
    ("form", lambda label: form(description=label), "/description"),
    ("form", lambda label: with_field(type="text", label=label), "/fields/0/label"),
    ("form", lambda label: with_field(type="date", description=label), "/fields/0/description"),
    (
        "form",
        lambda label: with_field(type="single_select", options=[{"key": "a", "label": label}]),
        "/fields/0/options/0/label",
    ),
    ("app", lambda label: app(label=label), "/label"),
]


@pytest.mark.parametrize("label", INVALID_LABELS, ids=repr)
@pytest.mark.parametrize(
    ("kind", "make", "where"),
    LABEL_PLACES,
    ids=["form", "form description", "field", "field description", "option", "app"],
)
def test_invalid_labels(
    kind: str, make: Callable[[Any], dict[str, Any]], where: str, label: Any
) -> None:
    if label is None and where.endswith("description"):
        assert validate_document(kind, make(label)) == []  # a null description is allowed
        return
    errors = validate_document(kind, make(label))
    assert found(errors) == [(where, "label")]
    assert errors[0].message == 'must be text, or a map of locale to text like {"en": "Lot"}'


def test_messages_are_plain_language() -> None:
    by_pointer = {
        e.pointer: e.message
        for e in validate_document(
            "form",
            form(
                key="Lot",
                extra=True,
                fields=[
                    {"id": "a", "type": "decimal", "label": "A", "precision": 16},
                    {"id": "b", "type": "colour", "label": "B"},
                    {"id": "c", "type": "text"},
                ],
            ),
        )
    }
    assert by_pointer == {
        "/extra": "'extra' is not a known property here",
        "/key": "must start with a lowercase letter and contain only lowercase letters, "
        "digits and _",
        "/fields/0/precision": "must be at most 15",
        "/fields/1/type": "is not a known field type; use one of 'text', 'long_text', "
        "'integer', 'decimal', 'boolean', 'date', 'datetime', 'single_select', 'currency', "
        "'percent', 'time', 'multi_select', 'email', 'phone', 'url', 'geolocation', "
        "'auto_number', 'scan_code', 'relation', 'sub_table', 'formula', 'lookup', 'rollup', "
        "'attachment', 'image', 'signature', 'user', 'department'",
        "/fields/2/label": "is required but missing",
    }


def test_every_error_is_reported_once_in_document_order() -> None:
    errors = validate_document(
        "form",
        form(
            key="Bad",
            fields=[
                {"id": "a", "type": "text", "max_length": 0},
                {"id": "B", "type": "integer", "label": "B", "min": "x"},
            ],
        ),
    )
    assert sorted(found(errors)) == [
        ("/fields/0/label", "required"),
        ("/fields/0/max_length", "minimum"),
        ("/fields/1/id", "pattern"),
        ("/fields/1/min", "type"),
        ("/key", "pattern"),
    ]
    # Grouped by where they are in the document.
    places = [e.pointer.split("/")[1:3] for e in errors]
    assert places == sorted(places)
    assert len({(e.pointer, e.message) for e in errors}) == len(errors)
    assert_plain(errors)


def test_a_non_object_document() -> None:
    for doc in ([], "form", None, 1):
        assert found(validate_document("form", doc)) == [("", "type")]


def test_pointers_escape_slash_and_tilde() -> None:
    assert pointer([]) == ""
    assert pointer(["fields", 0, "id"]) == "/fields/0/id"
    assert pointer(["a/b", "c~d"]) == "/a~1b/c~0d"
    assert found(validate_document("form", form(**{"a/b~c": 1}))) == [
        ("/a~1b~0c", "unknown_property")
    ]


def test_parse_spec_drops_the_union_tag_from_pointers() -> None:
    doc = with_field(type="text", max_length="many")
    spec, errors = parse_spec(FormSpec, doc)
    assert spec is None
    assert [e.pointer for e in errors] == ["/fields/0/max_length"]


def test_parse_spec_catches_what_the_meta_schema_lets_through() -> None:
    doc = form(title_field="Lot Number")
    assert validate_document("form", doc) == []
    spec, errors = parse_spec(FormSpec, doc)
    assert spec is None
    assert [e.pointer for e in errors] == ["/title_field"]


def test_parse_spec_returns_typed_specs() -> None:
    spec, errors = parse_spec(AppSpec, app())
    assert errors == []
    assert isinstance(spec, AppSpec)
    assert (spec.time_zone, spec.default_locale) == ("UTC", "en")


# --- the meta-schemas themselves ---------------------------------------------------------


def test_there_is_a_meta_schema_per_kind() -> None:
    assert sorted(p.name for p in SCHEMA_DIR.glob("*.schema.json")) == [
        "app.schema.json",
        "form.schema.json",
        "role.schema.json",
    ]


@pytest.mark.parametrize("path", sorted(SCHEMA_DIR.glob("*.schema.json")), ids=lambda p: p.name)
def test_meta_schemas_are_valid_json_schema_2020_12(path: Path) -> None:
    schema = json.loads(path.read_text(encoding="utf-8"))
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    kind = path.name.removesuffix(".schema.json")
    assert meta_schema(kind) == schema


def test_form_meta_schema_field_types_match_the_registry(registry: FieldTypeRegistry) -> None:
    defs = meta_schema("form")["$defs"]
    enum = defs["field"]["properties"]["type"]["enum"]
    assert len(enum) == len(set(enum))
    assert set(enum) == set(registry.names())
    branches = {
        b["if"]["properties"]["type"]["const"]: b["then"]["$ref"] for b in defs["field"]["allOf"]
    }
    assert set(branches) == set(registry.names())
    for type_name, ref in branches.items():
        assert ref == f"#/$defs/{type_name}_field"
        assert defs[f"{type_name}_field"]["properties"]["type"] == {"const": type_name}


def test_form_meta_schema_properties_match_the_spec_models(registry: FieldTypeRegistry) -> None:
    schema = meta_schema("form")
    assert set(schema["properties"]) == set(FormSpec.model_fields)
    assert set(meta_schema("app")["properties"]) == set(AppSpec.model_fields)
    for field_type in registry:
        properties = schema["$defs"][f"{field_type.type}_field"]["properties"]
        assert set(properties) == set(field_type.spec_model.model_fields), field_type.type


# --- semantic checks ---------------------------------------------------------------------


def parse(doc: dict[str, Any]) -> FormSpec:
    assert validate_document("form", doc) == []
    spec, errors = parse_spec(FormSpec, doc)
    assert errors == []
    assert spec is not None
    return spec


def checked(
    registry: FieldTypeRegistry, *fields: dict[str, Any], **form_kw: Any
) -> list[ErrorDetail]:
    return check_form(parse(form(fields=list(fields), **form_kw)), registry)


def test_check_form_accepts_a_sound_form(registry: FieldTypeRegistry) -> None:
    assert (
        checked(
            registry,
            {"id": "lot_no", "type": "text", "label": "Lot", "index": True},
            {"id": "qty", "type": "integer", "label": "Qty", "min": 0, "max": 10, "default": 5},
            title_field="lot_no",
        )
        == []
    )


def test_duplicate_field_ids(registry: FieldTypeRegistry) -> None:
    errors = checked(
        registry,
        {"id": "a", "type": "text", "label": "A"},
        {"id": "b", "type": "text", "label": "B"},
        {"id": "a", "type": "integer", "label": "A again"},
        {"id": "a", "type": "boolean", "label": "A thrice"},
    )
    assert found(errors) == [("/fields/2/id", "duplicate"), ("/fields/3/id", "duplicate")]
    assert errors[0].message == "field id 'a' is already used by field 0"
    assert errors[1].message == "field id 'a' is already used by field 0"
    assert {e.field for e in errors} == {"a"}


@pytest.mark.parametrize("field_id", sorted(RESERVED_FIELD_IDS))
def test_reserved_field_ids(registry: FieldTypeRegistry, field_id: str) -> None:
    errors = checked(
        registry,
        {"id": "ok", "type": "text", "label": "OK"},
        {"id": field_id, "type": "text", "label": "X"},
    )
    assert found(errors) == [("/fields/1/id", "reserved")]
    assert errors[0].field == field_id
    assert f"'{field_id}' is reserved" in errors[0].message


def test_reserved_names_include_the_record_columns() -> None:
    assert {"id", "version", "created_at", "updated_at", "created_by", "updated_by"} <= set(
        RESERVED_FIELD_IDS
    )


def test_title_field_must_name_a_field(registry: FieldTypeRegistry) -> None:
    field = {"id": "lot_no", "type": "text", "label": "Lot"}
    assert checked(registry, field, title_field="lot_no") == []
    errors = checked(registry, field, title_field="lot_number")
    assert found(errors) == [("/title_field", "unknown_field")]
    assert errors[0].message == "there is no field with id 'lot_number'"


@pytest.mark.parametrize(
    ("field", "pointer_", "message"),
    [
        ({"type": "integer", "min": 10, "max": 1}, "/fields/0/max", "must not be less than min"),
        (
            {"type": "decimal", "min": "2.5", "max": "1"},
            "/fields/0/max",
            "must not be less than min",
        ),
        (
            {"type": "decimal", "precision": 3, "scale": 5},
            "/fields/0/scale",
            "must not be more than precision",
        ),
        (
            {"type": "date", "min": "2026-02-01", "max": "2026-01-01"},
            "/fields/0/max",
            "must not be less than min",
        ),
        (
            {"type": "text", "min_length": 20, "max_length": 10},
            "/fields/0/min_length",
            "must not be more than max_length",
        ),
        (
            {"type": "long_text", "min_length": 20, "max_length": 10},
            "/fields/0/min_length",
            "must not be more than max_length",
        ),
        (
            {
                "type": "single_select",
                "options": [{"key": "a", "label": "A"}, {"key": "a", "label": "B"}],
            },
            "/fields/0/options/1/key",
            "option key 'a' is used twice",
        ),
    ],
    ids=["integer", "decimal", "decimal scale", "date", "text", "long_text", "select"],
)
def test_impossible_rules(
    registry: FieldTypeRegistry, field: dict[str, Any], pointer_: str, message: str
) -> None:
    errors = checked(registry, {"id": "f", "label": "F", **field})
    assert [(e.pointer, e.code, e.message, e.field) for e in errors] == [
        (pointer_, "invalid", message, "f")
    ]


def test_naive_datetime_bounds(registry: FieldTypeRegistry) -> None:
    spec = FormSpec(
        key="lot",
        label="Lot",
        fields=[{"id": "at", "type": "datetime", "label": "At", "min": "2026-01-01T00:00:00"}],
    )
    errors = check_form(spec, registry)
    assert found(errors) == [("/fields/0/min", "invalid")]


@pytest.mark.parametrize(
    ("field", "code"),
    [
        (
            {"type": "single_select", "options": [{"key": "a", "label": "A"}], "default": "b"},
            "option",
        ),
        ({"type": "text", "max_length": 3, "default": "toolong"}, "max_length"),
        ({"type": "text", "pattern": "[0-9]+", "default": "abc"}, "pattern"),
        ({"type": "integer", "min": 1, "default": 0}, "min"),
        ({"type": "date", "max": "2026-01-01", "default": "2026-06-01"}, "max"),
    ],
    ids=["select", "text length", "text pattern", "integer", "date"],
)
def test_default_must_be_a_valid_value(
    registry: FieldTypeRegistry, field: dict[str, Any], code: str
) -> None:
    errors = checked(registry, {"id": "f", "label": "F", **field})
    assert found(errors) == [("/fields/0/default", code)]
    assert errors[0].field == "f"


@pytest.mark.parametrize(
    "field",
    [
        {"type": "single_select", "options": [{"key": "a", "label": "A"}], "default": "a"},
        {"type": "text", "max_length": 3, "default": "abc"},
        {"type": "integer", "min": 1, "default": 1},
        {"type": "boolean", "default": False},
        {"type": "date", "max": "2026-01-01", "default": "2026-01-01"},
    ],
    ids=["select", "text", "integer", "boolean", "date"],
)
def test_valid_defaults_pass(registry: FieldTypeRegistry, field: dict[str, Any]) -> None:
    assert checked(registry, {"id": "f", "label": "F", **field}) == []


@pytest.mark.parametrize("default", ["1.5", 2, 0.25])
def test_a_decimal_default_is_accepted(registry: FieldTypeRegistry, default: Any) -> None:
    assert checked(registry, {"id": "w", "type": "decimal", "label": "W", "default": default}) == []


def test_index_on_long_text_is_refused(registry: FieldTypeRegistry) -> None:
    errors = checked(
        registry,
        {"id": "notes", "type": "long_text", "label": "Notes", "index": True},
        {"id": "code", "type": "text", "label": "Code", "index": True},
    )
    assert found(errors) == [("/fields/0/index", "not_indexable")]
    assert errors[0].message == "fields of type long_text cannot be indexed"
    assert errors[0].field == "notes"


def test_every_semantic_problem_is_reported(registry: FieldTypeRegistry) -> None:
    errors = checked(
        registry,
        {"id": "created_at", "type": "integer", "label": "C", "min": 5, "max": 1, "default": 9},
        {"id": "created_at", "type": "long_text", "label": "N", "index": True},
        title_field="nothing",
    )
    assert found(errors) == [
        ("/fields/0/id", "reserved"),
        ("/fields/0/max", "invalid"),
        ("/fields/0/default", "max"),
        ("/fields/1/id", "reserved"),
        ("/fields/1/id", "duplicate"),
        ("/fields/1/index", "not_indexable"),
        ("/title_field", "unknown_field"),
    ]
    assert_plain(errors)


def test_check_form_uses_date_values(registry: FieldTypeRegistry) -> None:
    spec = parse(with_field(type="date", default="2026-01-01"))
    assert spec.fields[0].default == date(2026, 1, 1)  # type: ignore[union-attr]
    assert check_form(spec, registry) == []


def test_decimal_spec_values_are_decimals() -> None:
    spec = parse(with_field(type="decimal", min=0.1, max="99.95"))
    assert spec.fields[0].min == Decimal("0.1")  # type: ignore[union-attr]
    assert spec.fields[0].max == Decimal("99.95")  # type: ignore[union-attr]


def test_sections_group_existing_fields_once(registry: FieldTypeRegistry) -> None:
    fields = (
        {"id": "a", "type": "text", "label": "A"},
        {"id": "b", "type": "integer", "label": "B"},
    )
    sound = [
        {"id": "main", "label": {"en": "Main", "zh-CN": "基本"}, "columns": 2, "fields": ["b"]}
    ]
    assert checked(registry, *fields, sections=sound) == []
    errors = checked(
        registry,
        *fields,
        sections=[
            {"id": "one", "fields": ["a", "ghost"]},
            {"id": "one", "fields": ["a"]},
        ],
    )
    assert [(e.pointer, e.message) for e in errors] == [
        ("/sections/0/fields/1", "there is no field with id 'ghost'"),
        ("/sections/1/id", "section id 'one' is already used by section 0"),
        ("/sections/1/fields/0", "field 'a' is already in section 0"),
    ]


def test_section_columns_are_bounded() -> None:
    doc = form(sections=[{"id": "s", "columns": 4, "fields": ["qty"]}])
    assert [e.pointer for e in validate_document("form", doc)] == ["/sections/0/columns"]
