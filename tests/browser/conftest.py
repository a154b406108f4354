"""Fixtures for the browser layer: JupyterLab served on loopback and Debian's Chromium."""

from __future__ import annotations

import shutil

import pytest

from ..notebook_tools import ROOT
from .lab import ARTIFACTS, browser_tab, jupyter_lab, launched_chromium


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/browser/" in str(item.fspath):
            item.add_marker(pytest.mark.browser)


# Package scope, not session: while Playwright's sync API is open it keeps its event loop
# running in the main thread, so every later test that runs asyncio in-process (the grader's
# unit tests) or opens Playwright itself (the Hub's, the teacher's pages) would fail; and Lab's
# kernels end with this package instead of outliving it.
@pytest.fixture(scope="package")
def chromium():
    with launched_chromium() as browser:
        yield browser


@pytest.fixture(scope="package")
def course(tmp_path_factory):
    """A copy of the course for JupyterLab to serve, so runs never write into the checkout.
    Tests may add probe notebooks to it."""
    root = tmp_path_factory.mktemp("course")
    for name in ("lessons", "data", "exercises", "solutions"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, root / name)
    return root


@pytest.fixture(scope="package")
def lab(course):
    with jupyter_lab(course, ARTIFACTS / "jupyterlab.log") as (base, token):
        yield base, token


@pytest.fixture
def page(chromium, request):
    shot = ARTIFACTS / f"{request.node.name}.png"
    with browser_tab(chromium, shot, {"width": 1400, "height": 1000}) as tab:
        yield tab
