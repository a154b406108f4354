"""Verdicts, reached outside the student's kernel: the tests run on answers that came out as data.

A verdict server is one Python process per grading run, started with the trusted copy of the
course. It runs the set-up cells once (``events``, ``periods``, ``WEIGHTS``... from the trusted
data), then checks the assignment itself: the instructor's solution, passed through the same
export as a student's answers, must pass every test (or grading stops: the assignment is
broken), and on the way it records the inputs each function answer is called with, which the
sandbox will call the student's function on.

Then, for each submission, it forks a fresh child from that prepared state. The child rebuilds
the student's answers from their data (:func:`.answers.decode`), puts them beside the trusted
set-up names, runs every test cell of the instructor's notebook, hidden parts included, and
writes one verdict per test. Whatever the student's code patched or redefined in its own
kernel, it cannot reach this process: it can only change its own answers.

Warnings never fail a test; a test that takes too long on an answer fails.

Each child has its own budget, kept by the kernel rather than by this code: an address space
(``RLIMIT_AS``) a little over the prepared server's, and CPU time (``RLIMIT_CPU``) whose soft
limit is moved forward before each test and whose hard limit is what the student has left. A
test that needs more memory gets a ``MemoryError`` (or the child dies); a test that computes too
long is stopped by ``SIGXCPU`` even inside C code (a ``set`` of hash-colliding ids), and the
whole child by ``SIGKILL`` once the student's time is spent. The child writes each verdict as
soon as it has it, so the grader keeps the tests already judged, scores the one that ran out 0
with a finding, and asks a new child for the rest (:meth:`.grader.VerdictServer.judge`).
"""

from __future__ import annotations

import contextlib
import ctypes
import io
import json
import math
import os
import resource
import select
import signal
import sys
import traceback
import warnings
from dataclasses import dataclass
from pathlib import Path

from ..analysis.cases import cases_of
from . import answers as answer_data
from .assignment import AssignmentError, NotebookSpec, load

# Where the grader tells this process what to work on (never its command line, which ``ps``
# shows every account).
SNAPSHOT_ENV_VAR = "BALANCING_ACT_VERDICTS_SNAPSHOT"
ASSIGNMENT_ENV_VAR = "BALANCING_ACT_VERDICTS_ASSIGNMENT"
CALLS_ENV_VAR = "BALANCING_ACT_VERDICTS_CALLS"
BUDGET_ENV_VAR = "BALANCING_ACT_VERDICTS_BUDGET"
MAX_ANSWER_BYTES = 64 * 2**20
#: The name a notebook with cases reads its case from (:mod:`balancing_act.analysis.cases`).
MY_CASE = "MY_CASE"
MAX_PRINTED = 20_000


@dataclass(frozen=True)
class Budget:
    """What judging one student may use: memory beyond the prepared server's (``None``: no
    limit, for the negative tests), CPU seconds per test and for all of the student's tests."""

    memory_bytes: int | None = 2**30
    test_cpu_seconds: int = 60
    student_cpu_seconds: int = 900

    @property
    def test_wall_seconds(self) -> int:
        # A test waiting rather than computing (the CPU limit cannot see it): a wide margin,
        # so that a busy machine never fails an honest test.
        return 3 * self.test_cpu_seconds


class AnswerRaised(Exception):
    """The student's function raised this when the sandbox called it."""


class GraderError(BaseException):
    """Something the grader itself got wrong (not the student): reported loudly. A
    BaseException, so that no `except Exception` in a test can swallow it."""


class Replay:
    """A student's function answer: its results on the grader's inputs, as computed in the
    sandbox. Calling it looks the result up; it never runs student code here."""

    def __init__(self, name: str, results: dict):
        self.__name__ = name
        self._results = results

    def __call__(self, *args, **kwargs):
        key = answer_data.call_key(args, kwargs)
        if key not in self._results:
            raise GraderError(f"{self.__name__} has no recorded result for these inputs")
        return _outcome(self._results[key], self.__name__)

    def __repr__(self) -> str:
        return f"<the student's function {self.__name__}>"


class Recorder:
    """The instructor's function, noting every input the tests call it with (preflight only)."""

    def __init__(self, name: str, function):
        self.__name__ = name
        self._function = function
        self.calls: dict[str, list] = {}

    def __call__(self, *args, **kwargs):
        key = answer_data.call_key(args, kwargs)
        encoded = [answer_data.encode(list(args)), answer_data.encode(dict(sorted(kwargs.items())))]
        self.calls[key] = encoded
        # Through the same encoding as a student's results, so the preflight proves it faithful.
        result = json.loads(
            answer_data.canonical(answer_data.call_function(self._function, encoded))
        )
        return _outcome(result, self.__name__)


def _outcome(result, name: str):
    if not isinstance(result, dict):
        raise answer_data.AnswerFormatError(f"malformed result of {name}")
    if "raised" in result:
        raise AnswerRaised(f"{name} raised {str(result['raised'])[:300]}")
    return answer_data.decode(result.get("value"))


def setup_namespace(spec: NotebookSpec, case: str | None = None) -> dict:
    """The trusted set-up names of ``spec``; in an assignment with cases, those of ``case`` (the
    set-up cell reads ``MY_CASE``, which the grader sets to the student's case)."""
    namespace = {"__name__": "__main__"}
    if case is not None:
        namespace[MY_CASE] = case
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for index, source in enumerate(spec.setup):
            exec(compile(source, f"<set-up cell {index + 1}>", "exec"), namespace)
    return namespace


class _TestTimeout(BaseException):
    pass


def _on_alarm(signum, frame):
    raise _TestTimeout()


def _cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _allow_cpu(seconds: float) -> None:
    """Let this process compute ``seconds`` more before SIGXCPU stops it (never past the hard
    limit, what the student has left)."""
    _, hard = resource.getrlimit(resource.RLIMIT_CPU)
    resource.setrlimit(resource.RLIMIT_CPU, (min(math.ceil(_cpu_seconds() + seconds), hard), hard))


def run_tests(
    spec: NotebookSpec,
    namespace: dict,
    budget: Budget | None = None,
    skip: frozenset = frozenset(),
    on_verdict=None,
) -> list[dict]:
    """Each test cell of ``spec`` run in ``namespace``, in order: its verdict and what it printed.
    Tests in ``skip`` were judged already (by an earlier child); ``on_verdict`` hears each
    verdict as soon as it is known. In a child with a CPU budget (:func:`_take_budget`), each
    test gets ``budget.test_cpu_seconds`` of it."""
    verdicts = []
    budget = budget or Budget(memory_bytes=None)
    signal.signal(signal.SIGALRM, _on_alarm)
    limited_cpu = resource.getrlimit(resource.RLIMIT_CPU)[1] != resource.RLIM_INFINITY
    for test in spec.tests:
        if test.grade_id in skip:
            continue
        printed = io.StringIO()
        verdict = {"grade_id": test.grade_id, "max_points": test.points, "hidden": test.hidden}
        try:
            with contextlib.redirect_stdout(printed), warnings.catch_warnings():
                warnings.simplefilter("ignore")
                if limited_cpu:
                    _allow_cpu(budget.test_cpu_seconds)
                signal.alarm(budget.test_wall_seconds)
                try:
                    exec(compile(test.source, f"<test {test.grade_id}>", "exec"), namespace)
                finally:
                    signal.alarm(0)
            verdict.update(passed=True, message="")
        except _TestTimeout:
            verdict.update(
                passed=False,
                message=f"the test ran over {budget.test_wall_seconds} s on this answer",
                budget="time",
            )
        except MemoryError:
            allowed = f" than the {budget.memory_bytes // 2**20} MiB" if budget.memory_bytes else ""
            verdict.update(
                passed=False,
                message=f"the test needed more memory{allowed} judging may use, on this answer",
                budget="memory",
            )
        except GraderError:
            raise
        except NameError as error:
            name = getattr(error, "name", None) or str(error)
            verdict.update(
                passed=False,
                message=(
                    f"NameError: {name} is not defined. Did the cell that should define it run "
                    "without an error?"
                ),
            )
        except Exception as error:  # a failing test, whatever the answer made it raise
            message = str(error)[:2000]
            verdict.update(passed=False, message=f"{type(error).__name__}: {message}".rstrip(": "))
        if not verdict["passed"]:
            # The grader's own knowledge, not the message: the test's answers that the student's
            # notebook never defined (the report's "answer missing", :mod:`.phrasing`).
            verdict["missing"] = [name for name in test.answers if name not in namespace]
        verdict["points"] = test.points if verdict["passed"] else 0.0
        verdict["printed"] = printed.getvalue()[:MAX_PRINTED]
        verdicts.append(verdict)
        if on_verdict is not None:
            on_verdict(verdict)
    return verdicts


def student_namespace(spec: NotebookSpec, base: dict, exported: dict) -> tuple[dict, list[dict]]:
    """The trusted set-up names plus the student's answers rebuilt from ``exported``."""
    namespace = dict(base)
    problems = []
    data = exported.get("answers") if isinstance(exported.get("answers"), dict) else {}
    functions = exported.get("functions") if isinstance(exported.get("functions"), dict) else {}
    for name in spec.answer_names:
        if name in functions and isinstance(functions[name], dict):
            namespace[name] = Replay(name, functions[name])
        elif name in data:
            try:
                namespace[name] = answer_data.decode(data[name])
            except answer_data.AnswerFormatError as error:
                namespace[name] = answer_data.Unsupported("unreadable data")
                problems.append({"name": name, "reason": str(error)[:300]})
            value = namespace[name]
            if isinstance(value, answer_data.Unsupported) and not any(
                p["name"] == name for p in problems
            ):
                reason = (
                    value.why
                    if isinstance(value, answer_data.Unreadable)
                    else f"of type {value.type_name}"
                )
                problems.append({"name": name, "reason": reason})
    return namespace, problems


def preflight(spec: NotebookSpec, base: dict) -> dict[str, list]:
    """Run the instructor's solution through the export and every test; return the calls each
    function answer must answer. Raises AssignmentError if the solution fails a test."""
    namespace = dict(base)
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for index, source in enumerate(spec.solution_code):
            exec(compile(source, f"<solution cell {index + 1}>", "exec"), namespace)
    recorders = {}
    exported = {"answers": {}, "functions": {}}
    for name in spec.answer_names:
        if name not in namespace:
            raise AssignmentError(
                f"{spec.name}: the tests use {name!r}, which the solution never defines"
            )
        value = namespace[name]
        if callable(value) and not isinstance(value, type):
            recorders[name] = Recorder(name, value)
        else:
            exported["answers"][name] = json.loads(answer_data.canonical(answer_data.encode(value)))
    rebuilt, problems = student_namespace(spec, base, exported)
    if problems:
        raise AssignmentError(
            f"{spec.name}: the solution's answers do not survive export: {problems}"
        )
    rebuilt.update(recorders)
    for verdict in run_tests(spec, rebuilt):
        if not verdict["passed"]:
            raise AssignmentError(
                f"{spec.name}: the solution fails test {verdict['grade_id']}: {verdict['message']}"
            )
    return {name: sorted(r.calls.items()) for name, r in recorders.items()}


# --- the server ------------------------------------------------------------------------------------


def _take_budget(budget: Budget, cpu_seconds: float) -> None:
    """Bind this child by the kernel: it can lower these limits, never raise them."""
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE 0: no core file, no ptrace
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if budget.memory_bytes is not None:
        with open("/proc/self/statm") as statm:
            prepared = int(statm.read().split()[0]) * resource.getpagesize()
        limit = prepared + budget.memory_bytes
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    seconds = max(1, math.ceil(cpu_seconds))
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds))


def _child(spec_by_name: dict, bases: dict, budget: Budget, request: dict) -> None:
    """Judge one student's answers, writing each line of the result as soon as it is known:
    if the kernel stops this child, what it wrote stays for the grader."""
    skip = {name: frozenset(ids) for name, ids in request.get("skip", {}).items()}
    with open(request["result"], "w", encoding="utf-8") as result:

        def write(line: dict) -> None:
            result.write(json.dumps(line) + "\n")
            result.flush()

        try:
            _take_budget(budget, request.get("cpu_seconds", budget.student_cpu_seconds))
            for name, path in request["answers"].items():
                spec = spec_by_name[name]
                exported = {}
                if path and os.path.getsize(path) <= MAX_ANSWER_BYTES:
                    with open(path, encoding="utf-8") as handle:
                        try:
                            exported = json.load(handle)
                        except (ValueError, RecursionError):
                            exported = {}
                if not isinstance(exported, dict):
                    exported = {}
                base = bases.get((name, request.get("case")))
                if base is None:
                    raise GraderError(f"no case {request.get('case')!r} in {name}")
                namespace, problems = student_namespace(spec, base, exported)
                write({"notebook": name, "unreadable": problems})
                run_tests(
                    spec,
                    namespace,
                    budget,
                    skip.get(name, frozenset()),
                    lambda verdict, name=name: write({"notebook": name, "verdict": verdict}),
                )
            write({"finished": True})
        except GraderError as error:
            write({"grader_error": str(error)})
        except Exception:
            write({"grader_error": traceback.format_exc()[-3000:]})


def serve(snapshot: Path, assignment: str, calls_file: Path, budget: Budget) -> None:
    """Prepare, write the function inputs to ``calls_file``, say "ready", then answer requests."""
    spec = load(snapshot, assignment)
    spec_by_name = {nb.name: nb for nb in spec.notebooks}
    # One prepared set-up per case (a single one, None, without cases); the solution must pass
    # every test on every case, and a function answer is called on every case's inputs.
    case_keys = [case.key for case in cases_of(assignment)] or [None]
    bases = {
        (nb.name, case): setup_namespace(nb, case) for nb in spec.notebooks for case in case_keys
    }
    calls: dict[str, list] = {}
    for notebook in spec.notebooks:
        for case in case_keys:
            try:
                recorded = preflight(notebook, bases[notebook.name, case])
            except AssignmentError as error:
                raise AssignmentError(f"case {case!r}: {error}" if case else str(error)) from error
            for name, pairs in recorded.items():
                seen = calls.setdefault(name, [])
                seen.extend(pair for pair in pairs if pair not in seen)
    calls_file.write_text(json.dumps(calls), encoding="utf-8")
    _say({"ready": True})
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    children: dict[int, str] = {}
    buffer = b""
    while True:
        readable, _, _ = select.select([sys.stdin.buffer], [], [], 0.05)
        _reap(children)
        if not readable:
            continue
        chunk = os.read(sys.stdin.fileno(), 65536)
        if not chunk:
            break
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            request = json.loads(line)
            pid = os.fork()
            if pid == 0:
                status = 0
                try:
                    _child(spec_by_name, bases, budget, request)
                except BaseException:
                    status = 1
                finally:
                    os._exit(status)
            children[pid] = request["id"]
    while children:
        _reap(children, block=True)


def _reap(children: dict[int, str], block: bool = False) -> None:
    """Tell the grader of each child that ended: how, and the CPU time and memory it used."""
    while children:
        try:
            pid, status, usage = os.wait4(-1, 0 if block else os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return
        request_id = children.pop(pid, None)
        if request_id is not None:
            _say(
                {
                    "done": request_id,
                    "ok": os.waitstatus_to_exitcode(status) == 0,
                    "signal": os.WTERMSIG(status) if os.WIFSIGNALED(status) else None,
                    "cpu_seconds": usage.ru_utime + usage.ru_stime,
                    "max_rss_bytes": usage.ru_maxrss * 1024,
                }
            )


def _say(message: dict) -> None:
    sys.stdout.write(json.dumps(message) + "\n")
    sys.stdout.flush()


def main() -> int:
    snapshot = Path(os.environ[SNAPSHOT_ENV_VAR])
    assignment = os.environ[ASSIGNMENT_ENV_VAR]
    calls_file = Path(os.environ[CALLS_ENV_VAR])
    budget = Budget(**json.loads(os.environ[BUDGET_ENV_VAR]))
    try:
        serve(snapshot, assignment, calls_file, budget)
    except AssignmentError as error:
        _say({"assignment_error": str(error)})
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
