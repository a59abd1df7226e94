"""Relations and sub-tables: links that must exist, line items, display values, safe deletes."""

from __future__ import annotations

from typing import Any

import pytest

from tests.factories import app_doc, field, form_doc

API = "/api/v1/apps/trace/forms"

LOT = form_doc(
    "lot",
    title_field="lot_code",
    fields=[field("lot_code", required=True, unique=True), field("qty", "decimal", scale=3)],
)
CUSTOMER = form_doc("customer", title_field="name", fields=[field("name", required=True)])
WORK_ORDER = form_doc(
    "work_order",
    fields=[
        field("order_no", required=True),
        field(
            "consumed",
            "sub_table",
            min_rows=1,
            fields=[
                field(
                    "lot",
                    "relation",
                    target="lot",
                    required=True,
                    trace_role="consumes",
                    trace_quantity="qty",
                ),
                field("qty", "decimal", scale=3, required=True, min=0),
            ],
        ),
        field(
            "produced",
            "sub_table",
            fields=[
                field(
                    "lot",
                    "relation",
                    target="lot",
                    required=True,
                    trace_role="produces",
                    trace_quantity="qty",
                ),
                field("qty", "decimal", scale=3),
            ],
        ),
    ],
)
SHIPMENT = form_doc(
    "shipment",
    fields=[
        field("waybill"),
        field("customer", "relation", target="customer", index=True),
        field("lots", "relation", target="lot", multiple=True, trace_role="ships"),
    ],
)


@pytest.fixture
def world(client: Any) -> dict[str, int]:
    assert client.post("/api/v1/apps", json=app_doc()).status_code == 201
    for doc in (LOT, CUSTOMER, WORK_ORDER, SHIPMENT):
        assert client.put(f"{API}/{doc['key']}", json=doc).status_code == 201
    for doc in (LOT, CUSTOMER, WORK_ORDER, SHIPMENT):
        published = client.post(f"{API}/{doc['key']}/publish")
        assert published.status_code == 200, published.text
    ids = {}
    for code in ("RM-1", "RM-2", "FG-1"):
        ids[code] = client.post(
            f"{API}/lot/records", json={"data": {"lot_code": code, "qty": "100"}}
        ).json()["id"]
    ids["ACME"] = client.post(
        f"{API}/customer/records", json={"data": {"name": "ACME Foods"}}
    ).json()["id"]
    return ids


def test_sub_table_rows_with_links(client: Any, world: dict[str, int]) -> None:
    created = client.post(
        f"{API}/work_order/records",
        json={
            "data": {
                "order_no": "WO-1",
                "consumed": [
                    {"lot": world["RM-1"], "qty": "10.5"},
                    {"lot": {"id": world["RM-2"]}, "qty": 4},
                ],
                "produced": [{"lot": world["FG-1"], "qty": "12"}],
            }
        },
    )
    assert created.status_code == 201, created.text
    data = created.json()["data"]
    assert [(r["lot"], r["qty"]) for r in data["consumed"]] == [
        ({"id": world["RM-1"], "display": "RM-1"}, "10.500"),
        ({"id": world["RM-2"], "display": "RM-2"}, "4.000"),
    ]
    assert all(isinstance(r["id"], int) for r in data["consumed"])

    # What GET returns can be sent back as it is; rows are replaced as given.
    record = client.get(f"{API}/work_order/records/{created.json()['id']}").json()
    rows = record["data"]["consumed"][:1]
    patched = client.patch(
        f"{API}/work_order/records/{record['id']}", json={"version": 1, "data": {"consumed": rows}}
    )
    assert patched.status_code == 200, patched.text
    assert [r["lot"]["display"] for r in patched.json()["data"]["consumed"]] == ["RM-1"]
    history = client.get(f"{API}/work_order/records/{record['id']}/history").json()
    assert len(history[1]["before"]["consumed"]) == 2 and len(history[1]["after"]["consumed"]) == 1
    listed = client.get(f"{API}/work_order/records").json()["items"]
    assert listed[0]["data"]["produced"][0]["lot"]["display"] == "FG-1"


def test_row_errors_and_missing_links_are_named(client: Any, world: dict[str, int]) -> None:
    bad = client.post(
        f"{API}/work_order/records",
        json={
            "data": {"order_no": "WO-2", "consumed": [{"lot": 999, "qty": "-1"}, {"qty": "1"}, "x"]}
        },
    )
    assert bad.status_code == 422
    assert {(e["pointer"], e["code"]) for e in bad.json()["errors"]} == {
        ("/data/consumed/0/qty", "min"),
        ("/data/consumed/1/lot", "required"),
        ("/data/consumed/2", "type"),
    }
    missing = client.post(
        f"{API}/work_order/records",
        json={"data": {"order_no": "WO-2", "consumed": [{"lot": 999, "qty": 1}]}},
    )
    assert missing.status_code == 422
    assert missing.json()["errors"] == [
        {
            "pointer": "/data/consumed/0/lot",
            "code": "unknown_record",
            "message": "there is no 'lot' record 999",
            "field": "lot",
        }
    ]
    empty = client.post(
        f"{API}/work_order/records", json={"data": {"order_no": "WO-2", "consumed": []}}
    )
    assert empty.json()["errors"][0]["code"] == "min_rows"
    assert client.get(f"{API}/work_order/records").json()["total"] == 0


def test_single_and_multiple_relations(client: Any, world: dict[str, int]) -> None:
    shipped = client.post(
        f"{API}/shipment/records",
        json={
            "data": {
                "waybill": "SF1",
                "customer": world["ACME"],
                "lots": [world["FG-1"], world["RM-1"], world["FG-1"]],
            }
        },
    )
    assert shipped.status_code == 201, shipped.text
    data = shipped.json()["data"]
    assert data["customer"] == {"id": world["ACME"], "display": "ACME Foods"}
    assert data["lots"] == [
        {"id": world["FG-1"], "display": "FG-1"},
        {"id": world["RM-1"], "display": "RM-1"},
    ]
    by_customer = client.get(f"{API}/shipment/records", params={"filter[customer]": world["ACME"]})
    assert by_customer.json()["total"] == 1
    cannot = client.get(f"{API}/shipment/records", params={"filter[lots]": world["FG-1"]})
    assert cannot.status_code == 422
    wrong = client.post(f"{API}/shipment/records", json={"data": {"customer": "ACME"}})
    assert wrong.status_code == 422 and wrong.json()["errors"][0]["code"] == "type"


def test_linked_records_cannot_be_deleted(client: Any, world: dict[str, int]) -> None:
    client.post(
        f"{API}/work_order/records",
        json={"data": {"order_no": "WO-1", "consumed": [{"lot": world["RM-1"], "qty": 1}]}},
    )
    client.post(
        f"{API}/shipment/records",
        json={"data": {"customer": world["ACME"], "lots": [world["FG-1"]]}},
    )
    for key, name in (("RM-1", "consumed.lot"), ("FG-1", "lots")):
        refused = client.delete(f"{API}/lot/records/{world[key]}")
        assert refused.status_code == 409, key
        assert refused.json()["linked_from"]["field"] == name
    assert client.delete(f"{API}/customer/records/{world['ACME']}").status_code == 409
    assert client.delete(f"{API}/lot/records/{world['RM-2']}").status_code == 204


def test_relation_definitions_are_checked(client: Any) -> None:
    client.post("/api/v1/apps", json=app_doc())
    client.put(f"{API}/lot", json=LOT)
    bad = form_doc(
        "batch",
        fields=[
            field("a", "relation", target="nowhere"),
            field("b", "relation", target="lot", display_field="colour"),
            field("c", "relation", target="lot", trace_role="consumes", trace_quantity="a"),
            field(
                "rows",
                "sub_table",
                fields=[field("id"), field("x", "relation", target="lot", multiple=True)],
            ),
        ],
    )
    assert client.put(f"{API}/batch", json=bad).status_code == 422  # semantic checks first
    assert {
        (e["pointer"], e["code"]) for e in client.put(f"{API}/batch", json=bad).json()["errors"]
    } == {
        ("/fields/2/trace_quantity", "unknown_field"),
        ("/fields/3/fields/0/id", "reserved"),
        ("/fields/3/fields/1/type", "not_supported"),
    }
    fixed = form_doc("batch", fields=bad["fields"][:2])
    assert client.put(f"{API}/batch", json=fixed).status_code == 201
    refused = client.post(f"{API}/batch/publish")
    assert refused.status_code == 422
    assert {(e["pointer"], e["code"]) for e in refused.json()["errors"]} == {
        ("/fields/0/target", "unknown_form"),
        ("/fields/1/display_field", "unknown_field"),
    }


def test_sub_table_schema_evolves(client: Any, world: dict[str, int]) -> None:
    client.post(
        f"{API}/work_order/records",
        json={"data": {"order_no": "WO-1", "consumed": [{"lot": world["RM-1"], "qty": 1}]}},
    )
    doc = form_doc("work_order", fields=list(WORK_ORDER["fields"]))
    doc["fields"][1] = {**doc["fields"][1], "fields": [*doc["fields"][1]["fields"], field("note")]}
    client.put(f"{API}/work_order", json=doc)
    plan = client.post(f"{API}/work_order/publish").json()
    assert {
        "op": "add_column",
        "field": "consumed.note",
        "sql": "varchar(255)",
        "table": "trace__work_order__consumed",
    } in plan["changes"]
    rows = client.get(f"{API}/work_order/records").json()["items"][0]["data"]["consumed"]
    assert rows[0]["note"] is None and rows[0]["qty"] == "1.000"
