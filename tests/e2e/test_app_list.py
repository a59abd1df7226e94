"""The app list page in a real browser, at desktop and phone sizes, in both languages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.e2e.conftest import ADMIN_LOGIN, ADMIN_PASSWORD

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}


@pytest.mark.parametrize("size", list(SIZES))
def test_app_list_shows_installed_template(
    server: str, browser: Any, artifacts: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(server + "/")
    form = page.get_by_test_id("signin-form")
    form.wait_for()
    page.screenshot(path=str(artifacts / f"sign-in-{size}-en.png"), full_page=True)
    page.get_by_test_id("signin-login").fill(ADMIN_LOGIN)
    page.get_by_test_id("signin-password").fill("wrong-password")
    page.get_by_test_id("signin-submit").click()
    error = page.get_by_test_id("signin-error")
    error.wait_for()
    assert page.get_by_test_id("signin-login").input_value() == ADMIN_LOGIN
    page.get_by_test_id("signin-password").fill(ADMIN_PASSWORD)
    page.get_by_test_id("signin-password").press("Enter")
    # Other tests of the session may add apps: look for the template's own card.
    card = page.locator("[data-testid=app-card][data-app-key=qc_demo]")
    card.first.wait_for()
    assert "Quality demo" in card.first.inner_text()
    # Administrators create and import apps from the list.
    assert page.get_by_test_id("create-app").is_visible()
    assert page.get_by_test_id("import-app").is_visible()
    badge = page.get_by_test_id("health-badge")
    badge.wait_for()
    page.wait_for_function(
        "document.querySelector('[data-testid=health-badge]').dataset.state === 'ok'"
    )
    assert badge.get_attribute("data-database") == "sqlite"
    page.screenshot(path=str(artifacts / f"app-list-{size}-en.png"), full_page=True)

    page.get_by_test_id("lang-switch").select_option("zh-CN")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert "质检演示" in card.first.inner_text()
    page.screenshot(path=str(artifacts / f"app-list-{size}-zh.png"), full_page=True)

    if size == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways on a 360-px screen"

    href = page.get_by_test_id("export-link").first.get_attribute("href")
    assert href == "/api/v1/apps/qc_demo/export"
    exported = page.request.get(server + href)  # the browser's session cookie
    assert exported.status == 200 and exported.headers["content-type"] == "application/zip"
    assert httpx2.get(server + href).status_code == 401  # and nothing without it
    assert page.get_by_test_id("user-name").inner_text().strip() != ""
    page.get_by_test_id("signout").click()
    page.get_by_test_id("signin-form").wait_for()
    assert errors == []
    context.close()


def test_api_docs_and_token_access(server: str) -> None:
    spec = httpx2.get(server + "/openapi.json").json()
    assert "QcDemoSupplierRecord" in spec["components"]["schemas"]
    assert httpx2.get(server + "/docs").status_code == 200
    with httpx2.Client(base_url=server) as client:
        signed = client.post(
            "/api/v1/auth/login", json={"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD}
        )
        csrf = {"X-CSRF-Token": signed.json()["csrf_token"]}
        token = client.post(
            "/api/v1/auth/tokens", json={"name": "e2e", "apps": ["qc_demo"]}, headers=csrf
        ).json()
    records = httpx2.get(
        server + "/api/v1/apps/qc_demo/forms/supplier/records",
        headers={"Authorization": f"Bearer {token['token']}"},
    ).json()
    assert records["total"] == 3


@pytest.mark.parametrize("size", list(SIZES))
def test_first_run_empty_state_offers_create_and_import(
    server: str, browser: Any, artifacts: Path, size: str
) -> None:
    context = browser.new_context(viewport=SIZES[size], locale="en-US")
    page = context.new_page()
    # A server with no apps yet: the list answers empty.
    page.route(
        "**/api/v1/apps",
        lambda route: (
            route.fulfill(json={"items": [], "total": 0})
            if route.request.method == "GET"
            else route.continue_()
        ),
    )
    page.goto(server + "/")
    page.get_by_test_id("signin-login").fill(ADMIN_LOGIN)
    page.get_by_test_id("signin-password").fill(ADMIN_PASSWORD)
    page.get_by_test_id("signin-submit").click()
    empty = page.get_by_test_id("empty-state")
    empty.wait_for()
    assert "No apps yet" in empty.inner_text()
    assert page.get_by_test_id("empty-create-app").is_visible()
    assert page.get_by_test_id("empty-import-app").is_visible()
    assert "tracery app import PATH" in page.get_by_test_id("empty-cli").inner_text()
    if size == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways on a 360-px screen"
    page.screenshot(path=str(artifacts / f"app-list-empty-{size}-en.png"), full_page=True)
    page.get_by_test_id("empty-import-app").click()
    page.get_by_test_id("import-dialog").wait_for()
    page.get_by_test_id("import-dialog-close").click()
    page.get_by_test_id("import-dialog").wait_for(state="detached")
    page.get_by_test_id("empty-create-app").click()
    page.get_by_test_id("create-app-dialog").wait_for()
    context.close()


def test_member_sees_no_admin_actions(server: str, browser: Any, artifacts: Path) -> None:
    with httpx2.Client(base_url=server) as client:
        signed = client.post(
            "/api/v1/auth/login", json={"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD}
        )
        csrf = {"X-CSRF-Token": signed.json()["csrf_token"]}
        made = client.post(
            "/api/v1/users",
            json={"login": "operator1", "password": "operator-password-1", "display_name": "Op"},
            headers=csrf,
        )
    assert made.status_code == 201, made.text
    context = browser.new_context(viewport=SIZES["phone"], locale="en-US")
    page = context.new_page()
    page.goto(server + "/")
    page.get_by_test_id("signin-login").fill("operator1")
    page.get_by_test_id("signin-password").fill("operator-password-1")
    page.get_by_test_id("signin-submit").click()
    empty = page.get_by_test_id("empty-state")
    empty.wait_for()
    # No app is shared with them: say whom to ask, offer nothing they cannot do.
    assert "Ask an administrator" in empty.inner_text()
    for test_id in ["create-app", "import-app", "empty-create-app", "empty-import-app"]:
        assert page.get_by_test_id(test_id).count() == 0
    assert page.get_by_test_id("export-link").count() == 0
    page.screenshot(path=str(artifacts / "app-list-member-phone-en.png"), full_page=True)
    context.close()
