"""Binder's files agree with each other and with the installed packages.

No BinderHub (nor repo2docker's Docker build) can run here, so this checks what Binder reads:
- repo2docker uses the top-level environment.yml and postBuild only when there is no binder/ or
  .binder/ folder; environment.yml installs the course package from the checkout;
- postBuild is executable (in git, not only on disk) and only disables extensions that the
  pinned nbgrader has;
- postBuild, run for real (as repo2docker runs it: ``./postBuild`` in the checkout, with the
  environment's ``jupyter`` first on PATH) against a throwaway environment prefix built on the
  course's packages, leaves a JupyterLab that serves the start notebook with the widgets and the
  students' nbgrader tools, and without the instructor-only panels;
- every Binder link in the docs opens a notebook that exists.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import shlex
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import nbformat
import pytest
import requests
import yaml

from .notebook_tools import ROOT

VENV = Path(sys.prefix)
START = "lessons/00-start-here.ipynb"
BINDER_LINK = re.compile(r"https://mybinder\.org/v2/[^\s)\"'>]+")
NBGRADER_LAB = VENV / "share" / "jupyter" / "labextensions" / "@jupyter" / "nbgrader"
#: JupyterLab's news and update pop-up, which postBuild turns off (it covers widgets).
NEWS_PLUGIN = "@jupyterlab/apputils-extension:announcements"


def _post_build_commands() -> list[list[str]]:
    lines = (ROOT / "postBuild").read_text(encoding="utf-8").splitlines()
    return [shlex.split(line) for line in lines if line.strip().startswith("jupyter ")]


def _jupyterlab_core_plugins() -> set[str]:
    """The plugin ids built into the pinned JupyterLab (its core JS)."""
    ids = set()
    for script in (VENV / "share" / "jupyter" / "lab" / "static").glob("jlab_core*.js"):
        ids |= set(
            re.findall(r'"(@jupyterlab/[a-z-]+:[a-z-]+)"', script.read_text(errors="ignore"))
        )
    return ids


def _nbgrader_lab_plugins() -> set[str]:
    """The plugin ids inside the pinned nbgrader's JupyterLab extension (its built JS)."""
    ids = set()
    for script in (NBGRADER_LAB / "static").glob("*.js"):
        ids |= set(re.findall(r'"(@jupyter/nbgrader:[a-z-]+)"', script.read_text(errors="ignore")))
    return ids


def _nbgrader_server_extensions() -> set[str]:
    """The server extensions the pinned nbgrader enables on install, each with its loader."""
    import importlib

    enabled = json.loads(
        (VENV / "etc" / "jupyter" / "jupyter_server_config.d" / "nbgrader.json").read_text()
    )["ServerApp"]["jpserver_extensions"]
    found = set()
    for name in enabled:
        module = importlib.import_module(name)
        if hasattr(module, "load_jupyter_server_extension") or hasattr(
            module, "_load_jupyter_server_extension"
        ):
            found.add(name)
    return found


# --- the files ----------------------------------------------------------------------------------


def test_no_binder_folder_hides_the_top_level_files():
    for folder in ("binder", ".binder"):
        assert not (ROOT / folder).exists(), f"repo2docker would read {folder}/ and ignore the rest"


def test_environment_installs_the_course_from_the_checkout():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict) and "pip" in d)
    # A local requirement: repo2docker then installs after copying the repository, so `-e .`
    # finds pyproject.toml, and the lessons import the package from the checkout.
    assert "-e ." in pip
    assert "jupyterlab==" in " ".join(pip) and "nbgrader==" in " ".join(pip)


def test_post_build_is_executable_on_disk_and_in_git():
    path = ROOT / "postBuild"
    assert os.access(path, os.X_OK)
    assert path.read_text(encoding="utf-8").startswith("#!/usr/bin/env bash\n")
    if (ROOT / ".git").exists():
        staged = subprocess.run(
            ["git", "ls-files", "-s", "postBuild"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        assert staged.startswith("100755"), f"postBuild is not executable in git: {staged!r}"


def test_post_build_disables_only_what_the_pinned_nbgrader_has():
    plugins, servers = _nbgrader_lab_plugins(), _nbgrader_server_extensions()
    assert "@jupyter/nbgrader:formgrader" in plugins  # the reading of the JS itself works
    assert NEWS_PLUGIN in _jupyterlab_core_plugins()
    plugins.add(NEWS_PLUGIN)
    commands = _post_build_commands()
    assert commands, "postBuild runs no jupyter command"
    for command in commands:
        assert "disable" in command, command
        # Binder's environment is the sys-prefix one; --user would not survive into the image
        assert "--sys-prefix" in command or "--level=sys_prefix" in command, command
        target = command[-1]
        if command[1] == "labextension":
            assert target in plugins, f"{target} is not a plugin of nbgrader or JupyterLab"
        else:
            assert command[1:3] == ["server", "extension"], command
            assert target in servers, f"{target} is not a server extension of nbgrader"
    # Students keep what they study with.
    disabled = {c[-1] for c in commands}
    for kept in ("@jupyter/nbgrader:validate-assignment", "@jupyter/nbgrader:assignment-list"):
        assert kept not in disabled


def test_every_binder_link_opens_an_existing_notebook():
    docs = [ROOT / "deploy" / "README.md", ROOT / "README.md"]
    links = [link for doc in docs if doc.exists() for link in BINDER_LINK.findall(doc.read_text())]
    assert links, "deploy/README.md documents the Binder link"
    for link in links:
        url = urlparse(link)
        assert url.path.startswith("/v2/gh/"), link
        urlpath = parse_qs(url.query)["urlpath"][0]
        assert urlpath.startswith("lab/tree/"), link
        notebook = ROOT / urlpath.removeprefix("lab/tree/")
        assert notebook.is_file(), f"{link} opens {notebook}, which does not exist"
        nbformat.validate(nbformat.read(notebook, as_version=4))
    assert any(START in link for link in links)


# --- postBuild, run for real --------------------------------------------------------------------


@pytest.fixture(scope="module")
def binder_prefix(tmp_path_factory):
    """A throwaway environment prefix with the course's packages, as Binder's /srv/conda/envs/notebook.

    A venv of this Python whose site-packages adds the course environment's; its etc/jupyter
    is a copy of the course environment's (so postBuild's --sys-prefix changes land here and
    nowhere else) and its share/jupyter points at the course environment's lab extensions.
    """
    prefix = tmp_path_factory.mktemp("binder") / "env"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(prefix)], check=True)
    site = Path(sysconfig.get_path("purelib", vars={"base": str(prefix), "platbase": str(prefix)}))
    course_site = sysconfig.get_path("purelib")
    (site / "course-environment.pth").write_text(
        f"import site; site.addsitedir({course_site!r})\n", encoding="utf-8"
    )
    shutil.copytree(VENV / "etc" / "jupyter", prefix / "etc" / "jupyter")
    # Binder's environment never ran `make env`: what it disables must come from postBuild alone.
    (prefix / "etc" / "jupyter" / "labconfig" / "page_config.json").unlink(missing_ok=True)
    (prefix / "share").mkdir()
    (prefix / "share" / "jupyter").symlink_to(VENV / "share" / "jupyter")
    python = prefix / "bin" / "python"
    for script in (VENV / "bin").glob("jupyter*"):
        lines = script.read_text(encoding="utf-8").splitlines(keepends=True)
        if lines and lines[0].startswith("#!") and "python" in lines[0]:
            copy = prefix / "bin" / script.name
            copy.write_text(f"#!{python}\n" + "".join(lines[1:]), encoding="utf-8")
            copy.chmod(0o755)
    home = prefix.parent / "home"
    home.mkdir()
    env = {
        **os.environ,
        "PATH": f"{prefix / 'bin'}:{os.environ['PATH']}",
        "HOME": str(home),
        "JUPYTER_CONFIG_DIR": str(home / ".jupyter"),
        "JUPYTER_DATA_DIR": str(home / ".local" / "share" / "jupyter"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
    }
    env.pop("JUPYTER_CONFIG_PATH", None)
    run = subprocess.run(
        [str(ROOT / "postBuild")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return {"prefix": prefix, "env": env}


@pytest.mark.lab
def test_post_build_changed_only_the_environment_prefix(binder_prefix):
    page_config = binder_prefix["prefix"] / "etc" / "jupyter" / "labconfig" / "page_config.json"
    disabled = json.loads(page_config.read_text())["disabledExtensions"]
    assert disabled == {
        "@jupyter/nbgrader:formgrader": True,
        "@jupyter/nbgrader:create-assignment": True,
        NEWS_PLUGIN: True,
    }
    ours = VENV / "etc" / "jupyter" / "labconfig" / "page_config.json"
    assert not ours.exists() or "formgrader" not in ours.read_text()


@pytest.mark.lab
def test_binder_lab_opens_the_start_notebook_with_the_students_tools(binder_prefix):
    port, token = _free_port(), secrets.token_hex(16)
    command = [
        str(binder_prefix["prefix"] / "bin" / "jupyter-lab"),
        "--no-browser",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT}",
    ]
    if os.geteuid() == 0:
        command.append("--allow-root")
    log = binder_prefix["prefix"].parent / "lab.log"
    base = f"http://127.0.0.1:{port}"
    headers = {"Authorization": f"token {token}"}
    with log.open("w") as out:
        server = subprocess.Popen(
            command, cwd=ROOT, env=binder_prefix["env"], stdout=out, stderr=subprocess.STDOUT
        )
        try:
            _wait_until_up(f"{base}/api/status", headers, server, log)
            page = requests.get(f"{base}/lab/tree/{START}", headers=headers, timeout=30)
            assert page.status_code == 200
            config = json.loads(
                re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page.text, re.S)[1]
            )
            disabled = config["disabledExtensions"]
            disabled = (
                set(disabled)
                if isinstance(disabled, list)
                else {k for k, v in disabled.items() if v}
            )
            assert {
                "@jupyter/nbgrader:formgrader",
                "@jupyter/nbgrader:create-assignment",
                NEWS_PLUGIN,
            } <= disabled
            assert not {p for p in disabled if "validate" in p or "assignment-list" in p}
            loaded = {ext["name"] for ext in config["federated_extensions"]}
            assert {
                "@jupyter/nbgrader",
                "@jupyter-widgets/jupyterlab-manager",
                "anywidget",
            } <= loaded
            notebook = requests.get(f"{base}/api/contents/{START}", headers=headers, timeout=30)
            assert notebook.status_code == 200 and notebook.json()["type"] == "notebook"
            # Server side: no formgrader; the Validate button's endpoint answers (GET: 405).
            assert (
                requests.get(f"{base}/formgrader", headers=headers, timeout=30).status_code == 404
            )
            validate = requests.get(f"{base}/assignments/validate", headers=headers, timeout=30)
            assert validate.status_code == 405
        finally:
            server.terminate()
            server.wait(30)


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_until_up(url, headers, server, log, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"JupyterLab exited:\n{log.read_text()[-4000:]}")
        try:
            if requests.get(url, headers=headers, timeout=2).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.3)
    pytest.fail(f"JupyterLab did not start:\n{log.read_text()[-4000:]}")
