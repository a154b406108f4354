"""The package's public names: read from the modules' ``__all__``, reachable, and documented."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import balancing_act as ba

MODULES = sorted(m.name for m in pkgutil.iter_modules(ba.__path__) if not m.name.startswith("_"))
# Student-facing modules carry runnable examples in their docstrings.
DOCUMENTED = ["claims", "data", "judging", "learner", "periods", "scoring", "selfcheck", "timeline"]


def test_dir_is_exactly_what_the_modules_export_plus_the_modules():
    exported = set()
    for name in MODULES:
        module = importlib.import_module(f"balancing_act.{name}")
        if hasattr(module, "__path__"):
            continue  # a sub-package (checks, grading) exports nothing at the top level
        assert hasattr(module, "__all__"), f"balancing_act.{name} declares no __all__"
        for item in module.__all__:
            assert hasattr(module, item), (
                f"balancing_act.{name}.__all__ names {item!r}, which it lacks"
            )
        exported |= set(module.__all__)
    assert set(ba.__all__) == exported
    assert dir(ba) == sorted(exported | set(MODULES))


def test_every_name_resolves_and_submodules_are_reachable():
    for name in dir(ba):
        assert getattr(ba, name) is not None
    assert ba.periods.period_table().shape == (4, 4)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'load_evnts'"):
        ba.load_evnts  # noqa: B018


@pytest.mark.parametrize("name", DOCUMENTED)
def test_the_docstring_examples_run(name):
    module = importlib.import_module(f"balancing_act.{name}")
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.attempted > 0 and result.failed == 0
