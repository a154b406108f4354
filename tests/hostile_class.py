"""A hostile class: every way of fooling the grader the course has met, each beside a control.

A case is one student's submission. Cheats carry a ``control``: an honest student with the
same answers and no trick, who is graded in a clean run of its own. A cheat must score no more
than its control, and exactly ``score`` where one is given, with ``kinds`` in its report lines.
Honest students at both ends of the alphabet (``aaa-honest``, ``zzz-honest``) must score as in
the clean run, whatever their classmates did.
"""

from __future__ import annotations

import copy
import json
from dataclasses import dataclass, field
from pathlib import Path

import nbformat

from .grading_tools import fill, solution_answers

A1 = "a1-periods-timeline"
A3 = "a3-balance-index"
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
DAEMON_MARK = "balancing-act-hostile-daemon"

# Walks this machine's file system as seen from inside, skipping the kernel's own views and the
# trees the grader binds read-only from the teacher's system: /usr and the Python installations
# (the course's .venv, the Python it was made from). No course file or submission is placed there,
# and walking them (about 210,000 files, nbgrader's docs example course among them) took 6.9 s of
# a cell's 10 s in a sandbox on a quiet machine, so under the class's load the cheat timed out
# before it had tried anything (measured 7 December 2026; the rest of the tree walks in 0.01 s).
WALK = """
import os, sys
def everything(pattern):
    found = []
    for root, dirs, files in os.walk('/'):
        if root.startswith(('/proc', '/sys', '/dev', '/usr', sys.prefix, sys.base_prefix)):
            dirs[:] = []
            continue
        found += [os.path.join(root, f) for f in files if pattern(os.path.join(root, f))]
    return found
"""


@dataclass
class Case:
    student: str
    assignment: str
    notebook: object = None  # a notebook, or raw text, or None (nothing submitted)
    control: str | None = None  # the honest student with the same answers
    score: float | None = None  # expected exactly, when known without the clean run
    kinds: tuple[str, ...] = ()  # report labels expected on this student's lines
    extra_files: dict[str, str] = field(default_factory=dict)  # path in the folder -> text
    notebook_name: str | None = None
    refused: bool = False  # not graded: a clear refusal in the report
    setup: object = None  # callable(folder) for what files cannot say (links, folders)
    link_to: str | None = None  # the student's whole folder is a link to this classmate's

    @property
    def honest(self) -> bool:
        return self.control is None and not self.refused


def _answers(assignment):
    return solution_answers(assignment)


def _with(released, assignment, **cells):
    return fill(released, {**_answers(assignment), **cells})


def _prefixed(released, assignment, grade_id, code):
    answers = _answers(assignment)
    return fill(released, {**answers, grade_id: code + "\n" + answers[grade_id]})


def _added_cell(notebook, code):
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    cell = nbformat.v4.new_code_cell(code)
    cell["id"] = "student-added"
    notebook.cells.append(cell)
    return notebook


def _grade_id(cell):
    meta = cell.metadata.get("nbgrader")
    return meta.get("grade_id") if isinstance(meta, dict) else None


def _first_test(notebook):
    return next(
        c
        for c in notebook.cells
        if c.metadata.get("nbgrader", {}).get("grade") and c.cell_type == "code"
    )


FAKE_EVENTS_CONTROL = "events = events.head(3).copy()"
PATCH_LOADER = """
fake = events.head(3).copy()
ba.load_events = lambda *args, **kwargs: fake.copy()
import balancing_act.tables.load as _data
_data.load_events = ba.load_events
events = ba.load_events()
"""
PATCH_CACHE = """
import balancing_act.tables.load as _data
_keep = set(events.head(3)["id"])
_real = _data._validated_table
def _fake(folder, state, name):
    table = _real(folder, state, name)
    if name == "events":
        table = table[table["id"].isin(_keep)].reset_index(drop=True)
    return table
_data._validated_table = _fake
events = ba.load_events()
"""
CHDIR_FAKE_DATA = """
import csv, os, shutil
shutil.copytree(str(ba.data_dir()), '/tmp/fake/data')
with open('/tmp/fake/data/events.csv', newline='') as handle:
    rows = list(csv.DictReader(handle))
rows.sort(key=lambda r: (r['date'], r['id']))
with open('/tmp/fake/data/events.csv', 'w', newline='') as handle:
    writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows[:3])
# The two codings and their resolutions must cover exactly the events kept, or the fake data
# fail validation and the course never reads them (issue 22): cut them to the same rows.
kept = {row['id'] for row in rows[:3]}
for name in ('coder_a', 'coder_b', 'resolutions'):
    path = f'/tmp/fake/data/coding/{name}.csv'
    with open(path, newline='') as handle:
        reader = csv.DictReader(handle)
        fields, coded = reader.fieldnames, [r for r in reader if r['id'] in kept]
    with open(path, 'w', newline='') as handle:
        writer = csv.DictWriter(handle, fieldnames=fields)
        writer.writeheader()
        writer.writerows(coded)
os.chdir('/tmp/fake')
os.environ['BALANCING_ACT_DATA'] = '/tmp/fake/data'
events = ba.load_events()
"""
BUILTINS = """
import builtins
builtins.len = lambda x: 0
builtins.abs = lambda x: 0
builtins.isinstance = lambda *args: True
builtins.set = lambda *args: frozenset()
"""
INPUT_TRANSFORMER = """
def _everything_passes(lines):
    return ["pass\\n"]
get_ipython().input_transformers_cleanup.append(_everything_passes)
"""
PRE_RUN_HOOK = """
def _before_each_cell(*args):
    names = get_ipython().user_ns
    names["with_russia"] = names["events"]
    names["near_boundary"] = names["events"]
get_ipython().events.register("pre_run_cell", _before_each_cell)
"""
RUN_SOLUTIONS = (
    WALK
    + """
import json
for path in everything(lambda p: p.endswith('.ipynb') and ('solutions' in p or 'periods' in p)):
    try:
        for cell in json.load(open(path))['cells']:
            if cell['cell_type'] == 'code':
                exec(''.join(cell['source']))
    except Exception:
        pass
"""
)
COPY_CLASSMATE = (
    WALK
    + """
import json
for path in everything(lambda p: '/submitted/' in p or '/autograded/' in p):
    exec(''.join(json.load(open(path))['cells'][3]['source']))
"""
)
DAEMON_ON_GRADEBOOK = f"""
import subprocess, sys
code = '''
import os, sqlite3, time
os.setsid()
for _ in range(3000):
    for root, dirs, files in os.walk('/'):
        if root.startswith(('/proc', '/sys')):
            dirs[:] = []
        for name in files:
            if name == 'gradebook.db':
                try:
                    db = sqlite3.connect(os.path.join(root, name))
                    db.execute('update grade set auto_score = 0')
                    db.commit()
                except Exception:
                    pass
    time.sleep(0.2)
'''
subprocess.Popen([sys.executable, '-c', code, '{DAEMON_MARK}'], start_new_session=True)
"""
OVERWRITE_CLASSMATE = (
    WALK
    + """
for path in everything(lambda p: p.endswith('.ipynb') or p.endswith('.csv')):
    try:
        open(path, 'w').write('{}')
    except OSError:
        pass
for guess in ['../zzz-honest', '../../zzz-honest', '/home/zzz-honest']:
    try:
        open(guess + '/a1-periods-timeline/a1-periods-timeline.ipynb', 'w').write('{}')
    except OSError:
        pass
"""
)
ZERO_GRADEBOOK = (
    WALK
    + """
import sqlite3
for path in everything(lambda p: p.endswith('.db')):
    db = sqlite3.connect(path)
    db.execute('update grade set auto_score = 0')
    db.commit()
"""
)
REPLACE_HIDDEN_TESTS = (
    WALK
    + """
import sqlite3
for path in everything(lambda p: p.endswith('.db')):
    db = sqlite3.connect(path)
    db.execute("update source_cell set source = 'pass'")
    db.commit()
"""
)
EDIT_PACKAGE = """
for target in [ba.__file__, ba.data_dir() / 'events.csv']:
    try:
        with open(target, 'a') as handle:
            handle.write('\\nraise SystemExit\\n')
    except OSError as error:
        print('cannot write', target, error)
"""
EDIT_CONFIG = (
    WALK
    + """
for path in everything(lambda p: p.endswith('nbgrader_config.py')):
    open(path, 'a').write('\\nc.Execute.timeout = 1\\n')
"""
)
LOCK_GRADEBOOK = (
    WALK
    + """
import fcntl
held = [open(p, 'a') for p in everything(lambda p: p.endswith('gradebook.db'))]
for handle in held:
    fcntl.lockf(handle, fcntl.LOCK_EX)
"""
)
KILL_EVERYONE = """
import os, signal
for pid in range(2, 4000):
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
"""
WARNINGS = """
import warnings
warnings.warn("this pandas call is deprecated", FutureWarning)
warnings.warn("so is this one", DeprecationWarning)
"""
WARNINGS_AS_ERRORS = """
import warnings
warnings.filterwarnings("error")
"""
FORGE_FINDINGS = """
import sys
for stream in (sys.stdout, sys.stderr):
    print("There was an error processing assignment 'a1-periods-timeline' for student 'zzz-honest'", file=stream)
    print("[AutogradeApp | ERROR] Kernel died while executing cell for student 'zzz-honest'", file=stream)
"""
MEMORY = "chunks = []\nfor _ in range(60):\n    chunks.append(b'x' * (100 * 2**20))"
PROCESSES = f"""
import os, time
started = 0
for _ in range(300):
    try:
        if os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                os.execvp('sleep', ['sleep', '1000', '{DAEMON_MARK}'])
            os._exit(0)
        started += 1
    except OSError:
        break
print('started', started)
"""
CPU_BURNER = f"""
import subprocess, sys
subprocess.Popen([sys.executable, '-c', 'while True: pass', '{DAEMON_MARK}'], start_new_session=True)
"""
OUTPUT_FLOOD = "for _ in range(600):\n    print('x' * 1_000_000, flush=True)"
ONE_HUGE_MESSAGE = "print('x' * 40_000_000)"
LOOP = "while True:\n    pass"
IGNORES_INTERRUPT = (
    "import signal\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\nwhile True:\n    pass"
)
SLEEPY = "import time\ntime.sleep(8)"  # under the class's 10 s per cell; 6 of them pass 45 s
ALWAYS_EQUAL = """
class Yes(float):
    def __eq__(self, other):
        return True
    __hash__ = float.__hash__

class YesFrame(pd.DataFrame):
    def __eq__(self, other):
        return True

with_russia = YesFrame(events.iloc[:0])
near_boundary = YesFrame(events.iloc[:0])
by_period = pd.Series([Yes(0)] * 4)
by_category = pd.Series([Yes(0)] * 8)
pivot = YesFrame()
"""
CLASSES_ONLY = (
    'classes = pd.Series("neutral", index=events.index)\n'
    'agreement = float((classes == events["alignment"].astype(str)).mean())\n'
    'kappa = cohens_kappa(list(classes), list(events["alignment"].astype(str)))'
)
LOOPING_FUNCTION = "def classify(row):\n    while True:\n        pass\n\n" + CLASSES_ONLY
HUGE_ANSWER = "import numpy as np\nwith_russia = pd.DataFrame(np.zeros((2_100_000, 1)))"
FILL_DISK = """
for folder in ('/tmp', '.'):
    try:
        with open(folder + '/filler', 'wb') as handle:
            for _ in range(1024):
                handle.write(b'x' * 2**20)
    except OSError as error:
        print('stopped:', error)
"""
NETWORK = """
import socket, urllib.request
for attempt in (lambda: socket.create_connection(('8.8.8.8', 53), timeout=3),
                lambda: urllib.request.urlopen('https://pypi.org', timeout=3)):
    try:
        attempt()
        print('network reached')
    except OSError as error:
        print('no network:', error)
"""
READ_SECRETS = """
import os
seen = {}
for path in ['/etc/shadow', '/root', '/home', '/proc/1/environ', '/work', '/course']:
    try:
        seen[path] = os.listdir(path) if os.path.isdir(path) else open(path).read()[:100]
    except OSError as error:
        seen[path] = repr(error)
print(seen)
"""
A3_ZERO_WEIGHTS = "WEIGHTS = {category: 0.0 for category in WEIGHTS}"
A3_ZERO_CONTROL = "ZERO = {category: 0.0 for category in WEIGHTS}"


def a1_cases(released) -> list[Case]:
    right = _with(released, A1)
    no_classify = _with(released, A1, **{"a1-classify": STUB})
    no_russia = _with(released, A1, **{"a1-russia": STUB})
    fake = _prefixed(released, A1, "a1-russia", FAKE_EVENTS_CONTROL)
    blank = released
    test_id = _grade_id(_first_test(released))

    def with_first(code, base=None):
        base = base or released
        answers = {_grade_id(c): c.source for c in base.cells if _grade_id(c)}
        return fill(base, {"a1-russia": code + "\n" + answers["a1-russia"]})

    edited = fill(right, {test_id: "pass"})
    deleted = nbformat.from_dict(json.loads(json.dumps(right)))
    deleted.cells = [c for c in deleted.cells if _grade_id(c) != test_id]
    duplicated = _added_cell(right, "pass")
    duplicated.cells[-1].metadata["nbgrader"] = dict(_first_test(right).metadata["nbgrader"])
    string_meta = nbformat.from_dict(json.loads(json.dumps(right)))
    next(c for c in string_meta.cells if _grade_id(c) == "a1-russia").metadata["nbgrader"] = (
        "hacked"
    )
    markdown_answer = nbformat.from_dict(json.loads(json.dumps(right)))
    answer = next(c for c in markdown_answer.cells if _grade_id(c) == "a1-russia")
    answer["cell_type"] = "markdown"
    answer.pop("outputs", None)
    answer.pop("execution_count", None)
    sleepy = nbformat.from_dict(json.loads(json.dumps(right)))
    position = next(i for i, c in enumerate(sleepy.cells) if _grade_id(c) == "a1-classify")
    for n in range(6):
        cell = nbformat.v4.new_code_cell(SLEEPY)
        cell["id"] = f"sleepy-{n}"
        sleepy.cells.insert(position, cell)

    def notebook_folder(folder: Path) -> None:
        (folder / f"{A1}.ipynb").mkdir()
        (folder / f"{A1}.ipynb" / "inside.txt").write_text("a folder, not a notebook")

    def link_to_solution(folder: Path) -> None:
        (folder / f"{A1}.ipynb").symlink_to(f"../../../solutions/{A1}/{A1}.ipynb")

    return [
        Case("aaa-honest", A1, right, score=15),
        Case("zzz-honest", A1, right, score=15),
        # The controls: honest students whose answers some cheats share.
        Case("control-blank", A1, blank, score=0),
        Case("control-no-classify", A1, no_classify, score=12),
        Case("control-no-russia", A1, no_russia, score=12),
        Case("control-fake-events", A1, fake),
        Case(
            "control-all-events",
            A1,
            fill(
                released, {"a1-russia": "with_russia = events", "a1-near": "near_boundary = events"}
            ),
        ),
        Case("control-classes-only", A1, _with(released, A1, **{"a1-classify": CLASSES_ONLY})),
        # Code in the notebook that tries to move the expected values or the verdicts
        Case(
            "package-beside-notebook",
            A1,
            blank,
            "control-blank",
            0,
            ("unexpected file",),
            {"balancing_act/__init__.py": "def load_events(*a, **k):\n    raise SystemExit\n"},
        ),
        Case(
            "data-beside-notebook",
            A1,
            blank,
            "control-blank",
            0,
            ("unexpected file",),
            {"data/datapackage.json": "{}", "data/events.csv": "id,date\nx,2000-01-01\n"},
        ),
        # Its transformer turns the grader's export into "pass" too: no answer comes out.
        Case(
            "input-transformer",
            A1,
            with_first(INPUT_TRANSFORMER),
            "control-blank",
            0,
            ("answers not taken",),
        ),
        Case("pre-run-cell-hook", A1, with_first(PRE_RUN_HOOK), "control-all-events"),
        Case("runs-the-solutions", A1, with_first(RUN_SOLUTIONS), "control-blank", 0),
        Case("copies-a-classmate", A1, with_first(COPY_CLASSMATE), "control-blank", 0),
        Case(
            "patches-load-events",
            A1,
            _prefixed(released, A1, "a1-russia", PATCH_LOADER),
            "control-fake-events",
        ),
        Case(
            "patches-the-cached-tables",
            A1,
            _prefixed(released, A1, "a1-russia", PATCH_CACHE),
            "control-fake-events",
        ),
        Case(
            "chdir-to-fake-data",
            A1,
            _prefixed(released, A1, "a1-russia", CHDIR_FAKE_DATA),
            "control-fake-events",
        ),
        # Its broken builtins break its own kernel's replies: it is stopped, as it should be.
        Case(
            "redefines-builtins",
            A1,
            with_first(BUILTINS),
            "control-blank",
            0,
            ("timeout", "kernel stopped"),
        ),
        Case(
            "always-equal-answers",
            A1,
            fill(released, {"a1-russia": ALWAYS_EQUAL}),
            "control-blank",
            0,
        ),
        Case(
            "forges-findings-on-classmates",
            A1,
            _added_cell(right, FORGE_FINDINGS),
            "aaa-honest",
            15,
        ),
        # Code that tries to hurt classmates or the course
        Case(
            "daemon-rewrites-gradebook",
            A1,
            _added_cell(right, DAEMON_ON_GRADEBOOK),
            "aaa-honest",
            15,
        ),
        Case(
            "overwrites-classmates", A1, _added_cell(right, OVERWRITE_CLASSMATE), "aaa-honest", 15
        ),
        Case("zeroes-the-gradebook", A1, _added_cell(right, ZERO_GRADEBOOK), "aaa-honest", 15),
        Case(
            "replaces-hidden-tests", A1, _added_cell(right, REPLACE_HIDDEN_TESTS), "aaa-honest", 15
        ),
        Case("edits-package-and-data", A1, _added_cell(right, EDIT_PACKAGE), "aaa-honest", 15),
        Case("edits-nbgrader-config", A1, _added_cell(right, EDIT_CONFIG), "aaa-honest", 15),
        Case("locks-the-gradebook", A1, _added_cell(right, LOCK_GRADEBOOK), "aaa-honest", 15),
        Case(
            "kills-every-process",
            A1,
            _with(released, A1, **{"a1-classify": KILL_EVERYONE}),
            "control-no-classify",
            12,
            ("kernel died",),
        ),
        Case("fills-the-disk", A1, _added_cell(right, FILL_DISK), "aaa-honest", 15),
        Case("reaches-the-network", A1, _added_cell(right, NETWORK), "aaa-honest", 15),
        Case("reads-secrets", A1, _added_cell(right, READ_SECRETS), "aaa-honest", 15),
        # Honest work that nbgrader used to cost points
        Case(
            "pandas-warnings",
            A1,
            _added_cell(with_first(WARNINGS, right), WARNINGS_AS_ERRORS),
            "aaa-honest",
            15,
        ),
        # Resources
        Case(
            "memory-hog",
            A1,
            _with(released, A1, **{"a1-classify": MEMORY}),
            "control-no-classify",
            12,
            ("memory limit",),
        ),
        Case("detached-processes", A1, _added_cell(right, PROCESSES), "aaa-honest", 15),
        Case("background-cpu-burner", A1, _added_cell(right, CPU_BURNER), "aaa-honest", 15),
        Case(
            "floods-output",
            A1,
            _with(released, A1, **{"a1-classify": OUTPUT_FLOOD}),
            "control-no-classify",
            12,
            ("output limit",),
        ),
        Case(
            "endless-loop",
            A1,
            _with(released, A1, **{"a1-classify": LOOP}),
            "control-no-classify",
            12,
            ("timeout",),
        ),
        Case(
            "ignores-the-interrupt",
            A1,
            _with(released, A1, **{"a1-classify": IGNORES_INTERRUPT}),
            "control-no-classify",
            12,
            ("timeout", "kernel stopped"),
        ),
        Case("over-the-time-limit", A1, sleepy, "control-no-classify", 12, ("time limit",)),
        Case(
            "exits-the-kernel",
            A1,
            _with(released, A1, **{"a1-classify": "import os\nos._exit(1)"}),
            "control-no-classify",
            12,
            ("kernel died",),
        ),
        Case(
            "one-huge-message",
            A1,
            _with(released, A1, **{"a1-classify": ONE_HUGE_MESSAGE}),
            "control-no-classify",
            12,
            ("output limit",),
        ),
        Case(
            "function-loops-when-called",
            A1,
            _with(released, A1, **{"a1-classify": LOOPING_FUNCTION}),
            "control-classes-only",
            13,
            ("timeout",),
        ),
        Case(
            "huge-answer",
            A1,
            _with(released, A1, **{"a1-russia": HUGE_ANSWER}),
            "control-no-russia",
            12,
            ("answer unreadable",),
        ),
        # The submitted files themselves
        Case("x[1]", A1, right, refused=True),
        Case(".hidden-student", A1, right, refused=True),
        Case("o'neil", A1, right, score=15),
        Case("edits-a-test-cell", A1, edited, "aaa-honest", 15, ("test cell edited",)),
        Case("deletes-a-test-cell", A1, deleted, "aaa-honest", 15, ("test cell deleted",)),
        Case(
            "duplicates-a-test-cell", A1, duplicated, "aaa-honest", 15, ("graded cell duplicated",)
        ),
        Case(
            "metadata-is-a-string",
            A1,
            string_meta,
            "aaa-honest",
            15,
            ("nbgrader metadata tampered", "answer cell deleted"),
        ),
        Case(
            "answer-cell-made-markdown",
            A1,
            markdown_answer,
            "aaa-honest",
            15,
            ("cell type changed",),
        ),
        Case(
            "folder-named-like-the-notebook",
            A1,
            None,
            "control-blank",
            0,
            ("not a notebook",),
            setup=notebook_folder,
        ),
        Case(
            "links-to-the-solutions",
            A1,
            None,
            "control-blank",
            0,
            ("not a notebook",),
            setup=link_to_solution,
        ),
        Case(
            "malformed-json",
            A1,
            '{"cells": [ {"cell_type": ',
            "control-blank",
            0,
            ("notebook unreadable",),
        ),
        Case("deeply-nested-json", A1, "[" * 200_000, "control-blank", 0, ("notebook unreadable",)),
        Case(
            "forgot-the-notebook",
            A1,
            None,
            "control-blank",
            0,
            ("notebook missing", "unexpected file"),
            {"my answers.txt": "I forgot to upload the notebook"},
        ),
        Case(
            "renamed-the-notebook",
            A1,
            right,
            "aaa-honest",
            15,
            ("notebook renamed",),
            notebook_name=f"{A1} (1).ipynb",
        ),
        Case(
            "garbage-timestamp",
            A1,
            right,
            "aaa-honest",
            15,
            ("timestamp unreadable",),
            {"timestamp.txt": "yesterday, around teatime"},
        ),
        Case("links-to-a-classmate", A1, refused=True, link_to="aaa-honest"),
    ]


def a3_cases(released) -> list[Case]:
    answers = _answers(A3)
    with_zero = {k: v.replace("WEIGHTS", "ZERO") for k, v in answers.items() if k != "a3-score"}
    control = fill(
        released, {**answers, **with_zero, "a3-score": A3_ZERO_CONTROL + "\n" + answers["a3-score"]}
    )
    cheat = fill(released, {**answers, "a3-score": A3_ZERO_WEIGHTS + "\n" + answers["a3-score"]})
    return [
        Case("aaa-honest", A3, fill(released, answers), score=12),
        Case("control-zero-weights", A3, control),
        Case("redefines-weights", A3, cheat, "control-zero-weights"),
    ]


# --- Odd but honest notebooks (issue 20, item 6) -------------------------------------------------
# Honest work saved or written in an unusual way. Each is graded like an honest student with the
# same answers, minus only what the oddity must cost, with a report line saying what was done.

BIG_OUTPUT_BYTES = 200 * 10**6  # embedded outputs that make the notebook file 200 MB
# A tracer of the modules the notebook imports. It forwards what the import statement passes
# (by position) and nothing else: the grader's old keyword call to __import__ failed on it.
IMPORT_TRACER = """
import builtins
_original_import = builtins.__import__
modules_used = set()
def _recording_import(name, *args):
    modules_used.add(name)
    return _original_import(name, *args)
builtins.__import__ = _recording_import
"""
# About 22 MB in messages of 0.4 MB each: past the 16 MiB of output, never one message over it.
PRINTS_THE_TABLE = """
# Reading the whole table again and again while exploring it
for _ in range(60):
    print(events.to_string(), flush=True)
"""
# An answer behind a lazy proxy that was never worked out: reading it raises.
DEFERRED_ANSWER = """
class Deferred:
    \"\"\"A table worked out when it is first needed.\"\"\"

    def __init__(self, make):
        self._make = make

    @property
    def __class__(self):
        raise RuntimeError("the table has not been worked out yet")


with_russia = Deferred(lambda: events[events["actors"].str.contains("RU")])
"""
# The kernel's own cell counter, set to what no notebook can hold (a count is 0 or more).
RENUMBERS_CELLS = "get_ipython().execution_count = -40"


def _after_setup(notebook, code, cell_id):
    """``notebook`` with a code cell added right after the set-up cell."""
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    cell = nbformat.v4.new_code_cell(code)
    cell["id"] = cell_id
    position = next(i for i, c in enumerate(notebook.cells) if _grade_id(c) == "a1-setup")
    notebook.cells.insert(position + 1, cell)
    return notebook


def _with_embedded_outputs(notebook, size: int):
    """Writes ``notebook`` with ``size`` bytes of saved image output into a student's folder,
    streamed to the disk (the test makes it; it is never committed)."""
    placeholder = "EMBEDDED-OUTPUT-PLACEHOLDER"
    notebook = nbformat.from_dict(json.loads(json.dumps(notebook)))
    setup = next(c for c in notebook.cells if _grade_id(c) == "a1-setup")
    setup.outputs = [nbformat.v4.new_output("display_data", data={"image/png": placeholder})]
    before, after = nbformat.writes(notebook).split(placeholder)
    chunk = "A" * 2**20  # valid base64

    def write(folder: Path) -> None:
        with (folder / f"{A1}.ipynb").open("w", encoding="utf-8") as handle:
            handle.write(before)
            for _ in range(size // len(chunk)):
                handle.write(chunk)
            handle.write(after)

    return write


def odd_honest_cases(released) -> list[Case]:
    right = _with(released, A1)
    return [
        Case(
            "saved-in-nbformat-3",
            A1,
            # nbformat's converter changes the notebook it is given: convert a copy.
            nbformat.writes(nbformat.convert(copy.deepcopy(right), 3), version=3),
            "aaa-honest",
            15,
            ("old notebook format",),
        ),
        Case(
            "outputs-make-200-mb",
            A1,
            None,
            "aaa-honest",
            15,
            ("large notebook",),
            setup=_with_embedded_outputs(right, BIG_OUTPUT_BYTES),
        ),
        Case(
            "hooks-import",
            A1,
            _after_setup(right, IMPORT_TRACER, "import-tracer"),
            "aaa-honest",
            15,
            ("builtins replaced",),
        ),
        Case(
            "prints-22-mb-early",
            A1,
            _after_setup(right, PRINTS_THE_TABLE, "prints-the-table"),
            "aaa-honest",
            15,
            ("output truncated",),
        ),
        Case(
            "answer-raises-when-read",
            A1,
            _with(released, A1, **{"a1-russia": DEFERRED_ANSWER}),
            "control-no-russia",
            12,
            ("answer unreadable",),
        ),
        Case(
            "renumbers-its-cells",
            A1,
            _after_setup(right, RENUMBERS_CELLS, "renumbers"),
            "aaa-honest",
            15,
            ("execution count ignored",),
        ),
    ]
