"""How long a lesson takes a student working alone, measured from its source.

A lesson's stated time (its opening's "It takes about 50 minutes", "It takes 45–60 minutes" or
"*Time: 60–70 minutes.*") should be what a student needs, not a hope. :func:`estimated_minutes`
measures it from the lesson's MyST Markdown:

- **Reading**: the words of its Markdown cells at :data:`WORDS_PER_MINUTE` (150, a careful pace
  for expository prose with figures and names in it, slower than the 200–250 of light reading).
  Left out: the front matter, the code cells, fenced code, cell markers, link addresses (a link's
  words stay), HTML tags, and the sections a student does not read as part of the lesson: "For
  teachers", "Read further" and "Sources for this lesson".
- **Tasks**, each with the minutes in :data:`TASK_MINUTES` and the reason beside it there.
  "Discussion prompts" cost no solo time: they are read (their words count) and answered in
  class.

The stated time of a range is its middle. ``tests/test_lesson_timing.py`` holds every lesson's
stated time within :data:`TOLERANCE` (15 %) of the estimate; ``python -m balancing_act.authoring
timing`` prints the table.

>>> estimated_minutes("# Lesson 9 — A\\n\\n" + "word " * 150)
1.0
>>> stated_minutes("# Lesson 4 — X\\n\\nIt takes 45–60 minutes.\\n")
52.5
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

#: Reading pace of the lessons' prose, in words a minute.
WORDS_PER_MINUTE = 150

#: Minutes a student alone spends on each kind of task, beyond reading the words around it.
TASK_MINUTES = {
    # A keyed self-check (ba.check / ba.choice): read the question, decide, answer, read the
    # feedback; a wrong first try and its hint are common, so two minutes, not one.
    "self-check": 2.0,
    # A written prompt (ba.reflect): write 30 words or more, then read the criteria and the
    # model answer and rate the answer against each criterion.
    "written prompt": 6.0,
    # A widget (ba.*_explorer): try a few settings of its controls and read what changes.
    "widget": 3.0,
    # A chart (ba.*_chart, ba.region_map): find the pattern the prose points to.
    "chart": 1.0,
    # A code cell the student completes (a `...` to replace): write a line or two of pandas and
    # run it, with a retry; the check it feeds is counted apart.
    "code to write": 3.0,
    # Any other code cell: run it and look at what it prints or draws.
    "code to run": 0.5,
}

#: How far a stated time may be from the estimate, as a share of the estimate.
TOLERANCE = 0.15

#: Sections a student does not read as part of the lesson (teachers', sources, further reading).
UNREAD_SECTIONS = ("For teachers", "Read further", "Sources for this lesson")

FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", flags=re.S)
CODE_CELL = re.compile(r"^```\{code-cell\}[^\n]*\n(.*?)^```[ \t]*$", flags=re.M | re.S)
FENCE = re.compile(r"^```.*?^```[ \t]*$", flags=re.M | re.S)
CELL_MARKER = re.compile(r"^\+\+\+.*$", flags=re.M)
LINK = re.compile(r"\[([^\]]*)\]\([^)\s]*\)")
BARE_URL = re.compile(r"<https?://[^>\s]*>|https?://\S+")
HTML_TAG = re.compile(r"<[^>]+>")
WORD = re.compile(r"[^\W_]", flags=re.U)
SECTION = re.compile(r"^## ", flags=re.M)

SELF_CHECK = re.compile(r"\bba\.(?:check|choice)\(")
WRITTEN = re.compile(r"\bba\.reflect\(")
WIDGET = re.compile(r"\bba\.\w+_explorer\(")
CHART = re.compile(r"\bba\.(?:\w+_chart|region_map)\(")
PLACEHOLDER = re.compile(r"(?<![\w.\"'])\.\.\.(?![\w.\"'])")

STATED = re.compile(
    r"(?:takes|Time:)\s*(?:about\s+)?(\d+)(?:\s*[–-]\s*(\d+))?\s*minutes", flags=re.I
)


def reading_text(source: str) -> str:
    """The words a student reads in a lesson's source: its Markdown, less code, addresses and
    the sections they do not read."""
    text = FRONT_MATTER.sub("", source)
    text = CODE_CELL.sub("", text)
    text = FENCE.sub("", text)
    text = CELL_MARKER.sub("", text)
    kept = []
    for number, part in enumerate(SECTION.split(text)):
        if number and part.startswith(UNREAD_SECTIONS):
            continue
        kept.append(part)
    text = "\n".join(kept)
    text = LINK.sub(r"\1", text)
    text = BARE_URL.sub("", text)
    return HTML_TAG.sub("", text)


def word_count(source: str) -> int:
    """How many words a student reads in the lesson (see :func:`reading_text`)."""
    return sum(1 for token in reading_text(source).split() if WORD.search(token))


def tasks(source: str) -> dict[str, int]:
    """How many tasks of each kind of :data:`TASK_MINUTES` the lesson's code cells set."""
    counts = dict.fromkeys(TASK_MINUTES, 0)
    for cell in CODE_CELL.findall(FRONT_MATTER.sub("", source)):
        code = "\n".join(line for line in cell.splitlines() if not line.startswith(":id:"))
        counts["self-check"] += len(SELF_CHECK.findall(code))
        counts["written prompt"] += len(WRITTEN.findall(code))
        counts["widget"] += len(WIDGET.findall(code))
        counts["chart"] += len(CHART.findall(code))
        if PLACEHOLDER.search(code):
            counts["code to write"] += 1
        elif not (SELF_CHECK.search(code) or WRITTEN.search(code) or WIDGET.search(code)):
            counts["code to run"] += 1
    return counts


def estimated_minutes(source: str) -> float:
    """A lesson's time for a student alone, in minutes (one decimal): its reading at
    :data:`WORDS_PER_MINUTE` plus its tasks at :data:`TASK_MINUTES`."""
    reading = word_count(source) / WORDS_PER_MINUTE
    work = sum(TASK_MINUTES[kind] * n for kind, n in tasks(source).items())
    return round(reading + work, 1)


def stated_range(source: str) -> tuple[int, int] | None:
    """The time the lesson's opening states, as (low, high) minutes; None if it states none.

    The opening is everything before its first ``##`` section or code cell; the forms the
    lessons use are "It takes about 15 minutes", "It takes 45–60 minutes" and "*Time: 60–70
    minutes.*"."""
    text = FRONT_MATTER.sub("", source)
    opening = re.split(r"^## |^```\{code-cell\}", text, maxsplit=1, flags=re.M)[0]
    match = STATED.search(" ".join(opening.split()))
    if not match:
        return None
    low = int(match.group(1))
    return low, int(match.group(2) or low)


def stated_minutes(source: str) -> float | None:
    """The stated time in minutes, the middle of a range; None if the lesson states none."""
    stated = stated_range(source)
    return None if stated is None else (stated[0] + stated[1]) / 2


def timing_problem(source: str) -> str | None:
    """Why a lesson's stated time does not match its measured estimate, or None if it does."""
    estimate = estimated_minutes(source)
    stated = stated_minutes(source)
    if stated is None:
        return f"states no time in its opening (measured: about {estimate:.0f} minutes)"
    if abs(stated - estimate) > TOLERANCE * estimate:
        return (
            f"states {stated:g} minutes, but measures {estimate:g} "
            f"(more than {TOLERANCE:.0%} apart)"
        )
    return None


@dataclass(frozen=True)
class LessonTiming:
    name: str
    words: int
    tasks: dict[str, int]
    stated: tuple[int, int] | None
    estimate: float
    problem: str | None


def lesson_timing(path: Path) -> LessonTiming:
    """One lesson's measured time, from its ``.md`` source."""
    source = path.read_text(encoding="utf-8")
    return LessonTiming(
        name=path.stem,
        words=word_count(source),
        tasks=tasks(source),
        stated=stated_range(source),
        estimate=estimated_minutes(source),
        problem=timing_problem(source),
    )


def timing_table(paths: list[Path]) -> str:
    """A Markdown table of each lesson's words, tasks, stated and measured minutes."""
    header = (
        "| Lesson | Words | Tasks | Stated | Measured | Within 15 % |\n|---|---:|---|---:|---:|---|"
    )
    rows = [header]
    for path in paths:
        timing = lesson_timing(path)
        stated = (
            "none"
            if timing.stated is None
            else "–".join(str(n) for n in sorted(set(timing.stated)))
        )
        shown_tasks = ", ".join(f"{n} {kind}" for kind, n in timing.tasks.items() if n)
        rows.append(
            f"| {timing.name} | {timing.words} | {shown_tasks} | {stated} | "
            f"{timing.estimate:.0f} | {'yes' if timing.problem is None else 'no'} |"
        )
    return "\n".join(rows)
