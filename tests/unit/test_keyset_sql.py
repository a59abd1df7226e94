"""Keyset (cursor) conditions must let an index seek: no IS NULL on NOT NULL columns."""

from __future__ import annotations

from sqlalchemy.dialects import postgresql, sqlite

from engine.definitions.specs import FormSpec
from engine.forms.compiled import compile_form
from engine.forms.registry import FieldTypeRegistry
from engine.records.query import compile_sort, encode_cursor, keyset_condition, order_by


def make_form(registry: FieldTypeRegistry):  # type: ignore[no-untyped-def]
    spec = FormSpec.model_validate(
        {
            "schema_version": 1,
            "key": "lot",
            "label": "Lot",
            "fields": [{"id": "received_on", "type": "date", "label": "Received", "index": True}],
        }
    )
    return compile_form("trace", 1, 1, "trace__lot", spec, registry)


class Row:
    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)


def sql(condition: object, dialect: object) -> str:
    return str(condition.compile(dialect=dialect, compile_kwargs={"literal_binds": True}))  # type: ignore[attr-defined]


def test_default_sort_seeks_on_the_primary_key(registry: FieldTypeRegistry) -> None:
    form = make_form(registry)
    keys = compile_sort(form, [])
    cursor = encode_cursor(keys, Row(id=41))
    text = sql(keyset_condition(form, keys, cursor), sqlite.dialect())
    assert text == "trace__lot.id > 41"


def test_sorted_pages_start_with_a_bound_on_the_first_key(registry: FieldTypeRegistry) -> None:
    form = make_form(registry)
    keys = compile_sort(form, ["-received_on"])
    assert [k.descending for k in keys] == [True, True]  # id follows the first key
    cursor = encode_cursor(keys, Row(received_on=__import__("datetime").date(2026, 11, 2), id=7))
    text = sql(keyset_condition(form, keys, cursor), sqlite.dialect())
    assert text.startswith(
        "(trace__lot.received_on <= '2026-11-02' OR trace__lot.received_on IS NULL) AND"
    )
    assert "id IS NULL" not in text


def test_nulls_order_is_explicit_only_on_postgresql(registry: FieldTypeRegistry) -> None:
    form = make_form(registry)
    keys = compile_sort(form, ["received_on"])
    pg = [str(c.compile(dialect=postgresql.dialect())) for c in order_by(form, keys, "postgresql")]
    lite = [str(c.compile(dialect=sqlite.dialect())) for c in order_by(form, keys, "sqlite")]
    assert pg == ["trace__lot.received_on ASC NULLS FIRST", "trace__lot.id ASC NULLS FIRST"]
    assert lite == ["trace__lot.received_on ASC", "trace__lot.id ASC"]
