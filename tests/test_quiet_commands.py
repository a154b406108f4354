"""The teacher's commands print what the teacher needs: what was made where, or an error in full.

`make env`, `make release` and `make handouts` used to print dozens of lines of other tools'
notes (pip's, setuptools', nbgrader's log). Each noisy step now runs through
``scripts/quietly``, which sets its output aside and prints it, whole, only if the step fails.
Checked here: the wrapper itself (silent on success, everything on failure, the status kept),
the Makefile's recipes (every noisy step wrapped; a planted recipe without it is caught), and,
in the nbgrader layer, `make release` run for real, with a broken solution as the negative.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from balancing_act.analysis.cases import SPACES

from .notebook_tools import ROOT

QUIETLY = ROOT / "scripts" / "quietly"
# The steps that print pages of notes when they succeed, by what their command line holds.
NOISY = {
    "env": [r"-m venv", r"pip install"],
    "release": [r"nbgrader generate_assignment"],
}


def _quietly(*command: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(QUIETLY), "the step", *command], capture_output=True, text=True
    )


def test_a_step_that_succeeds_prints_nothing():
    run = _quietly("bash", "-c", "for i in $(seq 40); do echo note $i; echo warning $i >&2; done")
    assert run.returncode == 0
    assert run.stdout == "" and run.stderr == ""


def test_a_step_that_fails_prints_everything_it_said_and_keeps_its_status():
    run = _quietly("bash", "-c", "echo first note; echo 'Error: the real cause' >&2; exit 7")
    assert run.returncode == 7
    assert run.stdout == ""
    assert "FAILED: the step (exit status 7)" in run.stderr
    assert "first note" in run.stderr and "Error: the real cause" in run.stderr


def test_a_missing_command_is_a_failure_that_says_so():
    run = _quietly("/nonexistent/tool", "--flag")
    assert run.returncode != 0
    assert "/nonexistent/tool" in run.stderr


def _recipes(folder: Path, target: str) -> list[str]:
    """The command lines of ``target``'s recipe in the Makefile, a continued line as one (read
    as text: a dry run of `make release` would count as running nbgrader), with $(QUIETLY)
    spelled out as the Makefile defines it."""
    text = (folder / "Makefile").read_text(encoding="utf-8").replace("\\\n", " ")
    quietly = re.search(r"^QUIETLY :?= (.+)$", text, flags=re.M)
    lines = text.splitlines()
    heads = [i for i, line in enumerate(lines) if re.match(rf"(\S+ )*?{re.escape(target)}:", line)]
    if target == "env":  # env's work is its stamp's recipe
        heads = [i for i, line in enumerate(lines) if line.startswith("$(STAMP):")]
    assert heads, f"no recipe for {target}"
    recipe = []
    for line in lines[heads[0] + 1 :]:
        if not line.startswith("\t"):
            break
        recipe.append(line.strip().replace("$(QUIETLY)", quietly.group(1) if quietly else "?"))
    return recipe


def check_noisy_steps_are_quiet(folder: Path) -> None:
    for target, patterns in NOISY.items():
        lines = _recipes(folder, target)
        for pattern in patterns:
            steps = [line for line in lines if re.search(pattern, line)]
            assert steps, f"make {target}: no step runs {pattern!r}"
            for line in steps:
                assert "scripts/quietly" in line, f"make {target} prints its notes: {line}"
    said = _recipes(folder, "env")
    assert any(line.startswith("@echo") and "ready" in line for line in said), said


def _course_makefile(folder: Path) -> Path:
    shutil.copy(ROOT / "Makefile", folder / "Makefile")
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    (folder / "solutions" / "a0-example").mkdir(parents=True)
    return folder / "Makefile"


def test_every_noisy_step_of_env_and_release_runs_quietly(tmp_path):
    _course_makefile(tmp_path)
    check_noisy_steps_are_quiet(tmp_path)


def test_the_check_catches_a_step_that_prints_its_notes(tmp_path):
    makefile = _course_makefile(tmp_path)
    text = makefile.read_text(encoding="utf-8")
    planted = text.replace(
        '@$(QUIETLY) "upgrading pip in $(VENV)/" $(BIN)/python', "$(BIN)/python", 1
    )
    assert planted != text
    makefile.write_text(planted, encoding="utf-8")
    with pytest.raises(AssertionError, match="prints its notes"):
        check_noisy_steps_are_quiet(tmp_path)


def test_the_printing_libraries_show_errors_but_not_their_notes():
    import sys

    code = (
        "import logging\n"
        "from balancing_act.authoring.printing.pdf import quiet_libraries\n"
        "quiet_libraries()\n"
        "logging.getLogger('weasyprint').warning('Ignored a CSS property')\n"
        "logging.getLogger('fontTools.subset').warning('a dropped table')\n"
        "logging.getLogger('weasyprint').error('BROKEN: a font cannot be read')\n"
    )
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert run.returncode == 0, run.stderr
    assert "BROKEN: a font cannot be read" in run.stderr
    assert "Ignored" not in run.stderr and "dropped" not in run.stderr


def test_make_handouts_runs_the_printer_without_echoing_commands():
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("handouts", "answer-key", "weasyprint-libs"):
        recipe = _recipes(ROOT, target)
        assert recipe and all(line.startswith("@") for line in recipe), (target, recipe)
    assert "balancing_act.authoring.printing handouts" in text


# --- make release, for real ----------------------------------------------------------------


@pytest.mark.nbgrader
def test_make_release_names_what_it_made_and_a_failure_in_full(tmp_path):
    from .grading_tools import course_copy

    course = course_copy(tmp_path / "course")
    assignments = sorted(p.name for p in (course / "solutions").iterdir() if p.is_dir())
    run = subprocess.run(
        ["make", "--no-print-directory", "release"], cwd=course, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    assert run.stderr == "", run.stderr[-3000:]
    made = [f"exercises/{a}/: made from solutions/{a}/" for a in assignments]
    # Then one line per manifest of who has which case (the assignments with cases).
    lines = run.stdout.splitlines()
    assert lines[: len(made)] == made, run.stdout
    assert [line.split(":")[0] for line in lines[len(made) :]] == [
        f"reports/{a}-cases.csv" for a in sorted(SPACES)
    ], run.stdout
    # A solution notebook that is not JSON: the step fails, and nbgrader's own words are shown.
    broken = course / "solutions" / assignments[0] / f"{assignments[0]}.ipynb"
    broken.write_text("{ not a notebook", encoding="utf-8")
    run = subprocess.run(
        ["make", "--no-print-directory", "release"], cwd=course, capture_output=True, text=True
    )
    assert run.returncode != 0
    assert f"FAILED: nbgrader generate_assignment {assignments[0]}" in run.stderr
    assert "its output, in full:" in run.stderr
    assert len(run.stderr.splitlines()) > 4, run.stderr  # nbgrader's error, not a summary
