"""The README's run command really serves JupyterLab with the start notebook."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from .browser.lab import free_port
from .notebook_tools import ROOT

pytestmark = pytest.mark.lab

#: JupyterLab's news and update pop-up: it covers a lesson's widgets on first open.
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def disabled_plugins(page: str) -> set[str]:
    """The plugins a JupyterLab page is told to leave out (its embedded page config)."""
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
    disabled = config["disabledExtensions"]
    return set(disabled) if isinstance(disabled, list) else {k for k, v in disabled.items() if v}


#: jupytext's JupyterLab extension: Open With > Jupytext Notebook on a lesson's .md source.
JUPYTEXT_LAB = "jupyterlab-jupytext"


def lab_extensions(page: str) -> set[str]:
    """The prebuilt extensions a JupyterLab page loads (its embedded page config)."""
    config = json.loads(re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1])
    return {extension["name"] for extension in config["federated_extensions"]}


def _wait_until_up(base: str, token: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + 90
    while True:
        try:
            with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                return
        except OSError:
            assert server.poll() is None, log.read_text()[-2000:]
            assert time.monotonic() < deadline, "JupyterLab did not start"
            time.sleep(0.5)


def test_make_lab_serves_the_start_notebook(tmp_path):
    port, token = free_port(), "make-lab-test-token"
    args = f"--no-browser --ServerApp.ip=127.0.0.1 --ServerApp.port={port} --IdentityProvider.token={token}"
    log = (tmp_path / "lab.log").open("w")
    server = subprocess.Popen(
        ["make", "--no-print-directory", "lab", f"LAB_ARGS={args}"],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,  # so the whole make -> jupyter tree can be stopped
    )
    try:
        base = f"http://127.0.0.1:{port}"
        _wait_until_up(base, token, server, tmp_path / "lab.log")
        url = f"{base}/api/contents/lessons/00-start-here.ipynb?token={token}"
        with urllib.request.urlopen(url, timeout=10) as response:
            notebook = json.load(response)
        assert notebook["type"] == "notebook" and notebook["content"]["cells"]
        with urllib.request.urlopen(
            f"{base}/lab/tree/lessons/00-start-here.ipynb?token={token}"
        ) as page:
            text = page.read().decode()
        assert page.status == 200 and "JupyterLab" in text
        assert NEWS_PLUGIN in disabled_plugins(text), "the news pop-up would cover the widgets"
        assert JUPYTEXT_LAB in lab_extensions(text), "Lab could not open a lesson's .md"
        source = f"{base}/api/contents/lessons/02-building-the-balancing-act.md?type=notebook"
        with urllib.request.urlopen(f"{source}&token={token}", timeout=10) as response:
            lesson = json.load(response)
        cells = lesson["content"]["cells"]
        assert lesson["type"] == "notebook", "jupytext's contents manager did not read the .md"
        assert [c["metadata"]["id"] for c in cells[:2]] == ["lesson02-00", "lesson02-01"]
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)


def test_the_news_check_sees_a_lab_that_would_offer_news(tmp_path):
    # The same JupyterLab with the user's own settings turning the plugin back on (in a venv,
    # jupyter_core ranks the environment's config above the user's unless told otherwise).
    config = tmp_path / "config"
    (config / "labconfig").mkdir(parents=True)
    (config / "labconfig" / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {NEWS_PLUGIN: False}})
    )
    port, token = free_port(), "news-check-token"
    command = [str(Path(sys.executable).parent / "jupyter"), "lab", "--no-browser"]
    command += ["--ServerApp.ip=127.0.0.1", f"--ServerApp.port={port}"]
    command += [f"--IdentityProvider.token={token}", f"--ServerApp.root_dir={ROOT}"]
    command += ["--allow-root"] if os.geteuid() == 0 else []
    log = tmp_path / "lab.log"
    with log.open("w") as out:
        server = subprocess.Popen(
            command,
            env={**os.environ, "JUPYTER_CONFIG_DIR": str(config), "JUPYTER_PREFER_ENV_PATH": "0"},
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            _wait_until_up(base, token, server, log)
            with urllib.request.urlopen(f"{base}/lab?token={token}") as page:
                assert NEWS_PLUGIN not in disabled_plugins(page.read().decode())
        finally:
            server.terminate()
            server.wait(timeout=30)
