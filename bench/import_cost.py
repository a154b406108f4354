"""Benchmark: what ``import balancing_act`` costs a fresh kernel or grading process.

    .venv/bin/python bench/import_cost.py [--repeats 7] [--course FOLDER]

Runs ``python -X importtime -c "import balancing_act"`` in a fresh process a few times (the
first run, which may compile bytecode, is left out) and sums the self-times Python reports: the
package's own modules (``balancing_act`` and ``balancing_act.*``) apart from everything they
pull in. Prints the package's modules, the heaviest others, and a last line
`balancing_act's own import cost M.M ms (pandas and Altair not loaded)`; target under 10 ms.
The student API resolves its names on first use (balancing_act/__init__.py), so the import
itself must load neither pandas nor Altair: when it does, the last line names them and the
bench exits with status 1.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

PACKAGE = "balancing_act"
#: The libraries the bare import must leave for later: each costs a kernel far more than 10 ms.
DEFERRED = {"pandas": "pandas", "altair": "Altair"}
TARGET_MS = 10.0
SHOWN_OTHERS = 8


def import_times(python: str, course: Path) -> dict[str, float]:
    """Each module the import loaded, with its self-time in milliseconds, from one fresh process.

    It runs in ``course``: with ``-c``, Python puts the working folder first on the path, so the
    package imported is that folder's ``balancing_act/``.
    """
    finished = subprocess.run(
        [python, "-X", "importtime", "-c", f"import {PACKAGE}"],
        cwd=course,
        capture_output=True,
        text=True,
        check=True,
    )
    times = {}
    # Lines read `import time: <self us> | <cumulative us> | <indented module name>`.
    for line in finished.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, module = line.removeprefix("import time:").split("|")
        times[module.strip()] = int(self_us) / 1000
    return times


def is_own(module: str) -> bool:
    return module == PACKAGE or module.startswith(f"{PACKAGE}.")


def deferred_loaded(times: dict[str, float]) -> list[str]:
    """The names of the deferred libraries (pandas, Altair) that the import loaded."""
    loaded = {module.split(".")[0] for module in times}
    return [name for module, name in DEFERRED.items() if module in loaded]


def verdict(own_ms: float, loaded: list[str]) -> str:
    """The bench's last line."""
    if loaded:
        libraries = " and ".join(loaded)
        return f"{PACKAGE}'s own import cost {own_ms:.1f} ms ({libraries} loaded by the import)"
    words = " and ".join(DEFERRED.values())
    return f"{PACKAGE}'s own import cost {own_ms:.1f} ms ({words} not loaded)"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument(
        "--course",
        type=Path,
        default=Path(__file__).resolve().parent.parent,
        help="the folder whose balancing_act/ is imported (default: this checkout)",
    )
    args = parser.parse_args()
    import_times(sys.executable, args.course)  # warm-up: writes any missing bytecode
    runs = [import_times(sys.executable, args.course) for _ in range(args.repeats)]

    per_module = defaultdict(list)
    for run in runs:
        for module, ms in run.items():
            per_module[module].append(ms)
    median = {module: statistics.median(times) for module, times in per_module.items()}
    own = sorted((m for m in median if is_own(m)), key=median.get, reverse=True)
    others = sorted((m for m in median if not is_own(m)), key=median.get, reverse=True)
    own_ms = statistics.median(sum(ms for m, ms in run.items() if is_own(m)) for run in runs)
    others_ms = statistics.median(sum(ms for m, ms in run.items() if not is_own(m)) for run in runs)

    print(f"{'module (self-time, median of ' + str(args.repeats) + ')':<48}{'ms':>8}")
    for module in own:
        print(f"{module:<48}{median[module]:>8.1f}")
    print(f"{'= the package itself':<48}{own_ms:>8.1f}  (target under {TARGET_MS:.0f} ms)")
    print()
    for module in others[:SHOWN_OTHERS]:
        print(f"{module:<48}{median[module]:>8.1f}")
    print(f"{f'= everything else ({len(others)} modules)':<48}{others_ms:>8.1f}")
    print()
    loaded = deferred_loaded(runs[-1])
    print(verdict(own_ms, loaded))
    return 1 if loaded else 0


if __name__ == "__main__":
    raise SystemExit(main())
