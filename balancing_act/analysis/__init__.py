"""Pure pandas over the tables: events chosen, the balance index, claims and their evidence,
memberships, UN votes, arms, indicators and the comparison measures. No charts, no widgets, so
graded notebooks and the trusted grader never load Altair for them."""
