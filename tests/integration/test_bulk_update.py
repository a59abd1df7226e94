"""Many records changed at once (PATCH …/records/bulk), on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"
BULK = RECORDS + "/bulk"
FORM = form_doc(
    fields=[
        field("lot_code", required=True, index=True),
        field("quantity", "decimal", precision=12, scale=3, min=0),
        field("serial", unique=True),
        field("weight", "formula", expression="COALESCE(quantity, 0) * 2", scale=3),
    ]
)


def made(client: Any, count: int) -> list[dict[str, Any]]:
    publish_form(client, doc=FORM)
    answer = client.post(
        RECORDS + "/bulk",
        json={
            "records": [{"data": {"lot_code": f"L{i}", "serial": f"S{i}"}} for i in range(count)]
        },
    )
    assert answer.status_code == 201, answer.text
    items: list[dict[str, Any]] = answer.json()["items"]
    return items


def change(record: dict[str, Any], **data: Any) -> dict[str, Any]:
    return {"id": record["id"], "version": record["version"], "data": data}


def test_records_change_together_with_history_and_formulas(client: Any) -> None:
    a, b, c = made(client, 3)
    answer = client.patch(
        BULK,
        json={
            "records": [
                change(c, quantity="2.5"),
                change(a, quantity="1", serial="S0"),  # serial unchanged: its own value
                change(b, lot_code="L1"),  # nothing changes: not written
            ]
        },
    )
    assert answer.status_code == 200, answer.text
    items = answer.json()["items"]
    assert [r["id"] for r in items] == [c["id"], a["id"], b["id"]]
    assert [r["version"] for r in items] == [2, 2, 1]
    assert items[0]["data"]["weight"] == "5.000" and items[1]["data"]["weight"] == "2.000"
    history = client.get(f"{RECORDS}/{c['id']}/history").json()
    assert [h["action"] for h in history] == ["create", "update"]
    assert history[-1]["before"] == {"quantity": None, "weight": "0.000"}
    assert history[-1]["after"] == {"quantity": "2.500", "weight": "5.000"}
    assert len(client.get(f"{RECORDS}/{b['id']}/history").json()) == 1


def test_one_stale_or_invalid_entry_refuses_all_of_them(client: Any) -> None:
    a, b, c = made(client, 3)
    stale = client.patch(
        BULK,
        json={"records": [change(a, quantity="1"), {**change(b, quantity="2"), "version": 7}]},
    )
    assert stale.status_code == 409
    assert [(e["pointer"], e["code"]) for e in stale.json()["errors"]] == [
        ("/records/1/version", "version_conflict")
    ]
    invalid = client.patch(
        BULK,
        json={
            "records": [
                change(a, quantity="1"),
                change(b, quantity="-1"),
                change(c, serial="S0"),  # held by a
            ]
        },
    )
    assert invalid.status_code == 422
    assert [(e["pointer"], e["code"], e["row"]) for e in invalid.json()["errors"]] == [
        ("/records/1/data/quantity", "min", 1)
    ]
    taken = client.patch(BULK, json={"records": [change(a, quantity="1"), change(c, serial="S0")]})
    assert taken.status_code == 422
    assert [(e["pointer"], e["code"]) for e in taken.json()["errors"]] == [
        ("/records/1/data/serial", "unique")
    ]
    assert "already used by record" in taken.json()["errors"][0]["message"]
    # Nothing of any refused request was written.
    now = {r["id"]: r for r in client.get(RECORDS).json()["items"]}
    assert [now[r["id"]]["version"] for r in (a, b, c)] == [1, 1, 1]
    assert now[a["id"]]["data"]["quantity"] is None


def test_missing_repeated_and_malformed_entries_are_named(client: Any) -> None:
    (a,) = made(client, 1)
    missing = client.patch(
        BULK, json={"records": [change(a, quantity="1"), {**change(a), "id": 999}]}
    )
    assert missing.status_code == 404
    assert [(e["pointer"], e["code"]) for e in missing.json()["errors"]] == [
        ("/records/1/id", "not_found")
    ]
    twice = client.patch(BULK, json={"records": [change(a, quantity="1"), change(a, quantity="2")]})
    assert twice.status_code == 422 and twice.json()["errors"][0]["code"] == "repeated"
    malformed = client.patch(
        BULK, json={"records": [{"id": a["id"], "data": {}}, {"id": "1", "version": 1, "data": {}}]}
    )
    assert malformed.status_code == 422
    assert [e["pointer"] for e in malformed.json()["errors"]] == [
        "/records/0/version",
        "/records/1/id",
    ]
    assert client.patch(BULK, json={"rows": []}).status_code == 422
    too_many = client.patch(BULK, json={"records": [change(a)] * 1001})
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["code"] == "too_many"
