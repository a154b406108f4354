"""The command: ``python -m balancing_act.authoring.external_data [--check | cut ... | sums]``.

It works on the course's ``data/`` folder (found as the notebooks find it) unless ``--data``
names another copy, so a test can run the real command on a planted fault without touching the
course's files. The usage is the package's docstring.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import __doc__ as usage
from .checksums import SUMS, sha256, write_sums
from .course_links import DataValidationError, data_dir
from .cut import DATASETS, cut
from .tables import derive, differences, write


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m balancing_act.authoring.external_data", description=usage.split("\n\n")[0]
    )
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    parser.add_argument(
        "--data",
        type=Path,
        help="the data folder to read data/raw from and write the tables to "
        "(default: the course's data/)",
    )
    sub = parser.add_subparsers(dest="command")
    cutter = sub.add_parser("cut", help="cut fetched originals into data/raw")
    cutter.add_argument("dataset", choices=DATASETS)
    cutter.add_argument("originals", nargs="+", type=Path)
    sub.add_parser("sums", help="rewrite data/raw/SHA256SUMS")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    data = (args.data or data_dir()).resolve()
    raw = data / "raw"

    if args.command == "cut":
        for path in cut(args.dataset, args.originals, raw):
            print(
                f"wrote {path.relative_to(data.parent)} "
                f"({path.stat().st_size:,} bytes, sha256 {sha256(path)})"
            )
        return 0
    if args.command == "sums":
        write_sums(raw)
        print(f"wrote data/raw/{SUMS}")
        return 0
    try:
        tables = derive(raw)
    except DataValidationError as error:
        print(error, file=sys.stderr)
        return 1
    if args.check:
        found = differences(tables, data)
        for line in found:
            print(line, file=sys.stderr)
        if not found:
            print("the committed tables are as derived from data/raw")
        return 1 if found else 0
    write(tables, data)
    for name, text in tables.items():
        print(f"wrote data/{name}.csv ({text.count(chr(10)) - 1:,} rows)")
    return 0
