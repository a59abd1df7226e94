"""The app shell in a real browser: create and open an app, its navigation, sections, bundles."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import sign_in

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
PLACES = ["forms", "data", "flows", "rules", "reports", "dashboards", "print"]


def _no_sideways_scroll(page: Any, size: str) -> None:
    if size == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways on a 360-px screen"


def _sign_in(page: Any, server: str) -> None:
    sign_in(page, server)
    page.locator("[data-testid=app-card][data-app-key=qc_demo]").wait_for()


def _broken_bundle() -> bytes:
    """A bundle whose two forms are wrong in different ways."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        app = {"schema_version": 1, "key": "broken_demo", "label": {"en": "Broken"}}
        archive.writestr("app.json", json.dumps(app))
        lot = {
            "schema_version": 1,
            "key": "lot",
            "label": {"en": "Lot"},
            "fields": [{"id": "qty", "type": "nope", "label": "Qty"}],
        }
        archive.writestr("forms/lot.json", json.dumps(lot))
        batch = {"schema_version": 1, "key": "batch", "label": {"en": "Batch"}, "fields": []}
        archive.writestr("forms/batch.json", json.dumps(batch))
    return buffer.getvalue()


@pytest.mark.parametrize("size", list(SIZES))
def test_create_open_and_navigate_an_app(
    server: str, browser: Any, artifacts: Path, size: str
) -> None:
    key = f"shell_{size}"
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)

    # Create: a bad key is explained inline, before anything is sent.
    page.get_by_test_id("create-app").click()
    dialog = page.get_by_test_id("create-app-dialog")
    dialog.wait_for()
    key_input = page.get_by_test_id("create-app-key")
    key_input.fill("Bad Key")
    key_error = page.get_by_test_id("create-app-key-error")
    key_error.wait_for()
    assert "lowercase letter" in key_error.inner_text()
    assert key_input.get_attribute("aria-invalid") == "true"
    key_input.fill("bad key")
    page.wait_for_function(
        "document.querySelector('[data-testid=create-app-key-error]').textContent"
        ".includes('Spaces')"
    )
    key_input.fill("qc_demo")
    page.wait_for_function(
        "document.querySelector('[data-testid=create-app-key-error]').textContent"
        ".includes('already exists')"
    )
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"shell-create-error-{size}.png"))

    # Without a name, submitting says what is missing and sends nothing.
    key_input.fill(key)
    key_error.wait_for(state="detached")
    page.get_by_test_id("create-app-submit").click()
    page.get_by_test_id("create-app-name-error").wait_for()
    page.get_by_test_id("create-app-name-zh").fill("壳测试")
    page.get_by_test_id("create-app-name-en").fill(f"Shell test {size}")
    page.get_by_test_id("create-app-description").fill("Made by the shell browser test.")
    page.get_by_test_id("create-app-name-error").wait_for(state="detached")
    with page.expect_response(
        lambda r: r.url.endswith("/api/v1/apps") and r.request.method == "POST"
    ) as created:
        page.get_by_test_id("create-app-submit").click()
    assert created.value.status == 201
    dialog.wait_for(state="detached")
    notice = page.get_by_test_id("apps-notice")
    notice.wait_for()
    assert f"Shell test {size}" in notice.inner_text()
    card = page.locator(f"[data-testid=app-card][data-app-key={key}]")
    card.wait_for()
    assert f"Shell test {size}" in card.inner_text()
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"shell-app-created-{size}.png"), full_page=True)

    # Open it: seven places, Forms first, with an empty state that says what to do.
    card.get_by_test_id("open-app").click()
    page.wait_for_url(f"**/#/apps/{key}")
    nav = page.get_by_test_id("app-nav")
    nav.wait_for()
    items = page.get_by_test_id("app-nav-item")
    assert [items.nth(i).get_attribute("data-place") for i in range(items.count())] == PLACES
    forms_item = page.locator("[data-testid=app-nav-item][data-place=forms]")
    assert forms_item.get_attribute("aria-current") == "page"
    page.get_by_test_id("empty-state").wait_for()
    assert page.get_by_test_id("app-title").inner_text().strip() == f"Shell test {size}"
    assert page.get_by_test_id("empty-new-form").is_visible()
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"shell-app-forms-{size}.png"), full_page=True)

    # Data switches in the page; nothing is published yet.
    page.locator("[data-testid=app-nav-item][data-place=data]").click()
    page.wait_for_function(
        "document.querySelector('[data-testid=tab-title]').textContent === 'Data'"
    )
    assert page.url.endswith(f"#/apps/{key}")
    assert "No published forms" in page.get_by_test_id("empty-state").inner_text()

    # Reports: the navigation stays, and the page says honestly what will come.
    page.locator("[data-testid=app-nav-item][data-place=reports]").click()
    page.wait_for_url(f"**/#/apps/{key}/reports")
    section = page.locator("[data-testid=section-page][data-section=reports]")
    section.wait_for()
    assert "later version" in page.get_by_test_id("section-soon").inner_text()
    assert "Reports summarise records" in page.get_by_test_id("section-intro").inner_text()
    assert section.locator("input, select, textarea, button").count() == 0
    reports_item = page.locator("[data-testid=app-nav-item][data-place=reports]")
    assert reports_item.get_attribute("aria-current") == "page"
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"shell-section-reports-{size}.png"), full_page=True)

    # "Go to Data" opens the app page on the Data tab.
    page.get_by_test_id("section-go-data").click()
    page.wait_for_url(f"**/#/apps/{key}")
    page.wait_for_function(
        "document.querySelector('[data-testid=tab-title]')?.textContent === 'Data'"
    )

    # New form: the key is checked, then the designer route opens.
    page.locator("[data-testid=app-nav-item][data-place=forms]").click()
    page.get_by_test_id("empty-new-form").click()
    page.get_by_test_id("new-form-dialog").wait_for()
    form_key = page.get_by_test_id("new-form-key")
    form_key.fill("Lot-Intake")
    page.get_by_test_id("new-form-key-error").wait_for()
    page.screenshot(path=str(artifacts / f"shell-new-form-{size}.png"))
    form_key.fill("lot_intake")
    page.get_by_test_id("new-form-key-error").wait_for(state="detached")
    page.get_by_test_id("new-form-submit").click()
    page.wait_for_url(f"**/#/apps/{key}/forms/lot_intake/design")
    page.go_back()
    page.wait_for_url(f"**/#/apps/{key}")
    page.get_by_test_id("app-nav").wait_for()

    # The language switch reaches the navigation.
    page.get_by_test_id("lang-switch").select_option("zh-CN")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert "报表" in page.locator("[data-testid=app-nav-item][data-place=reports]").inner_text()
    page.screenshot(path=str(artifacts / f"shell-app-forms-{size}-zh.png"), full_page=True)
    page.get_by_test_id("lang-switch").select_option("en")
    page.wait_for_function("document.documentElement.lang === 'en'")

    assert errors == []
    context.close()


def test_app_pages_of_qc_demo(server: str, browser: Any, artifacts: Path) -> None:
    for size, viewport in SIZES.items():
        context = browser.new_context(viewport=viewport, locale="en-US")
        page = context.new_page()
        _sign_in(page, server)
        page.goto(server + "/#/apps/qc_demo")
        # Forms: every form, its status, a Design link for the administrator.
        row = page.locator("[data-testid=form-row][data-form-key=inspection]")
        row.wait_for()
        page.wait_for_function(
            "document.querySelector('[data-testid=form-row][data-form-key=inspection]')"
            ".textContent.includes('Incoming inspection')"
        )
        assert "Published v1" in row.inner_text()
        assert page.get_by_test_id("new-form").is_visible()
        design = row.get_by_test_id("design-form")
        assert design.get_attribute("href") == "#/apps/qc_demo/forms/inspection/design"
        _no_sideways_scroll(page, size)
        page.screenshot(path=str(artifacts / f"shell-qc-forms-{size}.png"), full_page=True)

        # Data: published forms with their record counts and a New record shortcut.
        page.locator("[data-testid=app-nav-item][data-place=data]").click()
        data_row = page.locator("[data-testid=data-row][data-form-key=supplier]")
        data_row.wait_for()
        page.wait_for_function(
            "document.querySelector('[data-testid=data-row][data-form-key=supplier] "
            "[data-testid=record-count]')?.textContent === '3 records'"
        )
        new_record = data_row.get_by_test_id("data-new-record")
        assert new_record.get_attribute("href") == "#/apps/qc_demo/forms/supplier/new"
        _no_sideways_scroll(page, size)
        page.screenshot(path=str(artifacts / f"shell-qc-data-{size}.png"), full_page=True)
        data_row.get_by_test_id("data-form-link").click()
        page.wait_for_url("**/#/apps/qc_demo/forms/supplier")
        context.close()


@pytest.mark.parametrize("size", list(SIZES))
def test_export_and_import_a_bundle(
    server: str, browser: Any, artifacts: Path, tmp_path: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="en-US", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    _sign_in(page, server)

    card = page.locator("[data-testid=app-card][data-app-key=qc_demo]")
    with page.expect_download() as download:
        card.get_by_test_id("export-link").click()
    bundle = tmp_path / "qc_demo.zip"
    download.value.save_as(bundle)
    assert download.value.suggested_filename == "qc_demo.zip"
    with zipfile.ZipFile(bundle) as archive:
        assert any(name.endswith("app.json") for name in archive.namelist())

    page.get_by_test_id("import-app").click()
    dialog = page.get_by_test_id("import-dialog")
    dialog.wait_for()
    file_input = page.get_by_test_id("import-file")

    # Not a zip: refused before upload.
    file_input.set_input_files({"name": "notes.txt", "mimeType": "text/plain", "buffer": b"hello"})
    assert "zip" in page.get_by_test_id("import-file-error").inner_text()

    # A broken bundle: the server's errors, file by file, and nothing imported.
    file_input.set_input_files(
        {"name": "broken.zip", "mimeType": "application/zip", "buffer": _broken_bundle()}
    )
    with page.expect_response(lambda r: r.url.endswith("/api/v1/apps/import")) as refused:
        page.get_by_test_id("import-submit").click()
    assert refused.value.status == 422
    problem = page.get_by_test_id("import-error")
    problem.wait_for()
    assert "nothing was imported" in problem.inner_text()
    lot = page.locator("[data-testid=import-error-item][data-file='forms/lot.json']")
    assert "/fields/0/type" in lot.inner_text()
    assert "not a known field type" in lot.inner_text()
    batch = page.locator("[data-testid=import-error-item][data-file='forms/batch.json']")
    assert "at least one" in batch.inner_text()
    _no_sideways_scroll(page, size)
    page.screenshot(path=str(artifacts / f"shell-import-errors-{size}.png"))

    # The exported bundle goes back in: qc_demo exists, so the server updates it.
    file_input.set_input_files(str(bundle))
    problem.wait_for(state="detached")
    with page.expect_response(lambda r: r.url.endswith("/api/v1/apps/import")) as imported:
        page.get_by_test_id("import-submit").click()
    assert imported.value.status == 201
    dialog.wait_for(state="detached")
    notice = page.get_by_test_id("apps-notice")
    notice.wait_for()
    assert "Updated the existing app “qc_demo”" in notice.inner_text()
    assert page.locator("[data-testid=app-card][data-app-key=broken_demo]").count() == 0
    page.locator("[data-testid=app-card][data-app-key=qc_demo]").wait_for()
    page.screenshot(path=str(artifacts / f"shell-import-done-{size}.png"), full_page=True)

    page.get_by_test_id("signout").click()
    page.get_by_test_id("signin-form").wait_for()
    assert errors == []
    context.close()
