"""The self-checks as questions: they ask for judgement, and their options do not cue the key."""

from __future__ import annotations

from dataclasses import replace

import pytest

from balancing_act.course.contents import lesson_names
from balancing_act.selfcheck.checks import all_checks
from balancing_act.selfcheck.judging import Pick
from balancing_act.selfcheck.standards import option_problems, skill_problems

CHECKS = list(all_checks().values())
CHOICES = [c for c in CHECKS if isinstance(c.kind, Pick)]


@pytest.mark.parametrize("lesson", lesson_names())
def test_at_least_half_of_a_lessons_checks_ask_for_judgement(lesson):
    assert skill_problems([c for c in CHECKS if c.lesson == lesson]) == []


@pytest.mark.parametrize("check", CHOICES, ids=lambda c: c.key)
def test_a_choice_neither_cues_its_key_nor_leaves_a_wrong_option_unexplained(check):
    assert option_problems(check, check.expected_value()) == []


def _choice():
    check = CHOICES[0]
    expected = check.expected_value()
    wrong = [o for o in check.options if o != expected]
    return check, expected, wrong


def test_an_undeclared_skill_and_a_lesson_of_counts_are_caught():
    counts = [replace(c, skill="compute") for c in CHECKS[:3]]
    assert any("ask for judgement" in p for p in skill_problems(counts))
    assert any("not one of" in p for p in skill_problems([replace(CHECKS[0], skill="count")]))


def test_a_key_much_longer_than_its_distractors_is_caught():
    check, expected, wrong = _choice()
    longest = max(len(o) for o in wrong)
    padded = expected + " x" * longest
    cued = replace(
        check,
        options=tuple(padded if o == expected else o for o in check.options),
    )
    assert any("keyed option" in p for p in option_problems(cued, padded))


def test_a_wrong_option_without_its_own_feedback_is_caught():
    check, expected, wrong = _choice()
    silent = replace(check, option_feedback={o: "x" for o in wrong[1:]})
    assert any("no feedback" in p for p in option_problems(silent, expected))
    shared = replace(check, option_feedback={o: "the same" for o in wrong})
    assert any("share one feedback" in p for p in option_problems(shared, expected))
