"""A whole class on a real JupyterHub: deploy/jupyterhub_config.py, run as the guide says.

The test starts JupyterHub (as root, on 127.0.0.1) with the pinned configurable-http-proxy from
npm, makes real Unix accounts and groups (an instructor, two students, one outsider) that log in
with their Unix passwords through PAM, and lets the Hub spawn each person's JupyterLab as that
person (LocalProcessSpawner) in the course environment. Everything then goes through the Hub's
proxy, as from a browser: the Hub's REST API, each user's server API, nbgrader's server
extensions (the Assignments and Formgrader panels' endpoints) and JupyterLab terminals.

The class loop: the instructor generates and releases an assignment to the exchange; two students
fetch it, answer (one right, one partly wrong), validate and submit; the instructor collects,
grades with the course's grading command in a terminal, generates and releases feedback; each
student fetches their own feedback. Then one student tries to read the other's work. The
class's progress: both students answer self-checks in kernels of their own servers, the
instructor reads the class page in Chromium, a student is refused it, deletes their own records,
and loses no attempt while the service is down.

Needs root (accounts, PAM, spawning as other users); skipped otherwise. Everything it makes is
removed at the end: the Hub and every process of the test accounts, the accounts and groups,
the exchange and homes.
"""

from __future__ import annotations

import csv
import grp
import json
import os
import re
import secrets
import shutil
import signal
import stat
import sys
import tempfile
import time
from pathlib import Path

import pamela
import pytest

from .browser.formgrader import mark, submission_problems
from .browser.lab import ARTIFACTS, CHROMIUM, CHROMIUM_ARGS, browser_tab
from .grading_tools import fill, partial_answers, solution_answers
from .hub import system
from .hub.client import Hub, HubError, Lab, login
from .hub.hub import HubProcess, free_port, write_test_config
from .notebook_tools import ROOT

pytestmark = pytest.mark.hub

NOT_ROOT = os.name != "posix" or os.geteuid() != 0
SKIP_REASON = (
    "needs root: the JupyterHub test makes Unix accounts, checks their passwords with PAM and "
    "spawns servers as them"
)

COURSE = "balancing-act"
ASSIGNMENT = "a1-periods-timeline"
NOTEBOOK = f"{ASSIGNMENT}.ipynb"
WRITTEN = "a1-resist"  # the assignment's written answer, marked by hand in the Formgrader
# Its other written answers: the export carries a score only once every one is marked.
OTHER_WRITTEN = {"a1-classify-reflect": 2.0, "a1-story": 6.0}
COURSE_ENV = Path(sys.executable).parent.parent


# --- the class: machine, accounts, Hub ----------------------------------------------------------


@pytest.fixture(scope="module")
def classroom():
    """The server of the guide, made for real, and every trace of it removed afterwards."""
    if NOT_ROOT:
        pytest.skip(SKIP_REASON)
    system.ensure_proxy()
    system.remove_leftovers()
    base = Path(tempfile.mkdtemp(prefix="ba-hub-"))
    base.chmod(0o755)
    exchange = base / "exchange"
    exchange.mkdir()
    exchange.chmod(0o1777)  # as the guide says: world-writable, sticky
    state = base / "state"
    homes = base / "home"
    homes.mkdir()
    klass = system.new_class(homes)
    made_groups, made_accounts = [], []
    hub = None
    grant = None
    try:
        for group in (klass.instructors_group, klass.students_group):
            system.add_group(group)
            made_groups.append(group)
        # The course environment (the checkout's .venv and the Python it was made from).
        grant = system.TraversalGrant(
            [ROOT, Path(sys.base_prefix), Path(sys.executable)],
            [grp.getgrnam(g).gr_gid for g in made_groups],
        ).__enter__()
        accounts = {}
        for role, groups in [
            ("teacher", [klass.instructors_group]),
            ("alice", [klass.students_group]),
            ("bob", [klass.students_group]),
            ("outsider", []),
        ]:
            accounts[role] = system.add_account(klass, role, groups)
            made_accounts.append(accounts[role].name)

        # The instructor's course directory: a clone of the course, as the guide says.
        course = accounts["teacher"].home / COURSE
        system.run("git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(course))
        system.run("chown", "-R", f"{accounts['teacher'].name}:", str(course))

        port = free_port()
        base_url = f"http://127.0.0.1:{port}"
        service_token = secrets.token_hex(32)
        etc = base / "etc"
        etc.mkdir(mode=0o700)
        env = {
            "PATH": f"{COURSE_ENV / 'bin'}:/usr/local/bin:/usr/bin:/bin",
            "LANG": "C.UTF-8",
            "BA_HUB_BIND_URL": base_url,
            "BA_HUB_STATE": str(state),
            "BA_HUB_EXCHANGE": str(exchange),
            "BA_HUB_COURSE_ENV": str(COURSE_ENV),
            "BA_HUB_INSTRUCTORS": klass.instructors_group,
            "BA_HUB_STUDENTS": klass.students_group,
            "BA_PROGRESS_PORT": str(free_port()),
        }
        hub = HubProcess(write_test_config(etc, service_token), env, base, base / "hub.log")
        hub.start(base_url)
        yield {
            "base_url": base_url,
            "hub": Hub(base_url, service_token),
            "process": hub,
            "accounts": accounts,
            "exchange": exchange,
            "course": course,
            "base": base,
        }
    finally:
        if hub is not None:
            hub.stop()
            hub.stop_proxy(state / "jupyterhub-proxy.pid")
        for name in made_accounts:
            system.remove_account(name)
        for group in made_groups:
            system.remove_group(group)
        if grant is not None:
            grant.__exit__(None, None, None)
        shutil.rmtree(base, ignore_errors=True)


@pytest.fixture(scope="module")
def labs(classroom):
    """Everyone's JupyterLab, spawned by the Hub; a token of each user's own to reach it."""
    hub = classroom["hub"]
    names = {role: a.name for role, a in classroom["accounts"].items() if role != "outsider"}
    try:
        for name in names.values():
            hub.post(f"/hub/api/users/{name}", expect=(201, 409))
            hub.post(f"/hub/api/users/{name}/server", expect=(201, 202))
        servers = {role: hub.start_server(name) for role, name in names.items()}
        tokens = {role: hub.user_token(name) for role, name in names.items()}
    except HubError as error:
        _fail_with_log(classroom, error)
    result = {role: Lab(classroom["base_url"], tokens[role], names[role]) for role in names}
    result["_servers"] = servers
    return result


def _fail_with_log(classroom, error):
    pytest.fail(f"{error}\n--- JupyterHub log (tail) ---\n{classroom['process'].log()}")


# --- the config file's own guards (no Hub needed) ------------------------------------------------


def _load_hub_config(monkeypatch, tmp_path, **overrides):
    from traitlets.config.loader import PyFileConfigLoader

    exchange = tmp_path / "exchange"
    exchange.mkdir(exist_ok=True)
    exchange.chmod(0o1777)
    settings = {
        "BA_HUB_STATE": str(tmp_path / "state"),
        "BA_HUB_EXCHANGE": str(exchange),
        "BA_HUB_COURSE_ENV": str(COURSE_ENV),
        "BA_HUB_INSTRUCTORS": grp.getgrgid(os.getgid()).gr_name,
        "BA_HUB_STUDENTS": grp.getgrgid(os.getgid()).gr_name,
        **overrides,
    }
    for name, value in settings.items():
        monkeypatch.setenv(name, value)
    loader = PyFileConfigLoader("jupyterhub_config.py", path=str(ROOT / "deploy"))
    return loader.load_config()


def test_the_default_is_pam_with_the_class_groups_on_loopback(monkeypatch, tmp_path):
    config = _load_hub_config(monkeypatch, tmp_path, BA_HUB_STUDENTS="students-of-x")
    assert config.JupyterHub.authenticator_class == "pam"
    assert config.JupyterHub.bind_url == "http://127.0.0.1:8000"
    assert config.PAMAuthenticator.allowed_groups == {
        grp.getgrgid(os.getgid()).gr_name,
        "students-of-x",
    }
    assert config.JupyterHub.spawner_class == "localprocess"
    assert Path(config.Spawner.cmd[0]) == ROOT / "deploy" / "singleuser"
    assert os.access(config.Spawner.cmd[0], os.X_OK)


def test_the_dummy_authenticator_is_refused_off_loopback(monkeypatch, tmp_path):
    config = _load_hub_config(monkeypatch, tmp_path, BA_HUB_AUTH="dummy")
    assert config.JupyterHub.authenticator_class == "dummy"
    for url in ("http://:8000", "http://0.0.0.0:8000", "https://class.example.org"):
        with pytest.raises(Exception, match="refused"):
            _load_hub_config(monkeypatch, tmp_path, BA_HUB_AUTH="dummy", BA_HUB_BIND_URL=url)


def test_a_missing_or_private_exchange_stops_the_hub(monkeypatch, tmp_path):
    with pytest.raises(Exception, match="does not exist"):
        _load_hub_config(monkeypatch, tmp_path, BA_HUB_EXCHANGE=str(tmp_path / "nowhere"))
    private = tmp_path / "private"
    private.mkdir(mode=0o755)
    with pytest.raises(Exception, match="sticky"):
        _load_hub_config(monkeypatch, tmp_path, BA_HUB_EXCHANGE=str(private))


def test_an_environment_without_jupyterhub_stops_the_hub(monkeypatch, tmp_path):
    with pytest.raises(Exception, match="not the course environment"):
        _load_hub_config(monkeypatch, tmp_path, BA_HUB_COURSE_ENV=str(tmp_path))


# --- logging in --------------------------------------------------------------------------------


def test_class_members_log_in_with_their_unix_password(classroom):
    alice = classroom["accounts"]["alice"]
    response = login(classroom["base_url"], alice.name, alice.password)
    assert response.status_code == 302, response.text[:500]
    assert "jupyterhub-hub-login" in response.cookies
    assert response.headers["location"].startswith("/hub/spawn")


def test_a_wrong_password_is_refused(classroom):
    alice = classroom["accounts"]["alice"]
    response = login(classroom["base_url"], alice.name, alice.password + "x")
    assert response.status_code == 403
    assert "jupyterhub-hub-login" not in response.cookies


def test_an_account_outside_the_class_groups_is_refused(classroom):
    outsider = classroom["accounts"]["outsider"]
    pamela.authenticate(outsider.name, outsider.password, service="login")  # a good password...
    response = login(classroom["base_url"], outsider.name, outsider.password)
    assert response.status_code == 403  # ...but not in the class
    assert "jupyterhub-hub-login" not in response.cookies


# --- everyone's JupyterLab -----------------------------------------------------------------------


def test_each_server_runs_as_its_user_in_the_course_environment(classroom, labs):
    for role in ("teacher", "alice", "bob"):
        lab = labs[role]
        status, output = lab.terminal(
            'id -un; python -c "import balancing_act.course.paths, nbgrader, sys; '
            'print(sys.prefix); print(balancing_act.course.paths.find_data_dir())"'
        )
        lines = output.strip().splitlines()
        assert status == 0, output
        assert lab.user in lines, output
        assert str(COURSE_ENV) in lines, output
        assert str(ROOT / "data") in lines, output


def test_homes_are_made_private_at_spawn(classroom, labs):
    for role in ("teacher", "alice", "bob"):
        home = classroom["accounts"][role].home
        assert stat.S_IMODE(home.stat().st_mode) == 0o700, (role, oct(home.stat().st_mode))
    # The outsider never started a server: their home is as Debian's useradd made it.
    outsider = classroom["accounts"]["outsider"].home
    assert stat.S_IMODE(outsider.stat().st_mode) & 0o005, oct(outsider.stat().st_mode)


def test_a_student_starts_on_their_own_copy_of_the_start_notebook(classroom, labs):
    server = labs["_servers"]["alice"]
    assert server["url"].rstrip("/").endswith(labs["alice"].user)
    notebook = labs["alice"].read_notebook("balancing-act/lessons/00-start-here.ipynb")
    assert notebook["cells"], "the copy of the start notebook is empty"
    copy = classroom["accounts"]["alice"].home / "balancing-act" / "lessons"
    assert copy.stat().st_uid == classroom["accounts"]["alice"].uid
    page = labs["alice"].get(f"{labs['alice'].prefix}/", expect=302)
    location = page.headers["location"].split("?")[0]
    assert location == f"{labs['alice'].prefix}/lab/tree/balancing-act/lessons/00-start-here.ipynb"


def test_only_the_instructor_gets_the_formgrader(classroom, labs):
    assert labs["teacher"].formgrader("status", method="GET") == {"status": True}
    for student in ("alice", "bob"):
        labs[student].get(f"{labs[student].prefix}/formgrader/api/status", expect=404)
        page = labs[student].get(f"{labs[student].prefix}/lab").text
        config = json.loads(
            re.search(r'id="jupyter-config-data"[^>]*>(.*?)</script>', page, re.S)[1]
        )
        disabled = config["disabledExtensions"]
        disabled = disabled if isinstance(disabled, list) else [k for k, v in disabled.items() if v]
        assert "@jupyter/nbgrader:formgrader" in disabled
        assert "@jupyter/nbgrader:create-assignment" in disabled
        assert "@jupyter/nbgrader:assignment-list" not in disabled
        assert "@jupyter/nbgrader:validate-assignment" not in disabled


def test_the_instructors_course_list_links_their_formgrader(labs):
    """nbgrader's Courses panel: the instructor's lists the course's formgrader, a student's none."""
    courses = labs["teacher"].get(f"{labs['teacher'].prefix}/formgraders").json()
    assert courses["success"], courses
    assert [(c["course_id"], c["kind"]) for c in courses["value"]] == [(COURSE, "local")]
    assert courses["value"][0]["url"].endswith(f"{labs['teacher'].prefix}/formgrader")
    student = labs["alice"].get(f"{labs['alice'].prefix}/formgraders").json()
    assert student == {"success": True, "value": []}


def test_one_user_cannot_reach_another_users_server(classroom, labs):
    bob = labs["bob"]
    alice_prefix = labs["alice"].prefix
    response = bob.get(f"{alice_prefix}/api/contents/", expect=None)
    assert response.status_code in (403, 404), response.status_code
    response = bob.get(f"{labs['teacher'].prefix}/formgrader/api/status", expect=None)
    assert response.status_code in (403, 404), response.status_code


# --- the class loop ------------------------------------------------------------------------------


def _marked(answers: dict[str, str], who: str) -> dict[str, str]:
    """The answers, each signed with a comment naming the student (to trace whose is whose)."""
    return {
        grade_id: (
            f"# answered by {who}\n{source}" if not source.startswith("A written") else source
        )
        for grade_id, source in answers.items()
    }


@pytest.fixture(scope="module")
def class_loop(classroom, labs):
    """Release, fetch, answer, validate, submit, collect, grade, feedback: all through the Hub."""
    teacher, alice, bob = labs["teacher"], labs["alice"], labs["bob"]
    seen = {}
    try:
        # The instructor: generate the student version and the gradebook, release to the exchange.
        teacher.formgrader(f"assignment/{ASSIGNMENT}/assign")
        teacher.formgrader(f"assignment/{ASSIGNMENT}/release")

        # The students: the course shows up, the assignment is there to fetch.
        answers = {
            "alice": _marked(solution_answers(ASSIGNMENT), alice.user),
            "bob": _marked(partial_answers(ASSIGNMENT), bob.user),
        }
        for who, lab in (("alice", alice), ("bob", bob)):
            seen[f"{who}-courses"] = lab.courses()
            seen[f"{who}-before"] = lab.assignments(COURSE)
            lab.nbgrader("fetch", course_id=COURSE, assignment_id=ASSIGNMENT)
            path = f"{ASSIGNMENT}/{NOTEBOOK}"
            released = lab.read_notebook(path)
            lab.save_notebook(path, _fill_json(released, answers[who]))
            seen[f"{who}-validate"] = lab.validate(path)
            seen[f"{who}-submit"] = lab.nbgrader(
                "submit", course_id=COURSE, assignment_id=ASSIGNMENT
            )
        seen["inbound"] = sorted(
            p.name for p in (classroom["exchange"] / COURSE / "inbound").iterdir()
        )

        # The instructor: collect, then grade with the course's command in a JupyterLab terminal.
        teacher.formgrader(f"assignment/{ASSIGNMENT}/collect")
        seen["grading"] = teacher.terminal(
            f"cd ~/{COURSE} && python -m balancing_act.grading {ASSIGNMENT}"
        )
        seen["submissions"] = teacher.formgrader(f"submissions/{ASSIGNMENT}", method="GET")
        teacher.formgrader(f"assignment/{ASSIGNMENT}/generate_feedback")
        teacher.formgrader(f"assignment/{ASSIGNMENT}/release_feedback")

        # The students: fetch their feedback and read it in their own server.
        for who, lab in (("alice", alice), ("bob", bob)):
            seen[f"{who}-after"] = lab.nbgrader(
                "fetch_feedback", course_id=COURSE, assignment_id=ASSIGNMENT
            )
            feedback = f"{ASSIGNMENT}/feedback"
            stamps = lab.listing(feedback)
            seen[f"{who}-feedback-stamps"] = stamps
            seen[f"{who}-feedback"] = {
                f"{stamp}/{name}": lab.contents(f"{feedback}/{stamp}/{name}", content=1).json()[
                    "content"
                ]
                for stamp in stamps
                for name in lab.listing(f"{feedback}/{stamp}")
                if name.endswith(".html")
            }
    except HubError as error:
        _fail_with_log(classroom, error)
    return seen


def _fill_json(notebook: dict, answers: dict[str, str]) -> dict:
    import nbformat

    return json.loads(nbformat.writes(fill(nbformat.from_dict(notebook), answers)))


def test_students_see_the_course_and_the_released_assignment(class_loop):
    for who in ("alice", "bob"):
        assert class_loop[f"{who}-courses"] == [COURSE]
        released = [a for a in class_loop[f"{who}-before"] if a["status"] == "released"]
        assert [a["assignment_id"] for a in released] == [ASSIGNMENT]


def test_validate_passes_the_right_answers_and_flags_the_wrong_ones(class_loop):
    right, wrong = class_loop["alice-validate"], class_loop["bob-validate"]
    assert right["success"] and wrong["success"], (right, wrong)
    assert not right["value"], right["value"]  # nothing failed
    assert wrong["value"].get("failed"), wrong["value"]


def test_both_submissions_reach_the_exchange_under_unguessable_names(classroom, class_loop):
    assert class_loop["alice-submit"]["success"] and class_loop["bob-submit"]["success"]
    names = class_loop["inbound"]
    assert len(names) == 2
    for name in names:
        student, assignment, _stamp, random_part = name.split("+")
        assert assignment == ASSIGNMENT
        assert len(random_part) >= 12  # nbgrader's 9 random bytes, base64: the folder's only guard
    owners = {classroom["accounts"][w].name for w in ("alice", "bob")}
    assert {n.split("+")[0] for n in names} == owners


def test_the_course_grading_command_grades_the_right_answers_in_full(classroom, class_loop):
    status, output = class_loop["grading"]
    assert status == 0, output
    alice, bob = (classroom["accounts"][w].name for w in ("alice", "bob"))
    assert f"| {alice} |" in output and f"| {bob} |" in output, output
    # The teacher is no root: bubblewrap's user namespace still isolates each submission.
    assert "Isolated: each submission ran in bubblewrap" in output, output
    # On the Hub the item statistics also go to the class page (read there by a later test).
    assert "Item statistics of" in output and "sent to the class page" in output, output
    scores = {s["student"]: s for s in class_loop["submissions"]}
    assert scores[alice]["autograded"] and scores[bob]["autograded"]
    maximum = scores[alice]["max_code_score"]
    assert maximum > 0
    assert scores[alice]["code_score"] == maximum
    assert 0 <= scores[bob]["code_score"] < maximum
    report = classroom["course"] / "reports" / f"{ASSIGNMENT}-grading.csv"
    assert report.exists()


def test_each_student_fetches_only_their_own_feedback(classroom, class_loop):
    names = {w: classroom["accounts"][w].name for w in ("alice", "bob")}
    scores = {s["student"]: s for s in class_loop["submissions"]}
    for who, other in (("alice", "bob"), ("bob", "alice")):
        feedback = class_loop[f"{who}-feedback"]
        (stamp,) = class_loop[f"{who}-feedback-stamps"]
        assert list(feedback) == [f"{stamp}/{ASSIGNMENT}.html"]
        html = feedback[f"{stamp}/{ASSIGNMENT}.html"]
        assert f"answered by {names[who]}" in html
        assert f"answered by {names[other]}" not in html
        total = re.search(r"Score: ([\d.]+) / ([\d.]+)", html)
        mine = scores[names[who]]
        assert (float(total[1]), float(total[2])) == (mine["score"], mine["max_score"])
        # The course's graded notebooks reached the feedback: verdicts, never the hidden tests.
        assert "BEGIN HIDDEN TESTS" not in html and "hidden:" not in html
        assert "Hidden tests passed" in html or "did not pass" in html


def test_a_student_cannot_read_another_students_work(classroom, class_loop, labs):
    accounts = classroom["accounts"]
    alice, bob = accounts["alice"], accounts["bob"]
    exchange = classroom["exchange"] / COURSE
    targets = {
        "exchange inbound (list)": str(exchange / "inbound"),
        "exchange feedback (list)": str(exchange / "feedback"),
        "alice's fetched notebook": str(alice.home / ASSIGNMENT / NOTEBOOK),
        "alice's nbgrader cache (list)": str(alice.home / ".local/share/jupyter/nbgrader_cache"),
        "alice's collected submission": str(
            classroom["course"] / "submitted" / alice.name / ASSIGNMENT / NOTEBOOK
        ),
        "alice's feedback": str(alice.home / ASSIGNMENT / "feedback"),
    }
    probe = (
        "import json, os, sys\n"
        "result = {}\n"
        "for label, path in json.loads(sys.argv[1]).items():\n"
        "    try:\n"
        "        os.listdir(path) if os.path.isdir(path) or '(list)' in label else open(path).read(1)\n"
        "        result[label] = 'read'\n"
        "    except PermissionError:\n"
        "        result[label] = 'denied'\n"
        "    except FileNotFoundError:\n"
        "        result[label] = 'missing'\n"
        "print('RESULT' + json.dumps(result))\n"
    )
    for lab in (labs["alice"], labs["bob"]):
        lab.put(
            f"{lab.prefix}/api/contents/probe.py",
            json={"type": "file", "format": "text", "content": probe},
        )

    def run_probe(lab) -> dict:
        argument = json.dumps(targets).replace("'", "'\\''")
        status, output = lab.terminal(f"python probe.py '{argument}'")
        assert status == 0, output
        return json.loads(output.split("RESULT", 2)[-1].strip().splitlines()[0])

    as_bob = run_probe(labs["bob"])
    assert as_bob == {label: "denied" for label in targets}, as_bob
    # The same probe as Alice reads her own work: the probe can tell the difference.
    as_alice = run_probe(labs["alice"])
    for label in ("alice's fetched notebook", "alice's nbgrader cache (list)", "alice's feedback"):
        assert as_alice[label] == "read", as_alice
    assert bob.uid != alice.uid


@pytest.mark.browser
def test_the_instructor_marks_written_answers_in_the_formgrader_and_the_export_carries_them(
    classroom, labs, class_loop
):
    """In Chromium, logged in to the Hub as the instructor: each submission opens in the
    Formgrader with nothing a student wrote running, the written answer is marked through the
    page, and the Canvas export, run in the instructor's terminal, carries the marks."""
    from playwright.sync_api import sync_playwright

    teacher, account = labs["teacher"], classroom["accounts"]["teacher"]
    submitted = teacher.formgrader(f"submitted_notebooks/{ASSIGNMENT}/{ASSIGNMENT}", method="GET")
    marks = dict(zip(sorted(s["student"] for s in submitted), (4.0, 1.5), strict=True))
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        shot = ARTIFACTS / "hub-formgrader-submission.png"
        with browser_tab(browser, shot, {"width": 1280, "height": 800}, full_page=False) as page:
            page.goto(f"{classroom['base_url']}/hub/login")
            page.fill("#username_input", account.name)
            page.fill("#password_input", account.password)
            page.click("#login_submit")
            page.wait_for_url(f"**{teacher.prefix}/**")
            formgrader = f"{classroom['base_url']}{teacher.prefix}/formgrader"
            for entry in submitted:
                problems = submission_problems(page, formgrader, entry["id"], WRITTEN)
                assert problems == [], entry["student"]
                for other, score in OTHER_WRITTEN.items():
                    mark(page, other, score)
                mark(page, WRITTEN, marks[entry["student"]])
            # The screenshot kept after the test shows the last written answer and its mark.
            page.locator(f"input.score#{WRITTEN}").scroll_into_view_if_needed()
            page.wait_for_timeout(1000)  # the Formgrader scrolls to the last input, animated
        browser.close()
    status, output = teacher.terminal(
        f"cd ~/{COURSE} && python -m balancing_act.grading.lms canvas {ASSIGNMENT}"
    )
    assert status == 0, output
    with (classroom["course"] / "reports" / f"{ASSIGNMENT}-canvas.csv").open(newline="") as f:
        rows = list(csv.reader(f))
    exported = {row[3]: float(row[-1]) for row in rows[2:]}  # SIS Login ID: the user name
    autograded = {s["student"]: s["code_score"] for s in class_loop["submissions"]}
    others = sum(OTHER_WRITTEN.values())
    assert exported == {who: autograded[who] + others + marks[who] for who in marks}


# --- the class's progress: self-checks answered in students' kernels, the class page --------------

PROGRESS = "/services/class-progress"
NUMBER_CHECK, CHOICE_CHECK = "l00-brent-fall", "l00-pacification-trigger"
SET_UP = f"""
import balancing_act as ba
from balancing_act.selfcheck.checks import get
def pick(key, option):
    box = ba.choice(key)
    box.picker.value = option
    box.button.click()
right_year, right_option = get("{NUMBER_CHECK}").expected_value(), get("{CHOICE_CHECK}").expected_value()
"""


def _records(lab, expected: int, timeout: float = 60) -> list[dict]:
    """What the service keeps about ``lab``'s user, once ``expected`` records have arrived (the
    kernel sends in the background)."""
    deadline = time.monotonic() + timeout
    while True:
        records = lab.get(f"{PROGRESS}/api/me").json()["records"]
        if len(records) >= expected or time.monotonic() > deadline:
            return records
        time.sleep(0.5)


def _service_pid() -> int | None:
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes()
            except OSError:
                continue
            if b"balancing_act.class_progress" in command and b"pytest" not in command:
                return int(entry.name)
    return None


@pytest.fixture(scope="module")
def progress(classroom, labs):
    """Alice and Bob answer lesson 0's self-checks in their own kernels, as cells do."""
    alice, bob = labs["alice"], labs["bob"]
    kernels = {}
    try:
        for who, lab in (("alice", alice), ("bob", bob)):
            kernels[who] = lab.start_kernel()
            lab.execute(kernels[who], SET_UP)
        # Alice: both right on the first try. Bob: the year of the slide's start (a named
        # mistake), then the second-largest fall, then right; a distractor, then right.
        alice.execute(kernels["alice"], f'ba.check("{NUMBER_CHECK}", right_year)')
        alice.execute(kernels["alice"], f'pick("{CHOICE_CHECK}", right_option)')
        for answer in ("2014", "2009", "right_year"):
            bob.execute(kernels["bob"], f'ba.check("{NUMBER_CHECK}", {answer})')
        bob.execute(
            kernels["bob"],
            f'pick("{CHOICE_CHECK}", "The 1994 oil contract with Western companies")',
        )
        bob.execute(kernels["bob"], f'pick("{CHOICE_CHECK}", right_option)')
        seen = {"alice": _records(alice, 2), "bob": _records(bob, 5)}
    except HubError as error:
        _fail_with_log(classroom, error)
    return {"kernels": kernels, "seen": seen}


def test_each_students_kernel_sends_their_attempts_under_their_own_name(labs, progress):
    alice, bob = progress["seen"]["alice"], progress["seen"]["bob"]
    assert [(r["user"], r["key"], r["right"]) for r in alice] == [
        (labs["alice"].user, NUMBER_CHECK, True),
        (labs["alice"].user, CHOICE_CHECK, True),
    ]
    assert [(r["right"], r["mistake"], r["hints_seen"]) for r in bob[:3]] == [
        (False, "the year the slide began", 0),
        (False, "the second-largest fall", 1),
        (True, None, 2),
    ]
    assert bob[3]["option"] == "The 1994 oil contract with Western companies"


def _logged_in_page(classroom, page, role):
    account = classroom["accounts"][role]
    page.goto(f"{classroom['base_url']}/hub/login")
    page.fill("#username_input", account.name)
    page.fill("#password_input", account.password)
    page.click("#login_submit")
    page.wait_for_load_state()
    return page.goto(f"{classroom['base_url']}{PROGRESS}/")


@pytest.mark.browser
def test_the_instructor_reads_the_class_page_and_a_student_is_refused(classroom, labs, progress):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        shot = ARTIFACTS / "hub-class-progress.png"
        with browser_tab(browser, shot, {"width": 1280, "height": 800}, full_page=True) as page:
            response = _logged_in_page(classroom, page, "teacher")
            assert response.status == 200, page.content()[:2000]
            text = page.inner_text("main")
            html = page.content()
        with browser_tab(
            browser, ARTIFACTS / "hub-class-progress-student.png", {"width": 1280, "height": 800}
        ) as page:
            refused = _logged_in_page(classroom, page, "alice")
            refused_text = page.inner_text("body")
        browser.close()
    # Both checks, their first-try success (Alice yes, Bob no), the hint that unblocked Bob and
    # his named mistakes and distractor; students under pseudonyms.
    assert f"{NUMBER_CHECK}" in text and f"{CHOICE_CHECK}" in text
    assert "1 (50 %)" in text, text
    assert "hint 2: 1 of 1" in text and "hint 1: 1 of 1" in text, text
    assert "the year the slide began (1)" in text and "the second-largest fall (1)" in text
    assert "The 1994 oil contract with Western companies (1)" in text
    assert "<svg" in html
    assert f"{ASSIGNMENT}: each graded item" in text  # sent by the instructor's grading
    for who in ("alice", "bob"):
        assert labs[who].user not in text
    assert refused.status == 403 and "instructors" in refused_text


def test_a_student_deletes_their_record_and_it_is_gone(labs, progress):
    bob, teacher = labs["bob"], labs["teacher"]
    assert bob.request("DELETE", f"{PROGRESS}/api/me").json() == {"deleted": 5}
    assert bob.get(f"{PROGRESS}/api/me").json()["records"] == []
    figures = teacher.get(f"{PROGRESS}/api/class").json()
    assert [(c["key"], c["tried"]) for c in figures["checks"]] == [
        (NUMBER_CHECK, 1),
        (CHOICE_CHECK, 1),
    ]
    # Alice's records are untouched.
    assert len(labs["alice"].get(f"{PROGRESS}/api/me").json()["records"]) == 2


def test_the_service_stopped_mid_lesson_loses_no_attempt_once_back(classroom, labs, progress):
    alice, kernel = labs["alice"], progress["kernels"]["alice"]
    pid = _service_pid()
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    # While it is down, Alice answers twice more: the answers wait in her outbox.
    alice.execute(kernel, f'ba.check("{NUMBER_CHECK}", 1999)')
    alice.execute(kernel, f'pick("{CHOICE_CHECK}", "The 1994 oil contract with Western companies")')
    outbox = (
        classroom["accounts"]["alice"].home
        / ".local/share/jupyter/balancing_act/progress-outbox.jsonl"
    )
    deadline = time.monotonic() + 20
    while len(outbox.read_text().splitlines()) < 2 and time.monotonic() < deadline:
        time.sleep(0.3)
    assert len(outbox.read_text().splitlines()) == 2
    # The Hub starts it again (it polls its services); her next answer sends what waited.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        back = _service_pid()
        if back and back != pid:
            try:
                if alice.get(f"{PROGRESS}/api/me", expect=None).status_code == 200:
                    break
            except Exception:  # noqa: BLE001 - still starting
                pass
        time.sleep(1)
    else:
        pytest.fail(f"the Hub did not start the service again:\n{classroom['process'].log()}")
    alice.execute(kernel, f'pick("{CHOICE_CHECK}", right_option)')
    records = _records(alice, 5)
    assert [(r["key"], r["right"]) for r in records[2:]] == [
        (NUMBER_CHECK, False),
        (CHOICE_CHECK, False),
        (CHOICE_CHECK, True),
    ]
    assert outbox.read_text() == ""


def test_the_hub_stops_cleanly_and_leaves_no_server_behind(classroom, labs, class_loop):
    """Last: stopping the Hub stops every server, kernel and the proxy, as the class config asks."""
    uids = {role: a.uid for role, a in classroom["accounts"].items()}
    assert any(system.processes_of(uid) for uid in uids.values())  # the servers were running
    proxy_pid = int((classroom["base"] / "state" / "jupyterhub-proxy.pid").read_text())
    assert Path(f"/proc/{proxy_pid}").exists()
    classroom["process"].stop()
    deadline = time.monotonic() + 20
    while any(system.processes_of(uid) for uid in uids.values()) and time.monotonic() < deadline:
        time.sleep(0.2)
    leftover = {role: system.processes_of(uid) for role, uid in uids.items()}
    assert not any(leftover.values()), leftover
    assert not Path(f"/proc/{proxy_pid}").exists()
