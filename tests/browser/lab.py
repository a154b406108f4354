"""A real JupyterLab on loopback and a real Chromium driven by Playwright, for browser tests."""

from __future__ import annotations

import json
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

from ..notebook_tools import ROOT

CHROMIUM = Path("/usr/bin/chromium")
#: Screenshots, logs and Lab settings of browser runs (git-ignored).
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOOPBACK_HOSTS = {"127.0.0.1", "localhost", "[::1]", "::1"}


@contextmanager
def launched_chromium():
    """Debian's Chromium driven by Playwright, for a fixture to share. Skips where it is not
    installed, but fails in CI, where .ci/run installs it (absence there is a bug)."""
    import pytest

    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI; scripts/ensure-chromium should install it")
        pytest.skip(f"{CHROMIUM} is not installed (run: bash scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


# Settings for the test's JupyterLab: keep every cell in the page (Lab otherwise detaches cells
# scrolled out of view, which a test would mistake for missing output), and never offer to
# fetch news from the internet.
LAB_SETTINGS = {
    "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
    "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {"fetchNews": "false"},
}


def _write_settings(folder: Path) -> None:
    for name, values in LAB_SETTINGS.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(values), encoding="utf-8")


@contextmanager
def jupyter_lab(root: Path, log_path: Path, timeout: float = 60, env: dict | None = None):
    """Serve JupyterLab from ``root`` on a free loopback port with a fresh token (``env``: more
    environment variables, such as the students' ``JUPYTER_CONFIG_PATH``)."""
    port, token = free_port(), secrets.token_hex(16)
    settings = log_path.parent / "lab-settings"
    _write_settings(settings)
    jupyter = Path(sys.executable).parent / "jupyter"
    command = [
        str(jupyter),
        "lab",
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root}",
        f"--LabApp.workspaces_dir={log_path.parent / 'workspaces'}",
        f"--LabApp.user_settings_dir={settings}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log_path.parent.mkdir(parents=True, exist_ok=True)
    with log_path.open("w") as log:
        server = subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            cwd=root,
            env={**os.environ, **(env or {})},
        )
        base = f"http://127.0.0.1:{port}"
        try:
            _wait_until_up(f"{base}/api/status?token={token}", server, log_path, timeout)
            yield base, token
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()


def _wait_until_up(url: str, server: subprocess.Popen, log_path: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"JupyterLab exited early:\n{log_path.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"JupyterLab did not answer in {timeout} s:\n{log_path.read_text()[-3000:]}")


@contextmanager
def browser_tab(chromium, screenshot: Path, viewport: dict, full_page: bool = True):
    """A fresh tab that blocks and records what leaves loopback; a screenshot is kept after."""
    context = chromium.new_context(viewport=viewport)
    page = context.new_page()
    page.watch = BrowserWatch(page)
    try:
        yield page
    finally:
        screenshot.parent.mkdir(exist_ok=True)
        page.screenshot(path=str(screenshot), full_page=full_page)
        context.close()


class BrowserWatch:
    """Blocks and records every request that would leave loopback, every page error (an
    uncaught exception) and every error the page logs to the console."""

    def __init__(self, page):
        self.page = page
        self.outside_requests: list[str] = []
        self.page_errors: list[str] = []
        self.console_errors: list[str] = []
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        page.on("console", self._console)
        page.route("**/*", self._route)

    def _console(self, message):
        if message.type == "error":
            self.console_errors.append(message.text[:500])

    def problems(self) -> list[str]:
        """Everything the page did wrong: errors it raised or logged, requests off loopback."""
        return (
            [f"page error: {error}" for error in self.page_errors]
            + [f"console error: {error}" for error in self.console_errors]
            + [f"request left loopback: {url}" for url in self.outside_requests]
        )

    def _route(self, route):
        url = route.request.url
        host = urlparse(url).hostname or ""
        if urlparse(url).scheme in {"http", "https", "ws", "wss"} and host not in LOOPBACK_HOSTS:
            self.outside_requests.append(url)
            route.abort()
        else:
            route.continue_()
