"""A student answers lesson 00's written prompt in JupyterLab: no model answer before an answer,
then the criteria and the model answer, a rating for each criterion, and a record kept."""

from __future__ import annotations

import json
import os
from pathlib import Path

from playwright.sync_api import expect

from balancing_act.selfcheck.checks import get
from balancing_act.selfcheck.written import get_written

from .lab import ARTIFACTS, browser_tab
from .student import open_notebook, run_all_cells

KEY = "l00-what-would-show-it"
ANSWER = (
    "The brief says Baku moved toward Moscow by default, to keep it content. After 2019 I would "
    "look at what Baku's own state did: whether it joined any Russian-led union, whether it kept "
    "its Western energy deals, and whether it broke with Moscow once it no longer needed it. A "
    "break or a new membership would count against the brief."
)


def progress_file() -> Path:
    # tests/conftest.py gives the whole run (and so the Lab it starts) its own data folder.
    return Path(os.environ["JUPYTER_DATA_DIR"]) / "balancing_act" / "progress.json"


def test_a_written_answer_is_compared_rated_and_recorded(lab, chromium):
    base, token = lab
    prompt = get_written(KEY)
    shot = ARTIFACTS / "written-answer-progress.png"
    with browser_tab(chromium, shot, {"width": 1280, "height": 800}, full_page=False) as page:
        open_notebook(page, base, token, "lessons/00-start-here.ipynb")
        run_all_cells(page)
        box = (
            page.locator(".widget-vbox")
            .filter(has=page.locator("textarea"))
            .filter(has_text=prompt.prompt)
            .first
        )
        box.scroll_into_view_if_needed()
        compare = box.get_by_role("button", name="Compare my answer")

        # Nothing written: a request to write first, and no model answer anywhere on the page.
        compare.click()
        expect(box).to_contain_text(f"Write at least {prompt.min_words} words", timeout=15_000)
        assert prompt.model_answer[:60] not in page.content()
        assert prompt.criteria[0] not in page.content()

        box.locator("textarea").fill(ANSWER)
        compare.click()
        expect(box).to_contain_text("One model answer", timeout=15_000)
        for criterion in prompt.criteria:
            expect(box).to_contain_text(criterion)
        expect(box).to_contain_text(prompt.model_answer[:60])

        # Recording before every point is rated asks for the rest.
        record = box.get_by_role("button", name="Record my assessment")
        record.click()
        expect(box).to_contain_text("Rate your answer against every point")

        groups = box.locator(".widget-toggle-buttons")
        assert groups.count() == len(prompt.criteria)
        ratings = ["met", "partly", "not yet"]
        for index, rating in enumerate(ratings):
            groups.nth(index).get_by_role("button", name=rating, exact=True).click()
        record.click()
        expect(box).to_contain_text("Recorded: 1 of 3 points met", timeout=15_000)
        # The screenshot kept: the student's answer, the model answer, the rated criteria.
        page.keyboard.press("Control+b")  # the file browser closed, as on a small screen
        box.locator("textarea").evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(500)
        page.screenshot(path=str(ARTIFACTS / "written-answer-feedback.png"))

        kept = json.loads(progress_file().read_text(encoding="utf-8"))["written"][KEY]
        assert [r["rating"] for r in kept["ratings"]] == ratings
        assert kept["words"] == len(ANSWER.split()) and kept["lesson"] == prompt.lesson
        assert "Western energy deals" not in progress_file().read_text(encoding="utf-8")

        # A wrong answer to the lesson's choice: the progress view, run again, lists it as due
        # and counts the written answer as self-assessed.
        trigger = get("l00-pacification-trigger")  # the lesson has other choices: find its box
        choice = (
            page.locator(".widget-vbox")
            .filter(has=page.locator(".widget-radio-box"))
            .filter(has_text=trigger.prompt)
            .last
        )
        wrong = next(o for o in trigger.options if o != trigger.expected_value())
        choice.get_by_label(wrong).check()
        choice.locator("button", has_text="Check").first.click()
        expect(choice).to_contain_text("Not yet", timeout=15_000)
        progress_cell = page.locator(".jp-CodeCell").filter(has_text="ba.progress()").last
        progress_cell.locator(".jp-InputArea-editor").click()
        page.keyboard.press("Control+Enter")  # run it, staying on it
        expect(progress_cell).to_contain_text("l00-pacification-trigger", timeout=30_000)
        expect(progress_cell).to_contain_text("tried, not yet right")
        expect(progress_cell).to_contain_text("1 of them self-assessed")
        progress_cell.evaluate("el => el.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(1500)
        assert page.watch.page_errors == [] and page.watch.outside_requests == []
