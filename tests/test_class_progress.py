"""The class's progress service, without a Hub: its sums, its database, its command, the kernel's
sender, and a lesson run on and off a Hub.

The service runs as the Hub runs it (``python -m balancing_act.class_progress``) beside a
stand-in for the Hub's "whose token is this?" (``tests/hub/token_hub.py``); the test with a real
Hub, real accounts and Chromium is in ``tests/test_jupyterhub.py``.
"""

from __future__ import annotations

import grp
import json
import shutil
import time
from datetime import UTC, datetime, timedelta

import nbformat
import pytest

from balancing_act.authoring.runner import run_notebook
from balancing_act.class_progress import store, summary
from balancing_act.course.hub import TOKEN_VARIABLE, URL_VARIABLE
from balancing_act.selfcheck import sending

from .hub.token_hub import Service, TokenHub
from .notebook_tools import ROOT

T0 = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
ROOT_GROUP = grp.getgrgid(0).gr_name  # "root" is in it: the instructor; "nobody" is not


def _try(
    user, key, minute, right, *, mistake=None, option=None, hints=0, kind="check", shown=False
):
    return {
        "id": f"{user}-{key}-{minute}-{kind}",
        "user": user,
        "kind": kind,
        "key": key,
        "lesson": "05-pacifying-russia",
        "right": right,
        "mistake": mistake,
        "option": option,
        "hints_seen": hints,
        "shown": shown,
        "at": (T0 + timedelta(minutes=minute)).isoformat(),
    }


# Four students on one check (q) and one choice (c); worked by hand below.
CLASS = [
    _try("ann", "q", 1, True),  # ann: right first time
    _try("ben", "q", 1, False, mistake="a fraction"),  # ben: wrong, wrong, then right after 2 hints
    _try("ben", "q", 2, False, mistake="a fraction"),
    _try("ben", "q", 3, True, hints=2),
    _try("cat", "q", 1, False, mistake="the total"),  # cat: wrong, then right after 1 hint
    _try("cat", "q", 2, True, hints=1),
    _try("dan", "q", 1, False, kind="shown"),  # dan: asked for the answer first, then right
    _try("dan", "q", 2, True, shown=True),
    _try("ann", "c", 5, False, option="Moscow"),  # the choice: ann picks a distractor, then right
    _try("ann", "c", 6, True, hints=1),
    _try("ben", "c", 10, False, option="Moscow"),  # ben: three wrong, never right: stuck
    _try("ben", "c", 11, False, option="Ankara"),
    _try("ben", "c", 12, False, option="Moscow"),
]


def test_the_class_sums_match_a_hand_count():
    q, c = (
        {s.key: s for s in summary.checks(CLASS)}["q"],
        {s.key: s for s in summary.checks(CLASS)}["c"],
    )
    # q: four tried; right first time: ann only (dan saw the answer first) -> 1 of 4.
    assert (q.tried, q.first_try_right, q.right, q.shown) == (4, 1, 4, 1)
    # Unblocked after a wrong first answer: ben at hint 2, cat at hint 1 (dan's first answer was
    # right, after seeing it): two steps seen once each, the fewer hints named -> hint 1, 1 of 2.
    assert q.unblocked == (1, 1, 2)
    # Named mistakes, once per student: "a fraction" (ben, twice, counted once), "the total".
    assert q.mistakes == [("a fraction", 1), ("the total", 1)]
    # c: ann and ben tried, nobody right first; ann unblocked after 1 hint; Moscow chosen by two.
    assert (c.tried, c.first_try_right, c.right) == (2, 0, 1)
    assert c.unblocked == (1, 1, 1)
    assert c.distractors == [("Moscow", 2), ("Ankara", 1)]
    (lesson,) = summary.lessons(summary.checks(CLASS), CLASS)
    # Pairs (student, check) tried: 4 + 2 = 6; right first time: 1 -> 1/6.
    assert (lesson.students, lesson.checks) == (4, 2)
    assert lesson.first_try_rate == pytest.approx(1 / 6)


def test_stuck_now_is_recent_repeated_and_never_right():
    # ben's three wrong answers to c, the last at minute 12: stuck at minute 20, not at 40.
    stuck = summary.stuck_now(CLASS, T0 + timedelta(minutes=20))
    assert [(s.user, s.key, s.wrong) for s in stuck] == [("ben", "c", 3)]
    assert summary.stuck_now(CLASS, T0 + timedelta(minutes=40)) == []
    # One wrong answer is not stuck; a right one ends it.
    assert summary.stuck_now(CLASS[:2], T0 + timedelta(minutes=2)) == []


@pytest.fixture
def engine(tmp_path):
    return store.connect(f"sqlite:///{tmp_path / 'progress.sqlite'}")


def _sent(user, key, minute, right, **extra):
    record = _try(user, key, minute, right, **extra)
    record.pop("user")
    return record


def test_an_attempt_is_stored_once_under_the_user_the_hub_named(engine):
    record = {**_sent("ann", "q", 1, True), "user": "someone-else"}  # a name in the body is ignored
    assert store.add(engine, "ann", [record, record]) == (1, 1)
    assert store.add(engine, "ann", [record]) == (0, 1)
    (kept,) = store.of_user(engine, "ann")
    assert kept["user"] == "ann" and kept["key"] == "q" and kept["right"] is True
    assert store.of_user(engine, "someone-else") == []


@pytest.mark.parametrize(
    "broken, words",
    [
        ({"kind": "guess"}, "'kind'"),
        ({"id": ""}, "'id'"),
        ({"key": "k" * 300}, "'key'"),
        ({"at": "yesterday"}, "'at'"),
        ({"hints_seen": "2"}, "'hints_seen'"),
        ({"option": ["a"]}, "'option'"),
    ],
)
def test_a_malformed_attempt_stores_nothing_of_its_batch(engine, broken, words):
    good = _sent("ann", "q", 1, True)
    bad = {**_sent("ann", "q", 2, False), **broken}
    with pytest.raises(store.BadAttempt, match=words):
        store.add(engine, "ann", [good, bad])
    assert store.of_user(engine, "ann") == []


def test_deleting_and_forgetting(engine):
    store.add(engine, "ann", [_sent("ann", "q", 1, True)])
    store.add(engine, "ben", [_sent("ben", "q", 1, False)])
    assert store.delete_user(engine, "ann") == 1
    assert store.of_user(engine, "ann") == [] and len(store.of_user(engine, "ben")) == 1
    # Kept for the days the guide states, counted from arrival: gone after, not before.
    assert store.forget_older_than(engine, 120, datetime.now(UTC) + timedelta(days=119)) == 0
    assert store.forget_older_than(engine, 120, datetime.now(UTC) + timedelta(days=121)) == 1


# --- the service's command, with the Hub's token check stood in for -------------------------------


@pytest.fixture
def hub():
    stand_in = TokenHub()
    yield stand_in
    stand_in.stop()


@pytest.fixture
def service(hub, tmp_path):
    running = Service(hub, tmp_path / "state", ROOT_GROUP)
    running.start()
    yield running
    running.stop()


def test_the_service_keeps_what_a_student_sends_and_shows_it_to_instructors_only(hub, service):
    student, teacher = hub.token("nobody"), hub.token("root")
    answered = service.call(
        "POST", "api/attempts", student, json={"attempts": [_sent("x", "q", 1, False, mistake="m")]}
    )
    assert answered.status_code == 200 and answered.json() == {"stored": 1, "already_stored": 0}
    mine = service.call("GET", "api/me", student).json()
    assert mine["user"] == "nobody" and [r["mistake"] for r in mine["records"]] == ["m"]
    # The class: the instructor reads it; the student is refused, with a reason.
    for path in ("", "api/class"):
        refused = service.call("GET", path, student)
        assert refused.status_code == 403 and "instructors" in refused.json()["error"]
    figures = service.call("GET", "api/class", teacher).json()
    assert [(c["key"], c["tried"], c["mistakes"]) for c in figures["checks"]] == [
        ("q", 1, [["m", 1]])
    ]
    page = service.call("GET", "", teacher).text
    assert "<code>q</code>" in page and "m (1)" in page and "<svg" in page
    assert "nobody" not in page  # pseudonyms unless the course shows names


def test_the_service_refuses_who_the_hub_does_not_vouch_for(hub, service):
    record = {"attempts": [_sent("x", "q", 1, True)]}
    assert service.call("POST", "api/attempts", None, json=record).status_code == 403
    assert service.call("POST", "api/attempts", "made-up", json=record).status_code == 403
    no_access = hub.token("nobody", access=False)
    assert service.call("POST", "api/attempts", no_access, json=record).status_code == 403
    # A page asked for without a token goes to the Hub's login.
    assert service.call("GET", "", None).status_code == 302
    assert (
        store.all_attempts(
            store.connect(f"sqlite:///{service.env['BA_HUB_STATE']}/class-progress.sqlite")
        )
        == []
    )


def test_a_malformed_batch_is_refused_with_its_reason_and_nothing_kept(hub, service):
    student = hub.token("nobody")
    for body in ({"attempts": [_sent("x", "q", 1, True), {"kind": "guess"}]}, {"no": 1}, [1]):
        refused = service.call("POST", "api/attempts", student, json=body)
        assert refused.status_code == 400, body
        assert refused.json()["error"].startswith("not attempts"), refused.text
    assert service.call("GET", "api/me", student).json()["records"] == []


def test_a_student_deletes_what_is_kept_about_them_and_nobody_else(hub, service):
    ann, ben = hub.token("nobody"), hub.token("root")
    service.call("POST", "api/attempts", ann, json={"attempts": [_sent("x", "q", 1, True)]})
    service.call("POST", "api/attempts", ben, json={"attempts": [_sent("x", "q", 2, True)]})
    assert service.call("DELETE", "api/me", ann).json() == {"deleted": 1}
    assert service.call("GET", "api/me", ann).json()["records"] == []
    assert len(service.call("GET", "api/me", ben).json()["records"]) == 1


def test_a_students_own_page_lists_what_is_kept_and_its_button_deletes_it(hub, service):
    student = hub.token("nobody")
    service.call(
        "POST", "api/attempts", student, json={"attempts": [_sent("x", "q", 1, False, mistake="m")]}
    )
    page = service.call("GET", "me", student).text
    assert "<code>q</code>" in page and "under a pseudonym" in page
    assert 'action="/services/class-progress/me/delete"' in page
    deleted = service.call("POST", "me/delete", student)
    assert deleted.status_code == 302 and deleted.headers["location"].endswith("/me")
    assert "keeps nothing about you" in service.call("GET", "me", student).text


def test_a_written_answer_is_sent_as_its_length_and_ratings_never_its_text(
    own_data, hub, service, monkeypatch
):
    from balancing_act.selfcheck import records, written
    from balancing_act.selfcheck.checks import all_written

    token = hub.token("nobody")
    monkeypatch.setenv(URL_VARIABLE, service.url)
    monkeypatch.setenv(TOKEN_VARIABLE, token)
    prompt = next(iter(all_written().values()))
    text = "A secret sentence. " * prompt.min_words
    entry, _ = written.assessment(prompt, text, ["met"] * len(prompt.criteria))
    records.record_written(prompt.key, entry)
    deadline = time.monotonic() + 10  # sent in the background
    while not (kept := service.call("GET", "api/me", token).json()["records"]):
        assert time.monotonic() < deadline, "nothing arrived"
        time.sleep(0.1)
    (record,) = kept
    assert (record["kind"], record["key"], record["words"]) == (
        "written",
        prompt.key,
        entry["words"],
    )
    assert [r["rating"] for r in record["ratings"]] == ["met"] * len(prompt.criteria)
    assert "secret" not in json.dumps(record)


def test_names_show_only_when_the_course_says_so(hub, tmp_path):
    student, teacher = hub.token("nobody"), hub.token("root")
    for show, expected in (("1", True), ("", False)):
        running = Service(hub, tmp_path / f"state-{show}", ROOT_GROUP, BA_PROGRESS_SHOW_NAMES=show)
        running.start()
        try:
            records = [_sent("x", "q", m, False) for m in (1, 2, 3)]
            for r in records:
                r["at"] = datetime.now(UTC).isoformat()  # stuck now
                r["id"] += show
            running.call("POST", "api/attempts", student, json={"attempts": records})
            stuck = running.call("GET", "api/class", teacher).json()["stuck"]
            assert [s["student"] == "nobody" for s in stuck] == [expected]
            assert stuck[0]["student"].startswith("student-") is not expected
        finally:
            running.stop()


ITEMS_CSV = """grade_id,notebook,points,students,facility,discrimination,flags,facility_north,facility_south
a6-easy,a6.ipynb,1,9,1.0,,too easy; does not discriminate (everyone the same on it),1.0,1.0
a6-fair,a6.ipynb,2,9,0.6,0.72,,0.667,0.0
"""


def test_grading_on_the_hub_sends_the_item_statistics_to_instructors_only(
    hub, service, tmp_path, monkeypatch
):
    from balancing_act.grading.class_page import send_items

    items = tmp_path / "a6-items.csv"
    items.write_text(ITEMS_CSV, encoding="utf-8")
    teacher, student = hub.token("root"), hub.token("nobody")
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    assert send_items(items, "a6") is None  # off the Hub: nothing, not even a line
    monkeypatch.setenv(URL_VARIABLE, service.url)
    monkeypatch.setenv(TOKEN_VARIABLE, student)
    assert "answered 403" in send_items(items, "a6")
    assert service.call("GET", "api/class", teacher).json()["items"] == {}
    monkeypatch.setenv(TOKEN_VARIABLE, teacher)
    assert send_items(items, "a6").startswith("Item statistics of 2 tests sent")
    sent = service.call("GET", "api/class", teacher).json()["items"]["a6"]
    assert [r["grade_id"] for r in sent] == ["a6-easy", "a6-fair"]
    page = service.call("GET", "", teacher).text
    # Flagged first, with the flag's words, and the facility by case.
    assert page.index("a6-easy") < page.index("a6-fair")
    assert "too easy; does not discriminate" in page and "Facility, case south" in page


# --- the kernel's sender ---------------------------------------------------------------------------


@pytest.fixture
def own_data(tmp_path, monkeypatch):
    monkeypatch.setenv("JUPYTER_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv(URL_VARIABLE, raising=False)
    monkeypatch.delenv(TOKEN_VARIABLE, raising=False)
    return tmp_path / "data"


def test_off_a_hub_nothing_is_queued_or_sent(own_data):
    sending.send(sending.attempt("q", "l", right=True), wait=True)
    assert not sending.outbox().exists() and sending.flush() == 0


def test_a_student_who_cannot_reach_the_service_loses_nothing(own_data, hub, tmp_path, monkeypatch):
    token = hub.token("nobody")
    service = Service(hub, tmp_path / "state", ROOT_GROUP)
    monkeypatch.setenv(URL_VARIABLE, service.url)
    monkeypatch.setenv(TOKEN_VARIABLE, token)
    # The service is down: both attempts wait in the outbox.
    first, second = (sending.attempt(k, "l", right=False) for k in ("q1", "q2"))
    sending.send(first, wait=True)
    sending.send(second, wait=True)
    assert [json.loads(line)["key"] for line in sending.outbox().read_text().splitlines()] == [
        "q1",
        "q2",
    ]
    service.start()
    try:
        third = sending.attempt("q3", "l", right=True)
        sending.send(third, wait=True)  # the next attempt sends what waited
        kept = service.call("GET", "api/me", token).json()["records"]
        assert sorted(r["key"] for r in kept) == ["q1", "q2", "q3"]
        assert sending.outbox().read_text() == ""
        # Sent again (an answer lost on the way back): still one row each.
        assert service.call("POST", "api/attempts", token, json={"attempts": [first]}).json() == {
            "stored": 0,
            "already_stored": 1,
        }
    finally:
        service.stop()


# --- a lesson, run off and on a Hub ----------------------------------------------------------------

LESSON = "00-start-here"
CHECK = "l00-brent-fall"


def _run_lesson_with_a_wrong_answer(folder):
    """Lesson 0 with a wrong year in its first check, run top to bottom in a fresh kernel."""
    notebook = nbformat.read(ROOT / "lessons" / f"{LESSON}.ipynb", as_version=4)
    for cell in notebook.cells:
        if f'ba.check("{CHECK}"' in cell.source:
            cell.source = cell.source.replace(
                "steepest_fall_year = ...", "steepest_fall_year = 1999"
            )
    shutil.copytree(ROOT / "lessons", folder, dirs_exist_ok=True)
    return run_notebook(notebook, cwd=folder)


@pytest.mark.notebooks
def test_off_a_hub_a_lesson_runs_as_before_and_sends_nothing(own_data, hub, tmp_path):
    service = Service(hub, tmp_path / "state", ROOT_GROUP)
    service.start()
    try:
        _run_lesson_with_a_wrong_answer(tmp_path / "lessons")
        progress = json.loads((own_data / "balancing_act" / "progress.json").read_text())
        assert progress["checks"][CHECK]["tries"] == 1  # the check answered and remembered
        assert not (own_data / "balancing_act" / sending.OUTBOX_NAME).exists()
        database = store.connect(f"sqlite:///{service.env['BA_HUB_STATE']}/class-progress.sqlite")
        assert store.all_attempts(database) == []
    finally:
        service.stop()


@pytest.mark.notebooks
def test_on_a_hub_the_same_run_sends_the_attempt(own_data, hub, tmp_path, monkeypatch):
    """The counterpart: with the Hub's two variables set, the attempt reaches the service."""
    token = hub.token("nobody")
    service = Service(hub, tmp_path / "state", ROOT_GROUP)
    service.start()
    monkeypatch.setenv(URL_VARIABLE, service.url)
    monkeypatch.setenv(TOKEN_VARIABLE, token)
    try:
        _run_lesson_with_a_wrong_answer(tmp_path / "lessons")
        kept = service.call("GET", "api/me", token).json()["records"]
        assert [(r["key"], r["lesson"], r["right"]) for r in kept] == [(CHECK, LESSON, False)]
    finally:
        service.stop()
