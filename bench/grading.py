"""Benchmark: the teacher's own command, `make grade`, against plain `nbgrader autograde`.

    .venv/bin/python bench/grading.py [--students 60] [--workers N] [--cell-timeout 20]

One class of synthetic submissions (right, partly right and blank notebooks, and one endless
loop) is graded three times, each in its own copy of the course: by plain `nbgrader autograde`
(one process, no sandbox), by `make grade` as a teacher runs it (sandboxed, in parallel), and
by `make grade` with bubblewrap hidden (the same runner without sandboxes), which prices the
sandbox. All three get the same per-cell time limit. The last line reads
`throughput ratio R.RR, scores identical: yes|no` (honest students' scores, make grade against
nbgrader).
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# The checkout on the path for the tests' builders below (the package itself is installed).
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from balancing_act.grading import gradebook  # noqa: E402
from tests.grading_tools import (  # noqa: E402  (the tests' course and submission builders)
    course_copy,
    fill,
    nbgrader_command,
    nbgrader_env,
    partial_answers,
    release,
    solution_answers,
    submit,
)

ASSIGNMENT = "a1-periods-timeline"
# The course's settings make plain nbgrader refuse to autograde; the benchmark restores
# nbgrader's own defaults for the one run it compares against.
NBGRADER_DEFAULTS = (
    "--Autograde.sanitize_preprocessors=['nbgrader.preprocessors.ClearOutput', "
    "'nbgrader.preprocessors.DeduplicateIds', 'nbgrader.preprocessors.OverwriteKernelspec', "
    "'nbgrader.preprocessors.OverwriteCells', 'nbgrader.preprocessors.CheckCellMetadata']"
)
KERNEL_START = re.compile(r"a kernel started in ([0-9.]+) s")


def build_class(course: Path, students: int) -> list[str]:
    released = release(course, ASSIGNMENT)
    right = fill(released, solution_answers(ASSIGNMENT))
    partly = fill(released, partial_answers(ASSIGNMENT))
    looping = fill(right, {"a1-russia": "while True:\n    pass"})
    honest = []
    for index in range(students):
        name = f"student-{index:03d}"
        if index == students // 2:
            submit(course, name, ASSIGNMENT, looping)
            continue
        submit(course, name, ASSIGNMENT, (right, partly, released)[index % 3])
        honest.append(name)
    return honest


def plain_nbgrader(course: Path, cell_timeout: int) -> float:
    nbgrader = [*nbgrader_command("generate_assignment", ASSIGNMENT, "--force")]
    subprocess.run(nbgrader, cwd=course, env=nbgrader_env(), capture_output=True, check=True)
    start = time.perf_counter()
    subprocess.run(
        nbgrader_command(
            "autograde",
            ASSIGNMENT,
            "--create",
            "--force",
            f"--ExecutePreprocessor.timeout={cell_timeout}",
            NBGRADER_DEFAULTS,
        ),
        cwd=course,
        env=nbgrader_env(),
        capture_output=True,
        check=True,
    )
    return time.perf_counter() - start


def make_grade(
    course: Path, cell_timeout: int, workers: int, sandboxed: bool
) -> tuple[float, float]:
    """Seconds for `make grade`, and the mean kernel start-up the report gives."""
    environment = dict(os.environ)
    if not sandboxed:
        environment["BALANCING_ACT_BWRAP"] = "/nonexistent/bwrap"
    options = f"--workers {workers} --cell-timeout {cell_timeout}"
    start = time.perf_counter()
    subprocess.run(
        ["make", "--no-print-directory", "grade", f"A={ASSIGNMENT}", f"GRADE_ARGS={options}"],
        cwd=course,
        env=environment,
        capture_output=True,
        check=True,
    )
    seconds = time.perf_counter() - start
    report = (course / "reports" / f"{ASSIGNMENT}-grading.md").read_text(encoding="utf-8")
    return seconds, float(KERNEL_START.search(report).group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--cell-timeout", type=int, default=20)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        courses = {}
        for name in ("plain", "sandboxed", "unsandboxed"):
            courses[name] = course_copy(Path(scratch) / name)
            honest = build_class(courses[name], args.students)
        plain_seconds = plain_nbgrader(courses["plain"], args.cell_timeout)
        fast_seconds, sandbox_start = make_grade(
            courses["sandboxed"], args.cell_timeout, args.workers, True
        )
        open_seconds, open_start = make_grade(
            courses["unsandboxed"], args.cell_timeout, args.workers, False
        )
        scores = {
            name: gradebook.scores(gradebook.db_url(c), ASSIGNMENT) for name, c in courses.items()
        }
    identical = all(scores["plain"].get(n) == scores["sandboxed"].get(n) for n in honest)
    ratio = plain_seconds / fast_seconds
    rows = [
        ("nbgrader autograde (one process)", plain_seconds),
        (f"make grade ({args.workers} workers, sandboxed)", fast_seconds),
        (f"make grade ({args.workers} workers, no sandbox)", open_seconds),
    ]
    print(f"{'grader':<40}{'seconds':>10}{'students/min':>15}")
    for label, seconds in rows:
        print(f"{label:<40}{seconds:>10.1f}{60 * args.students / seconds:>15.1f}")
    print(
        f"{args.students} submissions, per-cell limit {args.cell_timeout} s, {os.cpu_count()} cores"
    )
    print(
        f"sandbox cost per student: kernel start {sandbox_start:.2f} s sandboxed against "
        f"{open_start:.2f} s without ({sandbox_start - open_start:+.2f} s); whole class "
        f"{(fast_seconds - open_seconds) * args.workers / args.students:+.2f} s per student"
    )
    print(f"throughput ratio {ratio:.2f}, scores identical: {'yes' if identical else 'no'}")


if __name__ == "__main__":
    main()
