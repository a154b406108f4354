"""``python -m balancing_act.grading <assignment>``: the command behind ``make grade``."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .assignment import AssignmentError
from .class_page import send_items
from .escaping import terminal
from .grader import CourseChanged, GradingRefused, grade_class
from .report import items_csv_path
from .sandbox import Limits
from .workspace import Interrupted

EXIT_REFUSED = 3
EXIT_COURSE_CHANGED = 4


def parser() -> argparse.ArgumentParser:
    defaults = Limits()
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.grading",
        description=(
            "Grade every submission of an assignment: each runs alone in a sandbox, its answers "
            "are judged outside it, and nbgrader's gradebook gets the scores. Writes "
            "reports/<assignment>-grading.md and .csv."
        ),
    )
    parser.add_argument("assignment", help="for example a1-periods-timeline")
    parser.add_argument("--course", default=".", help="the course folder (default: here)")
    parser.add_argument(
        "--workers",
        type=int,
        default=os.cpu_count() or 1,
        help="students graded at the same time (default: the machine's cores, %(default)s)",
    )
    parser.add_argument(
        "--resume",
        action="store_true",
        help="skip students whose same submission an earlier run already graded",
    )
    parser.add_argument(
        "--student", action="append", metavar="ID", help="grade only this student (repeatable)"
    )
    parser.add_argument(
        "--cell-timeout",
        type=int,
        default=defaults.cell_seconds,
        help="seconds a cell may run (default %(default)s)",
    )
    parser.add_argument(
        "--student-timeout",
        type=int,
        default=defaults.student_seconds,
        help="seconds a whole notebook may run (default %(default)s)",
    )
    parser.add_argument(
        "--memory-mib",
        type=int,
        default=defaults.memory_bytes // 2**20,
        help="memory a student's run may use, in MiB (default %(default)s)",
    )
    parser.add_argument(
        "--verdict-memory-mib",
        type=int,
        default=defaults.verdict_memory_bytes // 2**20,
        help="memory judging one student's answers may use, in MiB (default %(default)s); "
        "its CPU time is --cell-timeout per test and --student-timeout in all",
    )
    parser.add_argument(
        "--require-sandbox",
        action="store_true",
        help="refuse to grade unless each submission can run in bubblewrap",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    limits = Limits(
        cell_seconds=args.cell_timeout,
        student_seconds=args.student_timeout,
        memory_bytes=args.memory_mib * 2**20,
        verdict_memory_bytes=args.verdict_memory_mib * 2**20,
    )
    try:
        outcome = grade_class(
            Path(args.course),
            args.assignment,
            args.student,
            workers=args.workers,
            resume=args.resume,
            limits=limits,
            require_sandbox=args.require_sandbox,
            progress=sys.stderr.isatty(),
        )
    except GradingRefused as error:
        print(terminal(f"Not graded: {error}"), file=sys.stderr)
        return EXIT_REFUSED
    except AssignmentError as error:
        print(terminal(f"Not graded, the assignment needs fixing: {error}"), file=sys.stderr)
        return EXIT_REFUSED
    except Interrupted as stop:
        print(
            f"Stopped by {stop}: nothing the run made outside the course was left behind. "
            "Students graded so far keep their grades; grade again with --resume to go on.",
            file=sys.stderr,
        )
        return 128 + stop.signum
    except CourseChanged as error:
        print(
            terminal(
                f"ALERT: course files changed while grading ({error}). Restore them from git "
                "and grade again; the report lists what changed."
            ),
            file=sys.stderr,
        )
        return EXIT_COURSE_CHANGED
    # Student ids and file names in the report are already escaped; this is the second lock
    # against an escape sequence reaching the teacher's terminal.
    print(terminal(outcome.report_path.read_text(encoding="utf-8")))
    print(f"Report: {outcome.report_path}")
    sent = send_items(items_csv_path(Path(args.course), args.assignment), args.assignment)
    if sent:
        print(sent)
    return 0
