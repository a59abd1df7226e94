"""User and department fields name real entries of the directory and show their names."""

from __future__ import annotations

from typing import Any

from tests.factories import field, form_doc, publish_form

RECORDS = "/api/v1/apps/trace/forms/lot/records"


def test_user_and_department_picks(client: Any) -> None:
    qa = client.post("/api/v1/departments", json={"name": "QA"}).json()
    client.post(
        "/api/v1/users",
        json={"login": "li.na", "password": "li-na-password", "display_name": "李娜"},
    )
    client.post("/api/v1/users", json={"login": "gone", "password": "gone-password1"})
    client.patch("/api/v1/users/gone", json={"is_active": False})
    publish_form(
        client,
        doc=form_doc(
            fields=[
                field("inspector", "user"),
                field("team", "user", multiple=True),
                field("recorded_by", "user", current_user=True),
                field("dept", "department"),
            ]
        ),
    )
    made = client.post(
        RECORDS, json={"data": {"inspector": "li.na", "team": ["li.na", "admin"], "dept": qa["id"]}}
    )
    assert made.status_code == 201, made.text
    data = made.json()["data"]
    assert data["inspector"] == {"login": "li.na", "display_name": "李娜"}
    assert [u["login"] for u in data["team"]] == ["li.na", "admin"]
    assert data["recorded_by"]["login"] == "admin"  # the writer
    assert data["dept"] == {"id": qa["id"], "name": "QA"}
    assert client.get(RECORDS, params={"filter[inspector]": "li.na"}).json()["total"] == 1
    same = client.patch(
        f"{RECORDS}/{made.json()['id']}",
        json={"version": 1, "data": {"inspector": data["inspector"]}},
    )
    assert same.json()["version"] == 1
    bad = client.post(
        RECORDS, json={"data": {"inspector": "nobody", "team": ["gone"], "dept": 999}}
    )
    assert bad.status_code == 422
    assert {(e["field"], e["code"]) for e in bad.json()["errors"]} == {
        ("inspector", "unknown_user"),
        ("team", "unknown_user"),
        ("dept", "unknown_department"),
    }
    assert client.get(RECORDS, params={"filter[team]": "li.na"}).status_code == 422


def test_directory_lets_any_member_pick_people_by_name(client: Any, container: Any) -> None:
    from tests.conftest import create_user, token_for

    client.post("/api/v1/departments", json={"name": "QA_lab"})
    client.post("/api/v1/departments", json={"name": "Warehouse"})
    client.post(
        "/api/v1/users",
        json={"login": "li.na", "password": "li-na-password", "display_name": "李娜"},
    )
    client.post("/api/v1/users", json={"login": "gone", "password": "gone-password1"})
    client.patch("/api/v1/users/gone", json={"is_active": False})
    client.post("/api/v1/users", json={"login": "erp", "is_service": True})
    create_user(container, "operator1")
    operator = {"Authorization": f"Bearer {token_for(container, 'operator1')}"}
    assert client.get("/api/v1/users", headers=operator).status_code == 403  # contact details

    found = client.get("/api/v1/directory/users", params={"q": "李"}, headers=operator)
    assert found.status_code == 200, found.text
    assert found.json()["items"] == [
        {"login": "li.na", "display_name": "李娜", "department_id": None}
    ]
    everyone = client.get("/api/v1/directory/users", headers=operator).json()["items"]
    logins = [u["login"] for u in everyone]
    assert "gone" not in logins and "erp" not in logins and "li.na" in logins
    assert all(set(u) == {"login", "display_name", "department_id"} for u in everyone)
    # `_` and `%` are letters, not wildcards.
    teams = client.get("/api/v1/directory/departments", params={"q": "a_l"}, headers=operator)
    assert [d["name"] for d in teams.json()["items"]] == ["QA_lab"]
    too_long = client.get("/api/v1/directory/users", params={"q": "x" * 101}, headers=operator)
    assert too_long.status_code == 422
