"""The checks hidden tests call (balancing_act.grading.content), alone and through the grader."""

from __future__ import annotations

import json

import pandas as pd
import pytest

import balancing_act as ba
from balancing_act.analysis.cases.a3 import COURSE_TEN
from balancing_act.grading import answers, content, verdicts
from balancing_act.grading.assignment import load

from .grading_tools import (
    course_copy,
    fill,
    make_grade,
    read_report,
    release,
    solution_answers,
    submit,
)
from .notebook_tools import ROOT

SIX = {
    "1999-leaves-collective-security-treaty": "C2",
    "2005-btc-opened-at-sangachal": "C3",
    "2010-baku-cancels-us-drills": "C4",
    "2015-manat-first-devaluation": "C12",
    "2018-russian-teaching-directive": "C6",
    "2023-armenia-azerbaijan-direct-joint-statement": "C11",
}


def _table(ids, claim="C5", **changes):
    events = ba.load_events()
    table = events.loc[events["id"].isin(ids), ["id", "date", "title"]].reset_index(drop=True)
    table["claim"] = claim
    for column, values in changes.items():
        table[column] = values
    return table


EARLY = [
    "2008-russia-georgia-war",
    "2014-unga-crimea-vote",
    "2015-manat-first-devaluation",
    "2016-april-war-moscow-ceasefire",
    "2017-btk-railway-opens",
    "2018-sgc-launch-baku",
]
LATE = [
    "2020-trilateral-ceasefire-russian-peacekeepers",
    "2022-allied-interaction-declaration",
    "2023-karabakh-one-day-offensive",
    "2025-russian-house-closure",
]


def test_a_link_passes_when_the_events_table_links_the_claim_and_fails_otherwise():
    content.linked_claim(SIX, "2005-btc-opened-at-sangachal")
    with pytest.raises(AssertionError, match="2005-btc-opened-at-sangachal: not a claim"):
        content.linked_claim(
            {**SIX, "2005-btc-opened-at-sangachal": "C9"}, "2005-btc-opened-at-sangachal"
        )


def test_a_defensible_link_is_one_the_event_or_its_episode_is_linked_to():
    # The directive was issued during Putin's visit: the visit's rows link C5 as well as C6.
    directive = "2018-russian-teaching-directive"
    assert content.defensible_claims(directive) == {"C5", "C6"}
    for claim in ("C5", "C6"):
        content.defensible_link({**SIX, directive: claim}, directive)
    with pytest.raises(AssertionError, match=f"{directive}: not a claim the event or its episode"):
        content.defensible_link({**SIX, directive: "C12"}, directive)
    # An event alone in its episode is held to its own row's links.
    assert content.defensible_claims("2015-manat-first-devaluation") == {"C12"}
    with pytest.raises(AssertionError, match="not an event"):
        content.defensible_claims("1999-made-up")


@pytest.mark.parametrize("answer", [[], "C3", None, answers.Unsupported("x.Cheat")])
def test_a_defensible_link_of_the_wrong_kind_fails(answer):
    with pytest.raises((AssertionError, TypeError, KeyError, IndexError)):
        content.defensible_link(answer, "2005-btc-opened-at-sangachal")


def test_hindsight_starts_the_day_after_the_paper():
    # The months of 2019 after the paper are hindsight: the Vienna summit of 29 March 2019 is in.
    content.event_dates(
        _table(["2019-vienna-aliyev-pashinyan", *LATE]), "hindsight", known_by_the_paper=False
    )
    with pytest.raises(AssertionError, match="hindsight starts on 15 March 2019"):
        content.event_dates(
            _table(["2019-sipri-arms-shares", *LATE]), "hindsight", known_by_the_paper=False
        )


OUTSIDE = {
    "cornell-2011-azerbaijan-since-independence": "memo",  # a book of 2011
    "cislegislation-1997-treaty": "memo",  # the text behind the reader's 1997 treaty page
    "broers-2021-anatomy-of-a-rivalry": "note",  # a book of 2021: fine in the hindsight note
}


def test_outside_sources_one_primary_and_one_scholarly_pass():
    content.outside_sources(OUTSIDE)
    content.outside_sources({"kremlin-2018-sochi-aliyev": "memo", "toal-2017-near-abroad": "memo"})


@pytest.mark.parametrize(
    ("used", "message"),
    [
        ({}, "no outside sources"),
        (
            {**OUTSIDE, "made-up-2019-source": "memo"},
            "not sources of the course: ['made-up-2019-source']",
        ),
        ({**OUTSIDE, "toal-2017-near-abroad": "essay"}, "uses other than 'memo' or 'note'"),
        ({**OUTSIDE, "reuters-2015-manat-devalued": "memo"}, "neither primary nor scholarly"),
        ({"cornell-2011-azerbaijan-since-independence": "memo"}, "no primary source"),
        ({"cislegislation-1997-treaty": "memo"}, "no scholarly"),
        ({**OUTSIDE, "broers-2021-anatomy-of-a-rivalry": "memo"}, "published after 14 March 2019"),
    ],
)
def test_outside_sources_fail_on_each_mistake_with_a_message(used, message):
    with pytest.raises(AssertionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        content.outside_sources(used)


@pytest.mark.parametrize("answer", [[], "cornell-2011-azerbaijan-since-independence", None])
def test_outside_sources_of_the_wrong_kind_fail(answer):
    with pytest.raises((AssertionError, TypeError, AttributeError)):
        content.outside_sources(answer)


@pytest.mark.parametrize("answer", [[], "C3", None, answers.Unsupported("x.Cheat")])
def test_an_answer_of_the_wrong_kind_fails_and_never_passes(answer):
    with pytest.raises((AssertionError, TypeError, KeyError, IndexError)):
        content.linked_claim(answer, "2005-btc-opened-at-sangachal")


def test_a_tag_is_checked_against_the_events_date_and_the_papers_day():
    content.paper_or_later_tag({"S5": "paper"}, "S5", "2018-dushanbe-aliyev-pashinyan")
    content.paper_or_later_tag({"S2": "later"}, "S2", "2019-vienna-aliyev-pashinyan")
    with pytest.raises(AssertionError, match="S2 is tagged wrongly"):
        content.paper_or_later_tag({"S2": "paper"}, "S2", "2019-vienna-aliyev-pashinyan")


def test_an_evidence_table_of_real_events_passes_each_check():
    content.event_rows(_table(EARLY), "evidence", min_rows=6)
    content.event_dates(_table(EARLY), "evidence", known_by_the_paper=True)
    content.event_dates(_table(LATE), "hindsight", known_by_the_paper=False)
    content.claim_ids(_table(EARLY), "evidence")


@pytest.mark.parametrize(
    ("check", "message"),
    [
        (lambda: content.event_rows(_table(EARLY[:5]), "evidence", 6), "fewer than 6 rows"),
        (
            lambda: content.event_rows(
                _table(EARLY, id=EARLY[:5] + ["1999-made-up"]), "evidence", 6
            ),
            "ids not in events: ['1999-made-up']",
        ),
        (
            lambda: content.event_rows(_table(EARLY).drop(columns="claim"), "evidence", 6),
            "lacks a required column",
        ),
        (
            lambda: content.event_dates(
                _table(EARLY[:5] + LATE[:1]), "evidence", known_by_the_paper=True
            ),
            "after 14 March 2019",
        ),
        (
            lambda: content.event_dates(
                _table(EARLY[:1] + LATE), "hindsight", known_by_the_paper=False
            ),
            "hindsight starts on 15 March 2019",
        ),
        (
            lambda: content.event_dates(
                _table(LATE, date=pd.Timestamp("2021-01-01")), "hindsight", known_by_the_paper=False
            ),
            "dates differ",
        ),
        (
            lambda: content.claim_ids(_table(EARLY, claim="C99"), "evidence"),
            "not claim ids: ['C99']",
        ),
        (lambda: content.claim_ids(_table([]), "evidence"), "evidence is empty"),
    ],
)
def test_each_check_fails_on_its_mistake_with_a_message(check, message):
    with pytest.raises(AssertionError, match=message.replace("[", r"\[").replace("]", r"\]")):
        check()


@pytest.fixture(scope="module")
def a4():
    spec = load(ROOT, "a4-claims-evidence").notebooks[0]
    return spec, verdicts.setup_namespace(spec)


def test_the_hidden_tests_need_only_the_students_answer(a4):
    spec, _ = a4
    hidden = {t.grade_id: t.answers for t in spec.tests if t.hidden}
    assert len(hidden) == 10
    assert all(names in (("links",), ("paper_or_later",)) for names in hidden.values())


def test_through_the_grader_each_hidden_link_earns_its_point_alone(a4):
    spec, base = a4
    wrong = {**SIX, "2010-baku-cancels-us-drills": "C9", "2018-russian-teaching-directive": "C1"}
    data = {"links": json.loads(answers.canonical(answers.encode(wrong)))}
    namespace, problems = verdicts.student_namespace(spec, base, {"answers": data})
    results = {r["grade_id"]: r["passed"] for r in verdicts.run_tests(spec, namespace)}
    failed = sorted(
        g for g, passed in results.items() if g.startswith("a4-links-hidden") and not passed
    )
    assert problems == [] and failed == ["a4-links-hidden-3", "a4-links-hidden-5"]


A4 = "a4-claims-evidence"
CHECKS = (
    "linked_claim",
    "defensible_link",
    "paper_or_later_tag",
    "event_rows",
    "event_dates",
    "claim_ids",
    "outside_sources",
)
WRONG_LINKS = f"links = dict.fromkeys({sorted(SIX)!r}, 'C1')"
# In the student's kernel: every hidden check replaced by one that passes whatever it is given.
PATCHES_THE_CHECKS = f"""
import balancing_act.grading.content as _content
for _name in {CHECKS!r}:
    setattr(_content, _name, lambda *args, **kwargs: None)
ba.grading = __import__("balancing_act.grading").grading
"""


@pytest.mark.nbgrader
@pytest.mark.sandbox
def test_patching_the_checks_in_the_kernel_scores_no_more_than_the_honest_wrong_answer(tmp_path):
    course = course_copy(tmp_path)
    released = release(course, A4)
    right = solution_answers(A4)
    wrong = {**right, "a4-links": WRONG_LINKS}
    submit(course, "right", A4, fill(released, right))
    submit(course, "wrong", A4, fill(released, wrong))
    cheat = {**wrong, "a4-links": PATCHES_THE_CHECKS + WRONG_LINKS}
    submit(course, "patches-the-checks", A4, fill(released, cheat))
    run = make_grade(course, A4)
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    scores = {student: row["score"] for student, row in read_report(course, A4).items()}
    assert scores["patches-the-checks"] == scores["wrong"] < scores["right"]


def test_the_cheat_passes_every_check_in_the_process_it_runs_in(monkeypatch):
    """So the test above can fail: where the student's code runs, the patched checks say yes."""
    for name in CHECKS:
        monkeypatch.setattr(content, name, getattr(content, name))  # put back after the test
    exec(PATCHES_THE_CHECKS, {"ba": ba})
    content.defensible_link({}, "2005-btc-opened-at-sangachal")  # unpatched: a KeyError


# --- a1's rule-based coder and a3's re-coding: the agreement is the student's own -------------


def _domestic_rule(row):
    return "neutral" if row["category"] == "domestic" else "toward_west"


def test_a_rule_and_its_own_predictions_pass_and_other_predictions_fail():
    events = ba.load_events()
    classes = events.apply(_domestic_rule, axis=1)
    content.rule_predictions(_domestic_rule, classes)
    with pytest.raises(AssertionError, match="not what classify gives"):
        content.rule_predictions(_domestic_rule, classes.iloc[::-1].reset_index(drop=True))


def test_a_rule_that_reads_the_course_code_fails():
    def copies(row):
        return str(row["alignment"])

    with pytest.raises(KeyError):
        content.rule_predictions(copies, ba.load_events()["alignment"].astype(str))


def test_the_agreement_of_a_rule_is_recomputed_from_its_predictions():
    events = ba.load_events()
    classes = events.apply(_domestic_rule, axis=1)
    codes = events["alignment"].astype(str)
    share = float((classes == codes).mean())
    kappa = ba.analysis.agreement.cohens_kappa(list(classes), list(codes))
    content.rule_agreement(classes, share, kappa)
    with pytest.raises(AssertionError, match="agreement"):
        content.rule_agreement(classes, 0.59, kappa)  # the solution's figure, not this rule's
    with pytest.raises(AssertionError, match="kappa"):
        content.rule_agreement(classes, share, share)


TEN = list(COURSE_TEN)  # the course's own ten, the first case's (a3)
PARTNERS = list(content.PARTNER_CODE_COLUMNS)


def _course_codes():
    return ba.load_events().set_index("id").loc[TEN, PARTNERS].reset_index()


def test_a_recoding_of_the_ten_events_passes_the_form_and_its_agreement_is_recomputed():
    mine = _course_codes()
    mine.loc[0, "to_russia"] = 1.0  # one disagreement
    content.recoded_form(mine, TEN)
    content.recoded_agreement(
        mine,
        59 / 60,
        ba.analysis.agreement.cohens_kappa(
            [0 if pd.isna(v) else v for v in mine[PARTNERS].to_numpy().ravel()],
            [0 if pd.isna(v) else v for v in _course_codes()[PARTNERS].to_numpy().ravel()],
        ),
    )
    with pytest.raises(AssertionError, match="agreement"):
        content.recoded_agreement(mine, 1.0, 1.0)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda t: t.iloc[:9], "exactly the ten"),
        (lambda t: pd.concat([t, t.iloc[:1]]), "twice"),
        (lambda t: t.fillna(0), "other than 1, -1"),
        (lambda t: t.drop(columns="to_china"), "lacks the columns"),
    ],
)
def test_a_recoding_of_the_wrong_form_fails_with_its_message(change, message):
    with pytest.raises(AssertionError, match=message):
        content.recoded_form(change(_course_codes()), TEN)
