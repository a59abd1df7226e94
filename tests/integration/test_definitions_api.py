"""Definition lifecycle over the API: validate, version, diff, publish, roll back."""

from __future__ import annotations

from typing import Any

from tests.factories import app_doc, field, form_doc, publish_form

FORM = "/api/v1/apps/trace/forms/lot"


def test_app_create_read_update_list(client: Any) -> None:
    created = client.post("/api/v1/apps", json=app_doc())
    assert created.status_code == 201
    assert created.json()["label"] == {"en": "Traceability", "zh-CN": "追溯"}
    assert client.post("/api/v1/apps", json=app_doc()).status_code == 409
    updated = client.put("/api/v1/apps/trace", json=app_doc(label="Trace 2"))
    assert updated.status_code == 200 and updated.json()["published_version"] == 2
    listed = client.get("/api/v1/apps").json()
    assert listed["total"] == 1 and listed["items"][0]["label"] == "Trace 2"
    assert client.get("/api/v1/apps/none").status_code == 404


def test_invalid_app_documents_name_the_problem(client: Any) -> None:
    bad = client.post("/api/v1/apps", json={"schema_version": 1, "key": "Bad Key", "label": ""})
    assert bad.status_code == 422
    pointers = {e["pointer"] for e in bad.json()["errors"]}
    assert pointers == {"/key", "/label"}
    zone = client.post("/api/v1/apps", json=app_doc(time_zone="Mars/Olympus"))
    assert zone.status_code == 422
    assert zone.json()["errors"][0]["pointer"] == "/time_zone"
    mismatch = client.post("/api/v1/apps", json=app_doc())
    assert mismatch.status_code == 201
    wrong = client.put("/api/v1/apps/trace", json=app_doc(key="other"))
    assert wrong.json()["errors"][0]["code"] == "key_mismatch"
    not_object = client.post("/api/v1/apps", json=[1])
    assert not_object.status_code == 422


def test_form_versions_diff_publish_and_rollback(client: Any) -> None:
    client.post("/api/v1/apps", json=app_doc())
    v1 = client.put(FORM, json=form_doc())
    assert v1.status_code == 201 and v1.json()["version"] == 1 and v1.json()["status"] == "draft"
    assert (v1.json()["latest_version"], v1.json()["published_version"]) == (1, None)
    same = client.put(FORM, json=form_doc())
    assert same.json()["version"] == 1  # saving the same document stores nothing new

    doc2 = form_doc()
    doc2["fields"][0]["label"] = {"en": "Lot code", "zh-CN": "批次号"}
    doc2["fields"].append(field("expiry", "date"))
    assert client.put(FORM, json=doc2, params={"comment": "expiry"}).json()["version"] == 2
    # The app lists its forms with the label of the version the list shows (no draft yet
    # published: the latest one).
    listed = client.get("/api/v1/apps/trace").json()["forms"]
    assert listed == [
        {"key": "lot", "label": form_doc()["label"], "latest_version": 2, "published_version": None}
    ]

    diff = client.get(f"{FORM}/diff", params={"from": 1, "to": 2}).json()
    ops = {(c["op"], c["path"]) for c in diff["changes"]}
    assert ("changed", "/fields/lot_code/label") in ops
    assert ("added", "/fields/expiry") in ops

    plan = client.post(f"{FORM}/publish", params={"dry_run": True}).json()
    assert plan["dry_run"] is True and plan["changes"][0]["op"] == "create_table"
    assert client.get("/api/v1/apps/trace/forms/lot/records").status_code == 404  # not applied

    published = client.post(f"{FORM}/publish", params={"version": 1})
    assert published.status_code == 200 and published.json()["version"] == 1
    second = client.post(f"{FORM}/publish").json()
    assert second["previous_version"] == 1
    assert {"op": "add_column", "field": "expiry", "sql": "date"} in second["changes"]
    assert any(c["path"] == "/fields/expiry" for c in second["diff"])

    versions = client.get(f"{FORM}/versions").json()["items"]
    assert [(v["version"], v["status"]) for v in versions] == [(2, "published"), (1, "superseded")]
    assert versions[0]["comment"] == "expiry"

    rolled = client.post(f"{FORM}/rollback", json={"version": 1})
    assert rolled.status_code == 200, rolled.text
    assert rolled.json()["version"] == 3
    assert {
        "op": "hide_field",
        "field": "expiry",
        "note": "column and data kept until purged",
    } in rolled.json()["changes"]
    current = client.get(FORM).json()
    assert current["published_version"] == 3
    assert current["document"] == form_doc()
    old = client.get(FORM, params={"version": 2}).json()
    assert old["document"] == doc2
    assert client.get(FORM, params={"version": 9}).status_code == 404


def test_invalid_form_documents_list_every_problem(client: Any) -> None:
    client.post("/api/v1/apps", json=app_doc())
    doc = form_doc(
        fields=[
            field("lot_code", max_length=0),
            field("lot_code"),
            field("id", "integer"),
            field("qty", "decimal", min=5, max=1),
            field("kind", "colour"),
        ]
    )
    response = client.put(FORM, json=doc)
    assert response.status_code == 422
    errors = response.json()["errors"]
    assert {e["pointer"] for e in errors} == {"/fields/0/max_length", "/fields/4/type"}
    assert all("Failed validating" not in e["message"] for e in errors)

    semantic = client.put(
        FORM,
        json=form_doc(
            title_field="nope",
            fields=[
                field("lot_code"),
                field("lot_code"),
                field("id", "integer"),
                field("qty", "decimal", min=5, max=1),
            ],
        ),
    )
    assert semantic.status_code == 422
    assert {(e["pointer"], e["code"]) for e in semantic.json()["errors"]} == {
        ("/fields/1/id", "duplicate"),
        ("/fields/2/id", "reserved"),
        ("/fields/3/max", "invalid"),
        ("/title_field", "unknown_field"),
    }
    wrong_key = client.put(FORM, json=form_doc(key="batch"))
    assert wrong_key.json()["errors"][0]["code"] == "key_mismatch"
    assert client.get(FORM).status_code == 404  # nothing was stored
    assert client.put("/api/v1/apps/none/forms/lot", json=form_doc()).status_code == 404


def test_meta_schemas_are_served(client: Any) -> None:
    form = client.get("/api/v1/schemas/form").json()
    assert form["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    assert "decimal" in form["$defs"]["field"]["properties"]["type"]["enum"]
    assert client.get("/api/v1/schemas/app").status_code == 200
    assert client.get("/api/v1/schemas/widget").status_code == 404


def test_form_data_schema_for_the_ui(client: Any) -> None:
    publish_form(client)
    schema = client.get(f"{FORM}/schema").json()
    assert schema["required"] == ["lot_code"]
    assert schema["properties"]["status"]["anyOf"][0]["enum"] == ["released", "quarantined"]
    assert schema["properties"]["status"]["anyOf"][0]["default"] == "quarantined"
    assert schema["additionalProperties"] is False


def test_delete_form_needs_confirmation_when_it_holds_records(client: Any) -> None:
    publish_form(client)
    client.post(f"{FORM}/records", json={"data": {"lot_code": "A"}})
    refused = client.delete(FORM)
    assert refused.status_code == 409
    assert refused.json()["records"] == 1
    assert refused.json()["errors"][0]["code"] == "confirm_required"
    assert client.get(f"{FORM}/records").json()["total"] == 1
    assert client.delete(FORM, params={"confirm": "lot"}).status_code == 204
    assert client.get(FORM).status_code == 404
    assert client.get(f"{FORM}/records").status_code == 404
    # The key is free again, with a fresh table.
    publish_form(client)
    assert client.get(f"{FORM}/records").json()["total"] == 0
    client.put("/api/v1/apps/trace/forms/empty", json=form_doc("empty"))
    assert client.delete("/api/v1/apps/trace/forms/empty").status_code == 204
