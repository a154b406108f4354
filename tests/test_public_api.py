"""The students' API: one explicit, sorted table in ``balancing_act/__init__.py``, equal to what
the lessons (with the teachers' readings of them), the assignments and their solutions call; former names answer with a warning; every
module's docstring examples run."""

from __future__ import annotations

import ast
import doctest
import importlib
import inspect
import json
import pkgutil
import re
import sys
import warnings

import pytest

import balancing_act as ba
from balancing_act import _former

from .notebook_tools import ROOT

CALL = re.compile(r"\bba\.([A-Za-z_]\w*)")


def _called_by_the_course() -> set[str]:
    """Every ``ba.<name>`` in the lessons' sources, the teachers' readings of them (which name the
    function that recomputes each measure) and the assignments' code cells."""
    names = set()
    readings = sorted((ROOT / "instructor" / "readings").glob("*.md"))
    for source in sorted((ROOT / "lessons").glob("*.md")) + readings:
        names |= set(CALL.findall(source.read_text(encoding="utf-8")))
    for folder in ("solutions", "exercises"):
        for notebook in sorted((ROOT / folder).rglob("*.ipynb")):
            for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
                if cell["cell_type"] == "code":
                    names |= set(CALL.findall("".join(cell["source"])))
    return names


def test_the_table_is_exactly_what_the_course_calls():
    called = _called_by_the_course()
    table = set(ba._STUDENT_NAMES)
    assert called - table == set(), "called by the course but not in the table"
    assert table - called == set(), "in the table but called by no lesson or assignment"


def test_the_table_is_sorted_and_dir_lists_only_it():
    assert list(ba._STUDENT_NAMES) == sorted(ba._STUDENT_NAMES, key=str.lower)
    assert dir(ba) == ba.__all__ == sorted(ba._STUDENT_NAMES)


def test_every_students_name_resolves_from_its_home_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for name, (module, attribute) in ba._STUDENT_NAMES.items():
            home = importlib.import_module(f"balancing_act.{module}")
            expected = home if attribute is None else getattr(home, attribute)
            assert getattr(ba, name) is expected, name
    assert ba.periods.period_table().shape == (5, 4)


def test_an_unknown_name_is_an_attribute_error():
    with pytest.raises(AttributeError, match="no attribute 'load_evnts'"):
        ba.load_evnts  # noqa: B018


@pytest.mark.parametrize("name", sorted(_former._FORMER_NAMES))
def test_a_former_top_level_name_answers_with_a_warning_naming_its_home(name):
    module, attribute = _former._FORMER_NAMES[name]
    with pytest.warns(FutureWarning, match=rf"ba\.{name} has moved to balancing_act\.{module}"):
        value = getattr(ba, name)
    assert value is getattr(importlib.import_module(f"balancing_act.{module}"), attribute)
    assert name not in dir(ba)


@pytest.mark.parametrize("old", sorted(_former.FORMER_MODULES))
def test_a_former_module_imports_with_a_warning_and_answers_its_names(old):
    # Another test of this worker may have imported it already: import it afresh.
    sys.modules.pop(f"balancing_act.{old}", None)
    with pytest.warns(FutureWarning, match=rf"balancing_act\.{old} has moved to"):
        module = importlib.import_module(f"balancing_act.{old}")
    home = importlib.import_module(f"balancing_act.{_former.FORMER_MODULES[old][0]}")
    public = [n for n, v in vars(home).items() if not n.startswith("_") and not inspect.ismodule(v)]
    name = public[-1]
    with pytest.warns(FutureWarning, match="has moved to"):
        assert getattr(module, name) is getattr(home, name)


def test_from_a_former_module_import_still_works():
    for old in ("data", "timeline"):
        sys.modules.pop(f"balancing_act.{old}", None)
    with pytest.warns(FutureWarning):
        from balancing_act.data import ALIGNMENT_WORDS, load_events  # noqa: F401
        from balancing_act.timeline import event_card, filter_events  # noqa: F401
    from balancing_act.widgets.cards import event_card as card

    assert event_card is card


@pytest.mark.parametrize("folder", sorted(_former.FORMER_CONTENTS))
def test_a_folder_that_was_a_module_answers_the_modules_names(folder):
    old_name = {"charts": "describe", "selfcheck": "evaluate", "widgets": "year_range_slider"}
    with pytest.warns(FutureWarning, match=rf"balancing_act\.{folder}\.{old_name[folder]} has"):
        assert callable(
            getattr(importlib.import_module(f"balancing_act.{folder}"), old_name[folder])
        )


def _course_python_files():
    for folder in ("balancing_act", "site", "bench", "scripts", "tests"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.suffix == ".py" or (
                folder == "scripts"
                and path.is_file()
                and path.read_bytes()[:2] == b"#!"
                and b"python" in path.read_bytes()[:80]
            ):
                yield path


def former_imports(path) -> list[str]:
    """Each import in ``path`` of a former module (``balancing_act.data``...), as file:line."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            named = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            named = [a.name for a in node.names]
        else:
            continue
        for name in named:
            parts = name.split(".")
            if (
                parts[0] == "balancing_act"
                and len(parts) > 1
                and parts[1] in _former.FORMER_MODULES
            ):
                found.append(f"{path.name}:{node.lineno} {name}")
                break
    return found


def test_nothing_in_the_course_imports_a_former_module():
    """The warning alone would not catch a site build or a bench run in its own process."""
    found = []
    for path in _course_python_files():
        if path.name not in {"test_public_api.py", "_former.py"}:
            found += former_imports(path)
    assert found == []


def test_the_former_import_check_finds_each_kind_of_former_import(tmp_path):
    planted = tmp_path / "planted.py"
    planted.write_text(
        "import balancing_act.data as old\n"
        "from balancing_act.timeline import filter_events\n"
        "from balancing_act import validation\n"
        "from balancing_act.tables import validation as fine\n"
        "import balancing_act.charts.offline\n"
    )
    assert [line.split()[0] for line in former_imports(planted)] == [
        "planted.py:1",
        "planted.py:2",
        "planted.py:3",
    ]


def _package_modules():
    for module in pkgutil.walk_packages(ba.__path__, "balancing_act."):
        if module.name.endswith("__main__"):
            continue
        yield module.name


@pytest.mark.parametrize("name", sorted(_package_modules()))
def test_every_modules_docstring_examples_run(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0


def test_the_student_facing_layers_carry_examples():
    attempted = 0
    for name in _package_modules():
        if name.split(".")[1] in {"analysis", "tables", "selfcheck", "course"}:
            module = importlib.import_module(name)
            attempted += doctest.testmod(module, optionflags=doctest.ELLIPSIS).attempted
    assert attempted >= 20
