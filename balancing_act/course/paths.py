"""Where the course's files are, wherever a notebook happens to run.

Lessons run in ``lessons/``, instructor notebooks in ``solutions/<assignment>/`` and nbgrader
autogrades one folder deeper (``autograded/<student>/<assignment>/``), so a relative path such
as ``../data`` is right in one place and wrong in the others. Everything that reads course
files asks :func:`data_dir` instead.
"""

from __future__ import annotations

import os
from pathlib import Path

#: Set this to a folder holding the course tables to read them from there instead.
DATA_ENV_VAR = "BALANCING_ACT_DATA"

#: The file that marks a folder as the course's data folder.
DATA_MARKER = "datapackage.json"

#: The package folder (``balancing_act/``), two levels above this module.
PACKAGE_DIR = Path(__file__).resolve().parent.parent


class CourseDataNotFound(FileNotFoundError):
    """No folder with the course's tables could be found."""


def _is_data_dir(folder: Path) -> bool:
    return (folder / DATA_MARKER).is_file()


def find_data_dir(start: Path | None = None, environ: dict[str, str] | None = None) -> Path:
    """Return the course's ``data/`` folder.

    Looked for, in order: the ``BALANCING_ACT_DATA`` environment variable; a ``data/`` folder in
    ``start`` (default: the working directory) or any folder above it; the ``data/`` folder beside
    this package (an editable install in the course checkout).
    """
    environ = os.environ if environ is None else environ
    override = environ.get(DATA_ENV_VAR)
    if override:
        folder = Path(override).expanduser().resolve()
        if not _is_data_dir(folder):
            raise CourseDataNotFound(
                f"{DATA_ENV_VAR} is set to {override!r}, but that folder has no {DATA_MARKER}."
            )
        return folder

    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if _is_data_dir(folder / "data"):
            return folder / "data"

    beside_package = PACKAGE_DIR.parent / "data"
    if _is_data_dir(beside_package):
        return beside_package

    raise CourseDataNotFound(
        f"Could not find the course's data/ folder from {here}. Run the notebook inside the "
        f"course checkout, or set {DATA_ENV_VAR} to the folder that holds {DATA_MARKER}."
    )


def data_dir() -> Path:
    """The course's ``data/`` folder for the current working directory."""
    return find_data_dir()


def course_root(start: Path | None = None) -> Path:
    """The folder that holds ``data/``, ``lessons/`` and the rest of the course: the one way the
    package, the site, the printing, the benchmarks and the tests find it."""
    return find_data_dir(start).parent
