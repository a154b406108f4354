"""Who belonged to what, when: Azerbaijan, Armenia and Georgia across organisations."""

from __future__ import annotations

import json
import textwrap

import altair as alt
import pandas as pd

from ..analysis.memberships import membership_matrix
from ..course.errors import EmptySelection
from ..course.vocabulary import (
    LAST_YEAR,
    MEMBER_COUNTRY_NAMES,
    ORGANISATION_WORDS,
    STATUS_COLOURS,
)
from .accessibility import described

#: The widest line of an organisation's label, in characters: the label column then fits a
#: phone's width beside the grid (the site's chart for a 390 px screen).
LABEL_CHARACTERS = 20
#: The height of a row of the grid, room for a label of two lines.
ROW_HEIGHT = 34


def organisation_lines(code: str) -> list[str]:
    """An organisation's label as lines: its name and, beside it, the code the table and the
    lessons use (so "find the row ``CST_CSTO``" finds it), wrapped to ``LABEL_CHARACTERS``.

    >>> organisation_lines("CST_CSTO")
    ['CST / CSTO', '(CST_CSTO)']
    >>> organisation_lines("NATO_PFP")
    ['NATO Partnership for', 'Peace (NATO_PFP)']
    >>> organisation_lines("GUAM")
    ['GUAM']
    """
    words = ORGANISATION_WORDS.get(code)
    return textwrap.wrap(f"{words} ({code})" if words else code, LABEL_CHARACTERS)


def organisation_labels(codes) -> str:
    """A Vega ``labelExpr`` drawing each organisation code as :func:`organisation_lines`."""
    expression = "datum.label"
    for code in reversed(list(dict.fromkeys(codes))):
        expression = (
            f"datum.label === {json.dumps(code)} ? {json.dumps(organisation_lines(code))} "
            f": {expression}"
        )
    return expression


def membership_chart(memberships: pd.DataFrame, year: int) -> alt.LayerChart:
    """A grid of organisations (rows) by countries (columns), coloured by status in ``year``."""
    first, last = int(memberships["start"].dt.year.min()), LAST_YEAR
    if not first <= year <= last:
        raise EmptySelection(f"Pick a year between {first} and {last}.")
    matrix = membership_matrix(memberships, year)
    matrix["since"] = matrix["start"].dt.strftime("%d %b %Y").fillna("")
    matrix["organisation_words"] = matrix["organization"].map(
        lambda code: ORGANISATION_WORDS.get(code, code)
    )
    base = alt.Chart(matrix).encode(
        x=alt.X(
            "country_name:N",
            title="Country",
            sort=list(MEMBER_COUNTRY_NAMES.values()),
            axis=alt.Axis(orient="top", labelAngle=0, grid=False),
        ),
        y=alt.Y(
            "organization:N",
            title="Organisation",
            axis=alt.Axis(
                grid=False, labelExpr=organisation_labels(matrix["organization"]), labelLimit=0
            ),
        ),
    )
    cells = base.mark_rect(stroke="white").encode(
        color=alt.Color(
            "status:N",
            title="Status on 31 December",
            scale=alt.Scale(domain=list(STATUS_COLOURS), range=list(STATUS_COLOURS.values())),
        ),
        tooltip=[
            alt.Tooltip("country_name:N", title="Country"),
            alt.Tooltip("organisation_words:N", title="Organisation"),
            alt.Tooltip("status:N", title="Status"),
            alt.Tooltip("since:N", title="Since"),
        ],
    )
    labels = (
        base.transform_filter(alt.datum.status != "none")
        .mark_text(fontSize=12)
        .encode(
            text=alt.Text("status:N"),
            # A typed channel around the condition, not a bare one (see axes.period_bands).
            color=alt.ColorValue(
                **alt.condition(
                    alt.FieldOneOfPredicate(field="status", oneOf=["member", "withdrawn"]),
                    alt.value("white"),
                    alt.value("black"),
                )
            ),
        )
    )
    held = matrix[matrix["status"] != "none"].groupby("country_name")["organization"].count()
    counts = ", ".join(f"{name} {held.get(name, 0)}" for name in MEMBER_COUNTRY_NAMES.values())
    return alt.layer(
        cells,
        labels,
        width=360,
        height=alt.Step(ROW_HEIGHT),
        **described(
            f"Memberships on 31 December {year}",
            f"Grid of {matrix['organization'].nunique()} organisations by three countries showing "
            f"each country's status at the end of {year}. Organisations with any status: {counts}.",
        ),
    )
