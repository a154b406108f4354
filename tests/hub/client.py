"""Talking to a running JupyterHub as its users do: the login form, the Hub's REST API, each
user's own JupyterLab server (contents, terminals, nbgrader's server extensions)."""

from __future__ import annotations

import json
import re
import secrets
import time
from dataclasses import dataclass
from urllib.parse import quote, urlparse

import requests
import websocket

TIMEOUT = 120  # seconds for one HTTP request (nbgrader's actions run inside the request)


class HubError(AssertionError):
    pass


def login(base_url: str, username: str, password: str) -> requests.Response:
    """Log in through the Hub's login form, as a browser does; returns the final response."""
    session = requests.Session()
    form = session.get(f"{base_url}/hub/login", timeout=TIMEOUT)
    form.raise_for_status()
    xsrf = session.cookies.get("_xsrf", "")
    return session.post(
        f"{base_url}/hub/login",
        data={"username": username, "password": password, "_xsrf": xsrf},
        allow_redirects=False,
        timeout=TIMEOUT,
    )


@dataclass
class Api:
    """Requests with one API token against the Hub's public URL (through the proxy)."""

    base_url: str
    token: str

    def request(self, method: str, path: str, expect: int | tuple = (200, 201), **kwargs):
        headers = {"Authorization": f"token {self.token}", **kwargs.pop("headers", {})}
        response = requests.request(
            method,
            self.base_url + path,
            headers=headers,
            timeout=TIMEOUT,
            allow_redirects=False,
            **kwargs,
        )
        expected = (expect,) if isinstance(expect, int) else expect
        if expect is not None and response.status_code not in expected:
            raise HubError(f"{method} {path}: {response.status_code} {response.text[:2000]}")
        return response

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, **kw):
        return self.request("POST", path, **kw)

    def put(self, path, **kw):
        return self.request("PUT", path, **kw)


class Hub(Api):
    """The Hub's REST API with an admin service's token."""

    def start_server(self, user: str, timeout: float = 120) -> dict:
        self.post(f"/hub/api/users/{user}/server", expect=(201, 202, 400))
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            model = self.get(f"/hub/api/users/{user}").json()
            server = model.get("servers", {}).get("")
            if server and server.get("ready"):
                return server
            time.sleep(0.5)
        raise HubError(f"{user}'s server was not ready after {timeout} s: {model}")

    def stop_server(self, user: str) -> None:
        self.request("DELETE", f"/hub/api/users/{user}/server", expect=(202, 204, 400))

    def user_token(self, user: str) -> str:
        """A token owned by ``user``, limited to what ``user`` may do anyway."""
        response = self.post(
            f"/hub/api/users/{user}/tokens",
            json={"note": "hub test", "expires_in": 3600},
        )
        return response.json()["token"]


class Lab(Api):
    """One user's single-user server, reached through the Hub's proxy at /user/<name>/."""

    def __init__(self, base_url: str, token: str, user: str):
        super().__init__(base_url, token)
        self.user = user
        self.prefix = f"/user/{user}"

    # Jupyter Server's contents API --------------------------------------------------------------

    def contents(self, path: str, expect=200, **params) -> requests.Response:
        return self.get(f"{self.prefix}/api/contents/{quote(path)}", expect=expect, params=params)

    def read_notebook(self, path: str) -> dict:
        return self.contents(path, content=1).json()["content"]

    def save_notebook(self, path: str, notebook: dict) -> None:
        self.put(
            f"{self.prefix}/api/contents/{quote(path)}",
            json={"type": "notebook", "format": "json", "content": notebook},
        )

    def listing(self, path: str) -> list[str]:
        return [item["name"] for item in self.contents(path).json()["content"]]

    # nbgrader's server extensions (what the Assignments and Formgrader panels call) -------------

    def nbgrader(self, action: str, **data) -> dict:
        """POST to /assignments/<action> (fetch, submit, fetch_feedback)."""
        response = self.post(f"{self.prefix}/assignments/{action}", data=data)
        return response.json()

    def assignments(self, course_id: str) -> list[dict]:
        result = self.get(f"{self.prefix}/assignments", params={"course_id": course_id}).json()
        if not result["success"]:
            raise HubError(result["value"])
        return result["value"]

    def courses(self) -> list[str]:
        result = self.get(f"{self.prefix}/courses").json()
        if not result["success"]:
            raise HubError(result["value"])
        return result["value"]

    def validate(self, path: str) -> dict:
        return self.post(f"{self.prefix}/assignments/validate", data={"path": path}).json()

    def formgrader(self, path: str, method: str = "POST", **kwargs) -> dict | list:
        response = self.request(method, f"{self.prefix}/formgrader/api/{path}", **kwargs)
        result = response.json()
        if isinstance(result, dict) and result.get("success") is False:
            raise HubError(f"formgrader {path}: {result.get('error') or result}")
        return result

    # a kernel, as a notebook's ---------------------------------------------------------------

    def start_kernel(self) -> str:
        return self.post(f"{self.prefix}/api/kernels", json={"name": "python3"}).json()["id"]

    def execute(self, kernel: str, code: str, timeout: float = 120) -> str:
        """Run ``code`` in ``kernel`` as a notebook cell runs; its printed output. An error in
        the cell fails with the kernel's traceback."""
        ws_url = urlparse(self.base_url)._replace(scheme="ws").geturl()
        sock = websocket.create_connection(
            f"{ws_url}{self.prefix}/api/kernels/{kernel}/channels",
            header=[f"Authorization: token {self.token}"],
            timeout=timeout,
        )
        msg_id = secrets.token_hex(8)
        request = {
            "header": {
                "msg_id": msg_id,
                "msg_type": "execute_request",
                "username": self.user,
                "session": secrets.token_hex(8),
                "version": "5.3",
                "date": "",
            },
            "parent_header": {},
            "metadata": {},
            "content": {
                "code": code,
                "silent": False,
                "store_history": True,
                "user_expressions": {},
                "allow_stdin": False,
                "stop_on_error": True,
            },
            "channel": "shell",
            "buffers": [],
        }
        output, error, replied, idle = "", None, False, False
        try:
            sock.send(json.dumps(request))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline and not (replied and idle):
                message = json.loads(sock.recv())
                if message.get("parent_header", {}).get("msg_id") != msg_id:
                    continue
                kind, content = message["msg_type"], message["content"]
                if kind == "stream":
                    output += content["text"]
                elif kind == "error":
                    error = "\n".join(content["traceback"])
                elif kind == "execute_reply":
                    replied = True
                elif kind == "status" and content["execution_state"] == "idle":
                    idle = True
            if not (replied and idle):
                raise HubError(f"the cell did not finish in {timeout} s: {output[-2000:]}")
        finally:
            sock.close()
        if error:
            raise HubError(f"the cell failed:\n{_plain(error)}")
        return output

    # a terminal in JupyterLab -----------------------------------------------------------------

    def terminal(self, command: str, timeout: float = 300) -> tuple[int, str]:
        """Type ``command`` into a new JupyterLab terminal; return its exit status and output."""
        name = self.post(f"{self.prefix}/api/terminals").json()["name"]
        ws_url = urlparse(self.base_url)._replace(scheme="ws").geturl()
        sock = websocket.create_connection(
            f"{ws_url}{self.prefix}/terminals/websocket/{name}",
            header=[f"Authorization: token {self.token}"],
            timeout=timeout,
        )
        marker = secrets.token_hex(4)
        # The marker is split in the typed line, so the echo of the command cannot match it.
        typed = f'{command}; echo "END{marker[:4]}""{marker[4:]} $?"\r'
        pattern = re.compile(rf"END{marker} (\d+)")
        output = ""
        try:
            sock.send(json.dumps(["stdin", typed]))
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                kind, *payload = json.loads(sock.recv())
                if kind == "stdout":
                    output += payload[0]
                    found = pattern.search(output)
                    if found:
                        return int(found.group(1)), _plain(output[: found.start()])
            raise HubError(f"terminal command did not finish in {timeout} s: {output[-2000:]}")
        finally:
            sock.close()
            self.request("DELETE", f"{self.prefix}/api/terminals/{name}", expect=(204, 404))


def _plain(text: str) -> str:
    """Terminal output without colour and cursor escapes or carriage returns."""
    return re.sub(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r", "", text)
