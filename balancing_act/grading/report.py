"""The grading report: ``reports/<assignment>-grading.md`` and ``.csv``.

Its first line says whether the class was isolated. Then one line per student (with every
finding, or "ok"), the students whose folders could not be graded and why, and, if a course file
changed during the run, an alert above everything else.
"""

from __future__ import annotations

import csv
from contextlib import contextmanager
from pathlib import Path

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


def _cell(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


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
    if outcome.course_changes:
        lines += ["**ALERT: course files changed during grading; do not trust these grades.**", ""]
        lines += [f"- {change}" for change in outcome.course_changes] + [""]
    graded = [r for r in outcome.students if not r.skipped]
    flagged = sum(bool(r.findings) for r in graded)
    lines += [
        f"{len(graded)} students graded; {flagged} with something to look at"
        + (
            f"; {len(outcome.students) - len(graded)} already graded and skipped"
            if len(graded) < len(outcome.students)
            else ""
        )
        + ".",
        "",
        "| student | autograded score | notebook | finding | what grading did |",
        "|---|---|---|---|---|",
    ]
    for result in outcome.students:
        if not result.findings:
            lines.append(
                f"| {_cell(result.student)} | {_score(result)} | | {'skipped' if result.skipped else 'ok'} | |"
            )
        for finding in result.findings:
            lines.append(
                f"| {_cell(result.student)} | {_score(result)} | {_cell(finding.notebook)} "
                f"| {finding.kind.label} | {_cell(finding.describe())} |"
            )
    lines += [
        "",
        f"Timing: {len(graded)} students in {outcome.seconds:.0f} s with {outcome.workers} "
        f"workers; a kernel started in {outcome.kernel_start_seconds:.2f} s on average"
        + (" in its sandbox." if outcome.isolated else "."),
    ]
    if outcome.refused:
        lines += ["", "## Folders that were not graded", ""]
        lines += [
            f"- `submitted/{_cell(name)}`: {reason}; rename it and grade again."
            for name, reason in outcome.refused
        ]
    path = markdown_path(course, outcome.assignment)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with (folder / f"{outcome.assignment}-grading.csv").open(
        "w", newline="", encoding="utf-8"
    ) as handle:
        writer = csv.writer(handle)
        writer.writerow(["student", "score", "max_score", "notebook", "finding", "detail"])
        for result in outcome.students:
            rows = [(f.notebook, f.kind.label, f.describe()) for f in result.findings] or [
                ("", "", "")
            ]
            for notebook, kind, detail in rows:
                writer.writerow(
                    [result.student, result.score, result.max_score, notebook, kind, detail]
                )
        for name, reason in outcome.refused:
            writer.writerow([name, "", "", "*", Kind.ID_REFUSED.label, reason])
    return path


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
