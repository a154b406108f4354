"""Benchmark: each lesson run top to bottom in a fresh kernel, and widget moves on full data.

    .venv/bin/python bench/lessons.py [--repeats 3] [--no-lessons]

Prints one row per lesson and per widget; the last line reads
`slowest lesson S.S s, median widget update M.M ms`. Targets on the 2-core machine: each lesson
under 10 s, a median widget update under 20 ms.

What a widget move costs depends on whether the widget has drawn that state before: a widget
keeps each state it has drawn (see ``balancing_act.widgets.explorer``), so going back to one is
a look-up, and only a state never drawn is built. A student moving a slider to new positions
meets the second kind, so that is what the benchmark holds to its target: each widget makes at
least 8 moves, each to a state of its controls it has never drawn (different year ranges,
weights, years, claims, measures, countries), then undoes them in reverse order, each undo a
return to a state drawn before. Per widget it prints the median of the new-state moves and of
the revisits; the last line's median is over **new-state moves only**. With ``--repeats N``
each widget is made afresh N times and its moves repeated, so a busy machine shows less.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

import balancing_act as ba
from balancing_act.analysis.measures import MEASURES
from balancing_act.authoring.runner import run_notebook
from balancing_act.course.contents import lesson_notebooks
from balancing_act.course.paths import course_root


def lesson_seconds(path: Path) -> float:
    """Wall time from starting a kernel to the last cell's end, as a student pressing Run All."""
    start = time.perf_counter()
    run_notebook(path)
    return time.perf_counter() - start


def _each(control: str, values) -> list[tuple[str, object]]:
    return [(control, value) for value in values]


def widget_moves():
    """Each widget's maker, and its moves as (control, value): every move reaches a state of
    the controls the widget has not drawn before (none repeats the widget's first state)."""
    years = [(1991, 2020), (1995, 2025), (2000, 2010), (2003, 2018), (2008, 2014), (1993, 2008)]
    years += [(2010, 2025), (1998, 2022), (2005, 2021), (1996, 2012)]
    oil_years = [(1995, 2024), (2000, 2020), (2005, 2015), (1991, 2010), (2010, 2024)]
    oil_years += [(1998, 2008), (2002, 2022), (1993, 2019), (2006, 2012), (1999, 2016)]
    words = ["gas", "oil", "EU", "Russia", "pipeline", "NATO", "visit", "Turkey", "war", "export"]
    weights = _each("security", [1.5, 2.0, 2.5, 3.0]) + _each("energy", [0.5, 0.0, 2.0])
    weights += _each("economy", [2.0, 3.0, 0.5])
    countries = ["GEO", "RUS", "TUR", "IRN", "KAZ", "UKR", "BLR", "USA", "DEU", "CHN"]
    return [
        ("timeline years", ba.timeline_explorer, _each("years", years)),
        ("timeline search", ba.timeline_explorer, _each("text", words)),
        ("balance weight", ba.balance_explorer, weights),
        ("membership year", ba.membership_explorer, _each("year", range(2010, 2020))),
        ("oil and policy years", ba.oil_policy_explorer, _each("years", oil_years)),
        (
            "claim and evidence",
            ba.claim_explorer,
            _each("claim_id", [f"C{n}" for n in range(2, 12)]),
        ),
        (
            "comparison measure",
            ba.comparison_explorer,
            _each("key", _measures_but("distance_to_rus")),
        ),
        ("comparison country", ba.comparison_explorer, _each("b", countries)),
    ]


def _measures_but(first: str) -> list[str]:
    return [key for key in MEASURES if key != first]


def _move_ms(widget, control: str, value) -> float:
    start = time.perf_counter()
    widget.controls[control].value = value
    return (time.perf_counter() - start) * 1000


def move_milliseconds(make, moves) -> tuple[list[float], list[float]]:
    """The times of ``moves`` on a new widget (each a state never drawn), then of undoing them
    in reverse order (each a return to a state drawn before)."""
    widget = make()
    drawn = {tuple(widget.values.items())}
    before = []
    new = []
    for control, value in moves:
        before.append((control, widget.controls[control].value))
        new.append(_move_ms(widget, control, value))
        state = tuple(widget.values.items())
        if state in drawn:  # the bench would time a look-up as a new state
            raise ValueError(f"Moving {control} to {value!r} returns to a state drawn before.")
        drawn.add(state)
    revisits = [_move_ms(widget, control, value) for control, value in reversed(before)]
    return new, revisits


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3, help="fresh widgets per row")
    parser.add_argument("--no-lessons", action="store_true", help="time the widgets only")
    args = parser.parse_args()
    seconds = {}
    if not args.no_lessons:
        print(f"{'lesson':<40}{'seconds':>10}")
        for path in lesson_notebooks(course_root()):
            seconds[path.stem] = lesson_seconds(path)
            print(f"{path.stem:<40}{seconds[path.stem]:>10.1f}")
    ba.setup()
    print(f"\n{'widget move (full data)':<32}{'new ms':>10}{'max new':>10}{'revisit ms':>12}")
    all_new = []
    for name, make, moves in widget_moves():
        new, revisits = [], []
        for _ in range(args.repeats):
            times = move_milliseconds(make, moves)
            new += times[0]
            revisits += times[1]
        all_new += new
        print(
            f"{name:<32}{statistics.median(new):>10.1f}{max(new):>10.1f}"
            f"{statistics.median(revisits):>12.1f}"
        )
    slowest = max(seconds.values(), default=float("nan"))
    print(
        f"\nslowest lesson {slowest:.1f} s, median widget update {statistics.median(all_new):.1f} ms"
    )


if __name__ == "__main__":
    main()
