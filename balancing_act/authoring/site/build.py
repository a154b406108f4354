"""The whole build of the reader's site, and its command line:

    python -m balancing_act.authoring.site [--out site/_build] [--jobs 2]      (or: make site)

Every lesson is read (:mod:`.reading`), run with its outputs made into HTML (:mod:`.execution`,
two lessons at a time) and rendered (:mod:`.pages`) with the site's own pages; every page passes
the offline guard (:mod:`.offline_guard`); the site is written into a fresh folder, indexed for
search (:mod:`.search`) and only then swapped in, so a failed build never leaves half a site. It
prints one summary line and nothing else.

Why nbconvert and not Jupyter Book: see site/README.md.
"""

from __future__ import annotations

import argparse
import re
import shutil
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat

from ...course import contents
from ...course.paths import course_root
from .course_data import EVENTS_FOLDER, CourseData
from .execution import execute
from .offline_guard import external_resources
from .pages import TEMPLATE, TEMPLATES, render_lesson, render_pages
from .reading import Lesson, read_lesson
from .search import index_for_search

#: Files of the site's template copied as they are: the search page's script.
SITE_FILES = ("search.js",)


def build(out: Path, jobs: int = 2, course: Path | None = None) -> list[Lesson]:
    """Build the site of the course at ``course`` (default: the one found from here) into
    ``out``; return its lessons."""
    started = time.monotonic()
    course = course or course_root()
    lessons = [read_lesson(path) for path in contents.lesson_notebooks(course)]
    if not lessons:
        raise SystemExit(f"no lessons found in {course / 'lessons'}")
    # Kernels run in separate processes anyway; two at a time keeps a two-core machine busy.
    with ProcessPoolExecutor(max_workers=max(1, jobs)) as pool:
        executed = list(pool.map(execute, [lesson.path for lesson in lessons]))
    pages = {}
    for index, (lesson, text) in enumerate(zip(lessons, executed, strict=True)):
        html = render_lesson(nbformat.reads(text, as_version=4), lessons, index)
        lesson.charts = len(re.findall(r'<figure\b[^>]*class="ba-chart"', html))
        pages[lesson.href] = html
    pages.update(render_pages(lessons, CourseData.load()))
    problems = {name: found for name, html in pages.items() if (found := external_resources(html))}
    if problems:
        raise SystemExit(f"pages would load from outside the site: {problems}")
    staging = out.with_name(out.name + ".partial")
    if staging.exists():
        shutil.rmtree(staging)
    (staging / EVENTS_FOLDER).mkdir(parents=True)
    for name, html in pages.items():
        (staging / name).parent.mkdir(parents=True, exist_ok=True)
        (staging / name).write_text(html, encoding="utf-8")
    for name in SITE_FILES:
        shutil.copy(TEMPLATES / TEMPLATE / name, staging / name)
    index_for_search(staging)
    if out.exists():
        shutil.rmtree(out)
    staging.rename(out)
    charts = sum(lesson.charts for lesson in lessons)
    events = sum(name.startswith(EVENTS_FOLDER + "/") for name in pages) - 1
    print(
        f"site: {len(lessons)} lessons, {charts} charts, {events} event pages, search index, "
        f"written to {out} in {time.monotonic() - started:.0f} s; serve it with "
        f"`python -m http.server -d {out}` and open http://localhost:8000/"
    )
    return lessons


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.authoring.site",
        description="Build the reader's site: every lesson run once, as offline HTML pages.",
    )
    parser.add_argument("--out", type=Path, help="where to write (default: site/_build/)")
    parser.add_argument("--jobs", type=int, default=2, help="lessons executed at once")
    args = parser.parse_args(argv)
    course = course_root()
    build((args.out or course / "site" / "_build").resolve(), args.jobs, course)
