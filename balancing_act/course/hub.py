"""Whether this process runs on the class's JupyterHub, and how it reaches the class's progress
service there (``deploy/jupyterhub_config.py`` sets both variables for every server, so every
kernel and terminal has them; a laptop or Binder has neither)."""

from __future__ import annotations

import os

#: The progress service's address, ending in "/", set by the Hub for every server.
URL_VARIABLE = "BA_PROGRESS_URL"
#: The Hub's token for the server's owner, which the service checks with the Hub.
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"


def progress_service() -> tuple[str, str] | None:
    """(the service's address, the token) on the class's Hub; None anywhere else."""
    url, token = os.environ.get(URL_VARIABLE), os.environ.get(TOKEN_VARIABLE)
    return (url, token) if url and token else None
