"""The README's run command really serves JupyterLab with the start notebook."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
import urllib.request

from .browser.lab import free_port
from .notebook_tools import ROOT


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
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={token}", timeout=2):
                    break
            except OSError:
                assert server.poll() is None, (tmp_path / "lab.log").read_text()[-2000:]
                assert time.monotonic() < deadline, "JupyterLab did not start"
                time.sleep(0.5)
        url = f"{base}/api/contents/lessons/00-start-here.ipynb?token={token}"
        with urllib.request.urlopen(url, timeout=10) as response:
            notebook = json.load(response)
        assert notebook["type"] == "notebook" and notebook["content"]["cells"]
        with urllib.request.urlopen(
            f"{base}/lab/tree/lessons/00-start-here.ipynb?token={token}"
        ) as page:
            assert page.status == 200 and b"JupyterLab" in page.read()
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
