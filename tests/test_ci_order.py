"""CI runs the quick tier before everything else, so a broken change fails in a minute."""

from __future__ import annotations

from .notebook_tools import ROOT


def make_targets(script: str) -> list[str]:
    """The make targets a shell script runs, in order."""
    return [line.split()[1] for line in script.splitlines() if line.strip().startswith("make ")]


def test_ci_runs_the_quick_tier_first_then_the_readmes_test_command():
    assert make_targets((ROOT / ".ci" / "run").read_text(encoding="utf-8")) == ["test-fast", "test"]


def test_the_order_check_sees_a_script_that_runs_the_quick_tier_last():
    assert make_targets("set -e\nmake test\nmake test-fast\n") != ["test-fast", "test"]
