"""Lookups show linked records' fields live; rollups add up sub-table rows and are stored."""

from __future__ import annotations

from typing import Any

from tests.factories import app_doc, field, form_doc

API = "/api/v1/apps/trace/forms"
LOT = form_doc(
    "lot",
    title_field="lot_code",
    fields=[field("lot_code", required=True), field("expiry", "date")],
)
RECEIPT = form_doc(
    "receipt",
    fields=[
        field("lot", "relation", target="lot"),
        field("lot_expiry", "lookup", relation="lot", field="expiry"),
        field(
            "lines",
            "sub_table",
            fields=[
                field("item"),
                field("qty", "decimal", scale=3),
                field("weight", "decimal", scale=1),
            ],
        ),
        field("line_count", "rollup", source="lines", aggregate="count"),
        field("total_qty", "rollup", source="lines", field="qty", aggregate="sum", scale=3),
        field("max_weight", "rollup", source="lines", field="weight", aggregate="max", scale=1),
        field(
            "per_line",
            "formula",
            expression="IF(line_count > 0, total_qty / line_count, 0)",
            scale=3,
        ),
    ],
)


def setup(client: Any) -> int:
    client.post("/api/v1/apps", json=app_doc())
    for doc in (LOT, RECEIPT):
        assert client.put(f"{API}/{doc['key']}", json=doc).status_code == 201
    for doc in (LOT, RECEIPT):
        assert client.post(f"{API}/{doc['key']}/publish").status_code == 200
    made = client.post(
        f"{API}/lot/records", json={"data": {"lot_code": "L1", "expiry": "2027-01-31"}}
    )
    return int(made.json()["id"])


def test_rollups_are_computed_from_rows_and_lookups_follow_the_link(client: Any) -> None:
    lot = setup(client)
    made = client.post(
        f"{API}/receipt/records",
        json={
            "data": {
                "lot": lot,
                "lines": [
                    {"item": "a", "qty": "1.5", "weight": 2},
                    {"item": "b", "qty": "2", "weight": "7.5"},
                    {"item": "c"},
                ],
            }
        },
    )
    assert made.status_code == 201, made.text
    data = made.json()["data"]
    assert (data["line_count"], data["total_qty"], data["max_weight"], data["per_line"]) == (
        3,
        "3.500",
        "7.5",
        "1.167",
    )
    assert data["lot_expiry"] == "2027-01-31"
    # Lookups are live: changing the lot shows at once.
    client.patch(f"{API}/lot/records/{lot}", json={"version": 1, "data": {"expiry": "2027-02-28"}})
    assert (
        client.get(f"{API}/receipt/records/{made.json()['id']}").json()["data"]["lot_expiry"]
        == "2027-02-28"
    )
    # Rollups are stored: they filter, and follow edits of the rows.
    assert (
        client.get(f"{API}/receipt/records", params={"filter[total_qty][gt]": "3"}).json()["total"]
        == 1
    )
    edited = client.patch(
        f"{API}/receipt/records/{made.json()['id']}",
        json={"version": 1, "data": {"lines": [{"qty": "10"}]}},
    )
    assert (edited.json()["data"]["line_count"], edited.json()["data"]["total_qty"]) == (
        1,
        "10.000",
    )
    untouched = client.patch(
        f"{API}/receipt/records/{made.json()['id']}", json={"version": 2, "data": {"lot": None}}
    )
    assert (
        untouched.json()["data"]["total_qty"] == "10.000"
        and untouched.json()["data"]["lot_expiry"] is None
    )


def test_lookup_and_rollup_definitions_are_checked(client: Any) -> None:
    setup(client)
    bad = form_doc(
        "receipt2",
        fields=[
            field("lot", "relation", target="lot"),
            field("a", "lookup", relation="nope", field="expiry"),
            field("b", "lookup", relation="lot", field="colour"),
            field("lines", "sub_table", fields=[field("item")]),
            field("c", "rollup", source="lot", aggregate="count"),
            field("d", "rollup", source="lines", field="item", aggregate="sum"),
        ],
    )
    semantic = client.put(f"{API}/receipt2", json=bad)
    assert {(e["pointer"], e["code"]) for e in semantic.json()["errors"]} == {
        ("/fields/1/relation", "unknown_field"),
        ("/fields/4/source", "unknown_field"),
        ("/fields/5/field", "unknown_field"),
    }
    ok_semantics = form_doc("receipt2", fields=[bad["fields"][0], bad["fields"][2]])
    client.put(f"{API}/receipt2", json=ok_semantics)
    refused = client.post(f"{API}/receipt2/publish")
    assert (
        refused.status_code == 422 and refused.json()["errors"][0]["pointer"] == "/fields/1/field"
    )


def test_rollups_over_linked_records_are_live(client: Any) -> None:
    setup(client)
    lot_with_qty = form_doc(
        "batch", title_field="code", fields=[field("code"), field("qty", "decimal", scale=2)]
    )
    shipment = form_doc(
        "shipment",
        fields=[
            field("batches", "relation", target="batch", multiple=True),
            field("batch_count", "rollup", source="batches", aggregate="count"),
            field("shipped_qty", "rollup", source="batches", field="qty", aggregate="sum", scale=2),
        ],
    )
    for doc in (lot_with_qty, shipment):
        assert client.put(f"{API}/{doc['key']}", json=doc).status_code == 201
        assert client.post(f"{API}/{doc['key']}/publish").status_code == 200, doc["key"]
    a = client.post(f"{API}/batch/records", json={"data": {"code": "A", "qty": "10"}}).json()
    b = client.post(f"{API}/batch/records", json={"data": {"code": "B", "qty": "2.5"}}).json()
    made = client.post(f"{API}/shipment/records", json={"data": {"batches": [a["id"], b["id"]]}})
    assert made.status_code == 201, made.text
    assert (made.json()["data"]["batch_count"], made.json()["data"]["shipped_qty"]) == (2, "12.50")
    client.patch(f"{API}/batch/records/{b['id']}", json={"version": 1, "data": {"qty": "5"}})
    again = client.get(f"{API}/shipment/records").json()["items"][0]["data"]
    assert again["shipped_qty"] == "15.00"  # follows the linked records
    filtered = client.get(f"{API}/shipment/records", params={"filter[shipped_qty][gt]": "1"})
    assert filtered.status_code == 422  # live values cannot be filtered
    bad = form_doc(
        "shipment2",
        fields=[
            field("batches", "relation", target="batch", multiple=True),
            field("s", "rollup", source="batches", field="code", aggregate="sum"),
        ],
    )
    client.put(f"{API}/shipment2", json=bad)
    refused = client.post(f"{API}/shipment2/publish")
    assert (
        refused.status_code == 422 and refused.json()["errors"][0]["pointer"] == "/fields/1/field"
    )
