"""The evidence modules' docstring examples run, their public names are in __all__ and in
balancing_act's lazy map, and computing with them does not load Altair."""

from __future__ import annotations

import doctest
import importlib
import subprocess
import sys

import pytest

import balancing_act as ba

from .notebook_tools import ROOT

EVIDENCE_MODULES = ["countries", "unvotes", "arms", "indicators", "evidence_charts", "data"]
COMPUTING_MODULES = ["countries", "unvotes", "arms", "indicators"]


@pytest.mark.parametrize("name", EVIDENCE_MODULES)
def test_docstring_examples_run(name):
    module = importlib.import_module(f"balancing_act.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


@pytest.mark.parametrize("name", EVIDENCE_MODULES)
def test_all_lists_exactly_what_the_module_defines_in_public(name):
    module = importlib.import_module(f"balancing_act.{name}")
    for exported in module.__all__:
        assert hasattr(module, exported), exported
    defined_here = {
        attribute
        for attribute, value in vars(module).items()
        if not attribute.startswith("_")
        and callable(value)
        and getattr(value, "__module__", None) == module.__name__
    }
    assert defined_here <= set(module.__all__), sorted(defined_here - set(module.__all__))


def test_the_package_exports_every_new_name():
    for name in (
        "load_un_ideal_points",
        "load_un_roll_calls",
        "load_un_votes",
        "load_arms_transfers",
        "load_indicators",
        "vote_agreement",
        "ideal_point_distance",
        "arms_supplier_shares",
        "key_votes",
        "ideal_point_chart",
        "vote_agreement_chart",
        "arms_supplier_chart",
        "indicator_chart",
    ):
        assert name in ba.__all__ and callable(getattr(ba, name)), name


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
