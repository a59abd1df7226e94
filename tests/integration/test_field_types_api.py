"""The newer field types through the API on both databases: round trip, filters, unique."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"
OPTIONS = [{"key": k, "label": k.title()} for k in ("crack", "stain", "dent", "odd_100%")]

FORM = form_doc(
    fields=[
        field("lot_code", unique=True, max_length=40),
        field("price", "currency", currency="USD", scale=2),
        field("yield_pct", "percent", max=100),
        field("shift_start", "time"),
        field("defects", "multi_select", options=OPTIONS),
        field("contact", "email", unique=True),
        field("phone", "phone"),
        field("website", "url"),
        field("where", "geolocation"),
    ]
)


def test_values_round_trip(client: Any) -> None:
    publish_form(client, doc=FORM)
    data = {
        "lot_code": "L-1",
        "price": 12.5,
        "yield_pct": "97.25",
        "shift_start": "06:30",
        "defects": ["stain", "crack", "stain"],
        "contact": "QA@Example.COM",
        "phone": "+86 138-0013-8000",
        "website": "https://supplier.example.com/cert/1",
        "where": {"lat": 31.2304, "lng": 121.4737, "accuracy": 8},
    }
    created = client.post(RECORDS, json={"data": data})
    assert created.status_code == 201, created.text
    again = client.get(f"{RECORDS}/{created.json()['id']}").json()["data"]
    assert again == {
        "lot_code": "L-1",
        "price": "12.50",
        "yield_pct": "97.25",
        "shift_start": "06:30",
        "defects": ["crack", "stain"],
        "contact": "QA@example.com",
        "phone": "+86 138-0013-8000",
        "website": "https://supplier.example.com/cert/1",
        "where": {"lat": 31.2304, "lng": 121.4737, "accuracy": 8.0},
    }


def test_bad_values_are_named(client: Any) -> None:
    publish_form(client, doc=FORM)
    bad = client.post(
        RECORDS,
        json={
            "data": {
                "price": "1.234",
                "yield_pct": "101",
                "shift_start": "25:00",
                "defects": ["crack", "hole"],
                "contact": "not-an-email",
                "phone": "call me",
                "website": "ftp://x",
                "where": {"lat": 91, "lng": 0},
            }
        },
    )
    assert bad.status_code == 422
    codes = {e["field"]: e["code"] for e in bad.json()["errors"]}
    assert codes == {
        "price": "scale",
        "yield_pct": "max",
        "shift_start": "type",
        "defects": "option",
        "contact": "format",
        "phone": "format",
        "website": "format",
        "where": "range",
    }


def test_multi_select_has_filter(client: Any) -> None:
    publish_form(client, doc=FORM)
    rows = [
        {"data": {"lot_code": "A", "defects": ["crack"]}},
        {"data": {"lot_code": "B", "defects": ["crack", "stain"]}},
        {"data": {"lot_code": "C", "defects": ["odd_100%"]}},
        {"data": {"lot_code": "D"}},
    ]
    assert client.post(RECORDS + "/bulk", json={"records": rows}).status_code == 201

    def codes(query: str) -> list[str]:
        response = client.get(f"{RECORDS}?{query}&sort=lot_code")
        assert response.status_code == 200, response.text
        return [r["data"]["lot_code"] for r in response.json()["items"]]

    assert codes("filter[defects][has]=crack") == ["A", "B"]
    assert codes("filter[defects][has]=odd_100%25") == ["C"]
    assert codes("filter[defects][isnull]=true") == ["D"]
    bad = client.get(f"{RECORDS}?filter[defects][has]=hole")
    assert bad.status_code == 422 and bad.json()["errors"][0]["code"] == "option"


def test_unique_fields_are_enforced_with_clear_errors(client: Any) -> None:
    publish_form(client, doc=FORM)
    first = client.post(
        RECORDS, json={"data": {"lot_code": "L-1", "contact": "a@example.com"}}
    ).json()
    dup = client.post(RECORDS, json={"data": {"lot_code": "L-1", "contact": "a@EXAMPLE.com"}})
    assert dup.status_code == 422
    errors = {e["field"]: e for e in dup.json()["errors"]}
    assert set(errors) == {"lot_code", "contact"}
    assert f"record {first['id']}" in errors["lot_code"]["message"]
    in_batch = client.post(
        RECORDS + "/bulk",
        json={
            "records": [
                {"data": {"lot_code": "X"}},
                {"data": {"lot_code": "Y"}},
                {"data": {"lot_code": "X"}},
            ]
        },
    )
    assert in_batch.status_code == 422
    assert [(e["row"], e["code"]) for e in in_batch.json()["errors"]] == [(2, "unique")]
    second = client.post(RECORDS, json={"data": {"lot_code": "L-2"}}).json()
    clash = client.patch(
        f"{RECORDS}/{second['id']}", json={"version": 1, "data": {"lot_code": "L-1"}}
    )
    assert clash.status_code == 422 and clash.json()["errors"][0]["code"] == "unique"
    same = client.patch(
        f"{RECORDS}/{first['id']}",
        json={"version": 1, "data": {"lot_code": "L-1", "phone": "12345"}},
    )
    assert same.status_code == 200  # keeping its own value is fine
    assert client.get(RECORDS).json()["total"] == 2


def test_making_a_field_unique_checks_stored_values(client: Any) -> None:
    loose = form_doc(fields=[field("lot_code")])
    publish_form(client, doc=loose)
    for code in ("A", "A", "B", None):
        client.post(RECORDS, json={"data": {"lot_code": code}})
    strict = form_doc(fields=[field("lot_code", unique=True)])
    client.put("/api/v1/apps/trace/forms/lot", json=strict)
    refused = client.post("/api/v1/apps/trace/forms/lot/publish")
    assert refused.status_code == 409
    assert (
        refused.json()["errors"][0]["message"]
        == "field 'lot_code' cannot be unique: 'A' is stored in 2 records"
    )
    client.delete(f"{RECORDS}/2")
    accepted = client.post("/api/v1/apps/trace/forms/lot/publish")
    assert accepted.status_code == 200
    assert {"op": "add_unique", "field": "lot_code"} in accepted.json()["changes"]
    assert client.post(RECORDS, json={"data": {"lot_code": "B"}}).status_code == 422
    relaxed = client.put("/api/v1/apps/trace/forms/lot", json=loose)
    assert relaxed.status_code == 200
    dropped = client.post("/api/v1/apps/trace/forms/lot/publish").json()
    assert {"op": "drop_unique", "field": "lot_code"} in dropped["changes"]
    assert client.post(RECORDS, json={"data": {"lot_code": "B"}}).status_code == 201
    cannot = client.put(
        "/api/v1/apps/trace/forms/lot",
        json=form_doc(fields=[field("note", "long_text", unique=True)]),
    )
    assert cannot.status_code == 422 and cannot.json()["errors"][0]["code"] == "not_uniqueable"


def test_a_unique_value_taken_at_the_same_moment_is_a_conflict_not_a_crash(
    client: Any, monkeypatch: Any
) -> None:
    """Two writers checking the same new value at once both find it free; the database's
    unique index then refuses the second (here: the check is made to miss it)."""
    from engine.records.service import RecordService

    publish_form(client, doc=FORM)
    assert client.post(RECORDS, json={"data": {"lot_code": "L-1"}}).status_code == 201
    monkeypatch.setattr(RecordService, "_unique_problems", staticmethod(lambda *a, **k: []))
    for many in (False, True):
        late = (
            client.post(RECORDS + "/bulk", json={"records": [{"data": {"lot_code": "L-1"}}]})
            if many
            else client.post(RECORDS, json={"data": {"lot_code": "L-1"}})
        )
        assert late.status_code == 409, late.text
        assert late.json()["errors"][0]["code"] == "unique"
        assert "at the same moment" in late.json()["detail"]
    assert client.get(RECORDS).json()["total"] == 1
    assert client.post(RECORDS, json={"data": {"lot_code": "L-2"}}).status_code == 201


def test_text_with_copys_special_characters_round_trips_with_its_history(client: Any) -> None:
    """On PostgreSQL records and their history go in by COPY: its escapes must not show."""
    notes = form_doc(key="notes", fields=[field("code"), field("note", "long_text")])
    publish_form(client, doc=notes)
    tricky = 'a\tb\nc\\d "q" \\N 批次\u0001x'
    made = client.post(
        "/api/v1/apps/trace/forms/notes/records/bulk",
        json={"records": [{"data": {"code": "\\N", "note": tricky}}, {"data": {"code": ""}}]},
    )
    assert made.status_code == 201, made.text
    first, second = (r["id"] for r in made.json()["items"])
    got = client.get(f"/api/v1/apps/trace/forms/notes/records/{first}").json()
    assert got["data"]["code"] == "\\N" and got["data"]["note"] == tricky
    history = client.get(f"/api/v1/apps/trace/forms/notes/records/{first}/history").json()
    assert history[0]["after"] == {"code": "\\N", "note": tricky}
    empty = client.get(f"/api/v1/apps/trace/forms/notes/records/{second}").json()
    assert empty["data"]["code"] in ("", None) and empty["data"]["note"] is None
