"""Who belonged to what, when: Azerbaijan, Armenia and Georgia across organisations."""

from __future__ import annotations

import altair as alt
import pandas as pd

from .charts import describe, in_words
from .selection import EmptySelection

COUNTRY_NAMES = {"AZ": "Azerbaijan", "AM": "Armenia", "GE": "Georgia"}
#: Organisations whose code alone would not tell a reader what they are.
ORGANISATION_WORDS = {
    "CST_CSTO": "CST / CSTO",
    "NATO_PFP": "NATO Partnership for Peace",
    "COE": "Council of Europe",
    "NAM": "Non-Aligned Movement",
    "EAP": "EU Eastern Partnership",
    "OTS": "Organization of Turkic States",
    "BSEC": "Black Sea Economic Cooperation",
    "ECO": "Economic Cooperation Organization",
}
#: Status colours from the Okabe-Ito palette; 'none' is light grey.
STATUS_COLOURS = {
    "member": "#0072B2",
    "partner": "#56B4E9",
    "observer": "#009E73",
    "applicant": "#E69F00",
    "suspended": "#CC79A7",
    "withdrawn": "#D55E00",
    "none": "#eeeeee",
}


def membership_matrix(memberships: pd.DataFrame, year: int) -> pd.DataFrame:
    """Every country and organisation, with the status held on 31 December of ``year``.

    A pair with no spell covering that day has status ``none``. When spells overlap (an
    applicant who became a member that year) the later-starting spell wins.
    """
    day = pd.Timestamp(year, 12, 31)
    current = memberships[
        (memberships["start"] <= day) & (memberships["end"].isna() | (memberships["end"] >= day))
    ]
    current = current.sort_values("start").drop_duplicates(["country", "organization"], keep="last")
    grid = pd.MultiIndex.from_product(
        [list(COUNTRY_NAMES), sorted(memberships["organization"].unique())],
        names=["country", "organization"],
    ).to_frame(index=False)
    matrix = grid.merge(current[["country", "organization", "status", "start"]], how="left")
    matrix["status"] = matrix["status"].astype(object).fillna("none")
    matrix["country_name"] = matrix["country"].map(COUNTRY_NAMES)
    return matrix


def membership_chart(memberships: pd.DataFrame, year: int) -> alt.LayerChart:
    """A grid of organisations (rows) by countries (columns), coloured by status in ``year``."""
    first, last = int(memberships["start"].dt.year.min()), 2025
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
            sort=list(COUNTRY_NAMES.values()),
            axis=alt.Axis(orient="top", labelAngle=0, grid=False),
        ),
        y=alt.Y(
            "organization:N",
            title="Organisation",
            axis=alt.Axis(grid=False, labelExpr=in_words(ORGANISATION_WORDS)),
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
            color=alt.condition(
                alt.FieldOneOfPredicate(field="status", oneOf=["member", "withdrawn"]),
                alt.value("white"),
                alt.value("black"),
            ),
        )
    )
    held = matrix[matrix["status"] != "none"].groupby("country_name")["organization"].count()
    counts = ", ".join(f"{name} {held.get(name, 0)}" for name in COUNTRY_NAMES.values())
    return describe(
        alt.layer(cells, labels).properties(width=360),
        f"Memberships on 31 December {year}",
        f"Grid of {matrix['organization'].nunique()} organisations by three countries showing each "
        f"country's status at the end of {year}. Organisations with any status: {counts}.",
    )


__all__ = ["membership_chart", "membership_matrix"]
