"""Publishing form changes against tables that already hold data."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

FORM = "/api/v1/apps/trace/forms/lot"
RECORDS = FORM + "/records"


def republish(client: Any, doc: dict[str, Any]) -> Any:
    saved = client.put(FORM, json=doc)
    assert saved.status_code in (200, 201), saved.text
    return client.post(f"{FORM}/publish")


def test_removed_field_is_hidden_with_its_data_and_comes_back(client: Any) -> None:
    doc = form_doc(fields=[field("lot_code"), field("remark")])
    publish_form(client, doc=doc)
    record = client.post(RECORDS, json={"data": {"lot_code": "A", "remark": "keep me"}}).json()

    hidden = republish(client, form_doc(fields=[field("lot_code")]))
    assert hidden.json()["changes"] == [
        {"op": "hide_field", "field": "remark", "note": "column and data kept until purged"}
    ]
    assert client.get(f"{RECORDS}/{record['id']}").json()["data"] == {"lot_code": "A"}
    refused = client.post(RECORDS, json={"data": {"lot_code": "B", "remark": "x"}})
    assert refused.json()["errors"][0]["code"] == "unknown_field"

    restored = republish(client, doc)
    assert restored.json()["changes"][0]["op"] == "restore_field"
    assert client.get(f"{RECORDS}/{record['id']}").json()["data"]["remark"] == "keep me"


def test_purge_drops_only_hidden_fields(client: Any) -> None:
    doc = form_doc(fields=[field("lot_code"), field("remark", index=True)])
    publish_form(client, doc=doc)
    client.post(RECORDS, json={"data": {"lot_code": "A", "remark": "gone soon"}})
    in_use = client.post(f"{FORM}/fields/remark/purge")
    assert in_use.status_code == 409 and in_use.json()["errors"][0]["code"] == "field_in_use"
    republish(client, form_doc(fields=[field("lot_code")]))
    assert client.post(f"{FORM}/fields/remark/purge").status_code == 204
    assert client.post(f"{FORM}/fields/remark/purge").status_code == 404
    # Adding the field again starts empty: the old data is gone for good.
    again = republish(client, doc)
    assert {"op": "add_column", "field": "remark", "sql": "varchar(255)"} in again.json()["changes"]
    assert client.get(RECORDS).json()["items"][0]["data"]["remark"] is None


def test_compatible_type_changes_keep_values(client: Any) -> None:
    doc = form_doc(fields=[field("lot_code", max_length=20), field("pieces", "integer")])
    publish_form(client, doc=doc)
    record = client.post(RECORDS, json={"data": {"lot_code": "A-1", "pieces": 42}}).json()

    wider = republish(
        client,
        form_doc(
            fields=[
                field("lot_code", "long_text"),
                field("pieces", "decimal", precision=10, scale=2),
            ]
        ),
    )
    assert wider.status_code == 200, wider.text
    changes = {c["field"]: c for c in wider.json()["changes"]}
    assert changes["pieces"]["op"] == "change_type" and changes["pieces"]["to"] == "decimal"
    assert client.get(f"{RECORDS}/{record['id']}").json()["data"] == {
        "lot_code": "A-1",
        "pieces": "42.00",
    }
    extra = client.post(RECORDS, json={"data": {"lot_code": "x" * 300, "pieces": "1.25"}})
    assert extra.status_code == 201


def test_changes_that_would_lose_data_are_refused_with_the_records(client: Any) -> None:
    doc = form_doc(fields=[field("lot_code", "long_text"), field("pieces", "integer")])
    publish_form(client, doc=doc)
    ids = []
    for code in ("short", "much-too-long-for-ten", "also-way-too-long"):
        ids.append(
            client.post(RECORDS, json={"data": {"lot_code": code, "pieces": 1}}).json()["id"]
        )

    narrower = republish(
        client, form_doc(fields=[field("lot_code", max_length=10), field("pieces", "integer")])
    )
    assert narrower.status_code == 409
    problem = narrower.json()
    assert problem["code"] == "publish_refused"
    assert {e["pointer"] for e in problem["errors"]} == {
        f"/records/{ids[1]}/lot_code",
        f"/records/{ids[2]}/lot_code",
    }
    assert all(e["code"] == "max_length" for e in problem["errors"])

    incompatible = republish(
        client, form_doc(fields=[field("lot_code", "long_text"), field("pieces", "date")])
    )
    assert incompatible.status_code == 409
    assert incompatible.json()["errors"][0]["code"] == "incompatible_type"
    assert incompatible.json()["errors"][0]["pointer"] == "/fields/1/type"

    # Nothing changed: the published version and the data are what they were.
    assert client.get(FORM).json()["published_version"] == 1
    assert [r["data"]["lot_code"] for r in client.get(RECORDS).json()["items"]] == [
        "short",
        "much-too-long-for-ten",
        "also-way-too-long",
    ]


def test_select_options_change_is_checked_against_data(client: Any) -> None:
    options = [{"key": "a", "label": "A"}, {"key": "b", "label": "B"}]
    publish_form(client, doc=form_doc(fields=[field("grade", "text", max_length=64)]))
    client.post(RECORDS, json={"data": {"grade": "a"}})
    client.post(RECORDS, json={"data": {"grade": "c"}})
    refused = republish(client, form_doc(fields=[field("grade", "single_select", options=options)]))
    assert refused.status_code == 409
    assert refused.json()["errors"][0]["code"] == "option"
    client.delete(RECORDS + "/2")
    accepted = republish(
        client, form_doc(fields=[field("grade", "single_select", options=options)])
    )
    assert accepted.status_code == 200, accepted.text


def test_index_added_and_dropped(client: Any) -> None:
    publish_form(client, doc=form_doc(fields=[field("lot_code")]))
    added = republish(client, form_doc(fields=[field("lot_code", index=True)]))
    assert added.json()["changes"] == [{"op": "add_index", "field": "lot_code"}]
    dropped = republish(client, form_doc(fields=[field("lot_code")]))
    assert dropped.json()["changes"] == [{"op": "drop_index", "field": "lot_code"}]
    client.post(RECORDS, json={"data": {"lot_code": "still works"}})
    assert client.get(RECORDS + "?filter[lot_code]=still works").json()["total"] == 1
