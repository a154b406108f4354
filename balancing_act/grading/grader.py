"""Grading a class: one runner for one or many workers.

For each student, in parallel up to ``workers`` at a time: read the submission (nothing runs
yet), run its cells in a fresh sandbox and collect its answers as data, have the verdict server
judge them, then write the gradebook and the graded notebook. One student's failure, of any
kind, is reported on their line and never stops the others.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import signal
import sys
import time
import uuid
from dataclasses import asdict, dataclass, field
from pathlib import Path

from . import answers as answer_data
from . import course as course_files
from . import gradebook, inspect, names, report, verdicts, workspace
from . import picture as class_picture
from .assignment import AssignmentError, AssignmentSpec, NotebookSpec, load
from .cases import CaseRecordError, ClassCases, StudentCase
from .findings import Finding, Kind
from .run import RunPlan, run_submission
from .sandbox import (
    COURSE_DIR,
    Binding,
    Limits,
    Sandbox,
    detect,
    python_bindings,
    sandbox_environment,
    write_etc,
)
from .verdicts import MY_CASE, Budget
from .workspace import share


class GradingRefused(RuntimeError):
    """Grading did not start (nothing was written), for the reason given."""


class CourseChanged(RuntimeError):
    """A course file changed during grading: the grades cannot be trusted."""


@dataclass
class StudentResult:
    student: str
    findings: list[Finding] = field(default_factory=list)
    score: float | None = None
    max_score: float | None = None
    seconds: float = 0.0
    skipped: bool = False  # already graded (--resume)
    graded_again: str | None = None  # why --resume graded this student again
    # For the teacher's notes (:mod:`.phrasing`): per submitted notebook, whether any answer
    # cell changed from the release, and the answer names its tests found never defined.
    answered: dict[str, bool] = field(default_factory=dict)
    missing: dict[str, list[str]] = field(default_factory=dict)
    # In an assignment with cases: the case graded on, and how the student has it (drawn or by
    # hand); the case the notebook's MY_CASE named; and the other cases the answers fit better.
    case: StudentCase | None = None
    declared_case: str | None = None
    fits_better: list[CaseFit] = field(default_factory=list)


@dataclass(frozen=True)
class CaseFit:
    """Evidence for the teacher, never a verdict: the answers score ``points`` of the hidden
    tests' ``hidden_points`` on case ``key``, against ``own_points`` on the student's own."""

    key: str
    points: float
    own_points: float
    hidden_points: float


@dataclass
class ClassResult:
    assignment: str
    sandbox_summary: str
    isolated: bool
    students: list[StudentResult]
    refused: list[tuple[str, str]]
    report_path: Path
    course_changes: list[str] = field(default_factory=list)
    kernel_start_seconds: float = 0.0  # mean time to start a student's kernel (in its sandbox)
    seconds: float = 0.0
    workers: int = 1
    picture: class_picture.ClassPicture | None = None  # the whole class, from the gradebook
    swept: list[str] = field(default_factory=list)  # what killed earlier runs left, removed


class VerdictServer:
    """The trusted process that judges answers (see :mod:`.verdicts`).

    Its command line names no file: where the trusted copy is comes in its environment, which
    only this account can read (``ps`` shows every account's command lines)."""

    def __init__(
        self,
        snapshot: course_files.Snapshot,
        assignment: str,
        scratch: Path,
        readers_gid: int | None,
        budget: Budget,
    ):
        self.snapshot, self.assignment, self.scratch = snapshot, assignment, scratch
        self.readers_gid = readers_gid
        self.budget = budget
        self.calls_file = scratch / "calls.json"
        self.process = None
        self.waiting: dict[str, asyncio.Future] = {}
        self.counter = 0

    async def start(self) -> None:
        environment = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(self.scratch),
            "LANG": "C.UTF-8",
            "PYTHONDONTWRITEBYTECODE": "1",
            **self.snapshot.environment(),
            verdicts.SNAPSHOT_ENV_VAR: str(self.snapshot.root),
            verdicts.ASSIGNMENT_ENV_VAR: self.assignment,
            verdicts.CALLS_ENV_VAR: str(self.calls_file),
            verdicts.BUDGET_ENV_VAR: json.dumps(asdict(self.budget)),
        }
        self.process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "balancing_act.grading.verdicts",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
            cwd=self.scratch,
            env=environment,
            limit=2**20,
        )
        line = await self.process.stdout.readline()
        message = json.loads(line) if line.strip() else {}
        if not message.get("ready"):
            stderr = (await self.process.stderr.read()).decode(errors="replace")
            raise AssignmentError(message.get("assignment_error") or stderr[-3000:] or "no answer")
        share(self.calls_file, self.readers_gid)  # shown to the sandboxes, read-only
        asyncio.ensure_future(self._listen())

    async def _listen(self) -> None:
        while True:
            line = await self.process.stdout.readline()
            if not line:
                for future in self.waiting.values():
                    if not future.done():
                        future.set_exception(RuntimeError("the verdict server stopped"))
                return
            message = json.loads(line)
            future = self.waiting.pop(message.get("done"), None)
            if future is not None and not future.done():
                future.set_result(message)

    async def _ask(
        self,
        answers: dict[str, Path | None],
        skip: dict[str, list[str]],
        cpu_seconds: float,
        case: str | None,
    ) -> tuple[dict, list[dict]]:
        """One child's judging: how it ended (with its CPU time) and the lines it wrote."""
        self.counter += 1
        request_id = str(self.counter)
        result_path = self.scratch / f"verdict-{request_id}.jsonl"
        future = asyncio.get_running_loop().create_future()
        self.waiting[request_id] = future
        request = {
            "id": request_id,
            "case": case,
            "answers": {name: str(p) if p else None for name, p in answers.items()},
            "result": str(result_path),
            "skip": skip,
            "cpu_seconds": cpu_seconds,
        }
        self.process.stdin.write((json.dumps(request) + "\n").encode())
        await self.process.stdin.drain()
        ended = await future
        lines = []
        if result_path.exists():
            for line in result_path.read_text(encoding="utf-8").splitlines():
                with contextlib.suppress(ValueError):  # the last line, if the child was stopped
                    lines.append(json.loads(line))
            result_path.unlink()
        return ended, lines

    async def judge(
        self,
        answers: dict[str, Path | None],
        notebooks: list[NotebookSpec],
        case: str | None = None,
    ) -> dict:
        """Every test's verdict on ``answers`` (on ``case``, in an assignment with cases), and the
        budget findings. A child the kernel
        stopped (memory, CPU) keeps the verdicts it wrote; the test it stopped in scores 0, and
        a new child judges the tests after it, in what is left of the student's CPU time."""
        specs = {nb.name: nb for nb in notebooks if nb.name in answers}
        judged: dict[str, dict[str, dict]] = {name: {} for name in specs}
        unreadable: dict[str, list] = {name: [] for name in specs}
        findings: list[tuple[str, Kind, str]] = []
        cpu_left = float(self.budget.student_cpu_seconds)
        while True:
            skip = {name: sorted(verdicts) for name, verdicts in judged.items()}
            ended, lines = await self._ask(answers, skip, cpu_left, case)
            for line in lines:
                if "grader_error" in line:
                    return {"grader_error": line["grader_error"]}
                if "verdict" in line:
                    judged[line["notebook"]][line["verdict"]["grade_id"]] = line["verdict"]
                elif "unreadable" in line:
                    unreadable[line["notebook"]] = line["unreadable"]
            pending = [
                (name, test)
                for name, spec in specs.items()
                for test in spec.tests
                if test.grade_id not in judged[name]
            ]
            if any("finished" in line for line in lines) or not pending:
                break
            if ended.get("signal") is None:
                return {"grader_error": f"the verdict process failed ({ended})"}
            cpu_left -= ended.get("cpu_seconds") or 0.0
            # Its hard limit was what the student had left (rounded up): reached, it is spent.
            spent = cpu_left < 1
            (name, test), rest = pending[0], pending[1:]
            kind, detail = self._stopped(ended["signal"], spent, test.grade_id, len(rest))
            findings.append((name, kind, detail))
            for stopped_name, stopped_test in pending[: len(pending) if spent else 1]:
                judged[stopped_name][stopped_test.grade_id] = {
                    "grade_id": stopped_test.grade_id,
                    "max_points": stopped_test.points,
                    "hidden": stopped_test.hidden,
                    "passed": False,
                    "message": detail,
                    "points": 0.0,
                    "printed": "",
                    "stopped": True,  # not judged: the report says "judging stopped"
                }
            if spent:
                break
        return {
            "notebooks": {
                name: {
                    "tests": [judged[name][t.grade_id] for t in spec.tests],
                    "unreadable": unreadable[name],
                }
                for name, spec in specs.items()
            },
            "findings": findings,
        }

    def _stopped(self, signal_number: int, spent: bool, grade_id: str, after: int):
        """The finding for a child the kernel stopped in test ``grade_id``."""
        if spent:
            return Kind.VERDICT_TIME, (
                f"the student's tests used their {self.budget.student_cpu_seconds} s of CPU time "
                f"in test {grade_id}; it and the {after} tests after it were not judged"
            )
        if signal_number == signal.SIGXCPU:
            return Kind.VERDICT_TIME, (
                f"test {grade_id} computed over {self.budget.test_cpu_seconds} s of CPU time on "
                "this answer"
            )
        try:
            name = signal.Signals(signal_number).name
        except ValueError:
            name = str(signal_number)
        memory = self.budget.memory_bytes
        return Kind.VERDICT_MEMORY, (
            f"judging test {grade_id} stopped ({name})"
            + (f", most likely out of its {memory // 2**20} MiB of memory" if memory else "")
        )

    async def stop(self) -> None:
        if self.process is not None and self.process.returncode is None:
            self.process.stdin.close()
            with contextlib.suppress(asyncio.TimeoutError):
                await asyncio.wait_for(self.process.wait(), 30)
            if self.process.returncode is None:
                self.process.kill()
                await self.process.wait()


class Runner:
    def __init__(
        self,
        course: Path,
        spec: AssignmentSpec,
        sandbox: Sandbox,
        limits: Limits,
        workers: int,
        work: workspace.Workspace,
        cases: ClassCases,
    ):
        self.course, self.spec, self.sandbox, self.limits = course, spec, sandbox, limits
        self.workers = max(1, workers)
        self.url = gradebook.db_url(course)
        self.work = work
        self.scratch = work.folder("scratch")  # answers and verdicts on their way
        self.tests_digest = gradebook.tests_digest(spec)
        self.snapshot: course_files.Snapshot | None = None
        self.verdicts: VerdictServer | None = None
        self.slots: asyncio.Queue[int] = asyncio.Queue()
        self.startups: list[float] = []
        self.cases = cases  # empty for an assignment without cases

    def plan(self, with_calls: bool = True) -> RunPlan:
        # The trusted package comes first on the kernel's path, before anything installed.
        bindings = python_bindings() + [
            Binding(self.snapshot.python, f"{COURSE_DIR}/python"),
            Binding(self.snapshot.data, f"{COURSE_DIR}/data"),
            Binding(self.snapshot.cache, f"{COURSE_DIR}/cache"),
        ]
        if self.sandbox.isolated:
            python, data, cache = (f"{COURSE_DIR}/{part}" for part in ("python", "data", "cache"))
        else:
            python, data, cache = (
                str(p) for p in (self.snapshot.python, self.snapshot.data, self.snapshot.cache)
            )
        uids = [self.sandbox.uid_for(slot) for slot in range(self.workers)]
        etc = write_etc(self.work.folder("etc"), uids, self.sandbox.readers_gid)
        calls = None
        if with_calls and self.verdicts.calls_file.stat().st_size > 2:
            calls = self.verdicts.calls_file
        return RunPlan(
            # In an assignment with cases, MY_CASE is taken too: the report sets the case the
            # notebook names beside the one it is graded on.
            answer_names=sorted(
                {n for nb in self.spec.notebooks for n in nb.answer_names}
                | ({MY_CASE} if self.cases else set())
            ),
            calls_file=calls,
            bindings=bindings,
            etc_dir=etc,
            environment=sandbox_environment(python, data, cache),
            kernels_dir=self.work.folder("kernels"),
        )

    async def grade_one(self, student: str, plan: RunPlan, resume: bool) -> StudentResult:
        result = StudentResult(student)
        started = time.monotonic()
        # Reading a large notebook takes seconds: in a thread, while other students' cells run.
        prepared = await asyncio.get_running_loop().run_in_executor(
            None, inspect.prepare, self.course, self.spec.name, student, self.spec.notebooks
        )
        result.case = self.cases.of(student)
        own = result.case.case.key if result.case else None
        # A case changed by hand changes what the answers are judged on: --resume grades again.
        digest = prepared.digest if own is None else f"{prepared.digest}:case={own}"
        if resume:
            result.graded_again = gradebook.why_grade_again(
                self.course, self.spec.name, student, digest, self.tests_digest
            )
            if result.graded_again is None:
                result.skipped = True
                return result
        result.findings += prepared.findings
        outcomes = {}
        answer_files: dict[str, Path | None] = {}
        for spec in self.spec.notebooks:
            notebook = prepared.notebooks[spec.name]
            outcome = gradebook.NotebookOutcome(notebook)
            outcomes[spec.name] = outcome
            answer_files[spec.name] = None
            if not notebook.present:
                continue
            result.answered[spec.name] = notebook.answered
            slot = await self.slots.get()
            try:
                run = await run_submission(
                    student,
                    spec.name,
                    notebook.to_run,
                    self.sandbox,
                    self.limits,
                    slot,
                    plan,
                    self.sandbox.cgroups,
                )
            finally:
                self.slots.put_nowait(slot)
            if run.startup_seconds:
                self.startups.append(run.startup_seconds)
            result.findings += run.findings
            outcome.executed = run.cells
            path = self.scratch / f"answers-{uuid.uuid4().hex}.json"
            path.write_text(json.dumps({"answers": run.answers, "functions": run.functions}))
            answer_files[spec.name] = path
            if self.cases and run.answers.get(MY_CASE) is not None:
                with contextlib.suppress(Exception):  # the student's text, whatever it holds
                    result.declared_case = str(answer_data.decode(run.answers[MY_CASE]))[:80]
        if any(answer_files.values()):
            judged = await self.verdicts.judge(answer_files, self.spec.notebooks, own)
            if "grader_error" not in judged and result.case:
                result.fits_better = await self._fits_better(answer_files, judged, own)
            for path in answer_files.values():
                if path:
                    path.unlink(missing_ok=True)
            if "grader_error" in judged:
                raise RuntimeError(f"the verdict server failed: {judged['grader_error']}")
            for name, kind, detail in judged["findings"]:
                result.findings.append(Finding(student, name, kind, detail))
            for name, verdict in judged["notebooks"].items():
                outcomes[name].verdicts = verdict["tests"]
                result.missing[name] = sorted(
                    {n for test in verdict["tests"] for n in test.get("missing") or ()}
                )
                for test in verdict["tests"]:
                    if test.get("budget"):  # a MemoryError or a wait, seen by the child itself
                        kind = (
                            Kind.VERDICT_MEMORY if test["budget"] == "memory" else Kind.VERDICT_TIME
                        )
                        detail = f"test {test['grade_id']}: {test['message']}"
                        result.findings.append(Finding(student, name, kind, detail))
                for problem in verdict["unreadable"]:
                    result.findings.append(
                        Finding(
                            student,
                            name,
                            Kind.ANSWER_UNREADABLE,
                            f"{problem['name']} {problem['reason']}",
                        )
                    )
        gradebook.record(self.url, self.spec, student, outcomes, prepared.timestamp)
        gradebook.write_graded(
            self.course,
            self.spec.name,
            student,
            outcomes,
            digest,
            self.tests_digest,
            case_note(result),
        )
        result.seconds = time.monotonic() - started
        return result

    async def _fits_better(
        self, answer_files: dict[str, Path | None], judged: dict, own: str
    ) -> list[CaseFit]:
        """The other cases on which these answers pass more hidden points than on their own.

        Only answers that lost hidden points are judged again: full marks on one's own case
        cannot fit another better."""

        def hidden(result: dict) -> tuple[float, float]:
            tests = [t for nb in result["notebooks"].values() for t in nb["tests"] if t["hidden"]]
            return sum(t["points"] for t in tests), sum(t["max_points"] for t in tests)

        own_points, hidden_points = hidden(judged)
        if own_points >= hidden_points:
            return []
        fits = []
        for case in self.cases.cases:
            if case.key == own:
                continue
            other = await self.verdicts.judge(answer_files, self.spec.notebooks, case.key)
            if "grader_error" in other:
                continue
            points, _ = hidden(other)
            if points > own_points:
                fits.append(CaseFit(case.key, points, own_points, hidden_points))
        return sorted(fits, key=lambda fit: -fit.points)

    async def self_test(self, plan: RunPlan) -> None:
        """Start one sandboxed kernel before anyone is graded: if that fails, nobody is."""
        run = await run_submission(
            "(self-test)", "-", [], self.sandbox, self.limits, 0, plan, self.sandbox.cgroups
        )
        broken = [f for f in run.findings if f.kind is Kind.KERNEL_DID_NOT_START]
        if broken:
            raise GradingRefused(f"the sandbox could not start a kernel: {broken[0].detail}")

    async def grade(self, students: list[str], resume: bool, advance) -> list[StudentResult]:
        for slot in range(self.workers):
            self.slots.put_nowait(slot)
        # nbgrader's sync is the slowest step of the start: it goes first, in its own process.
        sync = asyncio.ensure_future(
            gradebook.sync_assignment(self.course, self.spec.name, self.work.folder("release"))
        )
        self.snapshot = await asyncio.get_running_loop().run_in_executor(
            None,
            course_files.take_snapshot,
            self.course,
            self.spec.name,
            self.work.snapshot,
            self.sandbox.readers_gid,
        )
        self.verdicts = VerdictServer(
            self.snapshot,
            self.spec.name,
            self.scratch,
            self.sandbox.readers_gid,
            Budget(
                memory_bytes=self.limits.verdict_memory_bytes,
                test_cpu_seconds=self.limits.cell_seconds,
                student_cpu_seconds=self.limits.student_seconds,
            ),
        )
        try:
            # Three things that take seconds each, at once: the gradebook learns the assignment,
            # the verdict server checks the solution, and one sandbox is started as a test.
            await asyncio.gather(self.verdicts.start(), self.self_test(self.plan(False)), sync)
            plan = self.plan()

            async def guarded(student: str) -> StudentResult:
                try:
                    return await self.grade_one(student, plan, resume)
                except Exception as error:  # the grader's own failure on one student
                    failed = StudentResult(student)
                    failed.findings.append(
                        Finding(
                            student,
                            "*",
                            Kind.GRADER_ERROR,
                            f"{type(error).__name__}: {error}"[:300],
                        )
                    )
                    with contextlib.suppress(Exception):
                        gradebook.record(self.url, self.spec, student, _nothing(self.spec), None)
                    return failed
                finally:
                    advance()

            limiter = asyncio.Semaphore(self.workers)

            async def limited(student: str) -> StudentResult:
                async with limiter:
                    return await guarded(student)

            return list(await asyncio.gather(*(limited(s) for s in students)))
        finally:
            await self.verdicts.stop()


def case_note(result: StudentResult) -> str | None:
    """The line that opens a graded notebook with cases: the case its answers were judged on."""
    if result.case is None:
        return None
    case = result.case.case
    note = f'**Graded on your case: {case.words}** (`MY_CASE = "{case.key}"`).'
    if result.declared_case != case.key:
        note += (
            f" Your notebook named {result.declared_case or 'no case'}: your answers were "
            "judged on the case above. If you think that is wrong, ask your teacher."
        )
    return note


def _nothing(spec: AssignmentSpec) -> dict:
    return {
        nb.name: gradebook.NotebookOutcome(inspect.PreparedNotebook(nb.name))
        for nb in spec.notebooks
    }


def grade_class(
    course: Path,
    assignment: str,
    students: list[str] | None = None,
    *,
    workers: int | None = None,
    resume: bool = False,
    limits: Limits | None = None,
    require_sandbox: bool = False,
    progress: bool = False,
) -> ClassResult:
    """Grade every submitted student of ``assignment`` (or only ``students``) and report.

    SIGINT, SIGTERM or SIGHUP stop it with :class:`.workspace.Interrupted`, once everything the
    run made outside the course is gone (students graded so far keep their grades)."""
    with workspace.stop_on_signals():
        return _grade_class(
            course,
            assignment,
            students,
            workers=workers,
            resume=resume,
            limits=limits,
            require_sandbox=require_sandbox,
            progress=progress,
        )


def _grade_class(
    course: Path,
    assignment: str,
    students: list[str] | None,
    *,
    workers: int | None,
    resume: bool,
    limits: Limits | None,
    require_sandbox: bool,
    progress: bool,
) -> ClassResult:
    started = time.monotonic()
    course = Path(course).resolve()
    limits = limits or Limits()
    workers = workers or os.cpu_count() or 1
    sandbox = detect()
    if require_sandbox and not sandbox.isolated:
        raise GradingRefused(f"--require-sandbox: {sandbox.reason}; nothing was graded")
    spec = load(course, assignment)
    try:
        cases = ClassCases(course, assignment)
    except CaseRecordError as error:
        raise GradingRefused(f"{error}; nothing was graded") from error
    before = course_files.fingerprint(course)
    accepted, refused = inspect.list_students(course, assignment)
    similar = names.lookalikes(accepted)
    if students:
        wanted = set(students)
        unknown = wanted - set(accepted) - {name for name, _ in refused}
        if unknown:
            raise GradingRefused(f"no submission of {assignment} from {', '.join(sorted(unknown))}")
        accepted = [s for s in accepted if s in wanted]
        refused = [(s, r) for s, r in refused if s in wanted]
    # What runs killed outright left (their working folders, their cgroups) goes first.
    swept = workspace.sweep_folders() + (sandbox.cgroups.sweep() if sandbox.cgroups else [])
    work = workspace.create()
    runner = Runner(course, spec, sandbox, limits, workers, work, cases)
    try:
        with report.progress_bar(len(accepted), assignment, progress) as advance:
            results = asyncio.run(runner.grade(accepted, resume, advance))
    finally:
        work.remove()
    url = gradebook.db_url(course)
    table = gradebook.scores(url, assignment)
    for result in results:
        result.score, result.max_score = table.get(result.student, (None, None))
        if result.student in similar:
            detail = names.describe(result.student, similar[result.student])
            result.findings.append(Finding(result.student, "*", Kind.ID_LOOKALIKE, detail))
    after = course_files.fingerprint(course)
    summary = sandbox.describe(limits)
    outcome = ClassResult(
        assignment=assignment,
        sandbox_summary=summary,
        isolated=sandbox.isolated,
        students=results,
        refused=refused,
        report_path=report.markdown_path(course, assignment),
        course_changes=course_files.changes(before, after),
        kernel_start_seconds=sum(runner.startups) / len(runner.startups)
        if runner.startups
        else 0.0,
        seconds=time.monotonic() - started,
        workers=workers,
        picture=class_picture.read(course, spec, url),
        swept=swept,
    )
    if cases:  # everyone in the gradebook, this run's students and earlier ones'
        outcome.picture.cases = {s: cases.of(s).case.key for s in outcome.picture.scores}
        outcome.picture.case_words = {case.key: case.words for case in cases.cases}
    report.write(course, outcome)
    if outcome.course_changes:
        raise CourseChanged("; ".join(outcome.course_changes[:10]))
    return outcome
