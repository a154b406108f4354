"""``python -m balancing_act.authoring.printing handouts|answer-key``: the commands behind ``make
handouts`` and ``make answer-key``."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from ...course.paths import course_root
from .documents import answer_key, handout, lesson_paths, print_all
from .pdf import PrintError, quiet_libraries

OUT = {"handouts": Path("build") / "handouts", "answer-key": Path("build") / "answer-key"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.authoring.printing",
        description="Print the lessons as handouts, or the assignments' answer keys, as PDF.",
    )
    parser.add_argument("document", choices=sorted(OUT))
    parser.add_argument(
        "names",
        nargs="*",
        help="lessons (e.g. 03-oil-pipelines-leverage) or assignments (e.g. a1-periods-timeline); "
        "default: all",
    )
    parser.add_argument(
        "--course", type=Path, help="the course folder (default: the one found from here)"
    )
    parser.add_argument("--out", type=Path, help="where to write (default: build/<document>/)")
    parser.add_argument("--jobs", type=int, default=2, help="documents printed at once")
    args = parser.parse_args(argv)
    course = (args.course or course_root()).resolve()
    out = (args.out or course / OUT[args.document]).resolve()
    started = time.monotonic()
    quiet_libraries()
    try:
        if args.document == "handouts":
            lessons = {path.stem: path for path in lesson_paths(course)}
            unknown = [name for name in args.names if name not in lessons]
            if unknown:
                raise PrintError(
                    f"no lesson {', '.join(unknown)}; the lessons: {', '.join(lessons)}"
                )
            items = [lessons[name] for name in args.names] or list(lessons.values())
            printed = print_all(handout, course, items, out, args.jobs)
        else:
            known = sorted(p.name for p in (course / "solutions").iterdir() if p.is_dir())
            unknown = [name for name in args.names if name not in known]
            if unknown:
                raise PrintError(
                    f"no assignment {', '.join(unknown)}; the assignments: {', '.join(known)}"
                )
            printed = print_all(answer_key, course, args.names or known, out, args.jobs)
    except PrintError as error:
        print(f"Not printed: {error}", file=sys.stderr)
        return 2
    for document in printed:
        print(
            f"{document.pdf.relative_to(course) if document.pdf.is_relative_to(course) else document.pdf}: "
            f"{document.pages} pages, {document.title}"
        )
    print(f"{len(printed)} PDFs in {out} in {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
