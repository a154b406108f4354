"""Starting and stopping the real JupyterHub of deploy/jupyterhub_config.py for the test."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import requests

from .system import DEPLOY


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def write_test_config(folder: Path, service_token: str) -> Path:
    """deploy/jupyterhub_config.py as it is, plus what only the test needs.

    Free loopback ports for the Hub's internal API and the proxy's API, and one API service
    whose token lets the test start servers and hand out user tokens (beside the class's
    progress service, whose port the test sets with BA_PROGRESS_PORT).
    """
    path = folder / "test_hub_config.py"
    path.write_text(
        f"""c = get_config()  # noqa: F821
load_subconfig({str(DEPLOY / "jupyterhub_config.py")!r})  # noqa: F821
c.JupyterHub.hub_bind_url = "http://127.0.0.1:{free_port()}"
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{free_port()}"
c.JupyterHub.services.append({{"name": "class-test", "api_token": {service_token!r}}})
c.JupyterHub.load_roles.append(
    {{
        "name": "class-test",
        "services": ["class-test"],
        "scopes": ["admin:users", "admin:servers", "tokens", "list:users", "read:users"],
    }}
)
""",
        encoding="utf-8",
    )
    path.chmod(0o600)
    return path


class HubProcess:
    """``jupyterhub -f <config>`` as root, its log in a file, stopped for good on ``stop``."""

    def __init__(self, config: Path, env: dict[str, str], cwd: Path, log: Path):
        self.config, self.env, self.cwd, self.log_path = config, env, cwd, log
        self.proc: subprocess.Popen | None = None

    def start(self, base_url: str, timeout: float = 90) -> None:
        jupyterhub = Path(sys.executable).parent / "jupyterhub"
        self.log_file = self.log_path.open("wb")
        self.proc = subprocess.Popen(
            [str(jupyterhub), "-f", str(self.config)],
            cwd=self.cwd,
            env=self.env,
            stdout=self.log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"JupyterHub exited at start-up:\n{self.log()}")
            try:
                if requests.get(f"{base_url}/hub/api/", timeout=2).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.3)
        raise RuntimeError(f"JupyterHub did not answer within {timeout} s:\n{self.log()}")

    def log(self, tail: int = 8000) -> str:
        return self.log_path.read_text(errors="replace")[-tail:]

    def stop(self, grace: float = 40) -> None:
        """SIGTERM: the Hub stops every server and its proxy; SIGKILL only if it hangs."""
        if self.proc is None or self.proc.poll() is not None:
            return
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(grace)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(10)
        self.log_file.close()

    def stop_proxy(self, pid_file: Path) -> None:
        """The proxy, should the Hub have died without stopping it (its pid is in the pid file)."""
        try:
            pid = int(pid_file.read_text().strip())
        except (FileNotFoundError, ValueError):
            return
        try:
            cmdline = Path(f"/proc/{pid}/cmdline").read_bytes()
        except FileNotFoundError:
            return
        if b"configurable-http-proxy" in cmdline:
            os.kill(pid, signal.SIGTERM)
