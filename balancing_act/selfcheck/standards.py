"""What the course asks of its self-checks as questions, beside whether they judge right.

A lesson's checks must mostly ask for judgement (at least half ``classify``, ``interpret`` or
``critique``), and a multiple-choice question must not give its key away: the keyed option no
more than a quarter longer than the longest distractor, and every wrong option a named
misconception with its own feedback. ``tests/test_check_skills.py`` holds every lesson to this.

>>> from types import SimpleNamespace as S
>>> skill_problems([S(key="a", skill="compute"), S(key="b", skill="classify")])
[]
"""

from __future__ import annotations

from .checks import JUDGEMENT_SKILLS, SKILLS
from .judging import Pick

#: The keyed option may be at most this much longer than the longest wrong option.
LONGEST_KEY_RATIO = 1.25


def skill_problems(checks) -> list[str]:
    """What is wrong with one lesson's checks as a set: an undeclared skill, too little judgement."""
    problems = [
        f"{c.key}: skill {c.skill!r} is not one of {', '.join(SKILLS)}"
        for c in checks
        if c.skill not in SKILLS
    ]
    judging = sum(c.skill in JUDGEMENT_SKILLS for c in checks)
    if checks and 2 * judging < len(checks):
        problems.append(
            f"only {judging} of {len(checks)} checks ask for judgement "
            f"({', '.join(JUDGEMENT_SKILLS)}): at least half must"
        )
    return problems


def option_problems(check, expected: str) -> list[str]:
    """What gives a multiple-choice question's key away, or leaves a wrong option unexplained."""
    if not isinstance(check.kind, Pick):
        return []
    wrong = [o for o in check.options if o != expected]
    problems = []
    longest = max((len(o) for o in wrong), default=0)
    if longest and len(expected) > LONGEST_KEY_RATIO * longest:
        problems.append(
            f"{check.key}: the keyed option has {len(expected)} characters, more than "
            f"{LONGEST_KEY_RATIO:g} × the longest wrong option's {longest}"
        )
    for option in wrong:
        if not check.option_feedback.get(option, "").strip():
            problems.append(f"{check.key}: the wrong option {option!r} has no feedback of its own")
    feedback = [check.option_feedback.get(o, "") for o in wrong]
    if len(set(feedback)) < len(feedback):
        problems.append(f"{check.key}: two wrong options share one feedback")
    return problems
