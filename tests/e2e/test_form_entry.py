"""The generated data-entry form on a phone: sections, a scanner burst filling GS1 parts,
a relation picker, a live formula, a conditional field, an image upload and a sub-table
whose server error shows at its cell."""

from __future__ import annotations

import json
import struct
import zlib
from pathlib import Path
from typing import Any

import httpx2

from tests.e2e.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, sign_in

APP = "qc_demo"
FORM = "goods_receipt"
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
GS = "\x1d"
# ]C1 (GS1-128) + GTIN 09501101530003, expiry 2026-06-30, lot LOT-E2E, quantity 12.
SCAN = f"]C1010950110153000317260630{GS}10LOT-E2E{GS}3012"

DEFINITION: dict[str, Any] = {
    "schema_version": 1,
    "key": FORM,
    "label": {"zh-CN": "收货登记", "en": "Goods receipt"},
    "title_field": "lot_code",
    "fields": [
        {
            "id": "scan",
            "type": "scan_code",
            "label": {"zh-CN": "扫码", "en": "Scan"},
            "accept": "gs1",
            "fill": {"gtin": "gtin", "lot": "lot_code", "expiry": "expiry", "quantity": "quantity"},
        },
        {
            "id": "supplier",
            "type": "relation",
            "label": {"zh-CN": "供应商", "en": "Supplier"},
            "target": "supplier",
            "display_field": "name",
            "required": True,
        },
        {"id": "po_number", "type": "text", "label": {"zh-CN": "采购单号", "en": "PO number"}},
        {"id": "gtin", "type": "text", "label": "GTIN", "max_length": 14},
        {
            "id": "lot_code",
            "type": "text",
            "label": {"zh-CN": "批次号", "en": "Lot code"},
            "required": True,
        },
        {"id": "expiry", "type": "date", "label": {"zh-CN": "有效期", "en": "Expiry"}},
        {"id": "quantity", "type": "integer", "label": {"zh-CN": "件数", "en": "Cases"}, "min": 1},
        {
            "id": "unit_weight",
            "type": "decimal",
            "label": {"zh-CN": "单件重量", "en": "Weight per case"},
            "scale": 3,
            "min": 0,
        },
        {
            "id": "total_weight",
            "type": "formula",
            "label": {"zh-CN": "总重量", "en": "Total weight"},
            "expression": "quantity * unit_weight",
            "scale": 3,
        },
        {"id": "damaged", "type": "boolean", "label": {"zh-CN": "有破损", "en": "Damaged"}},
        {
            "id": "damage_note",
            "type": "long_text",
            "label": {"zh-CN": "破损说明", "en": "Damage note"},
            "visible_if": "damaged == true",
            "required_if": "damaged == true",
        },
        {
            "id": "photos",
            "type": "image",
            "label": {"zh-CN": "照片", "en": "Photos"},
            "max_files": 3,
        },
        {"id": "location", "type": "geolocation", "label": {"zh-CN": "位置", "en": "Location"}},
        {"id": "sign", "type": "signature", "label": {"zh-CN": "签收", "en": "Signed by"}},
        {
            "id": "lines",
            "type": "sub_table",
            "label": {"zh-CN": "托盘明细", "en": "Pallets"},
            "fields": [
                {
                    "id": "pallet",
                    "type": "text",
                    "label": {"zh-CN": "托盘号", "en": "Pallet"},
                    "required": True,
                },
                {
                    "id": "weight",
                    "type": "decimal",
                    "label": {"zh-CN": "重量", "en": "Weight"},
                    "scale": 3,
                    "min": 0,
                },
            ],
        },
    ],
    "sections": [
        {
            "id": "receipt",
            "label": {"zh-CN": "收货", "en": "Receipt"},
            "columns": 2,
            "fields": ["supplier", "po_number"],
        },
        {
            "id": "goods",
            "label": {"zh-CN": "货物", "en": "Goods"},
            "columns": 2,
            "fields": ["gtin", "lot_code", "expiry", "quantity", "unit_weight", "total_weight"],
        },
        {
            "id": "check",
            "label": {"zh-CN": "检查", "en": "Check"},
            "fields": ["damaged", "damage_note", "photos", "lines"],
        },
        {
            "id": "proof",
            "label": {"zh-CN": "签收", "en": "Proof"},
            "columns": 2,
            "fields": ["location", "sign"],
        },
    ],
}

# A camera that "sees" a GS1 DataMatrix: BarcodeDetector and getUserMedia stand-ins.
CAMERA_SCAN = f"]d2010950110153000317260630{GS}10LOT-CAM{GS}305"
FAKE_CAMERA = """
window.BarcodeDetector = class {
  static async getSupportedFormats() { return ["data_matrix", "code_128"]; }
  async detect() { return [{ rawValue: __SCAN__ }]; }
};
navigator.mediaDevices.getUserMedia = async () => {
  const canvas = document.createElement("canvas");
  canvas.width = 64; canvas.height = 64;
  canvas.getContext("2d").fillRect(0, 0, 64, 64);
  return canvas.captureStream(5);
};
""".replace("__SCAN__", json.dumps(CAMERA_SCAN))


def _png(width: int = 24, height: int = 16) -> bytes:
    """A small, valid RGB PNG."""

    def chunk(tag: bytes, data: bytes) -> bytes:
        crc = zlib.crc32(tag + data) & 0xFFFFFFFF
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", crc)

    rows = b"".join(b"\x00" + bytes([47, 91, 211]) * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


def _publish(server: str) -> httpx2.Client:
    """Sign in over the API and publish the form; the client stays signed in."""
    client = httpx2.Client(base_url=server, timeout=30)
    login = client.post(
        "/api/v1/auth/login", json={"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD}
    )
    assert login.status_code == 200, login.text
    client.headers["X-CSRF-Token"] = login.json()["csrf_token"]
    saved = client.put(f"/api/v1/apps/{APP}/forms/{FORM}", json=DEFINITION)
    assert saved.status_code in (200, 201), saved.text
    published = client.post(f"/api/v1/apps/{APP}/forms/{FORM}/publish")
    assert published.status_code == 200, published.text
    return client


def _sign_in(page: Any, server: str) -> None:
    sign_in(page, server)
    page.get_by_test_id("user-name").wait_for()


def _no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the form scrolls sideways on a 360-px screen"


def _shot(page: Any, path: Path, size: dict[str, int]) -> None:
    """The whole page, with sticky bars where they rest (a viewport as tall as the page)."""
    height = int(page.evaluate("document.documentElement.scrollHeight"))
    page.set_viewport_size({"width": size["width"], "height": max(height, size["height"])})
    page.screenshot(path=str(path))
    page.set_viewport_size(size)


def _value(page: Any, test_id: str) -> str:
    return str(page.get_by_test_id(test_id).input_value())


def test_form_entry_on_a_phone(server: str, browser: Any, artifacts: Path) -> None:
    api = _publish(server)
    new_url = f"{server}/#/apps/{APP}/forms/{FORM}/new"

    context = browser.new_context(viewport=PHONE, locale="en-US", has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)
    page.goto(new_url)
    page.get_by_test_id("record-form").wait_for()
    page.get_by_test_id("section-goods").wait_for()

    # Scan first: the scan field has the focus; sections stack in one column on a phone.
    page.wait_for_function("document.activeElement?.dataset.testid === 'field-scan'")
    lot_box = page.get_by_test_id("field-lot_code").bounding_box()
    gtin_box = page.get_by_test_id("field-gtin").bounding_box()
    assert lot_box is not None and gtin_box is not None
    assert lot_box["y"] > gtin_box["y"] + gtin_box["height"] - 1
    # The save bar is reachable without scrolling.
    save_box = page.get_by_test_id("save-record").bounding_box()
    assert save_box is not None and save_box["y"] + save_box["height"] <= PHONE["height"]
    assert save_box["height"] >= 40
    assert page.get_by_test_id("field-quantity").get_attribute("inputmode") == "numeric"
    assert page.get_by_test_id("field-unit_weight").get_attribute("inputmode") == "decimal"
    # The conditional field is hidden until its condition holds.
    page.wait_for_function(
        "document.querySelector('[data-testid=record-form]').dataset.preview === 'ready'"
    )
    assert page.get_by_test_id("field-damage_note").count() == 0
    page.screenshot(path=str(artifacts / "form-entry-new-phone.png"))

    # A keyboard-wedge scanner: a fast burst with GS separators, then Enter.
    page.keyboard.type(SCAN, delay=5)
    page.keyboard.press("Enter")
    page.wait_for_function(
        "document.querySelector('[data-testid=field-lot_code]').value === 'LOT-E2E'"
    )
    assert _value(page, "field-gtin") == "09501101530003"
    assert _value(page, "field-expiry") == "2026-06-30"
    assert _value(page, "field-quantity") == "12"
    assert _value(page, "field-scan") == SCAN  # the GS characters survive
    assert page.get_by_test_id("field-scan").get_attribute("data-scan-source") == "burst"
    page.get_by_test_id("scan-note-scan").wait_for()

    # Relation picker: search the supplier form by name.
    page.get_by_test_id("field-supplier").click()
    page.get_by_test_id("field-supplier").fill("Dairy")
    option = page.get_by_test_id("field-supplier-option").filter(has_text="Sunrise Dairy")
    option.click()
    chip = page.get_by_test_id("field-supplier-chip")
    chip.wait_for()
    assert "Sunrise Dairy" in chip.inner_text()

    # A decimal, and the formula the server computes from it as the operator types.
    page.get_by_test_id("field-unit_weight").fill("2.5")
    page.wait_for_function(
        "document.querySelector('[data-testid=field-total_weight]').textContent.includes('30')"
    )

    # The conditional field appears (and is required) once "damaged" is ticked.
    page.get_by_test_id("field-damaged").check()
    note = page.get_by_test_id("field-damage_note")
    note.wait_for()
    assert note.get_attribute("required") is not None
    note.fill("One corner dented")

    # An image: uploaded at once, shown as a thumbnail.
    page.get_by_test_id("field-photos-file").set_input_files(
        files=[{"name": "crate.png", "mimeType": "image/png", "buffer": _png()}]
    )
    page.get_by_test_id("field-photos-thumb").wait_for()
    assert page.get_by_test_id("field-photos-item").count() == 1

    # Location refused (no permission on this phone): a clear message, typing still works.
    page.get_by_test_id("field-location-locate").click()
    problem = page.get_by_test_id("field-location-problem")
    problem.wait_for()
    assert "refused" in problem.inner_text()

    # A sub-table row with its required cell left empty: the server's error is at the cell.
    page.get_by_test_id("add-row-lines").click()
    page.get_by_test_id("cell-lines-0-weight").fill("30")
    _no_sideways_scroll(page)
    _shot(page, artifacts / "form-entry-filled-phone.png", PHONE)
    page.get_by_test_id("save-record").click()
    cell_error = page.get_by_test_id("cell-error-lines-0-pallet")
    cell_error.wait_for()
    assert cell_error.inner_text().strip() != ""
    assert page.get_by_test_id("cell-lines-0-pallet").get_attribute("aria-invalid") == "true"
    assert page.get_by_test_id("form-error").is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "form-entry-error-cell-phone.png"))
    _shot(page, artifacts / "form-entry-error-phone.png", PHONE)

    # Fix it and save: the record is stored with everything entered.
    page.get_by_test_id("cell-lines-0-pallet").fill("P-01")
    page.get_by_test_id("save-record").click()
    page.wait_for_url(f"**/#/apps/{APP}/forms/{FORM}")
    found = api.get(
        f"/api/v1/apps/{APP}/forms/{FORM}/records", params={"filter[lot_code]": "LOT-E2E"}
    )
    assert found.status_code == 200, found.text
    [record] = found.json()["items"]
    data = record["data"]
    assert data["scan"] == SCAN
    assert data["supplier"]["display"] == "Sunrise Dairy"
    assert data["expiry"] == "2026-06-30"
    assert data["quantity"] == 12
    assert data["damage_note"] == "One corner dented"
    assert len(data["photos"]) == 1
    assert [(row["pallet"], row["weight"]) for row in data["lines"]] == [("P-01", "30.000")]

    # Land on the record: the saved values are back in the form.
    record_url = f"{server}/#/apps/{APP}/forms/{FORM}/records/{record['id']}"
    page.goto(record_url)
    page.get_by_test_id("record-form").wait_for()
    page.get_by_test_id("field-supplier-chip").wait_for()
    assert _value(page, "field-lot_code") == "LOT-E2E"
    assert _value(page, "cell-lines-0-pallet") == "P-01"
    page.get_by_test_id("field-photos-thumb").wait_for()
    assert "30" in page.get_by_test_id("field-total_weight").inner_text()
    _no_sideways_scroll(page)
    _shot(page, artifacts / "form-entry-record-phone.png", PHONE)
    assert errors == []
    context.close()

    # Desktop: the two-column sections sit side by side.
    desktop = browser.new_context(
        viewport=DESKTOP,
        locale="en-US",
        geolocation={"latitude": 31.2304168, "longitude": 121.4737012, "accuracy": 12},
        permissions=["geolocation"],
    )
    desktop.add_init_script(FAKE_CAMERA)
    page = desktop.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)
    page.goto(record_url)
    page.get_by_test_id("field-supplier-chip").wait_for()
    page.get_by_test_id("field-photos-thumb").wait_for()
    gtin_box = page.get_by_test_id("field-gtin").bounding_box()
    lot_box = page.get_by_test_id("field-lot_code").bounding_box()
    assert gtin_box is not None and lot_box is not None
    assert abs(gtin_box["y"] - lot_box["y"]) < 2 and lot_box["x"] > gtin_box["x"]
    _shot(page, artifacts / "form-entry-record-desktop.png", DESKTOP)

    # A new record with the camera, the location and a signature.
    page.goto(new_url)
    page.get_by_test_id("section-receipt").wait_for()
    page.get_by_test_id("field-scan-camera").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=field-lot_code]').value === 'LOT-CAM'"
    )
    assert _value(page, "field-scan") == CAMERA_SCAN
    assert page.get_by_test_id("field-scan").get_attribute("data-scan-source") == "camera"
    assert page.get_by_test_id("field-scan-camera-view").count() == 0
    page.get_by_test_id("field-supplier").click()
    page.get_by_test_id("field-supplier-option").first.wait_for()
    page.get_by_test_id("field-supplier-option").first.click()
    page.get_by_test_id("field-location-locate").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=field-location-lat]').value === '31.2304168'"
    )
    assert _value(page, "field-location-accuracy") == "12"
    pad = page.get_by_test_id("field-sign-pad")
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + 20, box["y"] + 120)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 18, box["y"] + 120 - (step % 3) * 25)
    page.mouse.up()
    page.get_by_test_id("field-sign-use").click()
    page.get_by_test_id("field-sign-image").wait_for()
    page.get_by_test_id("add-row-lines").click()
    page.get_by_test_id("cell-lines-0-pallet").fill("P-CAM")
    _shot(page, artifacts / "form-entry-new-desktop.png", DESKTOP)
    page.get_by_test_id("save-record").click()
    page.wait_for_url(f"**/#/apps/{APP}/forms/{FORM}")
    found = api.get(
        f"/api/v1/apps/{APP}/forms/{FORM}/records", params={"filter[lot_code]": "LOT-CAM"}
    )
    [saved] = found.json()["items"]
    assert saved["data"]["quantity"] == 5
    assert saved["data"]["location"] == {"lat": 31.2304168, "lng": 121.4737012, "accuracy": 12.0}
    assert saved["data"]["sign"]["content_type"] == "image/png"

    # The same form in Chinese.
    page.get_by_test_id("lang-switch").select_option("zh-CN")
    page.goto(new_url)
    page.get_by_test_id("section-goods").wait_for()
    assert "货物" in page.get_by_test_id("section-goods").inner_text()
    assert "添加一行" in page.get_by_test_id("add-row-lines").inner_text()
    page.screenshot(path=str(artifacts / "form-entry-new-desktop-zh.png"))
    assert errors == []
    desktop.close()
    api.close()
