"""The form designer in a real browser: build a form by dragging, fix a formula, save, publish."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.e2e.conftest import sign_in

DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 360, "height": 740}
FORM_KEY = "weighing_e2e"


def _sign_in(page: Any, server: str) -> None:
    sign_in(page, server)
    page.locator("[data-testid=app-card][data-app-key=qc_demo]").wait_for()


def _center(box: dict[str, float]) -> tuple[float, float]:
    return box["x"] + box["width"] / 2, box["y"] + box["height"] / 2


def _drop_point(target: Any, where: str) -> tuple[float, float]:
    box = target.bounding_box()
    assert box is not None
    x, y = _center(box)
    if where == "top":
        y = box["y"] + 4
    elif where == "bottom":
        y = box["y"] + box["height"] - 4
    return x, y


def _drag(page: Any, source: Any, target: Any, where: str = "center") -> None:
    """A real mouse drag: press on `source`, move in steps, release over `target`."""
    target.scroll_into_view_if_needed()
    source.scroll_into_view_if_needed()
    start = source.bounding_box()
    assert start is not None
    sx, sy = _center(start)
    page.mouse.move(sx, sy)
    page.mouse.down()
    page.mouse.move(sx + 6, sy + 6, steps=3)  # past the 4-px activation distance
    tx, ty = _drop_point(target, where)
    page.mouse.move(tx, ty, steps=20)
    # The page may have scrolled on the way (auto-scroll near the edges): aim again.
    tx, ty = _drop_point(target, where)
    assert 0 < ty < page.viewport_size["height"], "drop point is off screen"
    page.mouse.move(tx, ty + 1, steps=4)
    page.mouse.move(tx, ty, steps=2)
    page.mouse.up()
    _wait_for_clicks(page)


# After a drop, dnd-kit swallows clicks for a moment (a capture listener on the document
# stops them, so the dropped card is not also clicked); a test clicking right after a drop
# would lose that click. A probe click that does not bubble still passes the document's
# capture phase: once it reaches its target, clicks go through again.
_CLICKS_REACH_TARGETS = """() => {
    const probe = document.createElement('div');
    let reached = false;
    probe.addEventListener('click', () => { reached = true; });
    document.body.appendChild(probe);
    probe.dispatchEvent(new MouseEvent('click', { bubbles: false }));
    probe.remove();
    return reached;
}"""


def _wait_for_clicks(page: Any) -> None:
    page.wait_for_function(_CLICKS_REACH_TARGETS)


def _card(page: Any, ref: str) -> Any:
    return page.locator(f"[data-testid=field-card][data-field-ref='{ref}']")


def _palette(page: Any, field_type: str) -> Any:
    return page.locator(f"[data-testid=palette-item][data-type={field_type}]")


def _edit(page: Any, ref: str, key: str, en: str, zh: str) -> None:
    """Select a card, then set its key and labels in the property panel."""
    _card(page, ref).click()
    page.locator(f"[data-testid=field-panel][data-field-id='{ref.split('/')[-1]}']").wait_for()
    page.get_by_test_id("prop-id").fill(key)
    page.get_by_test_id("prop-label-en").fill(en)
    page.get_by_test_id("prop-label-zh-CN").fill(zh)
    page.locator(f"[data-testid=field-panel][data-field-id={key}]").wait_for()


def _preview_order(page: Any) -> list[str]:
    return [
        str(node.get_attribute("data-field-id"))
        for node in page.locator("[data-testid=preview] [data-testid=preview-field]").all()
    ]


def _switch_view(page: Any, view: str) -> None:
    """Canvas or preview (the switch sits in whichever of the two is shown)."""
    page.locator(f"[data-testid=view-switch]:visible [data-value={view}]").click()
    page.get_by_test_id(view).wait_for()


def _no_sideways_scroll(page: Any) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, "the page scrolls sideways on a 360-px screen"


def test_build_fix_save_publish_and_reorder(server: str, browser: Any, artifacts: Path) -> None:
    context = browser.new_context(viewport=DESKTOP, locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)

    # A key with no definition yet: the designer starts an empty draft.
    page.goto(f"{server}/#/apps/qc_demo/forms/{FORM_KEY}/design")
    page.get_by_test_id("canvas-empty").wait_for()
    assert page.get_by_test_id("designer-status").get_attribute("data-status") == "new"
    page.get_by_test_id("new-form-label").fill("Weighing")
    page.wait_for_function(
        "document.querySelector('[data-testid=designer-title]').textContent === 'Weighing'"
    )
    page.screenshot(path=str(artifacts / "designer-new-desktop.png"))

    # Drag fields from the palette onto the canvas.
    root = page.locator("[data-testid=drop-zone][data-container=root]")
    _drag(page, _palette(page, "text"), root)
    _card(page, "text_1").wait_for()
    _drag(page, _palette(page, "decimal"), root, "bottom")
    _card(page, "decimal_1").wait_for()
    _drag(page, _palette(page, "sub_table"), root, "bottom")
    _card(page, "sub_table_1").wait_for()
    table = page.locator("[data-testid=table-zone][data-container='table:sub_table_1']")
    _drag(page, _palette(page, "text"), table)
    _card(page, "sub_table_1/text_2").wait_for()
    _drag(page, _palette(page, "integer"), table)
    _card(page, "sub_table_1/integer_1").wait_for()
    _drag(page, _palette(page, "formula"), root, "bottom")
    _card(page, "formula_1").wait_for()
    root_cards = "[data-testid=drop-zone][data-container=root] > [data-dnd-item]"
    top_level = [card.get_attribute("data-field-ref") for card in page.locator(root_cards).all()]
    assert top_level == ["text_1", "decimal_1", "sub_table_1", "formula_1"]

    # Keys and labels in the property panel.
    _edit(page, "text_1", "lot_code", "Lot code", "批次号")
    page.get_by_test_id("prop-required").check()
    _edit(page, "decimal_1", "gross", "Gross weight", "毛重")
    _edit(page, "sub_table_1", "bags", "Bags", "袋")
    _edit(page, "bags/text_2", "bag_no", "Bag no.", "袋号")
    _edit(page, "bags/integer_1", "bag_count", "Count", "数量")
    _edit(page, "formula_1", "net", "Net weight", "净重")
    # A duplicate key is refused inline, and the field keeps its key.
    page.get_by_test_id("prop-id").fill("gross")
    assert "already uses" in page.get_by_test_id("prop-error-id").inner_text()
    page.get_by_test_id("prop-id").fill("net")
    page.get_by_test_id("prop-error-id").wait_for(state="detached")

    # A formula naming an unknown field: the server's message shows at that field.
    page.get_by_test_id("prop-expression").fill("gross - tare")
    page.get_by_test_id("save-draft").click()
    badge = page.locator("[data-testid=field-card][data-field-id=net] [data-testid=card-error]")
    badge.wait_for()
    message = page.get_by_test_id("prop-error-expression").inner_text()
    assert "tare" in message
    assert "tare" in _card(page, "net").get_by_test_id("card-error-message").inner_text()
    assert page.get_by_test_id("field-panel").get_attribute("data-field-id") == "net"
    assert page.get_by_test_id("designer-notice").get_attribute("data-tone") == "error"
    page.screenshot(path=str(artifacts / "designer-formula-error-desktop.png"))

    # Fix it with the pickers (field and function), save.
    page.get_by_test_id("prop-expression").fill("")
    page.get_by_test_id("prop-expression-function-picker").select_option("ROUND")
    page.wait_for_function(
        "document.querySelector('[data-testid=prop-expression]').value === 'ROUND()'"
    )
    page.get_by_test_id("prop-expression").fill("ROUND(gross * 0.98, 2)")
    badge.wait_for(state="detached")
    page.get_by_test_id("save-draft").click()
    page.locator("[data-testid=designer-notice][data-tone=success]").wait_for()
    assert page.get_by_test_id("designer-status").get_attribute("data-status") == "draft"
    assert page.get_by_test_id("dirty-state").get_attribute("data-dirty") == "false"

    # Publish: the dry run's plan and diff are shown first, in plain words.
    page.get_by_test_id("publish").click()
    dialog = page.get_by_test_id("publish-dialog")
    dialog.wait_for()
    page.wait_for_function("!document.querySelector('[data-testid=publish-confirm]').disabled")
    changes = page.get_by_test_id("publish-changes").inner_text()
    for name in ("Lot code", "Gross weight", "Bags", "Net weight"):
        assert name in changes
    assert page.get_by_test_id("publish-steps").inner_text().strip() != ""
    page.screenshot(path=str(artifacts / "designer-publish-dialog-desktop.png"))
    page.get_by_test_id("publish-confirm").click()
    page.locator("[data-testid=designer-status][data-status=published]").wait_for()
    dialog.wait_for(state="detached")

    # The published definition, read with the browser's session.
    response = page.request.get(f"{server}/api/v1/apps/qc_demo/forms/{FORM_KEY}")
    assert response.ok
    body = response.json()
    assert body["status"] == "published"
    assert body["published_version"] == body["version"] == 1
    document = body["document"]
    fields = {field["id"]: field for field in document["fields"]}
    assert [f["id"] for f in document["fields"]] == ["lot_code", "gross", "bags", "net"]
    assert fields["lot_code"]["type"] == "text" and fields["lot_code"]["required"] is True
    assert fields["lot_code"]["label"] == {"zh-CN": "批次号", "en": "Lot code"}
    assert fields["gross"]["type"] == "decimal"
    assert fields["bags"]["type"] == "sub_table"
    assert [(c["id"], c["type"]) for c in fields["bags"]["fields"]] == [
        ("bag_no", "text"),
        ("bag_count", "integer"),
    ]
    assert fields["net"]["type"] == "formula"
    assert fields["net"]["expression"] == "ROUND(gross * 0.98, 2)"

    # Reorder by dragging: the net weight goes above the gross weight.
    _switch_view(page, "preview")
    assert _preview_order(page) == ["lot_code", "gross", "bags", "net"]
    _switch_view(page, "canvas")
    _drag(page, _card(page, "net").locator(".designer-card__handle"), _card(page, "gross"), "top")
    page.wait_for_function(
        "Array.from(document.querySelectorAll("
        "'[data-testid=drop-zone][data-container=root] > [data-dnd-item]'))"
        ".map(n => n.dataset.fieldRef).join() === 'lot_code,net,gross,bags'"
    )
    assert page.get_by_test_id("dirty-state").get_attribute("data-dirty") == "true"
    _switch_view(page, "preview")
    assert _preview_order(page) == ["lot_code", "net", "gross", "bags"]
    assert [
        str(th.get_attribute("data-field-id"))
        for th in page.locator("[data-testid=preview-column]").all()
    ] == ["bag_no", "bag_count"]
    page.screenshot(path=str(artifacts / "designer-preview-desktop.png"))
    _switch_view(page, "canvas")

    # Leaving with unsaved changes asks first; staying keeps them.
    asked: list[str] = []

    def stay(dialog: Any) -> None:
        asked.append(dialog.message)
        dialog.dismiss()

    page.once("dialog", stay)
    # The question is asked while the click is handled (before the route changes).
    page.locator(".crumbs a").first.click()
    assert asked and "unsaved" in asked[0]
    assert page.url.endswith(f"/forms/{FORM_KEY}/design")
    assert page.get_by_test_id("dirty-state").get_attribute("data-dirty") == "true"
    assert _card(page, "net").is_visible()

    # Save the new order; the history compares it with version 1.
    page.get_by_test_id("save-draft").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=dirty-state]').dataset.dirty === 'false'"
    )
    page.get_by_test_id("open-history").click()
    first_version = page.locator("[data-testid=version-row][data-version='1']")
    first_version.wait_for()
    assert page.get_by_test_id("version-row").count() == 2
    first_version.get_by_test_id("version-compare").click()
    page.get_by_test_id("version-changes").wait_for()
    assert "reordered" in page.get_by_test_id("version-changes").inner_text()
    page.screenshot(path=str(artifacts / "designer-history-desktop.png"))

    # Roll back to version 1: stored as a new version, published, and shown in the canvas.
    first_version.get_by_test_id("version-restore").click()
    page.get_by_test_id("restore-confirm-button").click()
    page.get_by_test_id("history-dialog").wait_for(state="detached")
    page.locator("[data-testid=designer-status][data-status=published]").wait_for()
    page.wait_for_function(
        "Array.from(document.querySelectorAll("
        "'[data-testid=drop-zone][data-container=root] > [data-dnd-item]'))"
        ".map(n => n.dataset.fieldRef).join() === 'lot_code,gross,bags,net'"
    )
    rolled = page.request.get(f"{server}/api/v1/apps/qc_demo/forms/{FORM_KEY}").json()
    assert (rolled["version"], rolled["published_version"]) == (3, 3)
    assert [f["id"] for f in rolled["document"]["fields"]] == ["lot_code", "gross", "bags", "net"]

    assert errors == []
    context.close()


def test_designer_on_a_phone(server: str, browser: Any, artifacts: Path) -> None:
    context = browser.new_context(viewport=PHONE, locale="en-US", has_touch=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)

    page.goto(f"{server}/#/apps/qc_demo/forms/inspection/design")
    page.get_by_test_id("canvas").wait_for()
    _card(page, "lot_code").wait_for()
    assert not page.get_by_test_id("palette").is_visible()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "designer-canvas-phone.png"))

    # One pane at a time: the palette adds a field at the end with a tap.
    page.get_by_test_id("tab-palette").click()
    page.get_by_test_id("palette").wait_for()
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "designer-palette-phone.png"))
    _palette(page, "email").click()
    page.get_by_test_id("canvas").wait_for()
    _card(page, "email_1").wait_for()
    assert page.get_by_test_id("dirty-state").get_attribute("data-dirty") == "true"

    # Tapping a card opens its properties.
    _card(page, "email_1").click()
    page.locator("[data-testid=field-panel][data-field-id=email_1]").wait_for()
    assert page.get_by_test_id("tab-properties").get_attribute("aria-selected") == "true"
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "designer-properties-phone.png"))

    page.get_by_test_id("tab-preview").click()
    page.get_by_test_id("preview").wait_for()
    assert _preview_order(page)[-1] == "email_1"
    _no_sideways_scroll(page)
    page.screenshot(path=str(artifacts / "designer-preview-phone.png"))

    # The save and publish buttons stay within reach at the bottom of the screen.
    save = page.get_by_test_id("save-draft").bounding_box()
    assert save is not None and save["y"] + save["height"] <= PHONE["height"]
    assert save["height"] >= 40

    assert errors == []
    context.close()
