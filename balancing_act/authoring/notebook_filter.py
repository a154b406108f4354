"""The course's notebooks as git keeps them, and as JupyterLab needs them on disk.

Two facts, found by opening every lesson and exercise in JupyterLab 4 and watching its tab:

* Lab marks a notebook unsaved a few seconds after it opens unless the notebook's
  ``metadata.language_info`` is *exactly* what the kernel reports, ``version`` (Python's,
  ``3.11.7``) included: Lab replaces the whole dictionary and compares it whole. Every other
  field is the same on every machine; the version is not.
* Running a notebook changes nothing but its outputs and execution counts (Lab saves no widget
  state and no timing by default); autosave then writes them.

So git keeps a notebook *clean*: no outputs, no execution counts, no run-time metadata, and
``language_info`` without its version (``LANGUAGE_INFO``). On disk, each checkout carries its
own Python's version (*smudge*), so Lab opens it untouched. ``make env`` registers both
directions as a git filter (``.gitattributes`` names the notebooks it applies to) and smudges
the notebooks already checked out; Binder's ``postBuild`` smudges them in place. A student's
run never shows in ``git status``; an edit of a cell's source always does.

One more step is needed for ``git status`` (``git diff`` needs none): git takes a file whose size
differs from the size its index recorded for a change *without reading it*, so a notebook saved
with outputs shows as modified until git records its new size. The Jupyter server the course
starts (``deploy/jupyter/lessons/``) runs ``post_save`` after every save: when the saved
notebook's clean text is what git already has, it records the new size (``refresh_git_stat``);
a real change is left to show.

Command line (the Makefile and ``postBuild`` call it)::

    python -m balancing_act.authoring.notebook_filter clean   < in.ipynb > out.ipynb
    python -m balancing_act.authoring.notebook_filter smudge  < in.ipynb > out.ipynb
    python -m balancing_act.authoring.notebook_filter smudge --in-place NOTEBOOK...
    python -m balancing_act.authoring.notebook_filter install      # git config + smudge
"""

from __future__ import annotations

import json
import platform
import subprocess
import sys
import threading
from pathlib import Path

#: ``language_info`` as git keeps it: what ipykernel reports, less the Python version.
LANGUAGE_INFO = {
    "codemirror_mode": {"name": "ipython", "version": 3},
    "file_extension": ".py",
    "mimetype": "text/x-python",
    "name": "python",
    "nbconvert_exporter": "python",
    "pygments_lexer": "ipython3",
}
#: The kernel the course's notebooks name (what Lab writes for ipykernel's ``python3``).
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
#: Notebook metadata written only by a run: widget state (if a student turns its saving on).
RUN_METADATA = ("widgets",)
#: Cell metadata written only by a run: timings (Lab's "record timing" setting).
RUN_CELL_METADATA = ("execution",)
#: The git filter's name, as ``.gitattributes`` gives it.
FILTER = "ba-notebook"
#: The notebooks the filter applies to (``.gitattributes`` lists the same patterns).
TRACKED = ("lessons/*.ipynb", "exercises/*/*.ipynb", "solutions/*/*.ipynb")


def python_version() -> str:
    """The version ipykernel reports for this interpreter (``platform.python_version()``)."""
    return platform.python_version()


def text_of(notebook) -> str:
    """A notebook's file contents exactly as ``nbformat.write`` (and so Lab) leaves them."""
    import nbformat

    text = nbformat.writes(notebook)
    return text if text.endswith("\n") else text + "\n"


# git runs the filter once per notebook it reads, so it works on the JSON itself: importing
# nbformat costs more than the rest. Its output is byte for byte nbformat's (sorted keys, an
# indent of one, no ASCII escapes, a final newline) for a notebook nbformat or Lab wrote.
def _load(text: str) -> dict | None:
    try:
        notebook = json.loads(text)
    except ValueError:
        return None
    if not isinstance(notebook, dict) or not isinstance(notebook.get("cells"), list):
        return None
    return notebook


def _dump(notebook: dict) -> str:
    return json.dumps(notebook, sort_keys=True, indent=1, ensure_ascii=False) + "\n"


def clean_notebook(notebook: dict) -> dict:
    """``notebook`` (its JSON) as git keeps it (changed in place and returned)."""
    metadata = notebook.setdefault("metadata", {})
    for key in RUN_METADATA:
        metadata.pop(key, None)
    language = metadata.get("language_info")
    if isinstance(language, dict):
        language.pop("version", None)
    for cell in notebook["cells"]:
        for key in RUN_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
        grading = cell.get("metadata", {}).get("nbgrader")
        # nbgrader writes points as 1.0; Lab, in JavaScript, saves them back as 1.
        if isinstance(grading, dict) and isinstance(grading.get("points"), int):
            grading["points"] = float(grading["points"])
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    return notebook


def smudge_notebook(notebook: dict, version: str | None = None) -> dict:
    """``notebook`` as it should sit on disk: its Python ``language_info`` carries ``version``
    (this interpreter's by default), so Lab finds nothing to change when the kernel starts."""
    language = notebook.get("metadata", {}).get("language_info")
    if isinstance(language, dict) and language.get("name") == "python":
        language["version"] = version or python_version()
    return notebook


def clean(text: str) -> str:
    """The clean text of a notebook file's text; text that is not a notebook passes unchanged
    (a filter must never lose what git hands it, a merge's conflict markers included)."""
    notebook = _load(text)
    return text if notebook is None else _dump(clean_notebook(notebook))


def smudge(text: str, version: str | None = None) -> str:
    """The on-disk text of a clean notebook's text (unchanged if it is not a notebook)."""
    notebook = _load(text)
    return text if notebook is None else _dump(smudge_notebook(notebook, version))


def smudge_in_place(paths: list[Path], version: str | None = None) -> list[Path]:
    """Smudge each notebook file; returns those whose text changed (others are not touched)."""
    changed = []
    for path in paths:
        text = path.read_text(encoding="utf-8")
        new = smudge(text, version)
        if new != text:
            path.write_text(new, encoding="utf-8")
            changed.append(path)
    return changed


def _git(folder: Path, *args: str) -> int:
    return subprocess.run(
        ["git", "-C", str(folder), *args], capture_output=True, check=False
    ).returncode


def refresh_git_stat(path: Path) -> bool:
    """Record ``path``'s size and time in its repository's index if its clean text is what git
    already has (so ``git status`` agrees with ``git diff``); True if it did. A file with a real
    change, an untracked file or a file outside a repository is left alone."""
    folder, name = path.parent, path.name
    if _git(folder, "ls-files", "--error-unmatch", "--", name) != 0:
        return False
    if _git(folder, "diff", "--quiet", "--", name) != 0:
        return False
    return _git(folder, "update-index", "-q", "--", name) == 0


def post_save(model: dict, os_path: str, contents_manager=None, **_) -> None:
    """jupyter_server's ``ContentsManager.post_save_hook``: ``refresh_git_stat`` on a saved
    notebook, in the background (a save must not wait for git)."""
    if model.get("type") == "notebook":
        threading.Thread(target=refresh_git_stat, args=(Path(os_path),), daemon=True).start()


def filter_command(direction: str, root: Path, python: str | None = None) -> str:
    """The command git runs for ``direction`` (clean or smudge), with this interpreter: named
    from the working tree's top (where git runs filters) when it lives inside it, such as
    ``.venv/bin/python``, so worktrees sharing one git configuration each use their own."""
    interpreter = Path(python or sys.executable)
    try:
        interpreter = interpreter.relative_to(root.resolve())
    except ValueError:
        pass
    return f"'{interpreter}' -m balancing_act.authoring.notebook_filter {direction}"


def install(root: Path, python: str | None = None) -> list[Path]:
    """Register the filter in ``root``'s git repository (if it is one) and smudge its notebooks.
    Returns the notebooks rewritten."""
    inside = subprocess.run(
        ["git", "-C", str(root), "rev-parse", "--is-inside-work-tree"],
        capture_output=True,
        text=True,
        check=False,
    )
    if inside.returncode == 0:
        for direction in ("clean", "smudge"):
            subprocess.run(
                ["git", "-C", str(root), "config", f"filter.{FILTER}.{direction}"]
                + [filter_command(direction, root, python)],
                check=True,
            )
    notebooks = sorted(p for pattern in TRACKED for p in root.glob(pattern))
    changed = smudge_in_place(notebooks)
    if inside.returncode == 0:
        for path in changed:
            refresh_git_stat(path)
    return changed


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    usage = "usage: notebook_filter clean|smudge [--in-place NOTEBOOK...] | install [ROOT]"
    if not args or args[0] not in {"clean", "smudge", "install"}:
        print(usage, file=sys.stderr)
        return 2
    command, rest = args[0], args[1:]
    if command == "install":
        root = Path(rest[0]) if rest else Path.cwd()
        changed = install(root)
        if changed:
            print(f"set the Python version in {len(changed)} notebook(s) for JupyterLab")
        return 0
    if rest[:1] == ["--in-place"]:
        if command != "smudge":
            print(usage, file=sys.stderr)
            return 2
        smudge_in_place([Path(p) for p in rest[1:]])
        return 0
    text = sys.stdin.buffer.read().decode("utf-8")
    result = clean(text) if command == "clean" else smudge(text)
    sys.stdout.buffer.write(result.encode("utf-8"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
