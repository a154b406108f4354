"""Derive the course's tables of outside evidence from the extracts kept in data/raw.

Authoring tooling, not course code: the notebooks read only the tables this writes, and nothing
else in ``balancing_act`` imports it. Run it with the course's environment (whose test extra
brings pyreadr)::

    python -m balancing_act.authoring.external_data            write the tables into data/
    python -m balancing_act.authoring.external_data --check    re-derive them and compare with data/
                                                     (exit 1 if not equal)
    python -m balancing_act.authoring.external_data cut DATASET ORIGINAL...
                                                     cut fetched originals down into data/raw
    python -m balancing_act.authoring.external_data sums       rewrite data/raw/SHA256SUMS after a
                                                     deliberate change

``scripts/build-external-data`` runs the same command. ``--data FOLDER`` works on another copy
of the data folder (default: the course's ``data/``).

Five datasets that nobody on the course coded, each in data/raw/<dataset>/ with a PROVENANCE.md
(citation, licence, the copy's repository and commit, sha256, vintage, what was cut):

    unga-ideal-points/      Bailey, Strezhnev & Voeten's UN General Assembly ideal points
                            (July 2025 release), cut to the course's countries and 1991-2024
    unvotes/                the R package unvotes' roll calls and votes (1946-2019), as fetched
    sipri-arms-transfers/   SIPRI's trade register, cut to Azerbaijan, Armenia and Georgia
    sipri-deliveries-by-year/  SIPRI's trade register by delivery year (TIV per year), same cut
    wdi/                    four World Bank WDI indicators, cut to the same three countries

The tables written (each described in data/README.md and data/datapackage.json):

    un_ideal_points.csv  un_roll_calls.csv  un_votes.csv  arms_transfers.csv  arms_deliveries.csv
    indicators.csv

Nothing here touches the network: the build reads data/raw only. Every raw file is checked first
(its sha256 against data/raw/SHA256SUMS, its columns and cells against what the build expects); a
problem stops the build with a message naming the file, the row (as a spreadsheet counts, or the
row of an R data frame) and the column.

`cut` is how the extracts were made; it needs the original files, which are not in the course
(see each PROVENANCE.md for where they came from).

One module per job: ``checksums`` (SHA256SUMS), one reader per dataset (``ideal_points``,
``unvotes``, ``sipri``, ``sipri_by_year``, ``wdi``), ``tables`` (the whole derivation, writing and comparing),
``cut`` (making the extracts), ``cli`` (the command); ``cells`` holds the CSV handling they
share and ``course_links`` is the only door to the rest of the package.
"""
