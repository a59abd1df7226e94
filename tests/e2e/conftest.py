"""A real server (``tracery serve``) with a fresh database, and Debian's Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx2
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("TRACERY_CHROMIUM", "/usr/bin/chromium")
ADMIN_LOGIN = "admin"
ADMIN_PASSWORD = "e2e-admin-password"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def sign_in(
    page: Any, server: str, login: str = ADMIN_LOGIN, password: str = ADMIN_PASSWORD
) -> None:
    """Fill and submit the sign-in screen; the caller waits for the page it expects next."""
    page.goto(server + "/")
    page.get_by_test_id("signin-form").wait_for()
    page.get_by_test_id("signin-login").fill(login)
    page.get_by_test_id("signin-password").fill(password)
    page.get_by_test_id("signin-submit").click()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # TRACERY_UI_DIST_DIR points the server (and this check) at another build of the UI.
    dist_dir = os.environ.get("TRACERY_UI_DIST_DIR") or str(ROOT / "designer_ui" / "dist")
    dist = Path(dist_dir) / "index.html"
    if not dist.is_file():
        pytest.fail("designer_ui is not built; `make test` builds it (npm ci && npm run build)")
    base = tmp_path_factory.mktemp("server")
    templates = base / "templates"
    shutil.copytree(ROOT / "tests" / "fixtures" / "bundles" / "qc_demo", templates / "qc_demo")
    port = _free_port()
    env = {
        **os.environ,
        "TRACERY_DATA_DIR": str(base / "data"),
        "TRACERY_TEMPLATES_DIR": str(templates),
        "DATABASE_URL": "",
    }
    # The administrator the browser signs in as (serve would otherwise print a random one).
    subprocess.run(
        [
            sys.executable,
            "-m",
            "engine.cli",
            "create-admin",
            "--login",
            ADMIN_LOGIN,
            "--password-stdin",
        ],
        input=ADMIN_PASSWORD + "\n",
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    log = (base / "server.log").open("w")
    process = subprocess.Popen(
        [sys.executable, "-m", "engine.cli", "serve", "--port", str(port)],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx2.get(f"{url}/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx2.HTTPError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("server did not start:\n" + (base / "server.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; .ci/run installs Debian's chromium")
    with sync_playwright() as p:
        instance = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
