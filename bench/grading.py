"""Benchmark: grading one class with plain `nbgrader autograde` and with the course's parallel
grader, on the same 60 synthetic submissions, in one run.

    .venv/bin/python bench/grading.py [--students 60] [--workers N] [--cell-timeout 20]

The class mixes right, partly right and blank notebooks and one endless loop. Both graders get
the same per-cell time limit. The last line reads
`throughput ratio R.RR, scores identical: yes|no`.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from balancing_act import grading  # noqa: E402
from tests.grading_tools import (  # noqa: E402  (the tests' course and submission builders)
    fill,
    make_course,
    partial_answers,
    release,
    solution_answers,
    submit,
)

ASSIGNMENT = "a1-periods-timeline"


def build_class(course: Path, students: int) -> list[str]:
    released = release(course, ASSIGNMENT)
    right = fill(released, solution_answers(ASSIGNMENT))
    partly = fill(released, partial_answers(ASSIGNMENT))
    first_answer = next(
        c.metadata["nbgrader"]["grade_id"]
        for c in released.cells
        if c.metadata.get("nbgrader", {}).get("solution")
    )
    looping = fill(right, {first_answer: "while True:\n    pass"})
    names = []
    for index in range(students):
        name = f"student-{index:03d}"
        notebook = (right, partly, released)[index % 3] if index != students // 2 else looping
        submit(course, name, ASSIGNMENT, notebook)
        names.append(name)
    return names


def plain_nbgrader(course: Path, cell_timeout: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        grading.nbgrader_command(
            "autograde",
            ASSIGNMENT,
            "--create",
            "--force",
            f"--ExecutePreprocessor.timeout={cell_timeout}",
        ),
        cwd=course,
        env=grading.nbgrader_env(),
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def parallel(course: Path, cell_timeout: int, workers: int) -> float:
    start = time.perf_counter()
    grading.grade_class(course, ASSIGNMENT, cell_timeout=cell_timeout, workers=workers)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--cell-timeout", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        plain_course = make_course(Path(scratch) / "plain", [ASSIGNMENT])
        fast_course = make_course(Path(scratch) / "parallel", [ASSIGNMENT])
        names = build_class(plain_course, args.students)
        build_class(fast_course, args.students)
        plain_seconds = plain_nbgrader(plain_course, args.cell_timeout)
        fast_seconds = parallel(fast_course, args.cell_timeout, args.workers)
        plain_scores = grading.scores(plain_course, ASSIGNMENT)
        fast_scores = grading.scores(fast_course, ASSIGNMENT)
    identical = all(plain_scores.get(n) == fast_scores.get(n) for n in names)
    ratio = plain_seconds / fast_seconds
    print(f"{'grader':<34}{'seconds':>10}{'students/min':>15}")
    print(
        f"{'nbgrader autograde (one process)':<34}{plain_seconds:>10.1f}{60 * len(names) / plain_seconds:>15.1f}"
    )
    label = f"balancing_act.grading ({args.workers} workers)"
    print(f"{label:<34}{fast_seconds:>10.1f}{60 * len(names) / fast_seconds:>15.1f}")
    print(f"{len(names)} submissions, per-cell limit {args.cell_timeout} s, {os.cpu_count()} cores")
    print(f"throughput ratio {ratio:.2f}, scores identical: {'yes' if identical else 'no'}")


if __name__ == "__main__":
    main()
