"""The class's progress service started as the Hub starts it, beside a stand-in for the Hub's API.

The stand-in answers the one question the service asks the Hub, "whose token is this?"
(``GET /hub/api/user``), from a table of tokens, so the service's own command
(``python -m balancing_act.class_progress``) can be tested and benchmarked without a Hub and
Unix accounts; ``tests/test_jupyterhub.py`` runs it under the real Hub.
"""

from __future__ import annotations

import asyncio
import json
import os
import secrets
import subprocess
import sys
import threading
import time
from pathlib import Path

import requests
from tornado import web

from .hub import free_port

SERVICE = "class-progress"
PREFIX = f"/services/{SERVICE}/"


class _WhoAmI(web.RequestHandler):
    def initialize(self, tokens: dict[str, dict]):
        self.tokens = tokens

    def get(self):
        header = self.request.headers.get("Authorization", "")
        token = header.split(" ", 1)[-1]
        model = self.tokens.get(token)
        if model is None:
            raise web.HTTPError(403)
        self.set_header("Content-Type", "application/json")
        self.finish(json.dumps(model))


class TokenHub:
    """``/hub/api/user`` for the tokens it hands out, served from a thread of the test process."""

    def __init__(self):
        self.port = free_port()
        self.tokens: dict[str, dict] = {}
        self.service_token = secrets.token_hex(16)
        self.ready = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()
        self.ready.wait(10)

    def _serve(self):
        async def serve():
            app = web.Application([("/hub/api/user", _WhoAmI, {"tokens": self.tokens})])
            app.listen(self.port, "127.0.0.1")
            self.loop = asyncio.get_running_loop()
            self.stopped = asyncio.Event()
            self.ready.set()
            await self.stopped.wait()

        asyncio.run(serve())

    def stop(self):
        self.loop.call_soon_threadsafe(self.stopped.set)

    def token(self, user: str, *, access: bool = True) -> str:
        """A token of ``user``'s, with the right to reach the service unless ``access`` is off."""
        token = secrets.token_hex(16)
        scopes = (
            [f"access:services!service={SERVICE}"] if access else [f"read:users:name!user={user}"]
        )
        self.tokens[token] = {"kind": "user", "name": user, "scopes": scopes, "groups": []}
        return token

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/hub/api"


class Service:
    """``python -m balancing_act.class_progress`` with the environment the Hub gives it."""

    def __init__(self, hub: TokenHub, state: Path, instructors: str, **settings: str):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}{PREFIX}"
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "LANG": "C.UTF-8",
            "JUPYTERHUB_API_URL": hub.api_url,
            "JUPYTERHUB_API_TOKEN": hub.service_token,
            "JUPYTERHUB_SERVICE_NAME": SERVICE,
            "JUPYTERHUB_SERVICE_URL": f"http://127.0.0.1:{self.port}",
            "JUPYTERHUB_SERVICE_PREFIX": PREFIX,
            "JUPYTERHUB_CLIENT_ID": f"service-{SERVICE}",
            "JUPYTERHUB_OAUTH_CALLBACK_URL": f"{PREFIX}oauth_callback",
            "JUPYTERHUB_BASE_URL": "/",
            "JUPYTERHUB_HOST": "",
            "BA_HUB_STATE": str(state),
            "BA_HUB_INSTRUCTORS": instructors,
            **settings,
        }
        self.log = state / "service.log"
        self.proc: subprocess.Popen | None = None

    def start(self, timeout: float = 30) -> None:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "balancing_act.class_progress"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"the service exited: {self.log.read_text()[-3000:]}")
            try:
                requests.get(self.url + "api/me", timeout=1)
                return
            except requests.ConnectionError:
                time.sleep(0.1)
        raise RuntimeError(f"the service did not answer: {self.log.read_text()[-3000:]}")

    def stop(self) -> None:
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            self.proc.wait(10)

    def call(self, method: str, path: str, token: str | None, **kwargs) -> requests.Response:
        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.request(
            method, self.url + path, headers=headers, timeout=30, allow_redirects=False, **kwargs
        )
