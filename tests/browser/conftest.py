"""Fixtures for the browser layer: JupyterLab served on loopback and Debian's Chromium."""

from __future__ import annotations

import os
import shutil

import pytest

from ..notebook_tools import ROOT
from .lab import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, browser_tab, jupyter_lab


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        # In CI a missing browser is a failure: .ci/run installs it, so absence is a bug there.
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} is missing in CI; scripts/ensure-chromium should install it")
        pytest.skip(f"{CHROMIUM} is not installed (run: bash scripts/ensure-chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def course(tmp_path_factory):
    """A copy of the course for JupyterLab to serve, so runs never write into the checkout.
    Tests may add probe notebooks to it."""
    root = tmp_path_factory.mktemp("course")
    for name in ("lessons", "data", "exercises", "solutions"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="session")
def lab(course):
    with jupyter_lab(course, ARTIFACTS / "jupyterlab.log") as (base, token):
        yield base, token


@pytest.fixture
def page(chromium, request):
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, {"width": 1400, "height": 1000}) as tab:
        yield tab
