"""Preview of unsaved values, bulk delete and sections, as the generated form uses them."""

from __future__ import annotations

import copy
from typing import Any

from tests.conftest import create_user, token_for
from tests.factories import field, form_doc, publish_form
from tests.integration.test_formulas_rules import INSPECTION, RECORDS

PREVIEW = f"{RECORDS}/preview"


def with_number() -> dict[str, Any]:
    doc = copy.deepcopy(INSPECTION)
    doc["fields"].append(field("no", "auto_number", pattern="IN{seq:3}"))
    return doc


def test_preview_shows_visibility_requirement_and_formulas(client: Any) -> None:
    publish_form(client, doc=with_number())
    shown = client.post(PREVIEW, json={"data": {"sampled": 40, "failed": 5, "result": "pass"}})
    assert shown.status_code == 200, shown.text
    body = shown.json()
    assert body["fields"]["defect_note"] == {"visible": False, "required": False}
    assert body["fields"]["sampled"] == {"visible": True, "required": True}
    assert body["computed"]["fail_rate"] == "12.5"
    assert body["computed"]["flag"] is True
    assert "no" not in body["computed"]  # numbers are given on save only
    failing = client.post(PREVIEW, json={"data": {"sampled": 40, "result": "fail"}}).json()
    assert failing["fields"]["defect_note"] == {"visible": True, "required": True}
    assert failing["computed"]["fail_rate"] == "0.0"
    # A value that does not clean counts as empty; nothing is stored, no number is used.
    lenient = client.post(PREVIEW, json={"data": {"sampled": "forty"}}).json()
    assert lenient["computed"]["fail_rate"] == "0.0"
    assert client.get(RECORDS).json()["total"] == 0
    made = client.post(RECORDS, json={"data": {"sampled": 10}})
    assert made.json()["data"]["no"] == "IN001"


def test_preview_of_an_edit_starts_from_the_stored_record(client: Any) -> None:
    publish_form(client, doc=INSPECTION)
    made = client.post(RECORDS, json={"data": {"sampled": 20, "failed": 2}}).json()
    body = client.post(PREVIEW, json={"id": made["id"], "data": {"failed": 4}}).json()
    assert body["computed"]["fail_rate"] == "20.0"
    missing = client.post(PREVIEW, json={"id": 999, "data": {}})
    assert missing.status_code == 404
    malformed = client.post(PREVIEW, json={"data": ["not", "an", "object"]})
    assert malformed.status_code == 422
    assert "/data" in malformed.text


def test_preview_keeps_hidden_fields_hidden(client: Any, container: Any) -> None:
    publish_form(client, doc=INSPECTION)
    role = {
        "schema_version": 1,
        "key": "clerk",
        "label": "Clerk",
        "forms": {"lot": {"actions": ["create", "read"], "fields": {"cost": "hidden"}}},
    }
    assert client.put("/api/v1/apps/trace/roles/clerk", json=role).status_code in (200, 201)
    assert client.post("/api/v1/apps/trace/roles/clerk/publish").status_code == 200
    create_user(container, "clerk1")
    members = client.put("/api/v1/apps/trace/roles/clerk/members", json={"users": ["clerk1"]})
    assert members.status_code == 200, members.text
    headers = {"Authorization": f"Bearer {token_for(container, 'clerk1')}"}
    body = client.post(PREVIEW, json={"data": {"sampled": 3}}, headers=headers).json()
    assert "cost" not in body["fields"] and "cost" not in body["computed"]
    assert "fail_rate" in body["computed"]


def test_bulk_delete_is_all_or_nothing(client: Any) -> None:
    publish_form(client)
    ids = [
        client.post(RECORDS, json={"data": {"lot_code": f"L{i}"}}).json()["id"] for i in range(4)
    ]
    refused = client.post(f"{RECORDS}/delete", json={"ids": [ids[0], 12345]})
    assert refused.status_code == 404, refused.text
    assert client.get(RECORDS).json()["total"] == 4
    empty = client.post(f"{RECORDS}/delete", json={"ids": []})
    assert empty.status_code == 422 and "/ids" in empty.text
    done = client.post(f"{RECORDS}/delete", json={"ids": [ids[0], ids[1], ids[1]]})
    assert done.status_code == 200 and done.json() == {"deleted": 2}
    remaining = client.get(RECORDS).json()["items"]
    assert sorted(r["id"] for r in remaining) == ids[2:]
    audit = client.get("/api/v1/audit", params={"event": "record.deleted"}).json()["items"]
    assert sorted(e["object_id"] for e in audit) == [f"lot/{i}" for i in ids[:2]]


def test_sections_are_published_and_checked(client: Any) -> None:
    doc = form_doc(
        fields=[field("lot_code"), field("qty", "integer")],
        sections=[{"id": "main", "label": "Main", "columns": 2, "fields": ["qty", "lot_code"]}],
    )
    publish_form(client, doc=doc)
    stored = client.get("/api/v1/apps/trace/forms/lot").json()["document"]
    assert stored["sections"][0]["fields"] == ["qty", "lot_code"]
    doc["sections"][0]["fields"].append("ghost")
    refused = client.put("/api/v1/apps/trace/forms/lot", json=doc)
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["pointer"] == "/sections/0/fields/2"


def test_ids_are_never_given_again_and_bulk_ids_follow_the_rows(client: Any) -> None:
    publish_form(client)
    made = client.post(
        f"{RECORDS}/bulk",
        json={"records": [{"data": {"lot_code": f"B{i}"}} for i in range(5)]},
    ).json()["items"]
    assert [r["data"]["lot_code"] for r in made] == [f"B{i}" for i in range(5)]
    for record in made:
        assert client.get(f"{RECORDS}/{record['id']}").json()["data"] == record["data"]
    ids = [r["id"] for r in made]
    assert ids == sorted(ids) and len(set(ids)) == 5
    assert client.delete(f"{RECORDS}/{ids[-1]}").status_code == 204
    again = client.post(RECORDS, json={"data": {"lot_code": "C"}}).json()
    assert again["id"] > ids[-1]  # the deleted record's id (and history) stays its own
    history = client.get(f"{RECORDS}/{again['id']}/history").json()
    assert [h["action"] for h in history] == ["create"]
