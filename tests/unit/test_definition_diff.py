"""Readable differences between two versions of a definition document."""

from __future__ import annotations

import copy
from typing import Any

from engine.definitions.diff import diff_documents


def field(field_id: str, label: str | None = None, **kw: Any) -> dict[str, Any]:
    return {"id": field_id, "type": "text", "label": label or field_id.title(), **kw}


def form(*fields: dict[str, Any], **kw: Any) -> dict[str, Any]:
    return {"schema_version": 1, "key": "lot", "label": "Lot", "fields": list(fields), **kw}


def test_identical_documents_have_no_changes() -> None:
    doc = form(field("a"), field("b"))
    assert diff_documents(doc, copy.deepcopy(doc)) == []
    assert diff_documents({}, {}) == []
    assert diff_documents([], []) == []


def test_changed_top_level_value() -> None:
    assert diff_documents(form(field("a")), form(field("a"), label="Batch")) == [
        {"op": "changed", "path": "/label", "before": "Lot", "after": "Batch"}
    ]


def test_added_and_removed_properties() -> None:
    before = form(field("a"), description="old")
    after = form(field("a"), title_field="a")
    assert diff_documents(before, after) == [
        {"op": "removed", "path": "/description", "before": "old"},
        {"op": "added", "path": "/title_field", "after": "a"},
    ]


def test_nested_objects_give_nested_paths() -> None:
    before = {"label": {"en": "Lot", "zh-CN": "批次"}}
    after = {"label": {"en": "Batch", "zh-CN": "批次", "de": "Charge"}}
    assert diff_documents(before, after) == [
        {"op": "changed", "path": "/label/en", "before": "Lot", "after": "Batch"},
        {"op": "added", "path": "/label/de", "after": "Charge"},
    ]


def test_a_change_of_json_type_is_a_change() -> None:
    assert diff_documents({"label": "Lot"}, {"label": {"en": "Lot"}}) == [
        {"op": "changed", "path": "/label", "before": "Lot", "after": {"en": "Lot"}}
    ]
    assert diff_documents({"x": [1]}, {"x": {"0": 1}}) == [
        {"op": "changed", "path": "/x", "before": [1], "after": {"0": 1}}
    ]
    assert diff_documents({"x": None}, {"x": 0}) == [
        {"op": "changed", "path": "/x", "before": None, "after": 0}
    ]


def test_whole_document_change_has_the_root_path() -> None:
    assert diff_documents(1, 2) == [{"op": "changed", "path": "/", "before": 1, "after": 2}]


def test_lists_without_ids_change_as_a_whole() -> None:
    assert diff_documents({"tags": ["a", "b"]}, {"tags": ["b", "a"]}) == [
        {"op": "changed", "path": "/tags", "before": ["a", "b"], "after": ["b", "a"]}
    ]
    assert diff_documents({"tags": ["a"]}, {"tags": ["a"]}) == []


def test_list_entries_with_new_ids_are_added_and_removed_by_id() -> None:
    a, b = field("a"), field("b")
    assert diff_documents(form(a), form(b)) == [
        {"op": "removed", "path": "/fields/a", "before": a},
        {"op": "added", "path": "/fields/b", "after": b},
    ]


def test_entries_added_to_an_empty_list_are_named_by_id() -> None:
    a = field("a")
    assert diff_documents({"fields": []}, {"fields": [a]}) == [
        {"op": "added", "path": "/fields/a", "after": a}
    ]
    assert diff_documents({"fields": [a]}, {"fields": []}) == [
        {"op": "removed", "path": "/fields/a", "before": a}
    ]


def test_lists_matched_by_key_when_entries_have_no_id() -> None:
    ok, ng = {"key": "ok", "label": "OK"}, {"key": "ng", "label": "NG"}
    assert diff_documents({"options": [ok]}, {"options": [ng]}) == [
        {"op": "removed", "path": "/options/ok", "before": ok},
        {"op": "added", "path": "/options/ng", "after": ng},
    ]


def test_ids_that_are_not_strings_do_not_identify_entries() -> None:
    assert diff_documents({"rows": [{"id": 1}]}, {"rows": [{"id": 2}]}) == [
        {"op": "changed", "path": "/rows", "before": [{"id": 1}], "after": [{"id": 2}]}
    ]


def test_diff_does_not_modify_its_inputs() -> None:
    before = form(field("a"), field("b"))
    after = form(field("b", "Bee"), field("c"))
    snapshot = copy.deepcopy((before, after))
    diff_documents(before, after)
    assert (before, after) == snapshot


# --- lists matched by id: an entry that stays keeps its identity -------------------------


def test_a_changed_field_is_named_by_its_id() -> None:
    before = form(field("qty", "Qty"), field("weight"))
    after = form(field("qty", "Quantity"), field("weight"))
    assert diff_documents(before, after) == [
        {"op": "changed", "path": "/fields/qty/label", "before": "Qty", "after": "Quantity"}
    ]


def test_inserting_a_field_is_one_addition() -> None:
    a, b, c = field("a"), field("b"), field("c")
    assert diff_documents(form(a, c), form(a, b, c)) == [
        {"op": "added", "path": "/fields/b", "after": b}
    ]


def test_removing_a_field_is_one_removal() -> None:
    a, b, c = field("a"), field("b"), field("c")
    assert diff_documents(form(a, b, c), form(a, c)) == [
        {"op": "removed", "path": "/fields/b", "before": b}
    ]


def test_reordering_fields_is_a_move() -> None:
    a, b, c = field("a"), field("b"), field("c")
    assert diff_documents(form(a, b, c), form(c, a, b)) == [
        {"op": "moved", "path": "/fields", "before": ["a", "b", "c"], "after": ["c", "a", "b"]}
    ]


def test_nested_lists_are_matched_by_key() -> None:
    def select(*options: dict[str, Any]) -> dict[str, Any]:
        return form(
            {"id": "result", "type": "single_select", "label": "R", "options": list(options)}
        )

    ok, ng = {"key": "ok", "label": "OK"}, {"key": "ng", "label": "NG"}
    assert diff_documents(select(ok, ng), select(ng, {"key": "ok", "label": "Good"})) == [
        {
            "op": "changed",
            "path": "/fields/result/options/ok/label",
            "before": "OK",
            "after": "Good",
        },
        {
            "op": "moved",
            "path": "/fields/result/options",
            "before": ["ok", "ng"],
            "after": ["ng", "ok"],
        },
    ]


def test_several_kinds_of_change_at_once() -> None:
    a, b, c, d = field("a"), field("b"), field("c"), field("d")
    b2 = field("b", "Bee", required=True)
    assert diff_documents(form(a, b, c), form(b2, a, d)) == [
        {"op": "removed", "path": "/fields/c", "before": c},
        {"op": "changed", "path": "/fields/b/label", "before": "B", "after": "Bee"},
        {"op": "added", "path": "/fields/b/required", "after": True},
        {"op": "added", "path": "/fields/d", "after": d},
        {"op": "moved", "path": "/fields", "before": ["a", "b"], "after": ["b", "a"]},
    ]


def test_duplicate_ids_fall_back_to_a_whole_list_change() -> None:
    before = {"fields": [field("a"), field("b")]}
    after = {"fields": [field("a"), field("a", "Again")]}
    assert diff_documents(before, after) == [
        {"op": "changed", "path": "/fields", "before": before["fields"], "after": after["fields"]}
    ]


def test_an_entry_without_an_id_falls_back_to_a_whole_list_change() -> None:
    before = {"fields": [field("a")]}
    after = {"fields": [field("a"), {"type": "text", "label": "No id"}]}
    assert diff_documents(before, after) == [
        {"op": "changed", "path": "/fields", "before": before["fields"], "after": after["fields"]}
    ]


def test_id_is_preferred_over_key() -> None:
    before = {"items": [{"id": "a", "key": "x", "n": 1}]}
    after = {"items": [{"id": "a", "key": "y", "n": 1}]}
    assert diff_documents(before, after) == [
        {"op": "changed", "path": "/items/a/key", "before": "x", "after": "y"}
    ]
