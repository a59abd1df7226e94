"""Formulas, conditional fields and validation rules are enforced by the server."""

from __future__ import annotations

from typing import Any

from tests.factories import app_doc, field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"

INSPECTION = form_doc(
    fields=[
        field("sampled", "integer", required=True, min=1),
        field("failed", "integer", min=0),
        field("unit_price", "decimal", scale=2),
        field(
            "result",
            "single_select",
            options=[{"key": "pass", "label": "Pass"}, {"key": "fail", "label": "Fail"}],
        ),
        field(
            "defect_note",
            "long_text",
            visible_if="result == 'fail'",
            required_if="result == 'fail'",
        ),
        field(
            "fail_rate",
            "formula",
            expression="IF(sampled > 0, COALESCE(failed, 0) / sampled * 100, 0)",
            scale=1,
        ),
        field("cost", "formula", expression="ROUND(COALESCE(failed, 0) * unit_price, 2)"),
        field("flag", "formula", expression="fail_rate > 10", result="boolean"),
        field("started", "date"),
        field("finished", "date"),
        field("approved_by", read_only=True),
    ],
    validations=[
        {
            "expression": "COALESCE(failed, 0) <= sampled",
            "message": {"en": "Failed cannot exceed sampled", "zh-CN": "不合格数不能超过抽样数"},
            "fields": ["failed"],
        },
        {
            "expression": "finished >= started",
            "message": "Finish on or after the start",
            "fields": ["finished"],
        },
    ],
)


def test_formulas_are_computed_stored_and_recomputed(client: Any) -> None:
    publish_form(client, doc=INSPECTION)
    made = client.post(
        RECORDS,
        json={
            "data": {
                "sampled": 40,
                "failed": 5,
                "unit_price": "3.30",
                "result": "fail",
                "defect_note": "cracks",
            }
        },
    )
    assert made.status_code == 201, made.text
    data = made.json()["data"]
    assert (data["fail_rate"], data["cost"], data["flag"]) == ("12.5", "16.50", True)
    changed = client.patch(
        f"{RECORDS}/{made.json()['id']}", json={"version": 1, "data": {"failed": 2}}
    )
    assert changed.status_code == 200, changed.text
    data = changed.json()["data"]
    assert (data["fail_rate"], data["cost"], data["flag"]) == ("5.0", "6.60", False)
    # Stored: formula values filter like any field.
    assert client.get(RECORDS, params={"filter[fail_rate][lt]": "10"}).json()["total"] == 1
    history = client.get(f"{RECORDS}/{made.json()['id']}/history").json()
    assert history[1]["after"]["fail_rate"] == "5.0" and history[1]["before"]["fail_rate"] == "12.5"
    refused = client.post(RECORDS, json={"data": {"sampled": 1, "cost": "1"}})
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "computed"


def test_conditional_fields_and_rules(client: Any) -> None:
    publish_form(client, doc=INSPECTION)
    hidden = client.post(
        RECORDS, json={"data": {"sampled": 5, "result": "pass", "defect_note": "x"}}
    )
    assert hidden.status_code == 422
    assert (
        hidden.json()["errors"][0]["pointer"] == "/data/defect_note"
        and hidden.json()["errors"][0]["code"] == "hidden"
    )
    needed = client.post(RECORDS, json={"data": {"sampled": 5, "result": "fail"}})
    assert needed.json()["errors"] == [
        {
            "pointer": "/data/defect_note",
            "code": "required",
            "message": "is required",
            "field": "defect_note",
        }
    ]
    rules = client.post(
        RECORDS,
        json={
            "data": {"sampled": 5, "failed": 6, "started": "2026-11-21", "finished": "2026-11-20"}
        },
    )
    assert {(e["pointer"], e["message"]) for e in rules.json()["errors"]} == {
        ("/data/failed", "Failed cannot exceed sampled"),
        ("/data/finished", "Finish on or after the start"),
    }
    blank_dates = client.post(RECORDS, json={"data": {"sampled": 5}})
    assert blank_dates.status_code == 201  # a rule over blanks is not broken yet
    read_only = client.post(RECORDS, json={"data": {"sampled": 5, "approved_by": "me"}})
    assert read_only.json()["errors"][0]["code"] == "read_only"
    record = blank_dates.json()
    later = client.patch(f"{RECORDS}/{record['id']}", json={"version": 1, "data": {"failed": 9}})
    assert later.status_code == 422 and later.json()["errors"][0]["pointer"] == "/data/failed"
    bulk = client.post(
        RECORDS + "/bulk",
        json={"records": [{"data": {"sampled": 1}}, {"data": {"sampled": 1, "failed": 3}}]},
    )
    assert [(e["row"], e["code"]) for e in bulk.json()["errors"]] == [(1, "rule")]


def test_formula_errors_at_publish_and_at_write(client: Any) -> None:
    client.post("/api/v1/apps", json=app_doc())
    bad = form_doc(
        fields=[
            field("a", "integer"),
            field("x", "formula", expression="a + nope"),
            field("y", "formula", expression="z + 1"),
            field("z", "formula", expression="y * 2"),
            field("c", visible_if="a >"),
        ],
        validations=[
            {"expression": "LEN(a", "message": "m"},
            {"expression": "a > 0", "message": "m", "fields": ["ghost"]},
        ],
    )
    refused = client.put("/api/v1/apps/trace/forms/lot", json=bad)
    assert refused.status_code == 422
    pointers = {(e["pointer"], e["code"]) for e in refused.json()["errors"]}
    assert pointers == {
        ("/fields/1/expression", "expression"),
        ("/fields/2/expression", "cycle"),
        ("/fields/4/visible_if", "expression"),
        ("/validations/0/expression", "expression"),
        ("/validations/1/fields", "unknown_field"),
    }
    assert any("nope" in e["message"] for e in refused.json()["errors"])
    publish_form(
        client,
        doc=form_doc(
            fields=[
                field("a", "integer"),
                field("b", "integer"),
                field("q", "formula", expression="a / b"),
            ]
        ),
    )
    divide = client.post(RECORDS, json={"data": {"a": 1, "b": 0}})
    assert divide.status_code == 422
    assert (
        divide.json()["errors"][0]["pointer"] == "/data/q"
        and divide.json()["errors"][0]["code"] == "formula"
    )
    assert (
        client.post(RECORDS, json={"data": {"a": 1}}).json()["data"]["q"] is None
    )  # blank in, blank out
