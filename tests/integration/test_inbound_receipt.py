"""A realistic inbound receipt, defined in JSON, exercised end to end through the API."""

from __future__ import annotations

import io
from datetime import date
from typing import Any

from PIL import Image
from sqlalchemy import select

from engine.bootstrap import Container
from engine.storage.models import LineageEdgeRow
from tests.factories import app_doc, load_fixture

API = "/api/v1/apps/trace/forms"
FORMS = ("supplier", "material", "lot", "inbound_receipt")
GS = "\x1d"


def photo() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (640, 480), (30, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def test_inbound_receipt_end_to_end(container: Container, client: Any) -> None:
    assert client.post("/api/v1/apps", json=app_doc()).status_code == 201
    for key in FORMS:
        assert client.put(f"{API}/{key}", json=load_fixture(f"forms/{key}.json")).status_code == 201
    for key in FORMS:
        published = client.post(f"{API}/{key}/publish")
        assert published.status_code == 200, published.text

    supplier = client.post(
        f"{API}/supplier/records",
        json={"data": {"name": "华北面粉厂", "gln": "6901234000017", "approval": "approved"}},
    ).json()
    flour = client.post(
        f"{API}/material/records",
        json={
            "data": {
                "code": "RM-FLOUR",
                "name": "小麦粉",
                "gtin": "09506000134352",
                "unit": "kg",
                "shelf_life_days": 180,
            }
        },
    ).json()
    lot = client.post(
        f"{API}/lot/records", json={"data": {"lot_code": "L-0001", "material": flour["id"]}}
    ).json()
    picture = client.post("/api/v1/files", params={"filename": "coa.jpg"}, content=photo()).json()

    # The operator scans the supplier's GS1-128 label on a PDA (keyboard wedge, with CR).
    scan = f"]C1010950600013435217270531{GS}10SUP-778{GS}30250\r"
    created = client.post(
        f"{API}/inbound_receipt/records",
        json={
            "data": {
                "supplier": supplier["id"],
                "po_number": "PO-2026-118",
                "material": flour["id"],
                "scan": scan,
                "lot": lot["id"],
                "received_at": "2026-11-21T09:30:00+08:00",
                "photos": [picture["id"]],
                "lines": [{"pallet": "P1", "weight": "125"}, {"pallet": "P2", "weight": "125"}],
            }
        },
    )
    assert created.status_code == 201, created.text
    data = created.json()["data"]
    assert data["receipt_no"].startswith("RM-") and data["receipt_no"].endswith("-0001")
    assert (data["gtin"], data["supplier_lot"], data["expiry"], data["quantity"]) == (
        "09506000134352",
        "SUP-778",
        "2027-05-31",
        "250.000",
    )
    assert data["supplier"] == {"id": supplier["id"], "display": "华北面粉厂"}
    assert data["supplier_approval"] == "approved"
    assert data["unit"] == "kg" and data["received_by"]["login"] == "admin"
    assert data["lines_weight"] == "250.000" and data["remarks"] is None
    assert data["photos"][0]["thumbnail_url"].endswith("/thumbnail")
    assert data["received_at"] == "2026-11-21T01:30:00Z"

    # The lot's receipt is in the lineage table, with the quantity.
    with container.db.unit_of_work(read_only=True) as uow:
        edge = uow.session.scalars(select(LineageEdgeRow)).one()
    assert (edge.from_form, edge.to_form, edge.to_id, edge.role, str(edge.quantity)) == (
        "inbound_receipt",
        "lot",
        lot["id"],
        "receives",
        "250.000000",
    )

    # Lines that do not add up need a remark; an expired lot is refused; a wrong scan is named.
    short = client.post(
        f"{API}/inbound_receipt/records",
        json={
            "data": {
                "supplier": supplier["id"],
                "material": flour["id"],
                "scan": scan,
                "received_at": "2026-11-21T09:30:00Z",
                "lines": [{"pallet": "P1", "weight": "100"}],
            }
        },
    )
    assert short.json()["errors"] == [
        {
            "pointer": "/data/remarks",
            "code": "required",
            "message": "is required",
            "field": "remarks",
        }
    ]
    expired = client.post(
        f"{API}/inbound_receipt/records",
        json={
            "data": {
                "supplier": supplier["id"],
                "material": flour["id"],
                "scan": scan,
                "received_at": "2027-06-01T09:30:00Z",
            }
        },
    )
    assert {
        "pointer": "/data/expiry",
        "code": "rule",
        "message": "An expired lot cannot be received",
        "field": "expiry",
    } in expired.json()["errors"]
    wrong_label = client.post(
        f"{API}/inbound_receipt/records",
        json={
            "data": {
                "supplier": supplier["id"],
                "material": flour["id"],
                "scan": "]C10109506000134353",
            }
        },
    )
    assert wrong_label.status_code == 422
    assert wrong_label.json()["errors"][0]["pointer"] == "/data/scan"
    assert wrong_label.json()["errors"][0]["code"] == "bad_check_digit"
    listed = client.get(
        f"{API}/inbound_receipt/records", params={"filter[po_number]": "PO-2026-118"}
    ).json()
    assert (
        listed["total"] == 1
        and date.fromisoformat(listed["items"][0]["data"]["expiry"]).year == 2027
    )
