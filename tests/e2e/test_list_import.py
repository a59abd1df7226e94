"""Record list and import wizard in a real browser.

Columns, sort, filters, bulk export and delete, the record panel with its history; then an
import whose dry run finds a bad cell, and a good import committed with progress to done.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx2
import pytest

from tests.e2e.conftest import ADMIN_LOGIN, ADMIN_PASSWORD, sign_in

SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 360, "height": 740}}
FORM = "/api/v1/apps/qc_demo/forms/inspection"
LIST_HASH = "/#/apps/qc_demo/forms/inspection"


@contextmanager
def _api(server: str) -> Iterator[httpx2.Client]:
    """An API client signed in as the administrator (session cookie and CSRF token)."""
    with httpx2.Client(base_url=server, timeout=10) as client:
        answer = client.post(
            "/api/v1/auth/login", json={"login": ADMIN_LOGIN, "password": ADMIN_PASSWORD}
        )
        assert answer.status_code == 200, answer.text
        client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
        yield client


def _seed(client: httpx2.Client, prefix: str) -> dict[str, int]:
    """Six inspections LOT-01…06 (sampled 1…6); the third gets a second version."""
    ids: dict[str, int] = {}
    for n in range(1, 7):
        lot = f"{prefix}-{n:02d}"
        data = {"lot_code": lot, "sampled": n, "moisture": f"1{n}.5", "passed": n % 2 == 0}
        answer = client.post(f"{FORM}/records", json={"data": data})
        assert answer.status_code == 201, answer.text
        ids[lot] = answer.json()["id"]
    third = ids[f"{prefix}-03"]
    answer = client.patch(
        f"{FORM}/records/{third}", json={"version": 1, "data": {"remarks": "re-weighed"}}
    )
    assert answer.status_code == 200, answer.text
    return ids


def _csv(rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Lot code", "Sampled", "Moisture %", "Passed", "Note"])
    writer.writerows(rows)
    return out.getvalue().encode()


def _rows(page: Any) -> int:
    return int(page.get_by_test_id("record-row").count())


def _wait_rows(page: Any, count: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('[data-testid=record-row]').length === n"
        " && !document.querySelector('main[aria-busy=true]')",
        arg=count,
    )


def _first_lot(page: Any) -> str:
    cell = page.locator("[data-testid=record-row] [data-column=lot_code]").first
    text = cell.inner_text()
    return text.split("\n")[-1].strip()


def _no_sideways_scroll(page: Any, size: str) -> None:
    if size == "phone":
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, "the page scrolls sideways on a 360-px screen"


def _shot(page: Any, artifacts: Path, name: str, full: bool = True) -> None:
    page.evaluate("window.scrollTo(0, 0)")
    page.screenshot(path=str(artifacts / name), full_page=full, animations="disabled")


def _search(page: Any, text: str) -> None:
    page.get_by_test_id("quick-search").fill(text)


@pytest.mark.parametrize("size", list(SIZES))
def test_list_and_import(server: str, browser: Any, artifacts: Path, size: str) -> None:
    prefix = f"LI-{size.upper()}"
    imported = f"IMP-{size.upper()}"
    with _api(server) as client:
        ids = _seed(client, prefix)

    context = browser.new_context(viewport=SIZES[size], locale="en-US", accept_downloads=True)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))

    sign_in(page, server)
    page.get_by_test_id("app-card").first.wait_for()
    page.goto(server + LIST_HASH)
    page.get_by_test_id("record-list").wait_for()
    _search(page, prefix)
    _wait_rows(page, 6)
    _no_sideways_scroll(page, size)
    _shot(page, artifacts, f"list-{size}.png")

    # Columns: hide the remarks, move "Sampled" before "Lot code"; remembered after a reload.
    page.get_by_test_id("columns-button").click()
    page.get_by_test_id("columns-panel").wait_for()
    page.get_by_test_id("column-toggle-remarks").uncheck()
    page.get_by_test_id("column-up-sampled").click()
    _shot(page, artifacts, f"list-columns-{size}.png")
    page.get_by_test_id("columns-close").click()
    first_row = page.get_by_test_id("record-row").first
    order = first_row.locator("[data-column]").evaluate_all(
        "cells => cells.map(c => c.dataset.column)"
    )
    assert order[:2] == ["sampled", "lot_code"], order
    assert "remarks" not in order
    page.reload()
    page.get_by_test_id("record-list").wait_for()
    order = (
        page.get_by_test_id("record-row")
        .first.locator("[data-column]")
        .evaluate_all("cells => cells.map(c => c.dataset.column)")
    )
    assert order[:2] == ["sampled", "lot_code"] and "remarks" not in order, order
    _search(page, prefix)
    _wait_rows(page, 6)

    # Sort by "Sampled": ascending, then descending.
    if size == "desktop":
        page.get_by_test_id("sort-sampled").click()
        page.wait_for_function(
            "document.querySelector('th[data-column=sampled]').ariaSort === 'ascending'"
        )
        _wait_rows(page, 6)
        assert _first_lot(page) == f"{prefix}-01"
        page.get_by_test_id("sort-sampled").click()
        page.wait_for_function(
            "document.querySelector('th[data-column=sampled]').ariaSort === 'descending'"
        )
    else:
        page.get_by_test_id("sort-select").select_option("sampled")
        _wait_rows(page, 6)
        page.wait_for_function(
            "lot => document.querySelector('[data-testid=record-row] [data-column=lot_code]')"
            ".textContent.includes(lot)",
            arg=f"{prefix}-01",
        )
        page.get_by_test_id("sort-select").select_option("-sampled")
    page.wait_for_function(
        "lot => document.querySelector('[data-testid=record-row] [data-column=lot_code]')"
        ".textContent.includes(lot)",
        arg=f"{prefix}-06",
    )

    # Filter: Sampled at least 4 → three rows, shown as a chip.
    page.get_by_test_id("filter-add").click()
    page.get_by_test_id("filter-builder").wait_for()
    page.get_by_test_id("filter-field").select_option("sampled")
    page.get_by_test_id("filter-op").select_option("gte")
    page.get_by_test_id("filter-value").fill("four")
    page.get_by_test_id("filter-apply").click()
    page.get_by_test_id("filter-value-error").wait_for()
    page.get_by_test_id("filter-value").fill("4")
    page.get_by_test_id("filter-apply").click()
    _wait_rows(page, 3)
    chip = page.get_by_test_id("filter-chip")
    assert chip.count() == 1 and "4" in chip.inner_text()

    # Select two rows: export just them, then delete them (after confirming).
    page.get_by_test_id("row-select").nth(0).check()
    page.get_by_test_id("row-select").nth(1).check()
    assert "2" in page.get_by_test_id("bulk-count").inner_text()
    page.get_by_test_id("bulk-export").click()
    with page.expect_download() as download_info:
        page.get_by_test_id("bulk-export-csv").click()
    exported = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert f"{prefix}-06" in exported and f"{prefix}-05" in exported
    assert f"{prefix}-04" not in exported
    _shot(page, artifacts, f"list-selected-{size}.png")
    page.get_by_test_id("bulk-delete").click()
    dialog = page.get_by_test_id("confirm-dialog")
    dialog.wait_for()
    _shot(page, artifacts, f"list-confirm-delete-{size}.png", full=False)
    page.get_by_test_id("confirm-ok").click()
    page.get_by_test_id("list-notice").wait_for()
    assert "2" in page.get_by_test_id("list-notice").inner_text()
    _wait_rows(page, 1)
    with _api(server) as client:
        gone = client.get(f"{FORM}/records/{ids[f'{prefix}-06']}")
        assert gone.status_code == 404
        left = client.get(
            f"{FORM}/records", params={"filter[lot_code][startswith]": prefix, "count": "true"}
        )
        assert left.json()["total"] == 4

    # Remove the filter chip: the four records left are back.
    page.get_by_test_id("filter-chip-remove").click()
    _wait_rows(page, 4)

    # The record panel: values and the history (created, then changed).
    third = ids[f"{prefix}-03"]
    row = page.locator(f"[data-testid=record-row][data-record-id='{third}']")
    if size == "desktop":
        row.locator("[data-column=lot_code]").click()
    else:
        row.get_by_test_id("record-open").click()
    drawer = page.get_by_test_id("record-drawer")
    drawer.wait_for()
    page.wait_for_function(
        "document.querySelectorAll('[data-testid=drawer-history-entry]').length === 2"
    )
    assert f"{prefix}-03" in page.get_by_test_id("drawer-values").inner_text()
    history = page.get_by_test_id("drawer-history").inner_text()
    assert "re-weighed" in history and ADMIN_LOGIN in history
    edit = page.get_by_test_id("drawer-edit").get_attribute("href") or ""
    assert edit.endswith(f"/records/{third}")
    _no_sideways_scroll(page, size)
    _shot(page, artifacts, f"list-record-panel-{size}.png", full=False)
    page.get_by_test_id("drawer-close").click()
    drawer.wait_for(state="detached")

    # Import, first with a bad cell: the dry run names its row, column and problem.
    page.get_by_test_id("import-link").click()
    page.wait_for_url("**/#/apps/qc_demo/forms/inspection/import")
    page.get_by_test_id("import-template").wait_for()
    bad = _csv(
        [[f"{imported}-1", "3", "12.5", "yes", "ok"], [f"{imported}-2", "abc", "11", "no", ""]]
    )
    page.get_by_test_id("import-file").set_input_files(
        files=[{"name": "bad.csv", "mimeType": "text/csv", "buffer": bad}]
    )
    page.get_by_test_id("import-file-name").wait_for()
    _shot(page, artifacts, f"import-upload-{size}.png")
    page.get_by_test_id("import-upload").click()
    page.get_by_test_id("import-map").wait_for()
    lot_select = page.locator("[data-testid=map-row][data-column='Lot code'] select")
    assert lot_select.input_value() == "lot_code"
    note_select = page.locator("[data-testid=map-row][data-column='Note'] select")
    assert note_select.input_value() == ""
    _no_sideways_scroll(page, size)
    _shot(page, artifacts, f"import-map-{size}.png")
    page.get_by_test_id("import-check").click()
    page.get_by_test_id("import-check-result").wait_for()
    assert page.get_by_test_id("count-invalid").inner_text().strip() == "1"
    problems = page.get_by_test_id("check-problem")
    assert problems.count() == 1
    assert problems.first.get_attribute("data-row") == "3"
    assert problems.first.get_attribute("data-column") == "Sampled"
    assert "whole number" in problems.first.inner_text()
    assert page.get_by_test_id("import-commit").count() == 0
    _no_sideways_scroll(page, size)
    _shot(page, artifacts, f"import-check-errors-{size}.png")

    # The corrected file, matched by lot code: a clean dry run, then the commit to done.
    page.get_by_test_id("import-restart").click()
    good = _csv([[f"{imported}-{n}", str(n), f"1{n}.25", "yes", "fine"] for n in range(1, 4)])
    page.get_by_test_id("import-file").set_input_files(
        files=[{"name": "good.csv", "mimeType": "text/csv", "buffer": good}]
    )
    page.get_by_test_id("import-upload").click()
    page.get_by_test_id("import-map").wait_for()
    page.get_by_test_id("map-key").select_option("lot_code")
    page.get_by_test_id("import-check").click()
    page.get_by_test_id("import-check-result").wait_for()
    assert page.get_by_test_id("count-invalid").inner_text().strip() == "0"
    assert page.get_by_test_id("count-creates").inner_text().strip() == "3"
    _shot(page, artifacts, f"import-check-ok-{size}.png")
    page.get_by_test_id("import-commit").click()
    page.locator("[data-testid=import-commit-step][data-status=succeeded]").wait_for()
    progress = page.get_by_test_id("import-progress")
    assert progress.get_attribute("aria-valuenow") == "100"
    assert "3 of 3" in page.get_by_test_id("import-progress-text").inner_text()
    _no_sideways_scroll(page, size)
    _shot(page, artifacts, f"import-done-{size}.png")

    # Back to the list: the new rows are there.
    page.get_by_test_id("import-done-link").click()
    page.wait_for_url("**" + LIST_HASH)
    page.get_by_test_id("record-list").wait_for()
    _search(page, imported)
    _wait_rows(page, 3)
    _shot(page, artifacts, f"list-after-import-{size}.png")

    # The same list in Chinese.
    page.get_by_test_id("lang-switch").select_option("zh-CN")
    page.wait_for_function("document.documentElement.lang === 'zh-CN'")
    assert "导入" in page.get_by_test_id("import-link").inner_text()
    _shot(page, artifacts, f"list-after-import-{size}-zh.png")

    assert errors == []
    context.close()
