"""Roles decide which rows and fields each user sees and writes, in every way of reading."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from engine.bootstrap import Container
from tests.conftest import token_for
from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"

LOT_FORM = form_doc(
    fields=[
        field("lot_code", required=True, index=True),
        field(
            "plant",
            "single_select",
            options=[{"key": "north", "label": "North"}, {"key": "south", "label": "South"}],
        ),
        field("quantity", "decimal", scale=2),
        field("supplier_price", "decimal", scale=2),
        field(
            "status",
            "single_select",
            options=[{"key": "open", "label": "Open"}, {"key": "released", "label": "Released"}],
            default="open",
        ),
    ]
)
OPERATOR = {
    "schema_version": 1,
    "key": "operator",
    "label": {"en": "Operator", "zh-CN": "操作员"},
    "forms": {
        "lot": {
            "actions": ["create", "read", "update", "export"],
            "rows": "department",
            "fields": {"supplier_price": "hidden", "status": "read_only"},
        }
    },
}
AUDITOR = {
    "schema_version": 1,
    "key": "auditor",
    "label": "Auditor",
    "forms": {
        "*": {
            "actions": ["read", "export"],
            "rows": {"expression": "record.plant == 'south' and record.quantity >= 10"},
        }
    },
}


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.fixture
def world(container: Container, client: Any, app_client: Any) -> dict[str, Any]:
    """Plant → North → Line 1, and South; alice (North) and dave (Line 1) operate, bob audits."""
    publish_form(client, doc=LOT_FORM)
    plant = client.post("/api/v1/departments", json={"name": "Plant"}).json()
    north = client.post(
        "/api/v1/departments", json={"name": "North", "parent_id": plant["id"]}
    ).json()
    line1 = client.post(
        "/api/v1/departments", json={"name": "Line 1", "parent_id": north["id"]}
    ).json()
    south = client.post(
        "/api/v1/departments", json={"name": "South", "parent_id": plant["id"]}
    ).json()
    assert line1["path"] == f"/{plant['id']}/{north['id']}/{line1['id']}/"
    for login, dep in (
        ("alice", north),
        ("dave", line1),
        ("sam", south),
        ("bob", south),
        ("carol", None),
    ):
        made = client.post(
            "/api/v1/users",
            json={
                "login": login,
                "password": f"{login}-password-1",
                "department_id": dep["id"] if dep else None,
            },
        )
        assert made.status_code == 201, made.text
    for role in (OPERATOR, AUDITOR):
        assert client.put(f"/api/v1/apps/trace/roles/{role['key']}", json=role).status_code == 201
        published = client.post(f"/api/v1/apps/trace/roles/{role['key']}/publish")
        assert published.status_code == 200, published.text
    assert (
        client.put(
            "/api/v1/apps/trace/roles/operator/members", json={"users": ["alice", "dave", "sam"]}
        ).status_code
        == 200
    )
    assert client.put(
        "/api/v1/apps/trace/roles/auditor/members", json={"users": ["bob"]}
    ).json() == {"users": ["bob"]}
    tokens = {
        login: token_for(container, login) for login in ("alice", "dave", "sam", "bob", "carol")
    }
    ids = {}
    for login, code, plant_key, qty in (
        ("alice", "N-1", "north", "5"),
        ("dave", "N-2", "north", "50"),
        ("sam", "S-1", "south", "20"),
        ("sam", "S-2", "south", "2"),
    ):
        made = app_client.post(
            RECORDS,
            json={"data": {"lot_code": code, "plant": plant_key, "quantity": qty}},
            headers=bearer(tokens[login]),
        )
        assert made.status_code == 201, made.text
        assert "supplier_price" not in made.json()["data"]
        ids[code] = made.json()["id"]
    for code in ids:
        price = client.patch(
            f"{RECORDS}/{ids[code]}", json={"version": 1, "data": {"supplier_price": "9.90"}}
        )
        assert price.status_code == 200
    return {"tokens": tokens, "ids": ids}


def codes(response: Any) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(r["data"]["lot_code"] for r in response.json()["items"])


def test_list_get_export_and_summary_follow_the_roles(
    world: dict[str, Any], app_client: Any, client: Any
) -> None:
    alice, bob = bearer(world["tokens"]["alice"]), bearer(world["tokens"]["bob"])
    ids = world["ids"]

    # List: alice sees her department and below (North + Line 1), never the price.
    listed = app_client.get(RECORDS, headers=alice)
    assert codes(listed) == ["N-1", "N-2"]
    assert listed.json()["total"] == 2
    assert all("supplier_price" not in r["data"] for r in listed.json()["items"])
    # bob sees South with quantity >= 10, including the price.
    assert codes(app_client.get(RECORDS, headers=bob)) == ["S-1"]
    assert (
        app_client.get(RECORDS, headers=bob).json()["items"][0]["data"]["supplier_price"] == "9.90"
    )
    assert codes(client.get(RECORDS)) == ["N-1", "N-2", "S-1", "S-2"]

    # Get: outside the rows a record does not exist.
    assert app_client.get(f"{RECORDS}/{ids['S-1']}", headers=alice).status_code == 404
    assert app_client.get(f"{RECORDS}/{ids['N-2']}", headers=alice).json()["data"].keys() == {
        "lot_code",
        "plant",
        "quantity",
        "status",
    }
    assert app_client.get(f"{RECORDS}/{ids['N-1']}", headers=bob).status_code == 404
    assert app_client.get(f"{RECORDS}/{ids['N-1']}/history", headers=bob).status_code == 404

    # Export: the same rows and columns.
    alice_csv = list(
        csv.DictReader(
            io.StringIO(
                app_client.get(f"{RECORDS}/export.csv", headers=alice).content.decode("utf-8-sig")
            )
        )
    )
    assert sorted(r["lot_code"] for r in alice_csv) == ["N-1", "N-2"]
    assert "supplier_price" not in alice_csv[0]
    bob_csv = list(
        csv.DictReader(
            io.StringIO(
                app_client.get(f"{RECORDS}/export.csv", headers=bob).content.decode("utf-8-sig")
            )
        )
    )
    assert [(r["lot_code"], r["supplier_price"]) for r in bob_csv] == [("S-1", "9.90")]

    # Summary (report query): aggregates only what each may see.
    alice_sum = app_client.get(
        f"{RECORDS}/summary",
        params={"group_by": "plant", "measure": "count,sum:quantity"},
        headers=alice,
    ).json()
    assert alice_sum["groups"] == [
        {"key": {"plant": "north"}, "values": {"count": 2, "sum:quantity": "55.00"}}
    ]
    hidden_measure = app_client.get(
        f"{RECORDS}/summary", params={"measure": "sum:supplier_price"}, headers=alice
    )
    assert hidden_measure.status_code == 422
    everything = client.get(
        f"{RECORDS}/summary", params={"group_by": "plant", "measure": "count,max:quantity"}
    ).json()
    assert everything["groups"] == [
        {"key": {"plant": "north"}, "values": {"count": 2, "max:quantity": "50.00"}},
        {"key": {"plant": "south"}, "values": {"count": 2, "max:quantity": "20.00"}},
    ]

    # Hidden fields cannot be used to probe values either.
    probe = app_client.get(RECORDS, params={"filter[supplier_price][gt]": "1"}, headers=alice)
    assert probe.status_code == 422 and probe.json()["errors"][0]["code"] == "unknown_field"
    assert (
        app_client.get(RECORDS, params={"sort": "supplier_price"}, headers=alice).status_code == 422
    )


def test_writes_follow_the_roles(world: dict[str, Any], app_client: Any) -> None:
    alice, bob, carol = (bearer(world["tokens"][u]) for u in ("alice", "bob", "carol"))
    ids = world["ids"]
    read_only = app_client.patch(
        f"{RECORDS}/{ids['N-1']}",
        json={"version": 2, "data": {"status": "released"}},
        headers=alice,
    )
    assert read_only.status_code == 403
    assert read_only.json()["errors"] == [
        {
            "pointer": "/data/status",
            "code": "read_only",
            "message": "is read-only for you",
            "field": "status",
        }
    ]
    assert "'status'" in read_only.json()["detail"]
    hidden = app_client.patch(
        f"{RECORDS}/{ids['N-1']}",
        json={"version": 2, "data": {"supplier_price": "1"}},
        headers=alice,
    )
    assert hidden.status_code == 422 and hidden.json()["errors"][0]["code"] == "unknown_field"
    ok = app_client.patch(
        f"{RECORDS}/{ids['N-2']}", json={"version": 2, "data": {"quantity": "51"}}, headers=alice
    )
    assert ok.status_code == 200 and ok.json()["data"]["quantity"] == "51.00"
    outside = app_client.patch(
        f"{RECORDS}/{ids['S-1']}", json={"version": 2, "data": {"quantity": "1"}}, headers=alice
    )
    assert outside.status_code == 404
    no_delete = app_client.delete(f"{RECORDS}/{ids['N-1']}", headers=alice)
    assert no_delete.status_code == 403
    assert (
        app_client.post(RECORDS, json={"data": {"lot_code": "B-1"}}, headers=bob).status_code == 403
    )
    assert app_client.get(RECORDS, headers=carol).status_code == 403
    assert app_client.get("/api/v1/apps", headers=carol).json()["items"] == []
    assert app_client.get("/api/v1/apps/trace", headers=carol).status_code == 404
    assert [a["key"] for a in app_client.get("/api/v1/apps", headers=alice).json()["items"]] == [
        "trace"
    ]
    # Operators read definitions (to fill forms) but cannot change them.
    assert app_client.get("/api/v1/apps/trace/forms/lot", headers=alice).status_code == 200
    assert (
        app_client.put("/api/v1/apps/trace/forms/lot", json=LOT_FORM, headers=alice).status_code
        == 403
    )


def test_expression_scope_bounds_what_a_writer_may_create(
    container: Container, client: Any, app_client: Any
) -> None:
    publish_form(client, doc=LOT_FORM)
    role = {
        "schema_version": 1,
        "key": "north_clerk",
        "label": "North clerk",
        "forms": {
            "lot": {
                "actions": ["create", "read", "update"],
                "rows": {"expression": "record.plant == 'north'"},
            }
        },
    }
    client.put("/api/v1/apps/trace/roles/north_clerk", json=role)
    assert client.post("/api/v1/apps/trace/roles/north_clerk/publish").status_code == 200
    client.post("/api/v1/users", json={"login": "nina", "password": "nina-password-1"})
    client.put("/api/v1/apps/trace/roles/north_clerk/members", json={"users": ["nina"]})
    nina = bearer(token_for(container, "nina"))
    assert (
        app_client.post(
            RECORDS, json={"data": {"lot_code": "N", "plant": "north"}}, headers=nina
        ).status_code
        == 201
    )
    south = app_client.post(
        RECORDS, json={"data": {"lot_code": "S", "plant": "south"}}, headers=nina
    )
    assert south.status_code == 403 and south.json()["errors"][0]["code"] == "row_scope"
    assert client.get(RECORDS).json()["total"] == 1  # nothing half-written


def test_role_definitions_are_checked_at_publish(client: Any) -> None:
    publish_form(client, doc=LOT_FORM)
    bad = {
        "schema_version": 1,
        "key": "broken",
        "label": "Broken",
        "forms": {
            "lot": {
                "actions": ["read"],
                "fields": {"colour": "hidden"},
                "rows": {"expression": "record.plant == user.password"},
            },
            "ghost": {"actions": ["read"]},
            "*": {"actions": ["read"], "rows": {"expression": "__import__('os').system('x')"}},
        },
    }
    assert client.put("/api/v1/apps/trace/roles/broken", json=bad).status_code == 201
    refused = client.post("/api/v1/apps/trace/roles/broken/publish")
    assert refused.status_code == 422
    pointers = {e["pointer"] for e in refused.json()["errors"]}
    assert pointers == {
        "/forms/lot/fields/colour",
        "/forms/lot/rows/expression",
        "/forms/ghost",
        "/forms/*/rows/expression",
    }
    meta = client.put(
        "/api/v1/apps/trace/roles/broken", json={**bad, "forms": {"lot": {"actions": ["fly"]}}}
    )
    assert meta.status_code == 422 and meta.json()["errors"][0]["pointer"] == "/forms/lot/actions/0"
    unknown_user = client.put("/api/v1/apps/trace/roles/broken/members", json={"users": ["ghost"]})
    assert unknown_user.status_code == 422
