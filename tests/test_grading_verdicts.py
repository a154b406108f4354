"""Verdicts outside the kernel: the tests run on answers as data, in a trusted namespace."""

from __future__ import annotations

import copy
import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from balancing_act.analysis.cases import cases_of
from balancing_act.grading import answers, verdicts
from balancing_act.grading.assignment import (
    AssignmentError,
    GradedTest,
    NotebookSpec,
    answer_names,
    load,
)
from balancing_act.grading.findings import Kind

from .grading_tools import ASSIGNMENTS
from .notebook_tools import ROOT


@pytest.fixture(scope="module")
def specs():
    return {a: load(ROOT, a).notebooks[0] for a in ASSIGNMENTS}


def _setup(spec):
    """The trusted set-up; in an assignment with cases, its first case's (the course's own)."""
    cased = any("MY_CASE" in source for source in spec.setup)
    return verdicts.setup_namespace(spec, cases_of(Path(spec.name).stem)[0].key if cased else None)


def test_a_tests_answers_are_the_names_nobody_else_defines():
    source = "import math\n_ev = ba.load_events()\nassert len(with_russia) == len(_ev), math.pi\n"
    assert answer_names(source, setup_names={"ba", "events"}, test_bound={"_ev", "math"}) == (
        "with_russia",
    )


def test_each_assignment_names_the_answers_its_tests_use(specs):
    a1 = specs["a1-periods-timeline"]
    assert a1.answer_names == [
        "agreement",
        "by_category",
        "by_period",
        "classes",
        "classify",
        "kappa",
        "near_boundary",
        "partner_net",
        "pivot",
        "with_russia",
    ]
    assert {t.grade_id: t.answers for t in a1.tests}["a1-classify-hidden-rule"] == (
        "classes",
        "classify",
    )
    assert all(not t.hidden for t in a1.tests if t.grade_id.endswith("-check"))


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_every_solution_passes_every_test_through_the_export(specs, assignment):
    spec = specs[assignment]
    base = _setup(spec)
    calls = verdicts.preflight(spec, base)
    functions = {
        "a1-periods-timeline": {"classify"},
        "a3-balance-index": {"build_index", "partner_total"},
    }
    assert set(calls) == functions.get(assignment, set())
    assert all(len(inputs) > 0 for inputs in calls.values())


def test_a_solution_that_fails_its_own_test_stops_grading(specs):
    spec = copy.deepcopy(specs["a2-oil-money-leverage"])
    first = spec.tests[0]
    spec.tests[0] = GradedTest(
        first.grade_id, first.points, first.source + "\nassert False, 'wrong'", False, first.answers
    )
    with pytest.raises(AssignmentError, match=first.grade_id):
        verdicts.preflight(spec, _setup(spec))


def _exported(spec, base, **values):
    data = {name: json.loads(answers.canonical(answers.encode(v))) for name, v in values.items()}
    return verdicts.student_namespace(spec, base, {"answers": data, "functions": {}})


def test_a_missing_answer_fails_its_tests_with_a_message_that_says_why(specs):
    spec = specs["a2-oil-money-leverage"]
    base = _setup(spec)
    namespace, problems = _exported(spec, base)
    results = verdicts.run_tests(spec, namespace)
    assert problems == [] and not any(r["passed"] for r in results)
    assert "brent_change is not defined" in results[0]["message"]
    # The grader's own list of what was never defined, for the teacher's report.
    assert all(r["missing"] for r in results)
    assert "brent_change" in results[0]["missing"]


def test_the_trusted_set_up_is_used_whatever_the_answers_say(specs):
    spec = specs["a3-balance-index"]
    base = _setup(spec)
    # A student who set WEIGHTS to zeros would send only answers: WEIGHTS is not among them.
    assert "WEIGHTS" not in spec.answer_names
    namespace, _ = _exported(spec, base, WEIGHTS={"security": 0.0})
    assert namespace["WEIGHTS"]["security"] == 2.0


def test_an_unreadable_answer_is_reported_and_fails(specs):
    spec = specs["a2-oil-money-leverage"]
    base = _setup(spec)
    data = {"r_all": {"$t": "float", "v": "not what encode writes"}}
    namespace, problems = verdicts.student_namespace(spec, base, {"answers": data})
    assert problems and problems[0]["name"] == "r_all"
    assert isinstance(namespace["r_all"], answers.Unsupported)


def test_a_replayed_function_cannot_answer_inputs_it_was_not_given():
    replay = verdicts.Replay("classify", {})
    with pytest.raises(verdicts.GraderError):
        try:
            replay(1)
        except Exception:  # a test's own `except Exception` must not swallow the grader's error
            pytest.fail("GraderError was caught as an ordinary exception")


def test_warnings_never_fail_a_test_and_a_slow_one_does(specs):
    spec = copy.deepcopy(specs["a2-oil-money-leverage"])
    spec.tests = [
        GradedTest(
            "warns",
            1.0,
            "import warnings\nwarnings.warn('old', DeprecationWarning)\nwarnings.warn('x', FutureWarning)",
            False,
            (),
        ),
        GradedTest("slow", 1.0, "while True:\n    pass", False, ()),
    ]
    budget = verdicts.Budget(memory_bytes=None, test_cpu_seconds=1)
    results = verdicts.run_tests(spec, {}, budget)
    assert [r["passed"] for r in results] == [True, False]
    assert f"ran over {budget.test_wall_seconds} s" in results[1]["message"]


def test_the_course_fingerprint_ignores_new_cache_entries_but_not_changed_files(
    tmp_path, monkeypatch
):
    from balancing_act.grading import course

    monkeypatch.setenv("BALANCING_ACT_CACHE", str(tmp_path / "cache"))
    (tmp_path / "cache").mkdir()
    before = {str(tmp_path / "data" / "events.csv"): "a", str(tmp_path / "cache" / "old"): "x"}
    after = {**before, str(tmp_path / "cache" / "new"): "y"}
    assert course.changes(before, after) == []
    after[str(tmp_path / "cache" / "old")] = "z"
    after[str(tmp_path / "data" / "events.csv")] = "b"
    after[str(tmp_path / "data" / "extra.csv")] = "c"
    assert len(course.changes(before, after)) == 3


# --- the verdict process's own budget (issue 20, item 5) -------------------------------------------
# Each judging runs in a subprocess that forks a child the way the verdict server does, so the
# kernel's limits bind that child alone; the parent prints how the child ended.

JUDGE = """
import json, os, signal, sys
from balancing_act.grading import verdicts
from balancing_act.grading.assignment import GradedTest, NotebookSpec

tests, budget, limited, result = json.loads(sys.argv[1])
spec = NotebookSpec("t.ipynb", None, None)
spec.tests = [GradedTest(grade_id, 1.0, source, False, ("answer",)) for grade_id, source in tests]
with open(result + ".answers", "w") as handle:
    json.dump({"answers": {"answer": {"$t": "range", "v": [0, 5_000_000, 1]}}}, handle)
budget = verdicts.Budget(**budget)
request = {"answers": {spec.name: result + ".answers"}, "result": result}
pid = os.fork()
if pid == 0:
    if limited:
        verdicts._child({spec.name: spec}, {(spec.name, None): {}}, budget, request)
    else:  # an alarm only, as before the budget: write the verdicts the same way
        with open(result, "w") as out:
            for verdict in verdicts.run_tests(spec, {"answer": range(5_000_000)}, budget):
                out.write(json.dumps({"verdict": verdict}) + "\\n")
    os._exit(0)
_, status, usage = os.wait4(pid, 0)
print(json.dumps({
    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
    "cpu_seconds": usage.ru_utime + usage.ru_stime,
    "max_rss_bytes": usage.ru_maxrss * 1024,
    "lines": [json.loads(line) for line in open(result)],
}))
"""

# Five million ints from an answer of three numbers: about 180 MB once listed.
EXPAND = "assert len([int(n) for n in answer]) == 3"
# 35,000 distinct ints with one hash: a set of them takes seconds inside one C call.
COLLIDE = "_ids = [(2**61 - 1) * k for k in range(1, 35_001)]\nassert len(set(_ids)) == 1"


def _judge(tmp_path, tests, budget, limited=True):
    # A ceiling for the unlimited runs too, so that a failing guard cannot hurt the machine.
    run = subprocess.run(
        ["prlimit", f"--as={3 * 2**30}", sys.executable, "-c", JUDGE]
        + [json.dumps([tests, budget, limited, str(tmp_path / "result.jsonl")])],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr[-2000:]
    return json.loads(run.stdout)


def test_an_answer_a_test_expands_past_the_memory_budget_fails_that_test_alone(tmp_path):
    budget = {"memory_bytes": 64 * 2**20, "test_cpu_seconds": 20, "student_cpu_seconds": 60}
    tests = [["before", "assert True"], ["expand", EXPAND], ["after", "assert answer[2] == 2"]]
    ended = _judge(tmp_path, tests, budget)
    verdicts_ = {line["verdict"]["grade_id"]: line["verdict"] for line in ended["lines"][1:-1]}
    assert ended["signal"] is None and ended["lines"][-1] == {"finished": True}
    assert [v["passed"] for v in verdicts_.values()] == [True, False, True]
    assert verdicts_["expand"]["budget"] == "memory"
    assert ended["max_rss_bytes"] < 400 * 2**20


def test_without_the_memory_budget_the_expansion_takes_the_memory(tmp_path):
    """The negative test: the same answer and test, no address-space limit."""
    budget = {"memory_bytes": None, "test_cpu_seconds": 20, "student_cpu_seconds": 60}
    ended = _judge(tmp_path, [["expand", EXPAND]], budget)
    verdict = ended["lines"][1]["verdict"]
    assert "budget" not in verdict and verdict["message"].startswith("AssertionError")
    assert ended["max_rss_bytes"] > 150 * 2**20


def test_a_test_computing_in_c_code_is_stopped_by_the_kernel_at_its_cpu_time(tmp_path):
    budget = {"memory_bytes": None, "test_cpu_seconds": 1, "student_cpu_seconds": 60}
    ended = _judge(tmp_path, [["before", "assert True"], ["collide", COLLIDE]], budget)
    assert ended["signal"] == signal.SIGXCPU
    assert ended["cpu_seconds"] < 4
    # The test judged before it is kept; the one that ran out has no verdict (the grader's).
    assert [line["verdict"]["grade_id"] for line in ended["lines"] if "verdict" in line] == [
        "before"
    ]


def test_an_alarm_alone_cannot_stop_a_test_inside_c_code(tmp_path):
    """The negative test: with only the wall-clock alarm, one C call outruns it."""
    budget = {"memory_bytes": None, "test_cpu_seconds": 1, "student_cpu_seconds": 60}
    ended = _judge(tmp_path, [["collide", COLLIDE]], budget, limited=False)
    wall = verdicts.Budget(**budget).test_wall_seconds
    assert ended["signal"] is None and ended["cpu_seconds"] > wall + 1
    assert f"ran over {wall} s" in ended["lines"][0]["verdict"]["message"]  # too late


def test_the_students_cpu_time_is_a_hard_limit_across_tests(tmp_path):
    budget = {"memory_bytes": None, "test_cpu_seconds": 20, "student_cpu_seconds": 2}
    ended = _judge(tmp_path, [["first", COLLIDE], ["second", COLLIDE]], budget)
    assert ended["signal"] == signal.SIGKILL and ended["cpu_seconds"] < 5


def _verdict(grade_id, passed=True):
    return {"grade_id": grade_id, "passed": passed, "points": 1.0 if passed else 0.0}


def _judge_with_children(children, student_cpu_seconds=30):
    """The grader's side of judging, with the verdict server's children played by ``children``:
    each is (how it ended, the lines it wrote). Returns the result and the requests made."""
    import asyncio

    from balancing_act.grading.grader import VerdictServer

    spec = NotebookSpec("t.ipynb", None, None)
    spec.tests = [GradedTest(g, 1.0, "", False, ()) for g in ("one", "two", "three", "four")]
    server = VerdictServer(
        None, "t", Path("."), None, verdicts.Budget(None, 10, student_cpu_seconds)
    )
    asked = []

    async def ask(answers, skip, cpu_seconds, case=None):
        asked.append((skip, cpu_seconds))
        return children[len(asked) - 1]

    server._ask = ask
    return asyncio.run(server.judge({"t.ipynb": "answers.json"}, [spec])), asked


def test_a_test_stopped_by_sigxcpu_scores_0_and_a_new_child_judges_the_rest():
    line = {"notebook": "t.ipynb"}
    first = (
        {"signal": signal.SIGXCPU, "cpu_seconds": 11.0},
        [{**line, "unreadable": []}, {**line, "verdict": _verdict("one")}],
    )
    second = (
        {"signal": None, "cpu_seconds": 1.0},
        [{**line, "verdict": _verdict("three")}, {**line, "verdict": _verdict("four", False)}]
        + [{"finished": True}],
    )
    result, asked = _judge_with_children([first, second])
    tests = result["notebooks"]["t.ipynb"]["tests"]
    assert [(t["grade_id"], t["passed"]) for t in tests] == [
        ("one", True),
        ("two", False),
        ("three", True),
        ("four", False),
    ]
    ((notebook, kind, detail),) = result["findings"]
    assert kind is Kind.VERDICT_TIME and "test two computed over 10 s" in detail
    # The second child skips what is judged and has what the first left of the student's time.
    assert asked[1] == ({"t.ipynb": ["one", "two"]}, 19.0)


def test_once_the_students_cpu_time_is_spent_no_test_is_judged_any_more():
    line = {"notebook": "t.ipynb"}
    killed = (
        {"signal": signal.SIGKILL, "cpu_seconds": 30.2},
        [{**line, "unreadable": []}, {**line, "verdict": _verdict("one")}],
    )
    result, asked = _judge_with_children([killed])
    tests = result["notebooks"]["t.ipynb"]["tests"]
    assert [t["passed"] for t in tests] == [True, False, False, False] and len(asked) == 1
    ((_, kind, detail),) = result["findings"]
    assert kind is Kind.VERDICT_TIME and "used their 30 s of CPU time in test two" in detail


def test_a_child_that_dies_otherwise_is_a_memory_finding_for_its_test():
    line = {"notebook": "t.ipynb"}
    crashed = ({"signal": signal.SIGSEGV, "cpu_seconds": 0.5}, [{**line, "unreadable": []}])
    judged = [{**line, "verdict": _verdict(g)} for g in ("two", "three", "four")]
    rest = ({"signal": None, "cpu_seconds": 0.5}, [*judged, {"finished": True}])
    result, asked = _judge_with_children([crashed, rest])
    ((_, kind, detail),) = result["findings"]
    assert kind is Kind.VERDICT_MEMORY and "judging test one stopped (SIGSEGV)" in detail
    assert asked[1][0] == {"t.ipynb": ["one"]}
