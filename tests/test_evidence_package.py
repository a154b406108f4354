"""Computing with the outside evidence (UN votes, arms, indicators) never loads Altair, so a
graded notebook that only computes pays nothing for the charts."""

from __future__ import annotations

import subprocess
import sys

from .notebook_tools import ROOT

COMPUTING_MODULES = [
    "analysis.unvotes",
    "analysis.arms",
    "analysis.indicators",
    "course.vocabulary",
]


def test_computing_with_the_evidence_does_not_import_altair():
    code = (
        "import sys, balancing_act as ba\n"
        + "".join(f"import balancing_act.{m}\n" for m in COMPUTING_MODULES)
        + "ba.vote_agreement('AZE', 'RUS', (2014, 2019))\n"
        "ba.arms_supplier_shares('Azerbaijan', (2016, 2020))\n"
        "ba.indicator_values('oil_rents_pct_gdp')\n"
        "ba.key_votes()\n"
        "assert 'altair' not in sys.modules, 'altair was imported'\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr


def test_the_altair_check_fails_when_a_chart_is_drawn():
    code = "import sys, balancing_act as ba\nba.ideal_point_chart()\nassert 'altair' not in sys.modules\n"
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0 and "AssertionError" in result.stderr
