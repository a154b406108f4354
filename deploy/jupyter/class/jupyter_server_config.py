"""Everyone's JupyterLab on the class Hub (the Hub hands this folder over in JUPYTER_CONFIG_PATH)."""

import os

c = get_config()  # noqa: F821 - provided by Jupyter Server when it loads this file

# JupyterLab's terminals open the person's own shell but not as a login shell: a login shell
# reads /etc/profile, which resets PATH and would drop the course environment (python, nbgrader)
# that the Hub put first on it.
c.ServerApp.terminado_settings = {"shell_command": [os.environ.get("SHELL") or "/bin/sh"]}
