"""No teacher's answer in a student's notebook.

Model answers and worked readings live under `instructor/` (`rubrics/` for the assignments,
`readings/` for the lessons). A student opens `lessons/*.ipynb` (made from `lessons/*.md`) and the
released notebooks in `exercises/`. This test fails when a passage of twelve or more consecutive
words of an instructor file appears in one of them, or when a lesson or an exercise carries a
model-answer heading ("One possible reading", "Model answer", "A model answer").

Two parts of a rubric are written for students by design and are left out of the comparison: its
"Learning outcomes" (the assignment states them to the student too) and its "Common mistakes the
visible tests catch" (a table quoting the messages the student's own visible tests print), and
headings (a rubric's "Task 3: ..." repeats the task's title). The planted cases below show the
check catching a copied rubric paragraph and a model-answer heading.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from balancing_act.course.paths import course_root

RUN = 12  # consecutive words that make a passage the same passage
STUDENT_FACING_SECTIONS = ("learning outcomes", "common mistakes the visible tests catch")
# a Markdown heading, or a line that opens in bold or italics as a label does, naming the answer
HEADING = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]*|\*\*|__|\*|_)[^\n]{0,40}?\b(one possible reading|a model answer|model answers?)\b",
    re.IGNORECASE | re.MULTILINE,
)
_WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
# What a reading shares with a lesson by citing, not by answering: a source line, an address, an
# event's id in backticks. They split a passage (a run never bridges them) and are not compared.
CITATION = re.compile(
    r"^- [^\n]*(?:\n  [^\n]*)*\(`[a-z0-9-]+`\)[ \t]*$|<?https?://\S+|`[^`\n]+`", re.M
)


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _runs(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + RUN]) for i in range(len(words) - RUN + 1)}


def _teacher_passages(root: Path) -> dict[tuple[str, ...], str]:
    """Every run of RUN words in an instructor file's passages, with where it comes from."""
    found: dict[tuple[str, ...], str] = {}
    files = sorted((root / "instructor" / "rubrics").glob("*.md"))
    files += sorted((root / "instructor" / "readings").glob("*.md"))
    for path in files:
        section = ""
        for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
            heading = re.match(r"\s*#{1,6}\s*(.*)", block)
            if heading:
                section = heading.group(1).strip().lower()
                block = block.split("\n", 1)[1] if "\n" in block else ""
            if section.startswith(STUDENT_FACING_SECTIONS):
                continue
            cells = [cell for line in block.splitlines() for cell in line.split("|")]
            pieces = cells if block.lstrip().startswith("|") else [block]
            for piece in (part for whole in pieces for part in CITATION.split(whole)):
                for run in _runs(_words(piece)):
                    found.setdefault(run, f"{path.relative_to(root)} ({section or 'top'})")
    return found


def _notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n\n".join(
        "".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells
    )


def _student_files(root: Path) -> list[Path]:
    lessons = root / "lessons"
    return (
        sorted(lessons.glob("*.md"))
        + sorted(lessons.glob("*.ipynb"))
        + sorted((root / "exercises").glob("**/*.ipynb"))
    )


def model_answer_problems(root: Path) -> list[str]:
    """What a student could read that belongs to the teacher, one line per file and cause."""
    teacher = _teacher_passages(root)
    problems = []
    for path in _student_files(root):
        if ".ipynb_checkpoints" in path.parts:
            continue
        text = _notebook_text(path) if path.suffix == ".ipynb" else path.read_text(encoding="utf-8")
        shared = sorted(run for run in _runs(_words(text)) if run in teacher)
        if shared:
            problems.append(
                f"{path.relative_to(root)}: {len(shared)} run(s) of {RUN} words from "
                f"{teacher[shared[0]]}, e.g. '{' '.join(shared[0])}'"
            )
        for match in HEADING.finditer(text):
            line = text[match.start() : text.find("\n", match.start())].strip()
            problems.append(f"{path.relative_to(root)}: a model-answer heading: {line!r}")
    return problems


def test_no_lesson_or_exercise_holds_a_model_answer():
    problems = model_answer_problems(course_root())
    assert not problems, "Move these to instructor/:\n" + "\n".join(problems)


def test_the_instructor_folders_are_read():
    """The check is only as good as what it compares: rubrics and readings are found and long."""
    teacher = _teacher_passages(course_root())
    rubrics = {where.split(" ")[0] for where in teacher.values()}
    assert any(r.startswith("instructor/rubrics/") for r in rubrics)
    assert any(r.startswith("instructor/readings/") for r in rubrics)
    assert len(teacher) > 5000


# --- the check catches what it is for (on a copy of the course's text) ------------------------


@pytest.fixture
def course_copy(tmp_path):
    root = course_root()
    for folder in ("lessons", "exercises", "instructor"):
        shutil.copytree(root / folder, tmp_path / folder)
    return tmp_path


def _a_model_answer_paragraph(root: Path) -> str:
    """The longest paragraph written under a rubric's "Model answer" heading."""
    paragraphs = []
    for rubric in sorted((root / "instructor" / "rubrics").glob("*.md")):
        for section in re.split(r"\n(?=#{1,6} )", rubric.read_text(encoding="utf-8")):
            if re.match(r"#{1,6} [^\n]*model answer", section, re.IGNORECASE):
                paragraphs += re.split(r"\n\s*\n", section.split("\n", 1)[1])
    assert paragraphs, "the rubrics should hold at least one written model answer"
    return max(paragraphs, key=lambda p: len(_words(p)))


def _plant_in_notebook(path: Path, text: str) -> None:
    notebook = json.loads(path.read_text(encoding="utf-8"))
    notebook["cells"].append(
        {"cell_type": "markdown", "id": "planted", "metadata": {}, "source": text}
    )
    path.write_text(json.dumps(notebook), encoding="utf-8")


def test_a_rubric_paragraph_copied_into_a_lesson_is_found(course_copy):
    before = len(model_answer_problems(course_copy))
    lesson = course_copy / "lessons" / "03-oil-pipelines-leverage.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + "\n" + _a_model_answer_paragraph(course_copy) + "\n",
        encoding="utf-8",
    )
    problems = model_answer_problems(course_copy)
    assert len(problems) == before + 1
    assert any("03-oil-pipelines-leverage.md" in p and "instructor/rubrics/" in p for p in problems)


def test_a_short_excerpt_of_a_rubric_paragraph_is_found_too(course_copy):
    """Twelve words lifted from the middle of a model answer, inside a sentence of the lesson's own."""
    words = _words(_a_model_answer_paragraph(course_copy))[10 : 10 + RUN]
    lesson = course_copy / "lessons" / "05-pacifying-russia.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + f"\nAs one might put it, {' '.join(words)}, or so.\n",
        encoding="utf-8",
    )
    assert any("05-pacifying-russia.md" in p for p in model_answer_problems(course_copy))


def test_a_reading_copied_into_an_exercise_notebook_is_found(course_copy):
    reading = (course_copy / "instructor" / "readings" / "09-measuring-the-balance.md").read_text(
        encoding="utf-8"
    )
    paragraph = max(re.split(r"\n\s*\n", reading), key=lambda p: len(_words(p)))
    exercise = next((course_copy / "exercises").glob("a6-*/*.ipynb"))
    _plant_in_notebook(exercise, paragraph)
    assert any(
        "exercises/a6-" in p and "readings/09-measuring-the-balance" in p
        for p in model_answer_problems(course_copy)
    )


@pytest.mark.parametrize(
    "heading",
    [
        "### One possible reading per claim",
        "## Model answer",
        "**A model answer (about 200 words).**",
        "#### Teacher's note: one possible reading (interpretation, not fact)",
    ],
)
def test_a_model_answer_heading_in_a_lesson_or_an_exercise_is_found(course_copy, heading):
    lesson = course_copy / "lessons" / "02-building-the-balancing-act.md"
    lesson.write_text(
        lesson.read_text(encoding="utf-8") + f"\n{heading}\n\nText.\n", encoding="utf-8"
    )
    exercise = next((course_copy / "exercises").glob("a1-*/*.ipynb"))
    _plant_in_notebook(exercise, f"{heading}\n\nText.")
    problems = model_answer_problems(course_copy)
    assert any("02-building-the-balancing-act.md" in p and "heading" in p for p in problems)
    assert any("exercises/a1-" in p and "heading" in p for p in problems)


def test_prose_that_merely_mentions_a_reading_is_not_a_heading(course_copy):
    lesson = course_copy / "lessons" / "02-building-the-balancing-act.md"
    before = len(model_answer_problems(course_copy))
    lesson.write_text(
        lesson.read_text(encoding="utf-8")
        + "\nIn the paper's reading, Baku hedged; that is one reading of the record, not the only one.\n",
        encoding="utf-8",
    )
    assert len(model_answer_problems(course_copy)) == before
