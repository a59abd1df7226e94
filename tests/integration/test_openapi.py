"""/openapi.json carries a typed schema per published form and follows republishing."""

from __future__ import annotations

from typing import Any

from jsonschema import Draft202012Validator

from tests.factories import field, form_doc, publish_form


def test_per_form_schemas_and_paths(client: Any) -> None:
    before = client.get("/openapi.json").json()
    assert "TraceLotRecord" not in before["components"]["schemas"]
    publish_form(client)
    doc = client.get("/openapi.json").json()
    schemas = doc["components"]["schemas"]
    data_in = schemas["TraceLotDataInput"]
    assert data_in["required"] == ["lot_code"]
    assert data_in["properties"]["quantity"]["anyOf"][0]["format"] == "decimal"
    assert schemas["TraceLotRecord"]["properties"]["data"] == {
        "$ref": "#/components/schemas/TraceLotData"
    }
    path = doc["paths"]["/api/v1/apps/trace/forms/lot/records"]
    assert path["post"]["operationId"] == "trace__lot__create"
    params = {p["name"] for p in path["get"]["parameters"]}
    assert {
        "filter[lot_code]",
        "filter[quantity]",
        "filter[created_at]",
        "sort",
        "cursor",
    } <= params
    assert "/api/v1/apps/trace/forms/lot/records/{record_id}" in doc["paths"]

    # The input schema really describes what the API accepts.
    validator = Draft202012Validator(data_in)
    assert validator.is_valid({"lot_code": "A", "quantity": "1.5", "status": "released"})
    assert not validator.is_valid({"quantity": "1.5"})
    assert not validator.is_valid({"lot_code": "A", "colour": "red"})


def test_schema_follows_republish(client: Any) -> None:
    publish_form(client)
    first = client.get("/openapi.json").json()
    assert "expiry" not in first["components"]["schemas"]["TraceLotData"]["properties"]
    doc = form_doc()
    doc["fields"].append(field("expiry", "date"))
    client.put("/api/v1/apps/trace/forms/lot", json=doc)
    client.post("/api/v1/apps/trace/forms/lot/publish")
    second = client.get("/openapi.json").json()
    assert second["components"]["schemas"]["TraceLotData"]["properties"]["expiry"]["anyOf"][0] == {
        "type": "string",
        "format": "date",
        "title": "Expiry",
    }
    assert client.get("/docs").status_code == 200
    assert second["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    assert second["paths"]["/api/v1/auth/login"]["post"]["security"] == []
    assert "security" not in second["paths"]["/api/v1/users"]["get"]


def test_sub_table_rows_are_described(client: Any) -> None:
    from tests.factories import field, form_doc

    doc = form_doc(
        fields=[
            field(
                "lines",
                "sub_table",
                fields=[field("pallet", required=True), field("weight", "decimal")],
            )
        ]
    )
    publish_form(client, doc=doc)
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    rows = schemas["TraceLotDataInput"]["properties"]["lines"]["anyOf"][0]["items"]
    assert rows["required"] == ["pallet"]
    assert rows["properties"]["weight"]["format"] == "decimal"
