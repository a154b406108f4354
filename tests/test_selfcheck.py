"""The self-check shell: hints that climb, the answer only on request, progress that lasts."""

from __future__ import annotations

import json
import subprocess
import sys

import ipywidgets as widgets
import nbformat
import pytest

import balancing_act as ba
from balancing_act.authoring.runner import run_notebook
from balancing_act.selfcheck import answering as selfcheck
from balancing_act.selfcheck.checks import all_checks, get
from balancing_act.selfcheck.progress import progress_table, state_of
from balancing_act.selfcheck.records import load, progress_file

from .notebook_tools import ROOT

KEY = "l05-manat-rise"


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))
    return tmp_path


def test_hints_climb_with_each_different_wrong_answer_then_a_worked_step():
    check = get(KEY)
    texts = [selfcheck.evaluate(KEY, wrong)[1] for wrong in (10, 20, 30, 40)]
    assert f"Hint 1: {check.hints[0]}" in texts[0]
    assert f"Hint 2: {check.hints[1]}" in texts[1]
    assert "A worked step:" in texts[2] and "manats per dollar" in texts[2]
    assert "A worked step:" in texts[3]
    assert all(check.shown_answer() not in t for t in texts)  # hints never give the answer


def test_running_the_same_wrong_answer_again_does_not_climb():
    first = selfcheck.evaluate(KEY, 10)[1]
    again = selfcheck.evaluate(KEY, 10)[1]
    assert "Hint 1" in first and "Hint 1" in again
    assert load()[KEY]["tries"] == 1


def test_a_named_mistake_is_told_with_the_hint():
    text = selfcheck.evaluate(KEY, 0.99)[1]
    assert "multiply it by 100" in text and "Hint 1" in text


def test_the_right_answer_gets_the_explanation_and_is_remembered():
    verdict, text = selfcheck.evaluate(KEY, 99)
    assert verdict.correct and get(KEY).explanation in text
    assert state_of(load()[KEY]) == "right"


def test_show_the_answer_reveals_it_and_records_that_it_was_shown(monkeypatch):
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    ba.check(KEY, 12)
    box = shown[-1]
    assert isinstance(box, widgets.VBox)
    button = next(c for row in box.children if isinstance(row, widgets.HBox) for c in row.children)
    assert button.description == "Show the answer"
    revealed = box.children[-1]
    assert revealed.value == ""
    button.click()
    assert get(KEY).shown_answer() in revealed.value
    assert load()[KEY]["shown"] is True
    selfcheck.evaluate(KEY, 99)
    assert state_of(load()[KEY]) == "right after seeing the answer"


def test_a_multiple_choice_answers_with_option_feedback_and_hints():
    box = ba.choice("l05-code-acg")
    box.picker.value = "to_west = 1 and to_russia = -1, the rest empty"
    box.button.click()
    assert "zero-sum reading" in box.verdict_area.value and "Hint 1" in box.verdict_area.value
    box.picker.value = get("l05-code-acg").expected_value()
    box.button.click()
    assert "Right" in box.verdict_area.value


def test_on_the_readers_site_a_check_shows_neither_verdict_nor_answer(monkeypatch):
    monkeypatch.setenv("BALANCING_ACT_STATIC", "1")
    shown = []
    monkeypatch.setattr("IPython.display.display", shown.append)
    ba.check(KEY, 99)
    html = shown[-1].data
    assert "Run this lesson" in html and get(KEY).shown_answer() not in html
    choice = ba.choice("l05-code-acg").data
    assert "Run this lesson" in choice and "Right" not in choice


def test_progress_can_be_reset_for_one_lesson_or_all():
    selfcheck.evaluate(KEY, 99)
    selfcheck.evaluate("l02-cst-end", 3)
    assert "1 check(s)" in ba.reset_progress("05-pacifying-russia")
    assert set(load()) == {"l02-cst-end"}
    ba.reset_progress()
    assert load() == {}


def test_the_progress_file_lives_in_the_jupyter_data_folder_not_the_course(fresh_progress):
    selfcheck.evaluate(KEY, 99)
    path = progress_file()
    assert path.is_relative_to(fresh_progress) and not path.is_relative_to(ROOT)


def test_the_progress_chart_has_every_check_and_a_description():
    selfcheck.evaluate(KEY, 99)
    chart = ba.progress()
    table = progress_table()
    assert len(table) == len(all_checks())
    assert table.set_index("key").loc[KEY, "state"] == "right"
    assert chart.to_dict()["description"].startswith("A grid of the course's")


def _run(cells, data_dir):
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in cells])
    return run_notebook(notebook, env={"JUPYTER_DATA_DIR": str(data_dir)})


@pytest.mark.notebooks
def test_progress_after_checks_in_two_lessons_survives_a_kernel_restart(tmp_path):
    _run(
        [
            "import balancing_act as ba",
            'ba.check("l05-manat-rise", 99)',
            'ba.check("l02-cst-end", 3)',
            'ba.check("l02-cst-end", 4)',
        ],
        tmp_path,
    )
    later = _run(
        [
            "import balancing_act as ba\n"
            "from balancing_act.selfcheck.progress import progress_table\n"
            "progress = progress_table()",
            "print(progress.set_index('key').loc[['l05-manat-rise', 'l02-cst-end'], ['state', 'tries']].to_json())",
            "ba.progress()",
        ],
        tmp_path,
    )
    printed = json.loads(later.cells[1].outputs[0]["text"])
    assert printed["state"] == {
        "l05-manat-rise": "right",
        "l02-cst-end": "tried, not yet right",
    }
    assert printed["tries"]["l02-cst-end"] == 2
    assert later.cells[2].outputs, "ba.progress() drew nothing"


def test_a_fresh_interpreter_reaches_submodules_and_every_declared_name():
    code = (
        "import balancing_act as ba\n"
        "assert ba.periods.period_table().shape[0] == 5\n"
        "missing = [n for n in dir(ba) if getattr(ba, n, None) is None]\n"
        "assert not missing, missing\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT / "lessons"
    )
    assert done.returncode == 0, done.stderr
