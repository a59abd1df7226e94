"""The whole path in a real browser: an administrator drags a form together on a desktop
(a scan field mapped to GS1 parts, a sub-table, a formula), publishes it; an operator with
a role on that form fills it on a 360-px phone with a scanner burst, meets the server's
validation, saves, finds the record in the list, edits it and sees its history."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import httpx2

from tests.e2e.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, sign_in
from tests.e2e.test_designer import _card, _drag, _edit, _palette

APP = "qc_demo"
FORM = "pallet_check"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
OPERATOR = "op.wang"
OPERATOR_PASSWORD = "op-wang-password-1"
GS = "\x1d"
# ]C1 (GS1-128): GTIN 09501101530003, lot PAL-0042, quantity 12 cases.
SCAN = "]C1" + "0109501101530003" + "10PAL-0042" + GS + "3012"


def _sign_in(page: Any, server: str, login: str, password: str) -> None:
    sign_in(page, server, login, password)
    page.get_by_test_id("user-name").wait_for()


def _admin_api(server: str) -> httpx2.Client:
    client = httpx2.Client(base_url=server, timeout=30)
    login = client.post(
        "/api/v1/auth/login", json={"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD}
    )
    assert login.status_code == 200, login.text
    client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
    return client


def _design_and_publish(page: Any, server: str, artifacts: Path) -> None:
    page.goto(f"{server}/#/apps/{APP}/forms/{FORM}/design")
    page.get_by_test_id("canvas-empty").wait_for()
    page.get_by_test_id("new-form-label").fill("Pallet check")

    root = page.locator("[data-testid=drop-zone][data-container=root]")
    for field_type, ref in (
        ("scan_code", "scan_code_1"),
        ("text", "text_1"),
        ("integer", "integer_1"),
        ("decimal", "decimal_1"),
        ("formula", "formula_1"),
        ("sub_table", "sub_table_1"),
    ):
        _drag(page, _palette(page, field_type), root, "bottom")
        _card(page, ref).wait_for()
    table = page.locator("[data-testid=table-zone][data-container='table:sub_table_1']")
    _drag(page, _palette(page, "text"), table)
    _card(page, "sub_table_1/text_2").wait_for()

    _edit(page, "scan_code_1", "scan", "Scan", "扫码")
    _edit(page, "text_1", "lot_code", "Lot code", "批次号")
    page.get_by_test_id("prop-required").check()
    _edit(page, "integer_1", "cases", "Cases", "件数")
    page.get_by_test_id("prop-min").fill("1")
    _edit(page, "decimal_1", "case_weight", "Weight per case", "单件重量")
    _edit(page, "formula_1", "total_weight", "Total weight", "总重量")
    page.get_by_test_id("prop-expression").fill("cases * case_weight")
    _edit(page, "sub_table_1", "pallets", "Pallets", "托盘")
    _edit(page, "pallets/text_2", "pallet_no", "Pallet no.", "托盘号")
    page.get_by_test_id("prop-required").check()
    # The scan's GS1 parts go to the fields they belong in.
    _card(page, "scan").click()
    page.locator("[data-testid=field-panel][data-field-id=scan]").wait_for()
    page.get_by_test_id("prop-fill-lot").select_option("lot_code")
    page.get_by_test_id("prop-fill-quantity").select_option("cases")
    page.screenshot(path=str(artifacts / "flow-designer-desktop.png"))

    page.get_by_test_id("save-draft").click()
    page.locator("[data-testid=designer-notice][data-tone=success]").wait_for()
    page.get_by_test_id("publish").click()
    page.get_by_test_id("publish-dialog").wait_for()
    page.wait_for_function("!document.querySelector('[data-testid=publish-confirm]').disabled")
    page.get_by_test_id("publish-confirm").click()
    page.locator("[data-testid=designer-status][data-status=published]").wait_for()


def _give_operator_the_form(api: httpx2.Client) -> None:
    made = api.post(
        "/api/v1/users",
        json={"login": OPERATOR, "password": OPERATOR_PASSWORD, "display_name": "王工"},
    )
    assert made.status_code == 201, made.text
    role = {
        "schema_version": 1,
        "key": "pallet_operator",
        "label": {"en": "Pallet operator", "zh-CN": "托盘操作员"},
        "forms": {FORM: {"actions": ["create", "read", "update"]}},
    }
    saved = api.put(f"/api/v1/apps/{APP}/roles/pallet_operator", json=role)
    assert saved.status_code == 201, saved.text
    assert api.post(f"/api/v1/apps/{APP}/roles/pallet_operator/publish").status_code == 200
    members = api.put(
        f"/api/v1/apps/{APP}/roles/pallet_operator/members", json={"users": [OPERATOR]}
    )
    assert members.status_code == 200, members.text


def _value(page: Any, test_id: str) -> str:
    return str(page.get_by_test_id(test_id).input_value())


def test_designed_form_is_filled_by_an_operator(server: str, browser: Any, artifacts: Path) -> None:
    admin = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = admin.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server, ADMIN_LOGIN, ADMIN_PASSWORD)
    _design_and_publish(page, server, artifacts)
    admin.close()

    api = _admin_api(server)
    published = api.get(f"/api/v1/apps/{APP}/forms/{FORM}").json()
    assert published["status"] == "published"
    fields = {f["id"]: f for f in published["document"]["fields"]}
    assert fields["scan"]["fill"] == {"lot": "lot_code", "quantity": "cases"}
    assert fields["total_weight"]["expression"] == "cases * case_weight"
    _give_operator_the_form(api)

    # The operator, on a phone.
    phone = browser.new_context(viewport=PHONE, locale="en-US", has_touch=True)
    page = phone.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server, OPERATOR, OPERATOR_PASSWORD)
    page.goto(f"{server}/#/apps/{APP}/forms/{FORM}/new")
    page.get_by_test_id("record-form").wait_for()
    page.wait_for_function("document.activeElement?.dataset.testid === 'field-scan'")

    # A keyboard-wedge scanner: fast keystrokes with a GS separator, then Enter.
    page.keyboard.type(SCAN, delay=5)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('[data-testid=field-lot_code]').value === 'PAL-0042'"
    )
    assert _value(page, "field-cases") == "12"
    assert _value(page, "field-scan") == SCAN

    # The formula follows what is typed (computed by the server's preview).
    page.get_by_test_id("field-case_weight").fill("2.5")
    page.wait_for_function(
        "document.querySelector('[data-testid=field-total_weight]').textContent.includes('30')"
    )

    # A pallet row without its required number: the server says so at that cell.
    page.get_by_test_id("add-row-pallets").click()
    page.get_by_test_id("save-record").click()
    page.get_by_test_id("cell-error-pallets-0-pallet_no").wait_for()
    page.screenshot(path=str(artifacts / "flow-operator-error-phone.png"))
    page.get_by_test_id("cell-pallets-0-pallet_no").fill("P-7")
    page.get_by_test_id("save-record").click()

    # Saved: the list shows it; the operator opens it and corrects the weight.
    page.wait_for_url(f"**/#/apps/{APP}/forms/{FORM}")
    row = page.get_by_test_id("record-row").filter(has_text="PAL-0042")
    row.wait_for()
    page.screenshot(path=str(artifacts / "flow-operator-list-phone.png"))
    row.click()
    page.get_by_test_id("drawer-edit").click()
    page.wait_for_url(f"**/#/apps/{APP}/forms/{FORM}/records/*")
    record_url = page.url
    page.get_by_test_id("record-form").wait_for()
    assert _value(page, "field-case_weight") == "2.50"  # the field's scale: 2
    page.get_by_test_id("field-case_weight").fill("3")
    page.get_by_test_id("save-record").click()
    page.wait_for_url(f"**/#/apps/{APP}/forms/{FORM}")

    # The history names who changed what.
    page.goto(record_url)
    page.get_by_test_id("history-entry").nth(1).wait_for()
    assert page.get_by_test_id("history-entry").count() == 2
    history = page.get_by_test_id("history").inner_text()
    assert OPERATOR in history or "王工" in history
    assert "Weight per case" in history or "case_weight" in history
    page.screenshot(path=str(artifacts / "flow-operator-history-phone.png"), full_page=True)

    stored = api.get(
        f"/api/v1/apps/{APP}/forms/{FORM}/records", params={"filter[lot_code]": "PAL-0042"}
    ).json()["items"]
    assert len(stored) == 1
    data = stored[0]["data"]
    assert data["cases"] == 12
    assert (Decimal(data["case_weight"]), Decimal(data["total_weight"])) == (3, 36)
    assert [row["pallet_no"] for row in data["pallets"]] == ["P-7"]
    assert stored[0]["created_by"] == OPERATOR
    assert errors == []
    phone.close()
    api.close()
