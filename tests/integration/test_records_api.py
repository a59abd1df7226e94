"""Records through the REST API, on SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"


def create(client: Any, **data: Any) -> dict[str, Any]:
    response = client.post(RECORDS, json={"data": data})
    assert response.status_code == 201, response.text
    body: dict[str, Any] = response.json()
    return body


def test_create_get_patch_delete_with_history(client: Any) -> None:
    publish_form(client)
    record = create(client, lot_code="RM-001", quantity="12.5")
    assert record["version"] == 1
    assert record["data"] == {"lot_code": "RM-001", "quantity": "12.500", "status": "quarantined"}

    got = client.get(f"{RECORDS}/{record['id']}")
    assert got.status_code == 200
    assert got.headers["etag"] == '"1"'
    assert got.json() == record

    patched = client.patch(
        f"{RECORDS}/{record['id']}", json={"version": 1, "data": {"status": "released"}}
    )
    assert patched.status_code == 200, patched.text
    assert patched.json()["version"] == 2
    assert patched.json()["data"]["status"] == "released"

    deleted = client.delete(f"{RECORDS}/{record['id']}", headers={"If-Match": '"2"'})
    assert deleted.status_code == 204
    assert client.get(f"{RECORDS}/{record['id']}").status_code == 404

    history = client.get(f"{RECORDS}/{record['id']}/history").json()
    assert [h["action"] for h in history] == ["create", "update", "delete"]
    assert history[0]["after"]["lot_code"] == "RM-001"
    assert history[1]["before"] == {"status": "quarantined"}
    assert history[1]["after"] == {"status": "released"}
    assert history[2]["before"]["status"] == "released" and history[2]["after"] is None
    assert all(h["client"] for h in history)


def test_every_error_of_a_record_comes_back_at_once(client: Any) -> None:
    publish_form(client)
    response = client.post(
        RECORDS, json={"data": {"quantity": "-1", "status": "lost", "colour": "red"}}
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["code"] == "record_invalid"
    by_pointer = {e["pointer"]: e for e in problem["errors"]}
    assert set(by_pointer) == {"/data/colour", "/data/lot_code", "/data/quantity", "/data/status"}
    assert by_pointer["/data/lot_code"]["code"] == "required"
    assert by_pointer["/data/quantity"]["code"] == "min"
    assert by_pointer["/data/status"]["code"] == "option"
    assert by_pointer["/data/colour"]["code"] == "unknown_field"
    assert client.get(RECORDS).json()["total"] == 0  # nothing written


def test_wrong_types_get_specific_messages(client: Any) -> None:
    publish_form(
        client,
        doc=form_doc(
            fields=[
                field("lot_code"),
                field("pieces", "integer", max=100),
                field("quantity", "decimal", precision=6, scale=2),
                field("ok", "boolean"),
                field("made_on", "date"),
                field("checked_at", "datetime"),
            ]
        ),
    )
    response = client.post(
        RECORDS,
        json={
            "data": {
                "lot_code": ["x"],
                "pieces": "12a",
                "quantity": "1.234",
                "ok": "yes",
                "made_on": "21/11/2026",
                "checked_at": "2026-11-21T08:00:00",
            }
        },
    )
    assert response.status_code == 422
    codes = {e["field"]: e["code"] for e in response.json()["errors"]}
    assert codes == {
        "lot_code": "type",
        "pieces": "type",
        "quantity": "scale",
        "ok": "type",
        "made_on": "type",
        "checked_at": "timezone",
    }
    too_big = client.post(RECORDS, json={"data": {"pieces": 101, "quantity": "12345.6"}})
    assert {e["code"] for e in too_big.json()["errors"]} == {"max", "precision"}


def test_values_round_trip_exactly(client: Any) -> None:
    publish_form(
        client,
        doc=form_doc(
            fields=[
                field("lot_code"),
                field("quantity", "decimal", precision=15, scale=4),
                field("checked_at", "datetime"),
                field("made_on", "date"),
                field("note", "long_text"),
            ]
        ),
    )
    record = create(
        client,
        lot_code="批次-甲",
        quantity="12345678901.2345",
        checked_at="2026-11-21T08:30:00+08:00",
        made_on="2026-02-28",
        note="line 1\nline 2 — 温度 4°C",
    )
    again = client.get(f"{RECORDS}/{record['id']}").json()["data"]
    assert again == {
        "lot_code": "批次-甲",
        "quantity": "12345678901.2345",
        "checked_at": "2026-11-21T00:30:00Z",
        "made_on": "2026-02-28",
        "note": "line 1\nline 2 — 温度 4°C",
    }


def test_stale_version_is_refused_with_the_current_version(client: Any) -> None:
    publish_form(client)
    record = create(client, lot_code="A")
    url = f"{RECORDS}/{record['id']}"
    assert client.patch(url, json={"version": 1, "data": {"quantity": 1}}).status_code == 200
    stale = client.patch(url, json={"version": 1, "data": {"quantity": 2}})
    assert stale.status_code == 409
    assert stale.json()["code"] == "version_conflict"
    assert stale.json()["current_version"] == 2
    assert client.get(url).json()["data"]["quantity"] == "1.000"

    missing = client.patch(url, json={"data": {"quantity": 3}})
    assert missing.status_code == 428
    via_header = client.patch(url, json={"data": {"quantity": 3}}, headers={"If-Match": 'W/"2"'})
    assert via_header.status_code == 200 and via_header.json()["version"] == 3
    assert client.delete(url, headers={"If-Match": '"1"'}).status_code == 409


def test_required_field_cannot_be_cleared(client: Any) -> None:
    publish_form(client)
    record = create(client, lot_code="A")
    cleared = client.patch(
        f"{RECORDS}/{record['id']}", json={"version": 1, "data": {"lot_code": None}}
    )
    assert cleared.status_code == 422
    assert cleared.json()["errors"][0]["pointer"] == "/data/lot_code"


def test_malformed_and_misshapen_bodies(client: Any) -> None:
    publish_form(client)
    broken = client.post(
        RECORDS,
        content=b'{"data": {"lot_code": "A",}}',
        headers={"Content-Type": "application/json"},
    )
    assert broken.status_code == 400
    assert broken.json()["code"] == "malformed_json"
    no_data = client.post(RECORDS, json={"lot_code": "A"})
    assert no_data.status_code == 422
    assert no_data.json()["errors"][0]["pointer"] == "/data"
    not_object = client.post(RECORDS, json={"data": [1, 2]})
    assert not_object.status_code == 422
    assert not_object.json()["errors"][0]["pointer"] == "/data"
    assert client.get(RECORDS).json()["total"] == 0


def test_unknown_app_form_and_record(client: Any) -> None:
    publish_form(client)
    assert client.get("/api/v1/apps/nope/forms/lot/records").json()["code"] == "form_not_found"
    assert client.get("/api/v1/apps/trace/forms/nope/records").status_code == 404
    missing = client.get(f"{RECORDS}/999")
    assert missing.status_code == 404 and missing.json()["code"] == "record_not_found"
    client.put("/api/v1/apps/trace/forms/draft_only", json=form_doc("draft_only"))
    unpublished = client.get("/api/v1/apps/trace/forms/draft_only/records")
    assert unpublished.status_code == 404
    assert "not been published" in unpublished.json()["detail"]


def test_bulk_create_is_all_or_nothing_and_names_rows(client: Any) -> None:
    publish_form(client)
    bulk = RECORDS + "/bulk"
    good = client.post(bulk, json={"records": [{"data": {"lot_code": f"L{i}"}} for i in range(5)]})
    assert good.status_code == 201
    assert [r["data"]["lot_code"] for r in good.json()["items"]] == [f"L{i}" for i in range(5)]
    ids = [r["id"] for r in good.json()["items"]]
    assert ids == sorted(ids)

    bad = client.post(
        bulk,
        json={
            "records": [
                {"data": {"lot_code": "ok"}},
                {"data": {}},
                {"data": {"quantity": "x", "lot_code": "b"}},
            ]
        },
    )
    assert bad.status_code == 422
    errors = bad.json()["errors"]
    assert {(e["row"], e["pointer"]) for e in errors} == {
        (1, "/records/1/data/lot_code"),
        (2, "/records/2/data/quantity"),
    }
    assert client.get(RECORDS).json()["total"] == 5
    assert client.post(bulk, json={"records": []}).status_code == 422
    assert client.post(bulk, json={"rows": []}).status_code == 422


def test_filters_sort_and_pagination(client: Any) -> None:
    publish_form(
        client,
        doc=form_doc(
            fields=[
                field("lot_code", index=True),
                field("pieces", "integer"),
                field("made_on", "date"),
                field("released", "boolean"),
                field(
                    "grade",
                    "single_select",
                    options=[{"key": "a", "label": "A"}, {"key": "b", "label": "B"}],
                ),
            ]
        ),
    )
    rows = []
    for i in range(30):
        rows.append(
            {
                "data": {
                    "lot_code": f"LOT-{i:03d}",
                    "pieces": None if i % 10 == 0 else i % 7,
                    "made_on": f"2026-11-{(i % 28) + 1:02d}",
                    "released": i % 2 == 0,
                    "grade": "a" if i % 3 else "b",
                }
            }
        )
    assert client.post(RECORDS + "/bulk", json={"records": rows}).status_code == 201

    def codes(query: str) -> list[str]:
        response = client.get(f"{RECORDS}?{query}")
        assert response.status_code == 200, response.text
        return [r["data"]["lot_code"] for r in response.json()["items"]]

    assert codes("filter[lot_code]=LOT-007") == ["LOT-007"]
    assert len(codes("filter[lot_code][startswith]=LOT-00&limit=100")) == 10
    assert codes("filter[lot_code][contains]=02&limit=100") == [
        "LOT-002",
        "LOT-020",
        "LOT-021",
        "LOT-022",
        "LOT-023",
        "LOT-024",
        "LOT-025",
        "LOT-026",
        "LOT-027",
        "LOT-028",
        "LOT-029",
    ]
    assert len(codes("filter[pieces][isnull]=true&limit=100")) == 3
    assert len(codes("filter[pieces][gte]=5&limit=100")) == len(
        [i for i in range(30) if i % 10 and i % 7 >= 5]
    )
    assert len(codes("filter[pieces][in]=1,2&limit=100")) == len(
        [i for i in range(30) if i % 10 and i % 7 in (1, 2)]
    )
    assert len(codes("filter[released]=true&filter[grade]=b&limit=100")) == len(
        [i for i in range(30) if i % 2 == 0 and i % 3 == 0]
    )
    assert len(codes("filter[grade][ne]=b&limit=100")) == 20
    assert codes("filter[made_on][lt]=2026-11-02&limit=100") == ["LOT-000", "LOT-028"]
    assert codes("sort=-lot_code&limit=3") == ["LOT-029", "LOT-028", "LOT-027"]
    page = client.get(f"{RECORDS}?sort=pieces,-lot_code&limit=4&offset=0").json()
    # Empty values are the smallest: first going up, last going down.
    assert [r["data"]["pieces"] for r in page["items"]] == [None, None, None, 0]
    assert [r["data"]["lot_code"] for r in page["items"]] == [
        "LOT-020",
        "LOT-010",
        "LOT-000",
        "LOT-028",
    ]
    down = client.get(f"{RECORDS}?sort=-pieces&limit=30").json()["items"]
    assert [r["data"]["pieces"] for r in down][-3:] == [None, None, None]
    assert page["total"] == 30 and page["next_cursor"]
    assert client.get(f"{RECORDS}?count=false").json()["total"] is None

    for sort in ("", "sort=-pieces,lot_code&", "sort=made_on&", "sort=-released,grade&"):
        seen: list[str] = []
        cursor = None
        for _ in range(20):
            query = f"{sort}limit=7" + (f"&cursor={cursor}" if cursor else "")
            body = client.get(f"{RECORDS}?{query}").json()
            seen += [r["data"]["lot_code"] for r in body["items"]]
            cursor = body["next_cursor"]
            if not cursor:
                break
        by_offset = codes(f"{sort}limit=100")
        assert seen == by_offset, sort
        assert len(set(seen)) == 30


def test_bad_list_queries_are_explained(client: Any) -> None:
    publish_form(
        client,
        doc=form_doc(
            fields=[field("lot_code"), field("note", "long_text"), field("ok", "boolean")]
        ),
    )
    bad = client.get(f"{RECORDS}?filter[colour]=red&filter[note][gt]=a&filter[ok]=maybe")
    assert bad.status_code == 422
    codes = {e["field"]: e["code"] for e in bad.json()["errors"]}
    assert codes == {"colour": "unknown_field", "note": "unknown_operator", "ok": "type"}
    assert client.get(f"{RECORDS}?sort=note").json()["errors"][0]["code"] == "not_sortable"
    assert client.get(f"{RECORDS}?limit=0").status_code == 422
    assert client.get(f"{RECORDS}?limit=abc").status_code == 422
    assert client.get(f"{RECORDS}?limt=5").json()["errors"][0]["code"] == "unknown_parameter"
    assert client.get(f"{RECORDS}?cursor=garbage").json()["errors"][0]["code"] == "invalid_cursor"
    create(client, lot_code="a")
    create(client, lot_code="b")
    cursor = client.get(f"{RECORDS}?limit=1").json()["next_cursor"]
    other = client.get(f"{RECORDS}?limit=1&sort=lot_code&cursor={cursor}")
    assert other.json()["errors"][0]["code"] == "cursor_mismatch"


def test_thousand_records_survive_adding_a_field(client: Any) -> None:
    """The foundation's end-to-end check: app, form, publish, 1,000 records, add a field."""
    publish_form(client)
    for start in range(0, 1000, 250):
        batch = [
            {"data": {"lot_code": f"RM-{i:04d}", "quantity": f"{i}.125", "status": "released"}}
            for i in range(start, start + 250)
        ]
        assert client.post(RECORDS + "/bulk", json={"records": batch}).status_code == 201

    doc = form_doc()
    doc["fields"].append(field("supplier_lot", max_length=40, index=True))
    assert client.put("/api/v1/apps/trace/forms/lot", json=doc).status_code == 200
    plan = client.post("/api/v1/apps/trace/forms/lot/publish").json()
    assert {"op": "add_column", "field": "supplier_lot", "sql": "varchar(40)"} in plan["changes"]
    assert {"op": "add_index", "field": "supplier_lot"} in plan["changes"]

    record = create(client, lot_code="RM-1000", supplier_lot="S-9")
    assert record["data"]["supplier_lot"] == "S-9"
    seen = {}
    cursor = None
    while True:
        body = client.get(RECORDS + "?limit=300" + (f"&cursor={cursor}" if cursor else "")).json()
        for r in body["items"]:
            seen[r["data"]["lot_code"]] = r["data"]
        cursor = body["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 1001
    assert seen["RM-0999"] == {
        "lot_code": "RM-0999",
        "quantity": "999.125",
        "status": "released",
        "supplier_lot": None,
    }
    assert client.get(RECORDS + "?filter[supplier_lot]=S-9").json()["total"] == 1
