"""The ``multi_select`` field type: several option keys, stored as a JSON list."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from typing import Any

import pytest
from jsonschema import Draft202012Validator
from pydantic import ValidationError
from sqlalchemy import JSON, Column, MetaData, Table
from sqlalchemy.dialects import sqlite

from engine.definitions.specs import MultiSelectFieldSpec, SelectOption
from engine.forms.errors import FieldValueError
from engine.forms.field_types.base import FieldType
from engine.forms.registry import FieldTypeRegistry

KEYS = ("scratch", "dent", "rust", "crack")


def spec(keys: tuple[str, ...] = KEYS, **kw: Any) -> MultiSelectFieldSpec:
    options = [SelectOption(key=k, label=k.title()) for k in keys]
    return MultiSelectFieldSpec(
        id="defects", label="Defects", type="multi_select", options=options, **kw
    )


@pytest.fixture
def ft(registry: FieldTypeRegistry) -> FieldType[Any]:
    return registry.get("multi_select")


@pytest.fixture
def tags() -> Column[Any]:
    return Table("inspections", MetaData(), Column("defects", JSON)).c.defects


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (["dent"], ["dent"]),
        (["rust", "scratch"], ["rust", "scratch"]),
        ("dent", ["dent"]),
        ("rust,scratch", ["rust", "scratch"]),
        (" rust , scratch ", ["rust", "scratch"]),
        ("rust,,scratch,", ["rust", "scratch"]),
        (["dent", "dent"], ["dent"]),
        (["rust", "dent", "rust"], ["rust", "dent"]),
        ("dent,dent,rust", ["dent", "rust"]),
    ],
)
def test_clean_takes_a_list_or_comma_separated_text(
    ft: FieldType[Any], raw: Any, expected: list[str]
) -> None:
    assert ft.clean(spec(), raw) == expected


def test_clean_does_not_change_the_callers_list(ft: FieldType[Any]) -> None:
    raw = ["dent", "dent", "rust"]
    ft.clean(spec(), raw)
    assert raw == ["dent", "dent", "rust"]


@pytest.mark.parametrize("raw", ["", " ", ",", " , ", []])
def test_nothing_chosen_is_empty(ft: FieldType[Any], raw: Any) -> None:
    assert ft.clean(spec(min_items=2), raw) is None


def test_none_passes_through(ft: FieldType[Any]) -> None:
    assert ft.clean(spec(min_items=1), None) is None
    assert ft.to_json(spec(), None) is None


@pytest.mark.parametrize(
    ("raw", "unknown"),
    [
        (["dent", "bent"], "bent"),
        ("Dent", "Dent"),
        (["DENT"], "DENT"),
        ([" dent"], " dent"),
        ("dent;rust", "dent;rust"),
        ([""], ""),
    ],
)
def test_clean_refuses_unknown_keys(ft: FieldType[Any], raw: Any, unknown: str) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert info.value.code == "option"
    assert info.value.message == (
        f"'{unknown}' is not one of the options (scratch, dent, rust, crack)"
    )


def test_unknown_key_message_lists_at_most_ten_options(ft: FieldType[Any]) -> None:
    keys = tuple(f"k{i}" for i in range(12))
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(keys), ["k0", "nope"])
    assert info.value.message.startswith("'nope' is not one of the options (k0, k1,")
    assert "k9" in info.value.message
    assert "k10" not in info.value.message


@pytest.mark.parametrize(
    "raw", [1, True, {"dent": True}, ("dent",), {"dent"}, [1], ["dent", None], [["dent"]]]
)
def test_clean_refuses_non_lists(ft: FieldType[Any], raw: Any) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(), raw)
    assert (info.value.code, info.value.message) == ("type", "must be a list of option keys")


def test_min_items_and_max_items(ft: FieldType[Any]) -> None:
    s = spec(min_items=2, max_items=3)
    assert ft.clean(s, ["dent", "rust"]) == ["dent", "rust"]
    assert ft.clean(s, "dent,rust,crack") == ["dent", "rust", "crack"]
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, ["dent"])
    assert (info.value.code, info.value.message) == ("min_items", "choose at least 2")
    with pytest.raises(FieldValueError) as info:
        ft.clean(s, list(KEYS))
    assert (info.value.code, info.value.message) == ("max_items", "choose at most 3")


def test_duplicates_count_once_towards_the_limits(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(min_items=2), ["dent", "dent"])
    assert info.value.code == "min_items"
    assert ft.clean(spec(max_items=1), ["dent", "dent"]) == ["dent"]


def test_unknown_keys_are_reported_before_limits(ft: FieldType[Any]) -> None:
    with pytest.raises(FieldValueError) as info:
        ft.clean(spec(max_items=1), ["dent", "rust", "bent"])
    assert info.value.code == "option"


def test_to_json_follows_the_option_order(ft: FieldType[Any]) -> None:
    s = spec()
    assert ft.to_json(s, ft.clean(s, ["crack", "scratch", "rust"])) == ["scratch", "rust", "crack"]
    assert ft.to_json(s, ft.clean(s, "rust,dent")) == ["dent", "rust"]
    assert ft.to_json(spec(("b", "a")), ["a", "b"]) == ["b", "a"]


def test_to_json_puts_keys_of_removed_options_last(ft: FieldType[Any]) -> None:
    # A stored value may still hold the key of an option removed since.
    assert ft.to_json(spec(), ["gone", "rust", "scratch"]) == ["scratch", "rust", "gone"]


def test_json_schema(ft: FieldType[Any]) -> None:
    assert ft.json_schema(spec()) == {
        "type": "array",
        "items": {"type": "string", "enum": list(KEYS)},
        "uniqueItems": True,
    }
    schema = ft.json_schema(spec(min_items=1, max_items=2))
    assert (schema["minItems"], schema["maxItems"]) == (1, 2)
    assert "minItems" not in ft.json_schema(spec(min_items=0))


def test_json_schema_is_valid_and_agrees_with_to_json(ft: FieldType[Any]) -> None:
    s = spec(min_items=1, max_items=3)
    schema = ft.json_schema(s)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    for raw in ("dent", ["crack", "scratch"], "rust,dent,rust,crack"):
        assert validator.is_valid(ft.to_json(s, ft.clean(s, raw)))
    for bad in (
        "dent",
        [],
        ["dent", "dent"],
        ["bent"],
        ["scratch", "dent", "rust", "crack"],
        [1],
        None,
    ):
        assert not validator.is_valid(bad), bad


def test_column_type(ft: FieldType[Any]) -> None:
    assert isinstance(ft.column_type(spec()), JSON)
    assert ft.sql_signature(spec()) == "json"
    # Options and limits are rules on values, not on the column.
    assert ft.sql_signature(spec(("a",), max_items=1)) == ft.sql_signature(spec())


def test_capabilities(ft: FieldType[Any]) -> None:
    assert ft.type == "multi_select"
    assert ft.spec_model is MultiSelectFieldSpec
    assert ft.stored is True
    assert ft.sortable is False
    assert ft.indexable is False
    assert ft.can_be_unique is False
    assert ft.numeric is False
    assert ft.filter_operators == ("has", "isnull")
    assert ft.compatible_from == frozenset()


def test_parse_filter_value(ft: FieldType[Any]) -> None:
    assert ft.parse_filter_value(spec(), "rust") == "rust"
    for text in ("bent", "Rust", "", "rust,dent"):
        with pytest.raises(FieldValueError) as info:
            ft.parse_filter_value(spec(), text)
        assert (info.value.code, info.value.message) == (
            "option",
            f"'{text}' is not one of the options",
        )


def compiled(condition: Any) -> tuple[str, dict[str, Any]]:
    sql = condition.compile(dialect=sqlite.dialect())
    return str(sql), dict(sql.params)


def test_filter_condition_has(ft: FieldType[Any], tags: Column[Any]) -> None:
    sql, params = compiled(ft.filter_condition(tags, "has", "rust"))
    assert sql == "CAST(inspections.defects AS TEXT) LIKE '%' || ? || '%' ESCAPE '/'"
    assert list(params.values()) == ['"rust"']


def test_filter_condition_escapes_like_wildcards(ft: FieldType[Any], tags: Column[Any]) -> None:
    sql, params = compiled(ft.filter_condition(tags, "has", "a%b_c"))
    assert "ESCAPE '/'" in sql
    assert list(params.values()) == ['"a/%b/_c"']
    _, params = compiled(ft.filter_condition(tags, "has", "back\\slash/x"))
    # json.dumps doubles the backslash (not special to LIKE here); the escape char is doubled.
    assert list(params.values()) == ['"back\\\\slash//x"']


@pytest.mark.parametrize(
    ("key", "stored", "found"),
    [
        ("rust", ["dent", "rust"], True),
        ("rust", ["rusty"], False),
        ("rust", ["trust"], False),
        ("a_c", ["a_c"], True),
        ("a_c", ["abc"], False),
        ("50%", ["50%"], True),
        ("50%", ["500"], False),
        ("50%", ["50 percent"], False),
        ("back\\slash", ["back\\slash"], True),
        ("品质", ["品质", "dent"], True),
        ("品质", ["品"], False),
    ],
)
def test_filter_condition_matches_whole_stored_keys(
    ft: FieldType[Any], tags: Column[Any], key: str, stored: list[str], found: bool
) -> None:
    # Evaluate the compiled LIKE on the JSON text SQLAlchemy's JSON type would store.
    sql, params = compiled(ft.filter_condition(tags, "has", key))
    where = sql.replace("CAST(inspections.defects AS TEXT)", "?")
    with closing(sqlite3.connect(":memory:")) as db:
        (hit,) = db.execute(f"SELECT {where}", (json.dumps(stored), *params.values())).fetchone()
    assert bool(hit) is found


@pytest.mark.parametrize("op", ["eq", "ne", "in", "contains", "isnull", "gt"])
def test_filter_condition_only_knows_has(ft: FieldType[Any], tags: Column[Any], op: str) -> None:
    assert ft.filter_condition(tags, op, "rust") is None


def test_the_spec_default_is_a_valid_value(ft: FieldType[Any]) -> None:
    s = spec(default=["rust", "dent"])
    assert ft.clean(s, ft.default_value(s)) == ["rust", "dent"]
    assert ft.to_json(s, ft.clean(s, ft.default_value(s))) == ["dent", "rust"]
    assert ft.default_value(spec()) is None
    bad = spec(default=["bent"])
    with pytest.raises(FieldValueError) as info:
        ft.clean(bad, ft.default_value(bad))
    assert info.value.code == "option"


def test_check_spec(ft: FieldType[Any]) -> None:
    assert ft.check_spec(spec()) == []
    assert ft.check_spec(spec(min_items=2, max_items=2)) == []
    assert ft.check_spec(spec(min_items=3, max_items=2)) == [
        ("max_items", "must not be less than min_items")
    ]
    assert ft.check_spec(spec(("a", "b", "a"))) == [
        ("options/2/key", "option key 'a' is used twice")
    ]
    assert ft.check_spec(spec(("a", "a"), min_items=2, max_items=1)) == [
        ("options/1/key", "option key 'a' is used twice"),
        ("max_items", "must not be less than min_items"),
    ]


def test_spec_limits() -> None:
    with pytest.raises(ValidationError):
        MultiSelectFieldSpec(id="d", label="D", type="multi_select", options=[])
    with pytest.raises(ValidationError):
        spec(min_items=-1)
    with pytest.raises(ValidationError):
        spec(max_items=0)
