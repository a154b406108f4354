"""Written prompts with feedback in every lesson, and retrieval quizzes opening the later lessons."""

from __future__ import annotations

import re

import pytest

from balancing_act.course.contents import lesson_names
from balancing_act.selfcheck.checks import all_checks, all_written
from tests.notebook_tools import ROOT

#: Lessons that open with a short quiz on earlier lessons (issue 24): those that follow two others.
RETRIEVAL_LESSONS = (
    "03-oil-pipelines-leverage",
    "05-pacifying-russia",
    "07-karabakh-and-the-mediators",
    "09-measuring-the-balance",
    "10-the-other-capitals",
)


def calls(lesson: str, function: str) -> list[str]:
    """The keys a lesson's source passes to ``ba.<function>(...)``, in order."""
    text = (ROOT / "lessons" / f"{lesson}.md").read_text(encoding="utf-8")
    return re.findall(rf'ba\.{function}\("([^"]+)"', text)


def checks_in_order(lesson: str) -> list[str]:
    text = (ROOT / "lessons" / f"{lesson}.md").read_text(encoding="utf-8")
    return re.findall(r'ba\.(?:check|choice)\("([^"]+)"', text)


@pytest.mark.parametrize("lesson", lesson_names())
def test_every_lesson_asks_for_a_written_answer_it_gives_feedback_on(lesson):
    own = {k for k, p in all_written().items() if p.lesson == lesson}
    assert own, f"{lesson} has no written prompt (WRITTEN in its checks module)"
    assert sorted(calls(lesson, "reflect")) == sorted(own)


@pytest.mark.parametrize("prompt", all_written().values(), ids=lambda p: p.key)
def test_a_written_prompt_has_criteria_and_a_model_answer_long_enough(prompt):
    assert len(prompt.criteria) >= 2 and all(c.strip() for c in prompt.criteria)
    assert len(prompt.model_answer.split()) >= prompt.min_words


def retrieval_problems(lesson: str, order: list[str], checks: dict) -> list[str]:
    opening = order[:2]
    problems = [
        f"{lesson}: {k} opens the lesson but revisits nothing"
        for k in opening
        if not checks[k].revisits
    ]
    earlier = set(lesson_names()[: lesson_names().index(lesson)])
    revisited = {r for k in opening for r in checks[k].revisits}
    if not revisited <= earlier:
        problems.append(f"{lesson}: revisits {sorted(revisited - earlier)}, not earlier lessons")
    if len(revisited) < 2:
        problems.append(
            f"{lesson}: the opening quiz revisits {len(revisited)} earlier lesson(s), not 2"
        )
    return problems


@pytest.mark.parametrize("lesson", RETRIEVAL_LESSONS)
def test_a_retrieval_quiz_opens_the_lesson(lesson):
    assert retrieval_problems(lesson, checks_in_order(lesson), all_checks()) == []


def test_a_lesson_opening_with_its_own_checks_is_caught():
    lesson = "03-oil-pipelines-leverage"
    own = [k for k, c in all_checks().items() if c.lesson == lesson and not c.revisits]
    assert retrieval_problems(lesson, own[:2], all_checks())
