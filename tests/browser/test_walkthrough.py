"""A newcomer's walk through the course in JupyterLab, served as `make lab` serves it.

One JupyterLab (with the students' settings, deploy/jupyter/lessons/) on a git clone of the
course with the notebook filter `make env` installs, and one Chromium, for the whole walk. For
each lesson in ``lessons/_toc.yml`` order: find it listed once in the file browser and open it
there; it must not be marked unsaved before the student does anything; Run All Cells (no error,
no stderr, charts drawn); move the first control of each kind of explorer it has and see the
chart redraw; answer its first ``ba.choice`` self-check wrongly (its own feedback shows), then
rightly (the right option computed from the Check); its ``## Before you go`` section shows the
progress output and links the next lesson; save (as autosave would) and close. Then every
exercise: open, run all, save, close. Finally ``git status --porcelain`` is empty: nothing a
student's run saved shows as a change.

The walk runs once (a module fixture) and records what it found per notebook; the tests below
read that record, so one lesson's failure names that lesson and the walk still reaches the rest.
Other helpers' per-lesson checks plug into ``LESSON_CHECKS``. The walk fails on purpose on
planted notebooks: an error cell, a notebook that opens unsaved, a file listed twice.

The walk's time is printed (``-s``) and written to ``test-artifacts/walkthrough-times.txt``.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import nbformat
import pytest

from balancing_act.authoring import notebook_filter
from balancing_act.course.contents import lesson_names
from balancing_act.selfcheck.checks import get

from ..notebook_tools import ROOT
from .lab import ARTIFACTS, browser_tab, jupyter_lab
from .newcomer_checks import check_card_line_height, check_card_shows_id, check_event_tooltip
from .student import widget_with
from .walk import (
    Finding,
    answer_choice,
    before_you_go,
    close_current,
    explorer_kinds,
    listed_once,
    move_explorer,
    open_folder,
    open_from_browser,
    opens_clean,
    page_problems,
    run_everything,
    timed,
)

LAPTOP = {"width": 1280, "height": 800}
LESSONS = lesson_names(ROOT)
EXERCISES = sorted(p.relative_to(ROOT) for p in (ROOT / "exercises").glob("*/*.ipynb"))
#: The students' Jupyter settings, as `make lab`, Binder's `start` and the Hub give them.
STUDENT_CONFIG = ROOT / "deploy" / "jupyter" / "lessons"

#: Each explorer with events to read, the control label that finds it, and what a newcomer
#: must read there (tests/browser/newcomer_checks.py): the id on the card, a card set tight,
#: the event's own tooltip under the pointer.
EVENT_READING = {
    "timeline": ("Any of", (check_card_shows_id, check_card_line_height, check_event_tooltip)),
    "series": ("Series", (check_event_tooltip,)),
    "claim": ("Claim", (check_event_tooltip,)),
}


def events_readable(page, name: str) -> list[str]:
    """In each explorer of lesson ``name`` that draws events, a newcomer reads an event's id and
    how it moved Baku where the lesson's tasks say they will."""
    source = (ROOT / "lessons" / f"{name}.md").read_text(encoding="utf-8")
    problems = []
    for kind in explorer_kinds(source):
        if kind not in EVENT_READING:
            continue
        label, checks = EVENT_READING[kind]
        widget = widget_with(page, label)
        for check in checks:
            try:
                if check is check_card_line_height:
                    check(widget)
                elif check is check_event_tooltip:
                    check(page, widget, events=3)
                else:
                    check(page, widget)
            except AssertionError as error:
                problems.append(f"{kind} explorer, {check.__name__}: {error}")
    return problems


#: More checks on each lesson after it has run: ``check(page, lesson_name) -> list[str]`` of
#: problems.
LESSON_CHECKS: list[Callable] = [events_readable]


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """The course as a student's clone after `make env`: committed clean, filter installed."""
    root = tmp_path_factory.mktemp("walk") / "balancing-act"
    tracked = _git(ROOT, "ls-files", "-z", "--", "lessons", "data", "exercises", "solutions")
    for name in filter(None, tracked.split("\0")):
        if (ROOT / name).is_file():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes((ROOT / name).read_bytes())
    for name in (".gitattributes", ".gitignore"):  # .ipynb_checkpoints/ are ignored
        shutil.copy(ROOT / name, root / name)
    for name in ("lessons", "exercises", "solutions"):  # as git keeps them
        for path in (root / name).rglob("*.ipynb"):
            path.write_text(notebook_filter.clean(path.read_text(encoding="utf-8")))
    _git(root, "init", "-q")
    _git(root, "config", "user.email", "walk@example.org")
    _git(root, "config", "user.name", "walk")
    _git(root, "add", "-A")
    _git(root, "commit", "-q", "-m", "the course")
    notebook_filter.install(root, python=sys.executable)
    assert _git(root, "status", "--porcelain") == ""
    return root


@pytest.fixture(scope="module")
def student_lab(clone):
    env = {"JUPYTER_CONFIG_PATH": str(STUDENT_CONFIG)}
    with jupyter_lab(clone, ARTIFACTS / "walkthrough-lab.log", env=env) as server:
        yield server


@pytest.fixture(scope="module")
def tab(chromium, student_lab):
    with browser_tab(chromium, ARTIFACTS / "walkthrough-last.png", LAPTOP, False) as page:
        yield page


def _first_choice(source: str) -> str | None:
    import re

    found = re.search(r'ba\.choice\("([^"]+)"\)', source)
    return found.group(1) if found else None


def walk_lesson(page, base, token, clone: Path, index: int) -> Finding:
    name = LESSONS[index]
    following = LESSONS[index + 1] if index + 1 < len(LESSONS) else None
    notebook = nbformat.read(clone / "lessons" / f"{name}.ipynb", as_version=4)
    # The code the student runs (prose may name an explorer without making one).
    source = "\n".join(c.source for c in notebook.cells if c.cell_type == "code")
    finding = Finding(name)
    timed(finding, "open", lambda: open_folder(page, base, token, "lessons"))
    timed(finding, "listed once", lambda: listed_once(page, name))
    if index == 0:  # what a newcomer sees first: the file browser
        page.screenshot(path=str(ARTIFACTS / "walkthrough-file-browser.png"))
    timed(finding, "open", lambda: open_from_browser(page, f"{name}.ipynb"))
    timed(finding, "opens clean", lambda: opens_clean(page, name))
    timed(finding, "run all", lambda: run_everything(page, name))
    before = set(page.watch.problems())
    timed(
        finding,
        "renders",
        lambda: [p for p in page_problems(page, 1) if p not in before],
    )
    for kind in explorer_kinds(source):
        timed(finding, "widgets", lambda kind=kind: move_explorer(page, kind))
    key = _first_choice(source)
    if key:
        check = get(key)
        right = str(check.expected_value())
        wrong = next(o for o in check.options if o != right)
        feedback = check.option_feedback.get(wrong, "")
        timed(
            finding,
            "self-check",
            lambda: answer_choice(page, key, check.options, right, feedback),
        )
    else:
        finding.add("self-check", [f"{name} has no ba.choice self-check"])
    finding.before_you_go = before_you_go(page, following)
    for extra in LESSON_CHECKS:
        timed(finding, extra.__name__, lambda extra=extra: extra(page, name))
    if index == 2:  # a lesson opened, run and moved, at a laptop's size
        page.screenshot(path=str(ARTIFACTS / "walkthrough-lesson.png"))
    timed(finding, "close", lambda: close_current(page, save=True))
    return finding


def walk_exercise(page, base, token, path: Path) -> Finding:
    finding = Finding(str(path))
    timed(finding, "open", lambda: open_folder(page, base, token, str(path.parent)))
    timed(finding, "listed once", lambda: listed_once(page, path.stem))
    timed(finding, "open", lambda: open_from_browser(page, path.name))
    timed(finding, "opens clean", lambda: opens_clean(page, path.name))
    # A released exercise's answer cells raise NotImplementedError until answered: expected.
    timed(
        finding,
        "run all",
        lambda: _ran_only(run_everything(page, path.name, every_cell=False)),
    )
    timed(finding, "close", lambda: close_current(page, save=True))
    return finding


def _ran_only(problems: list[str]) -> list[str]:
    """All but the unanswered cell's own NotImplementedError."""
    return [p for p in problems if "NotImplementedError" not in p]


def _reported(finding: Finding) -> Finding:
    """Print each notebook's finding as the walk goes (``pytest -s`` shows the progress)."""
    print(f"{finding.name}: {finding.seconds:.0f} s, problems {finding.problems}", flush=True)
    return finding


@pytest.fixture(scope="module")
def walk(tab, student_lab, clone):
    """The whole walk, once: a Finding per lesson and per exercise, and git's status after."""
    base, token = student_lab
    started = time.monotonic()
    lessons, exercises = {}, {}
    for index, name in enumerate(LESSONS):
        lessons[name] = _reported(walk_lesson(tab, base, token, clone, index))
    for path in EXERCISES:
        exercises[str(path)] = _reported(walk_exercise(tab, base, token, path))
    # The post-save hook records each save's size in the background: give it a moment.
    deadline = time.monotonic() + 30
    status = _git(clone, "status", "--porcelain")
    while status and time.monotonic() < deadline:
        time.sleep(1)
        status = _git(clone, "status", "--porcelain")
    seconds = time.monotonic() - started
    lines = [f"{f.name}: {f.seconds:.0f} s" for f in {**lessons, **exercises}.values()]
    lines.append(f"the whole walk: {seconds:.0f} s")
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / "walkthrough-times.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines))
    return {"lessons": lessons, "exercises": exercises, "status": status, "page": tab}


@pytest.fixture(scope="module")
def probes(clone) -> Path:
    """A folder for planted notebooks, which git ignores (the walk's status stays the course's)."""
    (clone / ".git" / "info" / "exclude").write_text("probes/\n")
    return clone / "probes"


@pytest.mark.parametrize("name", LESSONS)
def test_each_lesson_opens_once_clean_runs_moves_and_answers(walk, name):
    finding = walk["lessons"][name]
    assert finding.problems == {}, f"{name}: {finding.problems}"


@pytest.mark.parametrize("name", LESSONS)
def test_each_lesson_ends_with_progress_and_a_link_to_the_next(walk, name):
    problems = walk["lessons"][name].before_you_go
    assert problems is not None, f"{name} has no '## Before you go' section"
    assert problems == []


@pytest.mark.parametrize("path", [str(p) for p in EXERCISES])
def test_each_exercise_opens_once_clean_and_runs(walk, path):
    assert walk["exercises"][path].problems == {}


def test_after_the_walk_git_status_is_empty(walk):
    assert walk["status"] == "", f"the walk left changes:\n{walk['status']}"


def test_the_walk_page_raised_no_error_and_stayed_on_loopback(walk):
    assert walk["page"].watch.problems() == []


# --- the walk fails on purpose ----------------------------------------------------------------


def _planted(folder: Path, name: str, cells: list[str], language_info: dict) -> None:
    notebook = nbformat.v4.new_notebook(
        metadata={"kernelspec": notebook_filter.KERNELSPEC, "language_info": language_info}
    )
    notebook.cells = [nbformat.v4.new_code_cell(source) for source in cells]
    folder.mkdir(exist_ok=True)
    nbformat.write(notebook, folder / f"{name}.ipynb")


def test_the_walk_catches_an_error_a_dirty_notebook_and_a_file_listed_twice(
    tab, student_lab, probes
):
    page, (base, token) = tab, student_lab
    clean_info = {**notebook_filter.LANGUAGE_INFO, "version": notebook_filter.python_version()}
    _planted(probes, "99-error", ["1 / 0"], clean_info)
    _planted(probes, "99-dirty", ["1 + 1"], {"name": "python"})  # what Lab would rewrite
    (probes / "99-twice.ipynb").write_text((probes / "99-error.ipynb").read_text())
    (probes / "99-twice.txt").write_text("a second file under the same name\n")
    (probes / "99-hidden.md").write_text("# a lesson's source: students never see it\n")
    open_folder(page, base, token, "probes")

    from .walk import listed

    assert listed_once(page, "99-twice") != [], "a file listed twice must be caught"
    assert listed_once(page, "99-error") == []
    assert "99-hidden.md" not in listed(page), "the students' settings hide lesson sources"

    assert open_from_browser(page, "99-dirty.ipynb") == []
    assert opens_clean(page, "99-dirty") != [], "a notebook that opens unsaved must be caught"
    close_current(page, save=False)

    assert open_from_browser(page, "99-error.ipynb") == []
    assert opens_clean(page, "99-error") == []
    problems = run_everything(page, "99-error")
    assert any("ZeroDivisionError" in p for p in problems), problems
    close_current(page, save=False)
