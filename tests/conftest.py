"""Settings every test shares."""

from __future__ import annotations

import os
import tempfile

# Every test that starts a slow layer (a kernel, Lab, nbgrader...) must carry its marker.
pytest_plugins = ["tests.slow_layers"]


def pytest_configure(config):
    # Self-checks remember a learner's progress in their Jupyter data folder: the tests' kernels
    # and checks keep theirs in a folder of their own, never in the developer's.
    os.environ["JUPYTER_DATA_DIR"] = tempfile.mkdtemp(prefix="balancing-act-test-jupyter-data-")
