"""Operator pages in a real browser: open an app and a form, create, list, edit, see history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ADMIN_LOGIN, sign_in

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


def _no_sideways_scroll(page: Any, size: str) -> None:
    if size == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways on a 360-px screen"


@pytest.mark.parametrize("size", list(SIZES))
def test_create_list_edit_and_history(
    server: str, browser: Any, artifacts: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    lot = f"LOT-E2E-{size.upper()}"

    sign_in(page, server)

    # The app list still works, and a card opens its app.
    card = page.locator("[data-testid=app-card][data-app-key=qc_demo]")
    card.wait_for()
    card.click()
    page.wait_for_url("**/#/apps/qc_demo")
    inspection = page.locator("[data-testid=form-link][data-form-key=inspection]")
    inspection.wait_for()
    page.wait_for_function(
        "document.querySelector('[data-form-key=inspection]')"
        ".textContent.includes('Incoming inspection')"
    )
    assert page.locator("[data-testid=form-link][data-form-key=supplier]").count() == 1
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"records-app-{size}.png"), full_page=True)

    inspection.click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection")
    page.locator("[data-testid=record-list], [data-testid=empty-state]").first.wait_for()
    page.screenshot(path=str(artifacts / f"records-list-before-{size}.png"), full_page=True)

    # Create: the server refuses sampled=0 and says so at the field.
    page.get_by_test_id("new-record").click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection/new")
    form = page.get_by_test_id("record-form")
    form.wait_for()
    assert page.get_by_test_id("field-sampled").get_attribute("inputmode") == "numeric"
    page.get_by_test_id("field-lot_code").fill(lot)
    page.get_by_test_id("field-sampled").fill("0")
    page.get_by_test_id("field-moisture").fill("12.5")
    page.get_by_test_id("field-passed").check()
    page.get_by_test_id("field-inspected_at").fill("2026-11-21T08:30")
    page.get_by_test_id("field-remarks").fill("first look")
    page.get_by_test_id("save-record").click()
    error = page.get_by_test_id("field-error-sampled")
    error.wait_for()
    assert error.inner_text().strip() != ""
    assert page.get_by_test_id("form-error").is_visible()
    assert page.get_by_test_id("field-sampled").get_attribute("aria-invalid") == "true"
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"records-new-error-{size}.png"), full_page=True)

    page.get_by_test_id("field-sampled").fill("5")
    page.get_by_test_id("save-record").click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection")
    page.get_by_test_id("record-list").wait_for()
    page.get_by_test_id("quick-search").fill(lot)
    rows = page.get_by_test_id("record-row")
    page.wait_for_function(
        "lot => { const rows = document.querySelectorAll('[data-testid=record-row]');"
        " return rows.length === 1 && rows[0].textContent.includes(lot); }",
        arg=lot,
    )
    row_text = rows.first.inner_text()
    assert "12.50" in row_text or "12.5" in row_text
    assert "Yes" in row_text
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"records-list-{size}.png"), full_page=True)

    # Edit: open the record's panel, then its edit page; change the remarks, save.
    rows.first.click()
    page.get_by_test_id("drawer-edit").click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection/records/*")
    record_url = page.url
    form.wait_for()
    assert page.get_by_test_id("field-lot_code").input_value() == lot
    assert page.get_by_test_id("field-sampled").input_value() == "5"
    assert page.get_by_test_id("field-inspected_at").input_value() == "2026-11-21T08:30"
    assert page.get_by_test_id("field-passed").is_checked()
    page.get_by_test_id("history-entry").first.wait_for()
    assert page.get_by_test_id("history-entry").count() == 1
    page.get_by_test_id("field-remarks").fill("second look, all fine")
    page.get_by_test_id("save-record").click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection")
    page.get_by_test_id("record-list").wait_for()

    # Reopen: the new value and two history entries (created, then changed).
    page.goto(record_url)
    form.wait_for()
    page.wait_for_function("document.querySelectorAll('[data-testid=history-entry]').length === 2")
    assert page.get_by_test_id("field-remarks").input_value() == "second look, all fine"
    history = page.get_by_test_id("history").inner_text()
    assert "second look, all fine" in history
    assert ADMIN_LOGIN in history
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"records-detail-{size}.png"), full_page=True)

    # The same page in Chinese: field labels and history come from the zh-CN texts.
    page.get_by_test_id("lang-switch").select_option("zh-CN")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert "批次号" in page.get_by_test_id("record-form").inner_text()
    assert "修改" in page.get_by_test_id("history").inner_text()
    page.screenshot(path=str(artifacts / f"records-detail-{size}-zh.png"), full_page=True)

    assert errors == []
    context.close()
