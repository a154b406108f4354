"""How data/raw was made: the fetched originals cut down to what the course reads.

The originals are not in the course (each PROVENANCE.md says where they came from). CSV
extracts keep the original's preamble and the kept records byte for byte, so a reader can
compare them with the source; after a cut, SHA256SUMS is rewritten.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .cells import records
from .checksums import write_sums
from .ideal_points import COW_TO_ISO3, IDEAL_POINT_YEARS, IDEAL_POINTS_COLUMNS, IDEAL_POINTS_FILE
from .sipri import ARMS_RECIPIENTS, SIPRI_ENCODING, SIPRI_FILE
from .sipri_by_year import SIPRI_BY_YEAR_ENCODING, SIPRI_BY_YEAR_FILE, SIPRI_BY_YEAR_HEADER
from .wdi import WDI_COUNTRIES, WDI_HEAD, WDI_INDICATORS

DATASETS = (
    "unga-ideal-points",
    "unvotes",
    "sipri-arms-transfers",
    "sipri-deliveries-by-year",
    "wdi",
)


def cut_ideal_points(original: Path, raw: Path) -> Path:
    """Keep the course's countries and years of the Stata file, every column, as CSV."""
    frame = pd.read_stata(original)
    kept = frame[frame["ccode"].isin(COW_TO_ISO3) & frame["year"].between(*IDEAL_POINT_YEARS)][
        IDEAL_POINTS_COLUMNS
    ]
    target = raw / IDEAL_POINTS_FILE
    target.parent.mkdir(parents=True, exist_ok=True)
    # Nine significant digits give Stata's float32 values back exactly.
    kept.to_csv(target, index=False, float_format="%.9g", lineterminator="\n")
    return target


def cut_lines(original: Path, target: Path, keep, encoding: str) -> Path:
    """Copy the lines up to the header, then the records ``keep(fields)`` accepts, byte for byte."""
    text = original.read_bytes().decode(encoding)
    mark = "\ufeff" if text.startswith("\ufeff") else ""  # a byte-order mark stays where it was
    kept, in_body = [mark], False
    for _, fields, raw_text in records(text.removeprefix(mark)):
        if in_body:
            if keep(fields):
                kept.append(raw_text)
        else:
            kept.append(raw_text)
            in_body = (
                fields[:1] in (["Recipient"], [SIPRI_BY_YEAR_HEADER[0]])
                or tuple(fields[:4]) == WDI_HEAD
            )
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes("".join(kept).encode(encoding))
    return target


def cut(dataset: str, originals: list[Path], raw: Path) -> list[Path]:
    if dataset == "unga-ideal-points":
        written = [cut_ideal_points(originals[0], raw)]
    elif dataset == "sipri-arms-transfers":
        written = [
            cut_lines(
                originals[0],
                raw / SIPRI_FILE,
                lambda f: f[:1] and f[0] in ARMS_RECIPIENTS,
                SIPRI_ENCODING,
            )
        ]
    elif dataset == "sipri-deliveries-by-year":
        written = [
            cut_lines(
                originals[0],
                raw / SIPRI_BY_YEAR_FILE,
                lambda f: f[2:3] and f[2] in ARMS_RECIPIENTS,
                SIPRI_BY_YEAR_ENCODING,
            )
        ]
    elif dataset == "wdi":
        written = []
        for original in originals:
            spec = next((s for s in WDI_INDICATORS if f"API_{s['code']}_" in original.name), None)
            if spec is None:
                raise SystemExit(f"{original.name} is none of the WDI files the course keeps")
            written.append(
                cut_lines(
                    original,
                    raw / spec["file"],
                    lambda f: f[1:2] and f[1] in WDI_COUNTRIES,
                    "utf-8",
                )
            )
    elif dataset == "unvotes":
        written = []
        for original in originals:
            target = raw / "unvotes" / original.name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(original.read_bytes())  # kept whole: compressed, they are small
            written.append(target)
    else:
        raise SystemExit(f"unknown dataset {dataset!r}")
    write_sums(raw)
    return written
