"""The one way the course runs a notebook: top to bottom, in a fresh kernel, stopping at the first
error.

The reader's site, the printed handouts, the tests and the lesson benchmark all run notebooks, and
each used to set nbclient up its own way (one let errors through, one ran over TCP, each had its
own time limit and environment). Here the shared rules live once:

- a fresh ``python3`` kernel per run, over local sockets on POSIX, so ipykernel has no reason to
  warn that TCP is unencrypted and the site's build output stays clean;
- errors are never allowed: the first failing cell ends the run with :class:`NotebookFailed`,
  which names the notebook and the cell (a run that swallows an error would publish, print or
  pass a broken lesson);
- what differs between callers is a parameter: the working folder, the time limit per cell,
  extra environment variables (``static=True`` sets the package's static mode), and ``startup``
  code run in the kernel before the first cell, whose outputs are not kept.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import nbformat
from nbclient import NotebookClient
from traitlets.config import Config

from ..charts.offline import STATIC_ENV_VAR

#: The time limit per cell, in seconds, unless a caller sets another.
CELL_SECONDS = 120


class NotebookFailed(RuntimeError):
    """A notebook stopped at a cell: the message names the notebook, the cell and the error."""

    def __init__(self, notebook: str, cell: str, reason: str):
        super().__init__(f"{notebook} failed at {cell}:\n{reason}")
        self.notebook, self.cell, self.reason = notebook, cell, reason

    def __reduce__(self):
        # The site build runs lessons in a process pool, which pickles a worker's exception back
        # to the parent; without this the parent cannot rebuild it and the pool hangs.
        return (type(self), (self.notebook, self.cell, self.reason))


def run_notebook(
    notebook: Path | nbformat.NotebookNode,
    *,
    cwd: Path | None = None,
    timeout: int = CELL_SECONDS,
    env: dict[str, str] | None = None,
    static: bool = False,
    startup: str | None = None,
) -> nbformat.NotebookNode:
    """Run ``notebook`` (a path, or a notebook already read) and return it with its outputs.

    ``cwd`` is the kernel's working folder (default: the notebook's own folder, or the current
    one for a notebook given in memory); ``env`` holds variables added to this process's
    environment for the kernel. Raises :class:`NotebookFailed` at the first error, time-out or
    kernel death.
    """
    if isinstance(notebook, Path):
        name, folder = notebook.name, notebook.parent
        notebook = nbformat.read(notebook, as_version=4)
    else:
        name, folder = "the notebook", Path.cwd()
    startup_cells = [nbformat.v4.new_code_cell(startup)] if startup else []
    notebook.cells[:0] = startup_cells
    kernel_env = {**os.environ, **(env or {})}
    if static:
        kernel_env[STATIC_ENV_VAR] = "1"
    running: list[int] = []

    def started(cell, cell_index: int) -> None:
        running.append(cell_index)

    with tempfile.TemporaryDirectory(prefix="ba-kernel-") as sockets:
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            config=_local_sockets(sockets),
            shutdown_kernel="immediate",  # the run is over: nothing in the kernel to wait for
            timeout=timeout,
            allow_errors=False,
            store_widget_state=False,  # no caller reads widget state, and it bloats the notebook
            on_cell_start=started,
            resources={"metadata": {"path": str(cwd or folder)}},
        )
        try:
            client.execute(env=kernel_env)
        except Exception as error:  # nbclient's cell error, time-out or dead kernel alike
            where = (
                _cell_words(notebook.cells[running[-1]], running[-1] - len(startup_cells))
                if running
                else "its kernel's start"
            )
            raise NotebookFailed(name, where, str(error)) from error
        finally:
            del notebook.cells[: len(startup_cells)]
    return notebook


def _local_sockets(folder: str) -> Config:
    """The kernel manager's settings for Unix sockets in ``folder`` where the system has them
    (TCP on loopback elsewhere). Given as configuration, so that nbclient still makes, and so
    owns and shuts down, its own asynchronous kernel manager: a manager passed in is not shut
    down by nbclient, and a blocking one lets a cell run past its time limit."""
    if os.name != "posix":
        return Config()
    return Config({"KernelManager": {"transport": "ipc", "ip": f"{folder}/kernel"}})


def _cell_words(cell: nbformat.NotebookNode, index: int) -> str:
    """The cell as a reader finds it: its place in the notebook (from 0, as nbformat counts) and
    its first line; a negative index is the caller's startup code."""
    if index < 0:
        return "the startup code"
    first_line = cell.source.strip().splitlines()[:1]
    return f"cell {index} ({first_line[0][:60] if first_line else 'empty'})"
