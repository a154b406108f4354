"""What the class page says, from the attempts the service stored (pure: lists in, tables out).

Per self-check: how many students tried it; how many got it right on their first try; for
those who got it right after a wrong answer, how many hints they had seen when they did (the
hint step that unblocked most); the named mistakes (the mistakes a check recognises, see
:mod:`balancing_act.selfcheck.judging`) and, for a multiple-choice question, the wrong options
(distractors) chosen, each counted once per student. And who is stuck now: a student whose
last answers to a check, within the last minutes, are wrong ones, never yet right.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

#: Who counts as stuck now: at least this many wrong answers to a check, never right, the last
#: one within the window (a student who left the check an hour ago is not stuck "now").
STUCK_WRONG = 2
STUCK_WINDOW = timedelta(minutes=20)


@dataclass(frozen=True)
class CheckSummary:
    lesson: str
    key: str
    tried: int
    first_try_right: int
    right: int  # students who got it right at some point (shown first included)
    unblocked: tuple[int, int, int] | None  # (hints seen, students, of students) or None
    mistakes: list[tuple[str, int]] = field(default_factory=list)  # label, students
    distractors: list[tuple[str, int]] = field(default_factory=list)  # option, students
    shown: int = 0  # students who asked to see the answer

    @property
    def first_try_rate(self) -> float:
        return self.first_try_right / self.tried if self.tried else 0.0


@dataclass(frozen=True)
class Stuck:
    user: str
    lesson: str
    key: str
    wrong: int
    since: datetime


def _when(attempt: dict) -> datetime:
    stamp = attempt["at"]
    stamp = datetime.fromisoformat(stamp) if isinstance(stamp, str) else stamp
    return stamp if stamp.tzinfo else stamp.replace(tzinfo=UTC)


def _ordered(attempts: list[dict]) -> list[dict]:
    return sorted(attempts, key=lambda a: (_when(a), a["id"]))


def checks(attempts: list[dict]) -> list[CheckSummary]:
    """One summary per self-check anyone tried, by lesson then key."""
    by_check: dict[tuple[str, str], dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for attempt in _ordered(attempts):
        if attempt["kind"] in ("check", "shown"):
            by_check[(attempt.get("lesson") or "", attempt["key"])][attempt["user"]].append(attempt)
    summaries = []
    for (lesson, key), by_user in sorted(by_check.items()):
        tried = first = right = shown = 0
        steps: Counter = Counter()
        unblocked_students = 0
        mistakes: Counter = Counter()
        options: Counter = Counter()
        for own in by_user.values():
            answers = [a for a in own if a["kind"] == "check"]
            shown += any(a["kind"] == "shown" for a in own)
            if not answers:
                continue
            tried += 1
            first += bool(answers[0]["right"]) and not answers[0].get("shown")
            rights = [a for a in answers if a["right"]]
            right += bool(rights)
            if rights and not answers[0]["right"]:
                unblocked_students += 1
                steps[int(rights[0].get("hints_seen") or 0)] += 1
            wrong = [a for a in answers if not a["right"]]
            mistakes.update({a["mistake"] for a in wrong if a.get("mistake")})
            options.update({a["option"] for a in wrong if a.get("option")})
        unblocked = None
        if steps:
            # The most common step; the fewest hints among equals.
            step, count = min(steps.items(), key=lambda item: (-item[1], item[0]))
            unblocked = (step, count, unblocked_students)
        summaries.append(
            CheckSummary(
                lesson,
                key,
                tried,
                first,
                right,
                unblocked,
                sorted(mistakes.items(), key=lambda item: (-item[1], item[0])),
                sorted(options.items(), key=lambda item: (-item[1], item[0])),
                shown,
            )
        )
    return summaries


def stuck_now(attempts: list[dict], now: datetime) -> list[Stuck]:
    """Students stuck on a check now (see :data:`STUCK_WRONG`, :data:`STUCK_WINDOW`), the
    longest stuck first."""
    by_pair: dict[tuple[str, str], list[dict]] = defaultdict(list)
    for attempt in _ordered(attempts):
        if attempt["kind"] == "check":
            by_pair[(attempt["user"], attempt["key"])].append(attempt)
    stuck = []
    for (user, key), answers in by_pair.items():
        if any(a["right"] for a in answers):
            continue
        last = _when(answers[-1])
        if len(answers) >= STUCK_WRONG and now - last <= STUCK_WINDOW:
            stuck.append(
                Stuck(user, answers[-1].get("lesson") or "", key, len(answers), _when(answers[0]))
            )
    return sorted(stuck, key=lambda s: (s.since, s.user, s.key))


@dataclass(frozen=True)
class LessonSummary:
    lesson: str
    students: int
    checks: int
    first_try_rate: float


def lessons(summaries: list[CheckSummary], attempts: list[dict]) -> list[LessonSummary]:
    """Per lesson: students who tried any check, checks tried, and the first-try success over
    every (student, check) pair."""
    students: dict[str, set[str]] = defaultdict(set)
    for attempt in attempts:
        if attempt["kind"] == "check":
            students[attempt.get("lesson") or ""].add(attempt["user"])
    table = []
    for lesson in sorted(students):
        own = [s for s in summaries if s.lesson == lesson]
        pairs = sum(s.tried for s in own)
        firsts = sum(s.first_try_right for s in own)
        table.append(
            LessonSummary(lesson, len(students[lesson]), len(own), firsts / pairs if pairs else 0)
        )
    return table
