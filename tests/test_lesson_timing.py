"""Every lesson's stated time is its measured time: its prose at 150 words a minute plus its tasks
(balancing_act/authoring/timing.py), within 15 %."""

from __future__ import annotations

import pytest

from balancing_act.authoring import timing
from balancing_act.authoring.lessons import main
from balancing_act.course.contents import lesson_sources


@pytest.mark.parametrize("path", lesson_sources(), ids=lambda p: p.stem)
def test_a_lessons_stated_time_is_its_measured_time(path):
    assert timing.timing_problem(path.read_text(encoding="utf-8")) is None


def _lesson(opening: str, body: str = "", code: tuple[str, ...] = ()) -> str:
    cells = "".join(f"\n```{{code-cell}}\n:id: x-{n}\n\n{c}\n```\n" for n, c in enumerate(code))
    return (
        "---\njupytext:\n  text_representation:\n    extension: .md\n---\n\n"
        '+++ {"id": "x-00"}\n\n# Lesson 9 — A test\n\n'
        f"{opening}\n\n## A section\n\n{body}\n{cells}"
    )


def test_reading_counts_the_prose_and_leaves_out_what_a_student_does_not_read():
    prose = "word " * 300
    unread = "\n## For teachers\n\n" + "teacher " * 500 + "\n## Read further\n\n- " + "book " * 100
    unread += "\n## Sources for this lesson\n\n- A page <https://example.org/a/b/c> (`x`)\n"
    source = _lesson("It takes about 2 minutes.", prose + unread, code=("x = 1 + 2",))
    words = timing.word_count(source)
    # 300 words of prose, the opening's 12 (title included); nothing of the code or teachers' box
    assert 300 < words < 320
    assert timing.estimated_minutes(source) == round(words / 150 + 0.5, 1)


def test_a_links_address_is_not_read_but_its_words_are():
    linked = _lesson(
        "Opening.", "[the brief](https://www.example.org/a-very-long-address-of-words)"
    )
    plain = _lesson("Opening.", "the brief")
    assert timing.word_count(linked) == timing.word_count(plain)


def test_each_task_adds_its_minutes():
    cells = (
        'answer = ...\nba.check("l09-x", answer)',
        'ba.choice("l09-y")',
        'ba.reflect("l09-z")',
        "ba.timeline_explorer()",
        "ba.timeline_chart(events)",
    )
    bare = timing.estimated_minutes(_lesson("Opening."))
    with_tasks = timing.estimated_minutes(_lesson("Opening.", code=cells))
    minutes = timing.TASK_MINUTES
    # two self-checks, one of them in a cell to complete; the chart's cell is also run and read
    expected = (
        2 * minutes["self-check"]
        + minutes["code to write"]
        + minutes["written prompt"]
        + minutes["widget"]
        + minutes["chart"]
        + minutes["code to run"]
    )
    assert with_tasks - bare == pytest.approx(expected, abs=0.1)


@pytest.mark.parametrize(
    ("opening", "stated"),
    [
        ("This notebook explains the course. It takes about 15 minutes.", (15, 15)),
        ("It takes 45–60 minutes.", (45, 60)),
        ("It takes about 90 minutes, best over two\nsessions.", (90, 90)),
        ("Some words.\n\n*Time: 60–70 minutes.*", (60, 70)),
        ("No time here.", None),
    ],
)
def test_the_lessons_forms_of_a_stated_time_are_read(opening, stated):
    assert timing.stated_range(_lesson(opening)) == stated


def test_a_time_stated_only_for_teachers_is_not_the_lessons():
    source = _lesson("Opening.", "## For teachers\n\n*Timing:* about 50 minutes.")
    assert timing.stated_range(source) is None
    assert "states no time" in timing.timing_problem(source)


def test_a_stated_time_far_from_the_measure_is_caught():
    body = "word " * 1500  # 10 minutes of reading
    assert timing.timing_problem(_lesson("It takes about 10 minutes.", body)) is None
    assert timing.timing_problem(_lesson("It takes 9–12 minutes.", body)) is None
    short = timing.timing_problem(_lesson("It takes about 5 minutes.", body))
    long = timing.timing_problem(_lesson("It takes 20–30 minutes.", body))
    assert short and "states 5 minutes" in short
    assert long and "states 25 minutes" in long


def test_the_command_prints_every_lesson(capsys):
    assert main(["timing"]) == 0
    printed = capsys.readouterr().out
    assert all(f"| {path.stem} |" in printed for path in lesson_sources())
