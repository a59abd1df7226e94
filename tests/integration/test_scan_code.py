"""The scan-code field: GS1 scans are checked and fill the receipt's fields."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/receipt/records"
GS = "\x1d"
RECEIPT = form_doc(
    "receipt",
    fields=[
        field(
            "scan",
            "scan_code",
            fill={"gtin": "gtin", "lot": "lot_code", "expiry": "expiry", "quantity": "quantity"},
        ),
        field("gtin", max_length=14),
        field("lot_code", max_length=20),
        field("expiry", "date"),
        field("quantity", "decimal", scale=0),
    ],
)


def test_a_gs1_128_scan_fills_the_mapped_fields(client: Any) -> None:
    publish_form(client, doc=RECEIPT)
    raw = f"]C10109506000134352172612311010A-88{GS}3025"
    created = client.post(RECORDS, json={"data": {"scan": raw + "\r\n"}})
    assert created.status_code == 201, created.text
    assert created.json()["data"] == {
        "scan": raw,
        "gtin": "09506000134352",
        "lot_code": "10A-88",
        "expiry": "2026-12-31",
        "quantity": "25",
    }
    # A value the operator typed wins over the scan.
    typed = client.post(RECORDS, json={"data": {"scan": raw, "quantity": 24}})
    assert typed.json()["data"]["quantity"] == "24"
    link = client.post(
        RECORDS, json={"data": {"scan": "https://id.example.com/01/09506000134352/10/L7?17=270101"}}
    )
    assert link.json()["data"]["lot_code"] == "L7" and link.json()["data"]["expiry"] == "2027-01-01"
    plain = client.post(RECORDS, json={"data": {"scan": "WO-2026-0001"}})
    assert plain.status_code == 201 and plain.json()["data"]["lot_code"] is None


def test_the_wrong_barcode_is_refused_with_the_reason(client: Any) -> None:
    publish_form(client, doc=RECEIPT)
    bad_digit = client.post(RECORDS, json={"data": {"scan": "(01)09506000134353(10)A1"}})
    assert bad_digit.status_code == 422
    error = bad_digit.json()["errors"][0]
    assert error["pointer"] == "/data/scan" and error["code"] == "bad_check_digit"
    bad_date = client.post(RECORDS, json={"data": {"scan": "(01)09506000134352(17)261301"}})
    assert bad_date.json()["errors"][0]["code"] == "invalid_date"
    assert client.get(RECORDS).json()["total"] == 0


def test_gs1_only_fields_and_fill_checks(client: Any) -> None:
    strict = form_doc("receipt", fields=[field("scan", "scan_code", accept="gs1")])
    publish_form(client, doc=strict)
    refused = client.post(RECORDS, json={"data": {"scan": "hello"}})
    assert refused.status_code == 422 and refused.json()["errors"][0]["code"] == "not_gs1"
    wrong = form_doc(
        "receipt",
        fields=[
            field("scan", "scan_code", fill={"expiry": "count", "lot": "nope"}),
            field("count", "integer"),
        ],
    )
    bad = client.put("/api/v1/apps/trace/forms/receipt", json=wrong)
    assert bad.status_code == 422
    assert {(e["pointer"], e["code"]) for e in bad.json()["errors"]} == {
        ("/fields/0/fill/expiry", "incompatible_type"),
        ("/fields/0/fill/lot", "unknown_field"),
    }


def test_scan_preview_endpoint(client: Any) -> None:
    parsed = client.post("/api/v1/scan", json={"raw": "]d201095060001343521725063010LOT9"})
    assert parsed.status_code == 200
    assert (
        parsed.json()["kind"] == "gs1"
        and parsed.json()["lot"] == "LOT9"
        and parsed.json()["expiry"] == "2025-06-30"
    )
    bad = client.post("/api/v1/scan", json={"raw": "0109506000134353"})
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "bad_check_digit"
