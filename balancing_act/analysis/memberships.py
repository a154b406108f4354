"""Who belonged to what, when: the status of each country in each organisation on a given day."""

from __future__ import annotations

import pandas as pd

from ..course.vocabulary import MEMBER_COUNTRY_NAMES


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
        [list(MEMBER_COUNTRY_NAMES), sorted(memberships["organization"].unique())],
        names=["country", "organization"],
    ).to_frame(index=False)
    matrix = grid.merge(current[["country", "organization", "status", "start"]], how="left")
    matrix["status"] = matrix["status"].astype(object).fillna("none")
    matrix["country_name"] = matrix["country"].map(MEMBER_COUNTRY_NAMES)
    return matrix
