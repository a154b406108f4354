"""No module of the package is over 400 lines unless CONTRIBUTING.md ("The package", Size) names
it and says why: a long module is a sign of two jobs in one room."""

from __future__ import annotations

import re
from pathlib import Path

from .notebook_tools import ROOT

LIMIT = 400


def excused_in(contributing: str) -> set[str]:
    """The modules the Size paragraph of CONTRIBUTING.md names as exceptions."""
    paragraph = contributing.split("**Size**", 1)[1].split("\n\n", 1)[0]
    return set(
        re.findall(
            r"`((?:course|tables|analysis|charts|widgets|selfcheck|grading|authoring)/[\w/]+\.py)`",
            paragraph,
        )
    )


def too_long(package: Path, excused: set[str]) -> list[str]:
    found = []
    for path in sorted(package.rglob("*.py")):
        lines = len(path.read_text(encoding="utf-8").splitlines())
        name = path.relative_to(package).as_posix()
        if lines > LIMIT and name not in excused:
            found.append(f"{name}: {lines} lines")
    return found


def test_no_module_is_over_the_limit_unless_contributing_says_why():
    excused = excused_in((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert too_long(ROOT / "balancing_act", excused) == []


def test_every_excused_module_exists_and_is_still_long():
    excused = excused_in((ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8"))
    assert excused, "the Size paragraph names no module"
    for name in excused:
        lines = len((ROOT / "balancing_act" / name).read_text(encoding="utf-8").splitlines())
        assert lines > LIMIT, f"{name} is {lines} lines now: take it off the list"


def test_a_long_module_nobody_excused_is_reported(tmp_path):
    (tmp_path / "analysis").mkdir()
    (tmp_path / "analysis" / "sprawl.py").write_text("x = 1\n" * (LIMIT + 1))
    (tmp_path / "analysis" / "fine.py").write_text("x = 1\n" * LIMIT)
    assert too_long(tmp_path, set()) == [f"analysis/sprawl.py: {LIMIT + 1} lines"]
    assert too_long(tmp_path, {"analysis/sprawl.py"}) == []
