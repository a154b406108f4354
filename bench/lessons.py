"""Benchmark: each lesson run top to bottom in a fresh kernel, and widget updates on full data.

    .venv/bin/python bench/lessons.py [--repeats 15]

Prints one row per lesson and per widget; the last line reads
`slowest lesson S.S s, median widget update M.M ms`. Targets on the 2-core machine: each lesson
under 10 s, a median widget update under 20 ms.

Each widget flips one control between two values, as a student moves a slider there and back.
A widget keeps each state it has drawn (see ``balancing_act.widgets.explorer``), so the first
move draws a state anew and the others find it drawn: the `first ms` column is what a state
never seen costs, the median what the moves cost a student.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import balancing_act as ba
from balancing_act.authoring.runner import run_notebook
from balancing_act.course.contents import lesson_notebooks
from balancing_act.course.paths import course_root


def lesson_seconds(path: Path) -> float:
    """Wall time from starting a kernel to the last cell's end, as a student pressing Run All."""
    start = time.perf_counter()
    run_notebook(path)
    return time.perf_counter() - start


def widget_moves():
    """Each widget, with two control values to flip between (every flip redraws the chart)."""
    return [
        ("timeline years", ba.timeline_explorer(), "years", (1991, 2025), (2008, 2014)),
        ("timeline search", ba.timeline_explorer(), "text", "", "gas"),
        ("balance weight", ba.balance_explorer(), "security", 1.0, 3.0),
        ("membership year", ba.membership_explorer(), "year", 2008, 2015),
        ("oil and policy years", ba.oil_policy_explorer(), "years", (1991, 2024), (2000, 2020)),
        ("claim and evidence", ba.claim_explorer(), "claim_id", "C1", "C8"),
        ("comparison measure", ba.comparison_explorer(), "key", "distance_to_rus", "ideal_point"),
        ("comparison country", ba.comparison_explorer(), "b", "ARM", "GEO"),
    ]


def update_milliseconds(widget, control: str, first, second, repeats: int) -> list[float]:
    times = []
    for index in range(repeats):
        value = second if index % 2 == 0 else first
        start = time.perf_counter()
        widget.controls[control].value = value
        times.append((time.perf_counter() - start) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=15)
    args = parser.parse_args()
    lessons = lesson_notebooks(course_root())
    print(f"{'lesson':<40}{'seconds':>10}")
    seconds = {}
    for path in lessons:
        seconds[path.stem] = lesson_seconds(path)
        print(f"{path.stem:<40}{seconds[path.stem]:>10.1f}")
    ba.setup()
    print(f"\n{'widget update (full data)':<40}{'median ms':>10}{'max ms':>10}{'first ms':>10}")
    all_times = []
    for name, widget, control, first, second in widget_moves():
        times = update_milliseconds(widget, control, first, second, args.repeats)
        all_times += times
        print(f"{name:<40}{statistics.median(times):>10.1f}{max(times):>10.1f}{times[0]:>10.1f}")
    slowest = max(seconds.values())
    print(
        f"\nslowest lesson {slowest:.1f} s, median widget update {statistics.median(all_times):.1f} ms"
    )


if __name__ == "__main__":
    main()
