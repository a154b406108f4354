"""The grading report: ``reports/<assignment>-grading.md``, its HTML twin, and ``.csv``.

Its first line says whether the class was isolated. Then one line per student: every finding,
and the teacher's notes on the answers ("nothing answered" for a notebook handed in as released,
"answer missing" for names never defined), or "ok" when there is none. Then the students whose
folders could not be graded and why, and, if a course file changed during the run, an alert
above everything else. Last comes a picture of the class
(:mod:`.picture`): three charts, as SVG files in ``reports/<assignment>-grading/`` linked from
the Markdown and drawn into ``reports/<assignment>-grading.html``, each with its description and
a table, and the item statistics (:mod:`.item_report`: facility, discrimination and flags of
every test, also in ``reports/<assignment>-items.csv``). The HTML page loads nothing and runs
nothing (its content policy forbids scripts).

Student ids, file names and messages are the students' choice: each is escaped for the format
it is written in (:mod:`.escaping`), so none is markup, a link or a control character, and the
CSV is written by :mod:`.spreadsheets`, so none is a formula.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from . import case_report, escaping, gradebook, item_report, phrasing, spreadsheets
from . import picture as class_picture
from .findings import Kind

REPORTS = "reports"


def markdown_path(course: Path, assignment: str) -> Path:
    return course / REPORTS / f"{assignment}-grading.md"


def _score(result) -> str:
    if result.skipped:
        return "already graded"
    if result.score is None:
        return "—"
    return f"{result.score:g} / {result.max_score:g}" if result.max_score else f"{result.score:g}"


def _cell(text) -> str:
    """Text for the Markdown: a student's folder name or message is never markup."""
    return escaping.markdown(text)


def charts_folder(course: Path, assignment: str) -> Path:
    return course / REPORTS / f"{assignment}-grading"


def html_path(course: Path, assignment: str) -> Path:
    return course / REPORTS / f"{assignment}-grading.html"


def items_csv_path(course: Path, assignment: str) -> Path:
    return course / REPORTS / f"{assignment}-items.csv"


def write(course: Path, outcome) -> Path:
    folder = course / REPORTS
    folder.mkdir(exist_ok=True)
    lines = []
    if not outcome.isolated:
        lines.append(f"**{outcome.sandbox_summary}**")
        lines.append("")
    lines += [f"# Grading report: {outcome.assignment}", ""]
    if outcome.isolated:
        lines += [outcome.sandbox_summary, ""]
    if outcome.swept:
        lines += ["Before grading, removed what earlier runs that were killed had left:", ""]
        lines += [f"- {_cell(item)}" for item in outcome.swept] + [""]
    if outcome.course_changes:
        lines += ["**ALERT: course files changed during grading; do not trust these grades.**", ""]
        lines += [f"- {_cell(change)}" for change in outcome.course_changes] + [""]
    graded = [r for r in outcome.students if not r.skipped]
    flagged = sum(bool(r.findings) for r in graded)
    blank = sum(
        bool(r.answered) and not any(r.answered.values()) and not _explained(r) for r in graded
    )
    lines += [
        f"{len(graded)} students graded; {flagged} with something to look at"
        + (f"; {blank} handed in nothing answered" if blank else "")
        + (
            f"; {len(outcome.students) - len(graded)} already graded and skipped"
            if len(graded) < len(outcome.students)
            else ""
        )
        + ".",
        "",
    ]
    retested = sum(r.graded_again == gradebook.TESTS_CHANGED for r in graded)
    if retested:
        lines += [
            f"The assignment's tests changed since the last run: {retested} students graded "
            "before were graded again.",
            "",
        ]
    lines += [
        "| student | autograded score | notebook | finding | what grading did |",
        "|---|---|---|---|---|",
    ]
    for result in outcome.students:
        rows = _rows(result)
        if not rows:
            lines.append(
                f"| {_cell(result.student)} | {_score(result)} | | {'skipped' if result.skipped else 'ok'} | |"
            )
        for notebook, label, detail in rows:
            lines.append(
                f"| {_cell(result.student)} | {_score(result)} | {_cell(notebook)} "
                f"| {label} | {_cell(detail)} |"
            )
    lines += [
        "",
        f"Timing: {len(graded)} students in {outcome.seconds:.0f} s with {outcome.workers} "
        f"workers; a kernel started in {outcome.kernel_start_seconds:.2f} s on average"
        + (" in its sandbox." if outcome.isolated else "."),
    ]
    lines += case_report.lines(outcome)
    if outcome.refused:
        lines += ["", "## Folders that were not graded", ""]
        lines += [
            f"- submitted/{_cell(name)}: {_cell(reason)}; rename it and grade again."
            for name, reason in outcome.refused
        ]
    blocks = ["\n".join(lines)]
    if outcome.picture is not None:
        blocks += _picture_blocks(course, outcome.assignment, outcome.picture)
    path = markdown_path(course, outcome.assignment)
    path.write_text(
        "\n\n".join(b if isinstance(b, str) else b.markdown for b in blocks) + "\n",
        encoding="utf-8",
    )
    html_path(course, outcome.assignment).write_text(
        _html_page(outcome.assignment, blocks), encoding="utf-8"
    )
    # Names are shown as they are, but with control characters visible (a CR or an escape
    # sequence would act on whoever reads the file); formulas are neutralised on writing.
    rows: list[list] = [["student", "score", "max_score", "notebook", "finding", "detail"]]
    visible = escaping.visible
    for result in outcome.students:
        for notebook, kind, detail in _rows(result) or [("", "", "")]:
            rows.append(
                [visible(result.student), result.score, result.max_score]
                + [visible(notebook), kind, visible(detail)]
            )
    for name, reason in outcome.refused:
        rows.append([visible(name), "", "", "*", Kind.ID_REFUSED.label, visible(reason)])
    spreadsheets.write(csv_path(course, outcome.assignment), rows)
    return path


def _rows(result) -> list[tuple[str, str, str]]:
    """A student's lines: each finding, then the teacher's notes on the answers
    (:func:`.phrasing.answer_notes`: "nothing answered", "answer missing")."""
    rows = [(f.notebook, f.kind.label, f.describe()) for f in result.findings]
    if result.skipped:
        return rows
    answered = getattr(result, "answered", {}) or {}
    missing = getattr(result, "missing", {}) or {}
    return rows + phrasing.answer_notes(answered, missing, result.findings)


def _explained(result) -> bool:
    """A finding (a stopped run, answers not taken...) already says why nothing came out."""
    return any(f.kind in phrasing.EXPLAINED for f in result.findings)


def csv_path(course: Path, assignment: str) -> Path:
    return course / REPORTS / f"{assignment}-grading.csv"


class _Figure:
    """A chart in the report: an image link in the Markdown, the SVG itself in the HTML."""

    def __init__(self, chart: class_picture.Chart, folder: Path):
        self.chart = chart
        self.link = f"{folder.name}/{chart.name}.svg"
        (folder / f"{chart.name}.svg").write_text(chart.svg, encoding="utf-8")

    @property
    def markdown(self) -> str:
        return f"![{_cell(self.chart.title)}]({self.link})\n\n{_cell(self.chart.description)}"

    @property
    def html(self) -> str:
        description = escaping.html(self.chart.description)
        return (
            f'<figure role="img" aria-label="{description}">{self.chart.svg}'
            f"<figcaption>{description}</figcaption></figure>"
        )


def _picture_blocks(course: Path, assignment: str, picture) -> list:
    """The class picture's section: each chart with its description, then its table."""
    folder = charts_folder(course, assignment)
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.svg"):
        old.unlink()
    blocks: list = [
        "## The class at a glance\n\n"
        f"The charts are SVG files in `{folder.name}/`; `{assignment}-grading.html` shows this "
        "report with them drawn in. Scores and pass rates are read from the gradebook for every "
        "graded student, this run's and earlier ones'."
    ]
    try:
        drawn = {chart.name: _Figure(chart, folder) for chart in class_picture.charts(picture)}
    except Exception as error:  # a chart that cannot be drawn must not cost the report
        drawn = {}
        blocks.append(
            f"**The charts could not be drawn** ({_cell(type(error).__name__)}: "
            f"{_cell(error)}); the tables below say the same."
        )
    blocks.append("### Autograded scores")
    blocks.append(drawn.get("scores") or _cell(class_picture.describe_scores(picture)))
    blocks.append("### Pass rate of every test")
    blocks.append(drawn.get("tests") or _cell(class_picture.describe_items(picture)))
    rows = ["| test | notebook | kind | points | passed | pass rate |", "|---|---|---|---|---|---|"]
    rows += [
        f"| {_cell(i.grade_id)} | {_cell(i.notebook)} | {i.kind} | {i.points:g} "
        f"| {i.passed} / {i.students} | {round(100 * i.rate)}% |"
        for i in picture.items
    ]
    blocks.append("\n".join(rows))
    if picture.case_words:
        blocks.append("### Autograded scores by case")
        try:
            blocks.append(_Figure(case_report.chart(picture), folder))
        except Exception:  # as above: the table below says the same
            blocks.append(_cell(case_report.describe(picture)))
        blocks.append(case_report.table(picture))
    blocks.append("### Why visible tests failed, most frequent first")
    blocks.append(drawn.get("messages") or _cell(class_picture.describe_messages(picture)))
    if picture.messages:
        rows = ["| test | what happened | students |", "|---|---|---|"]
        rows += [
            f"| {_cell(m.grade_id)} | {_cell(m.message)} | {m.students} |"
            for m in picture.messages[: class_picture.MESSAGES_SHOWN]
        ]
        blocks.append("\n".join(rows))
    return blocks + _item_blocks(course, assignment, picture)


def _item_blocks(course: Path, assignment: str, picture) -> list[str]:
    """The item statistics: written to ``<assignment>-items.csv``, and their section."""
    path = items_csv_path(course, assignment)
    try:
        found = item_report.figures(picture)
    except Exception as error:  # as a chart: the statistics must not cost the report
        path.unlink(missing_ok=True)
        return [
            "### Items: facility, discrimination and flags",
            f"**The item statistics could not be computed** ({_cell(type(error).__name__)}: "
            f"{_cell(error)}).",
        ]
    spreadsheets.write(path, item_report.csv_rows(picture, found), signed_numbers=True)
    return item_report.blocks(picture, found, path.name)


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 62rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.45; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.9rem; }
th, td { border: 1px solid #c8c8c8; padding: 0.25rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #f0f0f0; }
figure { margin: 1.5rem 0; }
figcaption { max-width: 46rem; color: #333333; }
code { font-size: 0.9em; }
a.anchor-link { display: none; }
"""


# Nothing runs and nothing is fetched: no script (nor a javascript: link, nor an inline
# handler), no frame, no form, no base address; only the page's own style sheet. The escaping
# above is the defence; this is the second lock, should some markup ever get through.
PAGE_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; "
    "form-action 'none'"
)


def _html_page(assignment: str, blocks: list) -> str:
    from nbconvert.filters import markdown2html

    parts = [b.html if isinstance(b, _Figure) else markdown2html(b) for b in blocks]
    body = "\n".join(parts)
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{PAGE_POLICY}">'
        f"<title>Grading report: {escaping.html(assignment)}</title>"
        f"<style>{PAGE_STYLE}</style></head>"
        f"<body>{body}</body></html>\n"
    )


@contextmanager
def progress_bar(total: int, assignment: str, shown: bool):
    """A progress bar on the terminal while grading; a no-op when not wanted."""
    if not shown:
        yield lambda: None
        return
    from rich.progress import Progress

    with Progress(transient=False) as bar:
        task = bar.add_task(f"grading {assignment}", total=total)
        yield lambda: bar.advance(task)
