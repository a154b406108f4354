"""Benchmark: how long a control move takes to redraw in the browser, on each explorer.

    .venv/bin/python bench/redraw.py [--rounds 3]

Serves JupyterLab on loopback, opens a notebook with the course's seven explorers in Debian's
Chromium and moves each explorer as ``tests/browser/test_redraw_speed.py`` does (several moves,
each to a state never drawn, timed in the page from the control's event to the new drawing in
the DOM). Each round runs the notebook again (fresh widgets) and moves them all. Prints one
table per round (the median move per explorer and where its time went: to the kernel, the
kernel's answer, the browser's drawing), then the medians of all rounds with their spread
(lowest and highest round). With ``--compare`` the rounds alternate between two notebooks, one
with drawing ahead off (``DRAWN_AHEAD = 0``), so both are measured under the same load. The machine is shared: run it when it is quiet, and say how busy it
was (the first line prints the load average).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.lab import ARTIFACTS, browser_tab, jupyter_lab, launched_chromium  # noqa: E402
from tests.browser.student import open_notebook, run_all_cells, widget_with  # noqa: E402
from tests.browser.test_charts_in_lab import LAPTOP  # noqa: E402
from tests.browser.test_explorers_in_lab import SETUP  # noqa: E402
from tests.browser.test_harness import write_probe  # noqa: E402
from tests.browser.test_redraw_speed import (  # noqa: E402
    TIMED,
    WATCH_SOCKETS,
    table,
    timed_moves,
)

#: A first cell's addition that turns drawing ahead off for the explorers made after it.
NOTHING_AHEAD = """
import balancing_act.widgets.explorer as shell

shell.DRAWN_AHEAD = 0"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="fresh widgets, all moved, per round")
    parser.add_argument("--compare", action="store_true", help="alternate with drawing ahead off")
    args = parser.parse_args()
    variants = {"drawing ahead": SETUP}
    if args.compare:
        variants["nothing drawn ahead"] = SETUP + NOTHING_AHEAD
    print(
        f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f} on {os.cpu_count()} cores"
    )
    medians = {variant: {kind: [] for kind in TIMED} for variant in variants}
    with tempfile.TemporaryDirectory() as folder, launched_chromium() as chromium:
        course = Path(folder)
        # The kernel keeps its Jupyter data (a learner's progress) in the throwaway folder.
        os.environ["JUPYTER_DATA_DIR"] = str(course / "jupyter-data")
        for name in ("lessons", "data"):
            shutil.copytree(ROOT / name, course / name)
        paths = {
            variant: write_probe(
                course, f"redraw-bench-{n}", [setup] + [e.code for e in TIMED.values()]
            )
            for n, (variant, setup) in enumerate(variants.items())
        }
        lab = jupyter_lab(course, ARTIFACTS / "bench-redraw-lab.log", timeout=180)
        with lab as (base, token):
            with browser_tab(chromium, ARTIFACTS / "bench-redraw.png", LAPTOP, False) as page:
                page.add_init_script(WATCH_SOCKETS)
                for round_ in range(1, args.rounds + 1):
                    for variant, path in paths.items():
                        open_notebook(page, base, token, path)
                        run_all_cells(page, timeout_ms=300_000)
                        # The charts drawn, the first states drawn ahead.
                        page.wait_for_timeout(3000)
                        timings = {}
                        for kind, explorer in TIMED.items():
                            widget = widget_with(page, explorer.label)
                            widget.scroll_into_view_if_needed()
                            timings[kind] = timed_moves(page, widget, explorer.move)
                            medians[variant][kind].append(
                                statistics.median(r["total"] for r in timings[kind])
                            )
                        print(f"\nround {round_}, {variant}\n{table(timings)}", flush=True)
    print(
        f"\n{'explorer':<14}{'median ms':>10}{'lowest':>8}{'highest':>9}  (of the rounds' medians)"
    )
    for variant, by_kind in medians.items():
        print(variant)
        for kind, values in by_kind.items():
            print(
                f"{kind:<14}{statistics.median(values):>10.0f}{min(values):>8.0f}"
                f"{max(values):>9.0f}"
            )
    print(f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
