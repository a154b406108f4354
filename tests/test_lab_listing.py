"""What the students' JupyterLab lists: each lesson once, as its notebook, wherever a student
opens the course (`make lab`, Binder's `start`, the class Hub's student servers)."""

from __future__ import annotations

import json
import os
import subprocess
from fnmatch import fnmatch

from balancing_act.course.contents import lesson_names

from .notebook_tools import ROOT

CONFIG = ROOT / "deploy" / "jupyter" / "lessons" / "jupyter_server_config.json"


def hidden(name: str, globs: list[str] | None = None) -> bool:
    if globs is None:
        globs = json.loads(CONFIG.read_text(encoding="utf-8"))["ContentsManager"]["hide_globs"]
    return any(fnmatch(name, glob) for glob in globs)


def wrongly_hidden(globs: list[str] | None = None) -> list[str]:
    """Course files outside lessons/ the globs hide, but for a teacher's reading that shares
    its lesson's name (globs match a file's name only)."""
    lessons = {f"{name}.md" for name in lesson_names(ROOT)}
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()
    return [
        p
        for p in tracked
        if not p.startswith("lessons/")
        and hidden(os.path.basename(p), globs)
        and not (p.startswith("instructor/readings/") and os.path.basename(p) in lessons)
    ]


def test_the_lesson_sources_are_hidden_and_their_notebooks_listed():
    for name in lesson_names(ROOT):
        assert hidden(f"{name}.md"), f"{name}.md would be listed beside its notebook"
        assert not hidden(f"{name}.ipynb")


def test_no_other_course_file_is_hidden_but_readings_named_after_a_lesson():
    assert wrongly_hidden() == []
    for kept in ("README.md", "_toc.yml", "glossary.md", "2020-trilateral-statement.md"):
        assert not hidden(kept)


def test_a_glob_that_hid_too_much_would_be_caught():
    assert "glossary.md" in wrongly_hidden(["*.md"])


def test_every_way_in_uses_the_students_settings():
    assert "deploy/jupyter/lessons" in (ROOT / "Makefile").read_text(encoding="utf-8")
    assert 'LESSONS_CONFIG = DEPLOY / "jupyter" / "lessons"' in (
        ROOT / "deploy" / "jupyterhub_config.py"
    ).read_text(encoding="utf-8")
    start = ROOT / "start"
    text = start.read_text(encoding="utf-8")
    assert os.access(start, os.X_OK) and text.startswith("#!/usr/bin/env bash\n")
    assert "deploy/jupyter/lessons" in text and text.rstrip().endswith('exec "$@"')
    staged = subprocess.run(
        ["git", "ls-files", "-s", "start"], cwd=ROOT, capture_output=True, text=True
    ).stdout
    assert staged.startswith("100755"), f"start is not executable in git: {staged!r}"


def test_start_hands_on_with_the_students_config_first():
    run = subprocess.run(
        [str(ROOT / "start"), "sh", "-c", 'echo "$JUPYTER_CONFIG_PATH"'],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "JUPYTER_CONFIG_PATH": "/elsewhere"},
    )
    assert run.stdout.strip() == f"{ROOT}/deploy/jupyter/lessons:/elsewhere"
