"""Every self-check of the course: right answers accepted, plausible wrong ones rejected, with hints."""

from __future__ import annotations

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.course.contents import lesson_names
from balancing_act.course.paths import data_dir
from balancing_act.course.periods import PERIOD_KEYS
from balancing_act.selfcheck import answering as selfcheck
from balancing_act.selfcheck import checks, judging
from balancing_act.selfcheck.checks import all_checks, get
from balancing_act.selfcheck.judging import Exact, Number, Pick, SetOf, Text

CHECKS = list(all_checks().values())
PERIODS = list(PERIOD_KEYS)


@pytest.fixture(autouse=True)
def fresh_progress(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path))


def plausible_wrong_answers(check) -> list:
    """Wrong answers a student is likely to give: off by one, a fraction for a percentage, the
    sign flipped, a Series; other codes and options; and the check's own mistakes."""
    expected = check.expected_value()
    kind = check.kind
    wrong = [pd.Series([expected])]
    if isinstance(kind, Number):
        step = 1.0 if not isinstance(kind.tolerance, Exact) or kind.whole else 1.0
        wrong += [expected + step, expected - step]
        if expected:
            wrong.append(-expected)
        wrong.append(expected / 100)
    elif isinstance(kind, Text):
        domain = (
            list(kind.among)
            or (PERIODS if expected in PERIODS else [])
            or (list(ba.load_claims()["id"]) if expected in set(ba.load_claims()["id"]) else [])
            or list(ba.load_events()["id"])
        )
        wrong += [other for other in domain if other != expected][:3]
        wrong.append(0.32)  # a number where a word is wanted (r itself, say)
    elif isinstance(kind, SetOf):
        countries = {"Azerbaijan", "Armenia", "Georgia"}
        domain = PERIODS if set(expected) <= set(PERIODS) else sorted(countries)
        others = [item for item in domain if item not in expected]
        wrong += [set(expected) | {others[0]}, {others[0]}, next(iter(expected))]
    elif isinstance(kind, Pick):
        wrong += [option for option in check.options if option != expected]
    wrong += [mistake.value(expected) for mistake in check.mistakes]
    return wrong


def test_there_are_checks_in_every_lesson():
    lessons = {check.lesson for check in CHECKS}
    assert lessons == set(lesson_names()) and len(CHECKS) >= 30


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.key)
def test_a_check_is_complete(check):
    from balancing_act.course.contents import lesson_number

    assert check.key.startswith(f"l{lesson_number(check.lesson)}-")
    assert check.prompt and check.explanation and check.worked_step()
    assert len(check.hints) >= 2 and all(check.hints)
    if isinstance(check.kind, Number):
        assert check.kind.tolerance is not None  # stated, never a default
    if isinstance(check.kind, Pick):
        assert check.expected_value() in check.options and len(check.options) >= 3
        assert set(check.option_feedback) <= set(check.options)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.key)
def test_the_right_answer_is_accepted_with_the_explanation(check):
    verdict, text = selfcheck.evaluate(check.key, check.expected_value())
    assert verdict.correct, (check.key, verdict)
    assert check.explanation in text


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.key)
def test_plausible_wrong_answers_are_rejected_with_a_hint(check):
    wrongs = plausible_wrong_answers(check)
    assert len(wrongs) >= 3, check.key
    for wrong in wrongs:
        verdict, text = selfcheck.evaluate(check.key, wrong)
        assert not verdict.correct, (check.key, wrong)
        assert text, (check.key, wrong)
        if verdict.state == "wrong":
            assert "Hint" in text or "worked step" in text, (check.key, wrong, text)


@pytest.mark.parametrize("check", [c for c in CHECKS if c.mistakes], ids=lambda c: c.key)
def test_each_named_mistake_gets_its_own_message(check):
    expected = check.expected_value()
    for mistake in check.mistakes:
        verdict, text = selfcheck.evaluate(check.key, mistake.value(expected))
        assert verdict.mistake == mistake.label and mistake.message in text, (
            check.key,
            mistake.label,
        )


def test_a_key_that_does_not_exist_suggests_the_near_ones():
    with pytest.raises(KeyError, match="l05-manat-rise"):
        get("l05-manat-rse")


def test_expected_values_come_from_the_data_not_from_the_code(tmp_path, monkeypatch):
    """Change the data and the expected value follows: nothing is typed in."""
    import shutil

    copy = tmp_path / "data"
    shutil.copytree(data_dir(), copy)
    path = copy / "series.csv"
    rows = path.read_text(encoding="utf-8").splitlines()
    rows = [
        r.replace("azn_per_usd_yearend,2015,1.561,", "azn_per_usd_yearend,2015,1.9,") for r in rows
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    monkeypatch.setenv("BALANCING_ACT_DATA", str(copy))
    checks._table.cache_clear()
    checks._expected.cache_clear()
    try:
        assert get("l05-manat-rise").expected_value() > 110
    finally:
        monkeypatch.delenv("BALANCING_ACT_DATA")
        checks._table.cache_clear()
        checks._expected.cache_clear()


def shown_texts(value) -> list[str]:
    """Every string inside a check's fields (prompt, hints, options, feedback, mistakes)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [t for pair in value.items() for item in pair for t in shown_texts(item)]
    if isinstance(value, (list, tuple, set)):
        return [t for item in value for t in shown_texts(item)]
    if hasattr(value, "__dict__") and not callable(value):
        return shown_texts(list(vars(value).values()))
    return []


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.key)
def test_no_check_text_has_a_dollar_that_lab_would_typeset(check):
    # Widget HTML is typeset by JupyterLab too: two `$` in a prompt become math.
    assert [text for text in shown_texts(check) if "$" in text] == []


def test_the_dollar_rule_finds_a_price_deep_in_a_check():
    from types import SimpleNamespace

    check = SimpleNamespace(prompt="Which?", option_feedback={"A": "fell from $531m to $287m"})
    assert [t for t in shown_texts(check) if "$" in t] == ["fell from $531m to $287m"]
    real = get("l06-remit-comparison")
    assert real.prompt in shown_texts(real) and real.hints[0] in shown_texts(real)


# --- the usual pandas slips, recognised by the kind of answer a check declares ---------------

NUMBER_CHECKS = [c for c in CHECKS if isinstance(c.kind, Number)]


def measure_problems(check) -> list[str]:
    """Where a number check does not declare the measure its answer is (so it would miss the
    usual slips of that measure): a year, a percentage, a share in per cent."""
    kind, expected = check.kind, check.expected_value()
    problems = []
    in_per_cent = "per cent" in kind.example
    if in_per_cent and kind.measure not in (judging.PERCENT, judging.SHARE_PERCENT):
        problems.append(f"{check.key}: an answer in per cent without a percentage measure")
    if "share" in check.prompt.casefold() and in_per_cent and kind.measure != judging.SHARE_PERCENT:
        problems.append(f"{check.key}: a share in per cent not declared as one")
    if kind.whole and 1900 <= float(expected) <= 2100 and "year" in check.prompt.casefold():
        if kind.measure != judging.YEAR:
            problems.append(f"{check.key}: a year not declared as one")
    return problems


def test_every_number_check_declares_its_measure():
    assert [p for check in NUMBER_CHECKS for p in measure_problems(check)] == []


def test_the_measure_rule_catches_a_year_or_a_percentage_left_undeclared():
    from dataclasses import replace

    year = get("l02-biggest-year")
    bare_year = replace(year, kind=replace(year.kind, measure=""))
    share = get("l04-russia-arms-share")
    bare_share = replace(share, kind=replace(share.kind, measure=judging.PERCENT))
    assert measure_problems(bare_year) == ["l02-biggest-year: a year not declared as one"]
    assert measure_problems(bare_share) == [
        "l04-russia-arms-share: a share in per cent not declared as one"
    ]


def _slip_verdict(check, answer):
    verdict, text = selfcheck.evaluate(check.key, answer)
    assert not verdict.correct and verdict.state == "wrong", (check.key, answer, verdict)
    assert "Hint" in text or "worked step" in text
    return verdict, text


YEAR_CHECKS = [c for c in NUMBER_CHECKS if c.kind.measure == judging.YEAR]
PERCENT_CHECKS = [
    c for c in NUMBER_CHECKS if c.kind.measure in (judging.PERCENT, judging.SHARE_PERCENT)
]
SHARE_PERCENT_CHECKS = [c for c in NUMBER_CHECKS if c.kind.measure == judging.SHARE_PERCENT]


def test_each_kind_of_slip_has_checks_to_apply_to():
    assert len(YEAR_CHECKS) >= 4 and len(PERCENT_CHECKS) >= 5 and len(SHARE_PERCENT_CHECKS) >= 3


@pytest.mark.parametrize("check", YEAR_CHECKS, ids=lambda c: c.key)
def test_a_row_number_where_a_year_is_wanted_gets_its_own_message(check):
    """What .idxmax() or .idxmin() gives on a table numbered 0, 1, 2...: the row of the year in
    a table that starts in 1988 or in 1991, and a small row number."""
    expected = int(check.expected_value())
    for row in {expected - 1988, expected - 1991, 0, 3}:
        verdict, text = _slip_verdict(check, row)
        assert verdict.mistake == "a row number for a year", (check.key, row)
        assert "row number" in text and "loc[" in text


@pytest.mark.parametrize("check", PERCENT_CHECKS, ids=lambda c: c.key)
def test_a_fraction_where_a_percentage_is_wanted_gets_its_own_message(check):
    expected = float(check.expected_value())
    for fraction in (expected / 100, round(expected / 100, 2), round(expected / 100, 1) + 0.05):
        if not 0 < abs(fraction) < 1:
            continue
        verdict, text = _slip_verdict(check, fraction)
        assert verdict.mistake == "a fraction for a percentage", (check.key, fraction)
        assert "multiply it by 100" in text


@pytest.mark.parametrize("check", SHARE_PERCENT_CHECKS, ids=lambda c: c.key)
def test_a_total_where_a_share_is_wanted_gets_its_own_message(check):
    """A count or sum of the part (more than 100) where its share of the whole is wanted; a
    check's own, more precise mistake (the arms volume itself) keeps its own message."""
    expected = float(check.expected_value())
    own = {round(float(m.value(expected)), 3) for m in check.mistakes if m.value(expected) > 100}
    for total in (expected * 7 + 1, 1234.0, 412.0):
        if round(total, 3) in own:
            continue
        verdict, text = _slip_verdict(check, total)
        assert verdict.mistake == "a total for a share", (check.key, total)
        assert "never more than 100 per cent" in text


def test_a_share_wanted_as_a_fraction_recognises_a_percentage_and_a_total():
    kind = Number(judging.Absolute(0.005), example="a fraction, such as 0.4", measure=judging.SHARE)
    assert judging.judge(kind, 0.42, 0.42).correct
    as_percent = judging.judge(kind, 42, 0.42)
    assert as_percent.mistake == "a percentage for a share" and "divide it by 100" in (
        as_percent.message
    )
    as_total = judging.judge(kind, 315, 0.42)
    assert as_total.mistake == "a total for a share" and "divide the part" in as_total.message
    assert judging.judge(kind, 0.5, 0.42).mistake is None  # a wrong share is only wrong


def test_the_slips_leave_right_answers_and_other_measures_alone():
    year = Number(Exact(), whole=True, measure=judging.YEAR)
    assert judging.judge(year, 2015, 2015).correct
    assert judging.judge(year, 2014, 2015).mistake is None  # a wrong year is no row number
    count = Number(Exact(), whole=True)  # a count: 11 is a count, not a row number
    assert judging.judge(count, 11, 12).mistake is None
    percent = Number(judging.Absolute(0.5), measure=judging.PERCENT)
    assert judging.judge(percent, 150.0, 99.0).mistake is None  # a rise may pass 100 per cent
    assert judging.judge(percent, 0.99, 99.0).mistake == "a fraction for a percentage"
    with pytest.raises(ValueError, match="unknown measure"):
        Number(Exact(), measure="years")


# --- no prompt ends "?." wherever it is shown -------------------------------------------------


def doubled_marks(text: str) -> list[str]:
    """Places where a question or sentence mark is followed by another full stop ("?.", "!.",
    ".."), which appending a full stop to a question makes."""
    import re

    return re.findall(r"[?!]\.|(?<!\.)\.\.(?!\.)", text)


@pytest.mark.parametrize("check", CHECKS, ids=lambda c: c.key)
def test_no_prompt_ends_with_doubled_punctuation_where_it_is_shown(check):
    shown = [check.prompt, selfcheck.static_check_html(check), *check.hints, check.explanation]
    assert [t for t in shown if doubled_marks(t)] == [], check.key
    assert selfcheck.static_check_html(check).count("Self-check:") == 1


def test_no_written_prompt_ends_with_doubled_punctuation(monkeypatch):
    from balancing_act.selfcheck.checks import all_written
    from balancing_act.selfcheck.written import reflect

    monkeypatch.setenv("BALANCING_ACT_STATIC", "1")
    for key, prompt in all_written().items():
        assert not doubled_marks(prompt.prompt), key
        assert not doubled_marks(reflect(key).data), key


def test_the_doubled_punctuation_rule_catches_a_question_given_a_full_stop():
    from dataclasses import replace

    question = replace(get("l02-cst-end"), prompt="Which year did it end?")
    statement = replace(get("l02-cst-end"), prompt="Give the year it ended")
    assert doubled_marks("Which year did it end?.") == ["?."]
    assert not doubled_marks(selfcheck.static_check_html(question))
    assert "Give the year it ended. Run" in selfcheck.static_check_html(statement)
    assert doubled_marks("Self-check: Which year?. Run this lesson") and not doubled_marks(
        "Wait..."
    )
