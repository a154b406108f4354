import pytest

from balancing_act.selfcheck import choice, judge


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (2012, "2012"),
        ("2012", 2012),
        (0.1 + 0.2, 0.3),
        (" Crimea ", "crimea"),
        (["b", "a"], {"a", "b"}),
    ],
)
def test_right_answers_are_confirmed(answer, expected):
    verdict = judge(answer, expected, hint="look again", explanation="well done")
    assert verdict.correct and verdict.message == "well done"


@pytest.mark.parametrize(
    ("answer", "expected"),
    [(2011, "2012"), ("Georgia", "Crimea"), (["a"], {"a", "b"}), ("ab", {"a", "b"}), (True, 1)],
)
def test_wrong_answers_get_the_hint(answer, expected):
    verdict = judge(answer, expected, hint="look at 2014")
    assert not verdict.correct and verdict.message == "Hint: look at 2014"


def test_an_unanswered_placeholder_is_not_called_wrong():
    verdict = judge(..., 3, hint="h")
    assert not verdict.correct and "No answer yet" in verdict.message


def test_verdict_html_escapes_and_announces_itself():
    html = judge("<b>", "x", hint="<script>")._repr_html_()
    assert 'role="status"' in html and "<script>" not in html


def test_choice_widget_judges_the_picked_option():
    box = choice("Q?", ["a", "b"], answer="b", hint="not a", explanation="b it is")
    box.button.click()
    assert "Pick one" in box.verdict_area.value
    box.picker.value = "a"
    box.button.click()
    assert "not a" in box.verdict_area.value
    box.picker.value = "b"
    box.button.click()
    assert "b it is" in box.verdict_area.value


def test_choice_refuses_an_answer_that_is_not_an_option():
    with pytest.raises(ValueError, match="not among the options"):
        choice("Q?", ["a", "b"], answer="c", hint="", explanation="")
