"""The pages the progress service serves: the class page (instructors) and a student's own page.

Plain HTML with inline SVG charts drawn in the course's theme (no script, no network), so the
page works offline and a screen reader reads it as tables. The class page reloads itself every
:data:`REFRESH_SECONDS` during a class.
"""

from __future__ import annotations

import json
from datetime import datetime
from html import escape

from ..course.vocabulary import LABEL_TEXT, PALE_GREY, QUIET_TEXT, WRONG_TEXT
from .summary import CheckSummary, LessonSummary, Stuck

REFRESH_SECONDS = 30
STYLE = f"""
body{{font-family:system-ui,sans-serif;margin:1.5rem auto;max-width:72rem;padding:0 1rem;
line-height:1.4;color:{LABEL_TEXT}}}
table{{border-collapse:collapse;margin:.5rem 0 1.5rem;font-size:.95rem}}
th,td{{border-bottom:1px solid {PALE_GREY};padding:.3rem .6rem;text-align:left;vertical-align:top}}
th{{font-weight:600}}
.scroll{{overflow-x:auto}}
.flag{{color:{WRONG_TEXT};font-weight:600}}
figure{{margin:0 0 1.5rem;overflow-x:auto}}
figure svg{{max-width:100%;height:auto}}
figcaption{{font-size:.9rem;color:{QUIET_TEXT}}}
"""


def _page(title: str, body: str, refresh: bool = False) -> str:
    meta = f'<meta http-equiv="refresh" content="{REFRESH_SECONDS}">' if refresh else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"{meta}<title>{escape(title)}</title><style>{STYLE}</style></head>"
        f"<body><main><h1>{escape(title)}</h1>{body}</main></body></html>"
    )


def _table(headers: list[str], rows: list[list[str]], caption: str) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in headers)
    body = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    return (
        f'<div class="scroll"><table><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _percent(share: float) -> str:
    return f"{round(100 * share)} %"


def unblocked_words(summary: CheckSummary) -> str:
    if summary.unblocked is None:
        return "—"
    step, count, of = summary.unblocked
    what = (
        "no hint (a second try)"
        if step == 0
        else f"hint {step}"
        if step <= 2
        else "the worked step"
    )
    return f"{escape(what)}: {count} of {of}"


def _counted(pairs: list[tuple[str, int]], limit: int = 3) -> str:
    if not pairs:
        return "—"
    return "; ".join(f"{escape(label)} ({count})" for label, count in pairs[:limit])


def first_try_chart(summaries: list[CheckSummary]) -> str:
    """First-try success per check, as an SVG figure with its description."""
    import altair as alt
    import pandas as pd

    from ..charts.offline import described_svg
    from ..course.vocabulary import OKABE_ITO

    table = pd.DataFrame(
        [
            {
                "check": s.key,
                "lesson": s.lesson,
                "rate": s.first_try_rate,
                "label": f"{s.first_try_right}/{s.tried}",
            }
            for s in summaries
        ]
    )
    order = [s.key for s in summaries]
    share = alt.X(
        "rate:Q",
        title="Share right on the first try",
        scale=alt.Scale(domain=[0, 1]),
        axis=alt.Axis(format="%"),
    )
    base = alt.Chart(table).encode(
        y=alt.Y(
            "check:N",
            title="Self-check (by lesson)",
            sort=order,
            # vl-convert measures labels a little short: room so the title never covers one
            axis=alt.Axis(labelLimit=260, titlePadding=14),
        )
    )
    bars = base.mark_bar(color=OKABE_ITO[4]).encode(
        x=share,
        tooltip=[
            alt.Tooltip("check:N", title="Check"),
            alt.Tooltip("lesson:N", title="Lesson"),
            alt.Tooltip("label:N", title="Right first time"),
        ],
    )
    labels = base.mark_text(align="left", dx=4, fontSize=11).encode(x=share, text="label:N")
    chart = (bars + labels).properties(width=460, height=max(80, 22 * len(order)))
    hardest = min(summaries, key=lambda s: (s.first_try_rate, s.key))
    description = (
        f"Bar chart of the share of students who answered each of {len(summaries)} self-checks "
        f"right on their first try. Lowest: {hardest.key}, {hardest.first_try_right} of "
        f"{hardest.tried}."
    )
    svg = described_svg(chart, "Right on the first try, by self-check", description)
    return (
        f'<figure role="img" aria-label="{escape(description)}">{svg}'
        f"<figcaption>{escape(description)}</figcaption></figure>"
    )


def class_page(
    summaries: list[CheckSummary],
    lessons: list[LessonSummary],
    stuck: list[Stuck],
    items: dict[str, list[dict]],
    name_of,
    now: datetime,
    names_shown: bool,
) -> str:
    """The instructors' page. ``name_of`` turns a user name into what the page shows (the name,
    or a pseudonym when the course's configuration does not show names)."""
    who = "names" if names_shown else "pseudonyms (the course does not show names)"
    parts = [
        f"<p>Self-check attempts sent by students' kernels on this Hub, as of "
        f"{escape(now.strftime('%Y-%m-%d %H:%M UTC'))}; this page reloads every "
        f"{REFRESH_SECONDS} s. Students are shown by {escape(who)}.</p>",
        "<h2>Stuck now</h2>",
    ]
    if stuck:
        parts.append(
            _table(
                ["Student", "Lesson", "Self-check", "Wrong answers", "Since"],
                [
                    [
                        escape(name_of(s.user)),
                        escape(s.lesson),
                        f"<code>{escape(s.key)}</code>",
                        str(s.wrong),
                        escape(s.since.strftime("%H:%M")),
                    ]
                    for s in stuck
                ],
                "Students whose recent answers to a check are all wrong",
            )
        )
    else:
        parts.append("<p>Nobody is stuck on a self-check now.</p>")
    parts.append("<h2>By lesson</h2>")
    if not lessons:
        parts.append("<p>No self-check attempt has reached the service yet.</p>")
        return _page("Class progress", "".join(parts + _items_section(items)), refresh=True)
    parts.append(
        _table(
            ["Lesson", "Students", "Checks tried", "Right on the first try"],
            [
                [
                    escape(row.lesson),
                    str(row.students),
                    str(row.checks),
                    _percent(row.first_try_rate),
                ]
                for row in lessons
            ],
            "Each lesson's self-checks: students who tried any, and first-try success",
        )
    )
    parts += ["<h2>By self-check</h2>", first_try_chart(summaries)]
    parts.append(
        _table(
            [
                "Lesson",
                "Self-check",
                "Tried",
                "Right on the first try",
                "Unblocked most by",
                "Named mistakes (students)",
                "Wrong options chosen (students)",
                "Asked for the answer",
            ],
            [
                [
                    escape(s.lesson),
                    f"<code>{escape(s.key)}</code>",
                    str(s.tried),
                    f"{s.first_try_right} ({_percent(s.first_try_rate)})",
                    unblocked_words(s),
                    _counted(s.mistakes),
                    _counted(s.distractors),
                    str(s.shown),
                ]
                for s in summaries
            ],
            "Every self-check tried: first-try success, what helped, what went wrong",
        )
    )
    return _page("Class progress", "".join(parts + _items_section(items)), refresh=True)


CASE_PREFIX = "facility_"  # the grader's column of an item's facility on one case


def _items_section(items: dict[str, list[dict]]) -> list[str]:
    """The graded assignments' item statistics, as the grader sent them: flagged items first,
    and in an assignment with cases, each item's facility on each case."""
    parts = ["<h2>Graded items</h2>"]
    if not items:
        return parts + [
            "<p>No graded assignment yet: grading on the Hub "
            "(<code>python -m balancing_act.grading</code>) sends each assignment's item "
            "statistics here.</p>"
        ]
    for assignment, rows in items.items():
        ordered = sorted(rows, key=lambda r: (not r.get("flags"), str(r.get("grade_id"))))
        cases = [c for c in (rows[0] if rows else {}) if c.startswith(CASE_PREFIX)]
        parts.append(
            _table(
                ["Item", "Facility", "Discrimination", "Flags"]
                + [f"Facility, case {c.removeprefix(CASE_PREFIX)}" for c in cases],
                [
                    [
                        f"<code>{escape(str(r.get('grade_id')))}</code>",
                        escape(_number(r.get("facility"))),
                        escape(_number(r.get("discrimination"))),
                        f'<span class="flag">{escape(str(r.get("flags") or ""))}</span>',
                    ]
                    + [escape(_number(r.get(c))) for c in cases]
                    for r in ordered
                ],
                f"{assignment}: each graded item, flagged items first",
            )
        )
    return parts


def _number(value) -> str:
    if value is None or value == "":
        return "—"
    try:
        return f"{float(value):.2f}"
    except (TypeError, ValueError):
        return str(value)


def own_page(
    user: str, records: list[dict], xsrf_form: str, delete_url: str, names_shown: bool
) -> str:
    """What a student sees about themselves: every record the service keeps, and a button that
    deletes them all."""
    if records:
        rows = [
            [
                escape(r["at"][:16].replace("T", " ")),
                escape(r["kind"]),
                escape(r.get("lesson") or ""),
                f"<code>{escape(r['key'])}</code>",
                escape("right" if r.get("right") else "wrong" if r["kind"] == "check" else ""),
                escape(r.get("mistake") or ""),
                escape(r.get("option") or ""),
                escape("" if r.get("hints_seen") is None else str(r["hints_seen"])),
                escape(json.dumps(r["ratings"]) if r.get("ratings") else ""),
            ]
            for r in records
        ]
        table = _table(
            [
                "When",
                "Kind",
                "Lesson",
                "Key",
                "Answer",
                "Named mistake",
                "Option",
                "Hints seen",
                "Your ratings",
            ],
            rows,
            f"The {len(records)} records the class's progress service keeps about you",
        )
        delete = (
            f'<form method="post" action="{escape(delete_url)}">{xsrf_form}'
            '<button type="submit">Delete everything kept about me</button></form>'
        )
    else:
        table, delete = "<p>The service keeps nothing about you.</p>", ""
    body = (
        f"<p>Signed in as <strong>{escape(user)}</strong>. Your kernel sent these records when "
        "you answered a self-check on this Hub: never your code or your text. Your teacher sees "
        f"them, with the class's, under {'your user name' if names_shown else 'a pseudonym'}, "
        "to prepare the next session. Deleting them removes them from the service at once; "
        "your own progress in your notebooks is kept.</p>"
        f"{table}{delete}"
    )
    return _page("What the class's progress service keeps about you", body)
