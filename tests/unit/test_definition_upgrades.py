"""Upgrades of stored definition documents, step by step, with a sample two-step history.

``form_v0.json`` is written in an imagined pre-release format (``name`` instead of ``key``,
``kind`` instead of ``type``, camelCase ``maxLength``). Step 0 turns it into today's format
(version 1); step 1 is an imagined future change that turns labels into locale maps.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from engine.definitions.specs import AppSpec, FormSpec
from engine.definitions.upgrades import (
    CURRENT_SCHEMA_VERSION,
    UPGRADES,
    UpgradeError,
    upgrade_document,
)
from engine.definitions.validation import meta_schema, validate_document

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def rename_to_current_names(doc: dict[str, Any]) -> dict[str, Any]:
    """0 -> 1: ``name`` becomes ``key``, fields' ``kind`` becomes ``type``, ``maxLength`` snake."""
    doc["key"] = doc.pop("name")  # the step is given a copy, so it may change it
    fields = []
    for old in doc["fields"]:
        new = {"type" if k == "kind" else k: v for k, v in old.items() if k != "maxLength"}
        if "maxLength" in old:
            new["max_length"] = old["maxLength"]
        fields.append(new)
    doc["fields"] = fields
    return doc


def labels_to_locale_maps(doc: dict[str, Any]) -> dict[str, Any]:
    """1 -> 2: plain-string labels become ``{"en": label}``."""

    def as_map(label: Any) -> Any:
        return {"en": label} if isinstance(label, str) else label

    return {
        **doc,
        "label": as_map(doc["label"]),
        "fields": [{**f, "label": as_map(f["label"])} for f in doc["fields"]],
    }


STEPS = {"form": {0: rename_to_current_names, 1: labels_to_locale_maps}, "app": {}}
CURRENT = {"form": 2, "app": 1}


def test_the_fixture_is_an_old_document() -> None:
    old = load("form_v0.json")
    assert old["schema_version"] == 0
    assert validate_document("form", old) != []


def test_two_steps_bring_a_v0_document_to_v2() -> None:
    upgraded = upgrade_document("form", load("form_v0.json"), steps=STEPS, current=CURRENT)
    assert upgraded == load("form_v2.json")
    # The version is updated in place, not moved to the end of the document.
    assert next(iter(upgraded)) == "schema_version"


def test_the_first_step_alone_gives_a_valid_current_form() -> None:
    upgraded = upgrade_document("form", load("form_v0.json"), steps=STEPS, current={"form": 1})
    assert upgraded["schema_version"] == 1
    assert validate_document("form", upgraded) == []
    spec = FormSpec.model_validate(upgraded)
    assert [f.type for f in spec.fields] == ["text", "integer"]  # type: ignore[union-attr]
    assert spec.fields[0].max_length == 40  # type: ignore[union-attr]


def test_steps_run_once_each_in_order_and_the_version_is_set_between_them() -> None:
    seen: list[tuple[str, Any]] = []

    def step(name: str) -> Any:
        def run(doc: dict[str, Any]) -> dict[str, Any]:
            seen.append((name, doc["schema_version"]))
            return {**doc, "trail": [*doc.get("trail", []), name]}

        return run

    steps = {"form": {0: step("a"), 1: step("b"), 2: step("c")}}
    out = upgrade_document("form", {"schema_version": 0}, steps=steps, current={"form": 3})
    assert seen == [("a", 0), ("b", 1), ("c", 2)]
    assert out == {"schema_version": 3, "trail": ["a", "b", "c"]}


def test_the_version_is_set_even_when_a_step_forgets_it() -> None:
    out = upgrade_document(
        "form", {"schema_version": 0, "x": 1}, steps={"form": {0: lambda d: d}}, current={"form": 1}
    )
    assert out == {"schema_version": 1, "x": 1}


def test_starting_from_an_intermediate_version_runs_only_the_later_steps() -> None:
    v1 = upgrade_document("form", load("form_v0.json"), steps=STEPS, current={"form": 1})
    only_last = {"form": {1: labels_to_locale_maps}}
    assert upgrade_document("form", v1, steps=only_last, current=CURRENT) == load("form_v2.json")


def test_the_callers_document_is_not_changed() -> None:
    old = load("form_v0.json")
    snapshot = copy.deepcopy(old)
    upgrade_document("form", old, steps=STEPS, current=CURRENT)
    assert old == snapshot


def never(doc: dict[str, Any]) -> dict[str, Any]:
    raise AssertionError("no step should run")


@pytest.mark.parametrize(
    "doc",
    [
        {"schema_version": 2, "key": "lot"},  # current
        {"schema_version": 3, "key": "lot"},  # newer than this engine knows
        {"key": "lot"},  # missing version: the meta-schema reports it
        {"schema_version": "1", "key": "lot"},
        {"schema_version": None, "key": "lot"},
    ],
)
def test_documents_that_need_no_upgrade_are_returned_unchanged(doc: dict[str, Any]) -> None:
    steps = {"form": {0: never, 1: never, 2: never}}
    snapshot = copy.deepcopy(doc)
    assert upgrade_document("form", doc, steps=steps, current=CURRENT) is doc
    assert doc == snapshot


def test_unknown_kinds_are_returned_unchanged() -> None:
    doc = {"schema_version": 0}
    assert upgrade_document("report", doc, steps={"report": {0: never}}, current=CURRENT) is doc


def test_only_the_kinds_own_steps_are_used() -> None:
    steps = {"form": {0: never}, "app": {0: lambda d: {**d, "upgraded": True}}}
    out = upgrade_document("app", {"schema_version": 0}, steps=steps, current={"app": 1, "form": 1})
    assert out == {"schema_version": 1, "upgraded": True}


def test_a_missing_step_raises() -> None:
    steps = {"form": {0: rename_to_current_names}}  # no step from 1 to 2
    with pytest.raises(UpgradeError, match="no upgrade for form documents from schema_version 1"):
        upgrade_document("form", load("form_v0.json"), steps=steps, current=CURRENT)


def test_a_missing_first_step_raises_before_anything_runs() -> None:
    with pytest.raises(UpgradeError, match="from schema_version 0"):
        upgrade_document("form", {"schema_version": 0}, steps={"form": {1: never}}, current=CURRENT)


def test_a_kind_without_steps_raises() -> None:
    with pytest.raises(UpgradeError, match="no upgrade for app documents from schema_version 0"):
        upgrade_document("app", {"schema_version": 0}, steps={}, current=CURRENT)


def test_upgrade_error_is_a_value_error() -> None:
    assert issubclass(UpgradeError, ValueError)


# --- the real registry of upgrades --------------------------------------------------------


def test_current_documents_are_untouched_by_default() -> None:
    doc = {"schema_version": 1, "key": "lot", "label": "Lot", "fields": []}
    assert upgrade_document("form", doc) is doc
    app = {"schema_version": 1, "key": "qa", "label": "QA"}
    assert upgrade_document("app", app) is app


def test_there_are_no_real_steps_before_version_1() -> None:
    with pytest.raises(UpgradeError):
        upgrade_document("form", load("form_v0.json"))


def test_current_versions_match_the_meta_schemas_and_specs() -> None:
    assert set(CURRENT_SCHEMA_VERSION) == set(UPGRADES) == {"app", "form", "role"}
    for kind, model in (("form", FormSpec), ("app", AppSpec)):
        version = CURRENT_SCHEMA_VERSION[kind]
        assert meta_schema(kind)["properties"]["schema_version"] == {"const": version}
        assert model.model_fields["schema_version"].default == version
        # A step exists for every version before the current one.
        assert set(UPGRADES[kind]) == set(range(1, version))
