"""The class's JupyterHub as the package sees it: whether this process runs on it and how it
reaches the class's progress service there (``deploy/jupyterhub_config.py`` sets both variables
for every server, so every kernel and terminal has them; a laptop or Binder has neither), and
who is in a class group (the Hub's config and the service ask the same question)."""

from __future__ import annotations

import grp
import os
import pwd

#: The progress service's address, ending in "/", set by the Hub for every server.
URL_VARIABLE = "BA_PROGRESS_URL"
#: The Hub's token for the server's owner, which the service checks with the Hub.
TOKEN_VARIABLE = "JUPYTERHUB_API_TOKEN"


def progress_service() -> tuple[str, str] | None:
    """(the service's address, the token) on the class's Hub; None anywhere else."""
    url, token = os.environ.get(URL_VARIABLE), os.environ.get(TOKEN_VARIABLE)
    return (url, token) if url and token else None


def in_group(user: str, group: str) -> bool:
    """Whether the Unix account ``user`` is in ``group``, as its primary group or another."""
    try:
        account = pwd.getpwnam(user)
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        return False
    return gid in os.getgrouplist(user, account.pw_gid)
