"""What an installed balancing_act holds, asked from inside the environment it is installed in.

tests/test_wheel.py runs this file with the fresh environment's Python (it is never imported)::

    python wheel_probe.py package MODULE...   # where the package is, its files, failed imports
    python wheel_probe.py lesson NOTEBOOK     # run a notebook headless; where its kernel found it

Each prints one JSON object on its last line of output.
"""

from __future__ import annotations

import importlib
import json
import sys
import traceback
from pathlib import Path


def package(modules: list[str]) -> dict:
    import balancing_act

    folder = Path(balancing_act.__file__).parent
    failed = {}
    for name in modules:
        try:
            importlib.import_module(name)
        except Exception:  # any reason a module cannot be imported is the finding itself
            failed[name] = traceback.format_exc(limit=1).strip().splitlines()[-1]
    files = [
        path.relative_to(folder).as_posix()
        for path in folder.rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    ]
    return {"file": balancing_act.__file__, "files": sorted(files), "failed": failed}


def lesson(notebook_path: str) -> dict:
    """Run the notebook top to bottom in a fresh kernel, plus one cell that tells where that
    kernel imported the package from."""
    import nbformat

    # The course's one notebook runner, as the wheel installed it.
    from balancing_act.authoring.runner import run_notebook

    path = Path(notebook_path)
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(
        nbformat.v4.new_code_cell("import balancing_act\nprint(balancing_act.__file__)")
    )
    notebook = run_notebook(notebook, cwd=path.parent, timeout=180)
    return {"kernel_imported": notebook.cells[-1].outputs[0].text.strip()}


if __name__ == "__main__":
    command, *arguments = sys.argv[1:]
    answer = package(arguments) if command == "package" else lesson(*arguments)
    print(json.dumps(answer))
