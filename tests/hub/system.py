"""The machine side of the Hub test: Unix accounts and groups, the proxy, folder permissions.

Everything made here is marked so that it can be found and removed again, even after a run
that was killed half-way: accounts and groups carry :data:`MARK` in their names and accounts
carry it in their comment (GECOS) field.
"""

from __future__ import annotations

import json
import os
import pwd
import secrets
import shutil
import signal
import stat
import struct
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from ..notebook_tools import ROOT

#: In the comment field of every account the test makes, and nowhere else.
MARK = "balancing-act hub test"
DEPLOY = ROOT / "deploy"
PROXY = DEPLOY / "node_modules" / ".bin" / "configurable-http-proxy"


def run(*command: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed: {result.stdout}{result.stderr}")
    return result


# --- the proxy ---------------------------------------------------------------------------------


def ensure_proxy() -> Path:
    """Install the pinned configurable-http-proxy into deploy/node_modules (git-ignored) if missing.

    Uses deploy/package-lock.json (``npm ci``); installs Debian's npm first when there is none.
    """
    if PROXY.exists():
        return PROXY
    if shutil.which("npm") is None:
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        run("apt-get", "update", "-qq", env=env)
        run("apt-get", "install", "-y", "-qq", "--no-install-recommends", "nodejs", "npm", env=env)
    run("npm", "ci", "--prefix", str(DEPLOY), "--no-audit", "--no-fund", timeout=600)
    if not PROXY.exists():
        raise RuntimeError(f"npm ci did not install {PROXY}")
    return PROXY


# --- accounts ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Account:
    name: str
    password: str
    home: Path

    @property
    def uid(self) -> int:
        return pwd.getpwnam(self.name).pw_uid


@dataclass
class Class:
    """The groups and accounts of one test class; ``tag`` keeps parallel runs apart."""

    tag: str
    homes: Path

    @property
    def instructors_group(self) -> str:
        return f"bahub{self.tag}-instructors"

    @property
    def students_group(self) -> str:
        return f"bahub{self.tag}-students"

    def user_name(self, role: str) -> str:
        return f"bahub{self.tag}-{role}"


def new_class(homes: Path) -> Class:
    return Class(tag=secrets.token_hex(2), homes=homes)


def add_group(name: str) -> None:
    run("groupadd", name)


def add_account(klass: Class, role: str, groups: list[str]) -> Account:
    """A local account made like a teacher would: ``useradd -m`` with Debian's defaults.

    Debian's useradd makes the home world-readable (umask 022); the Hub must tighten it.
    """
    name = klass.user_name(role)
    home = klass.homes / name
    command = ["useradd", "-m", "-d", str(home), "-s", "/bin/bash", "-c", MARK]
    if groups:
        command += ["-G", ",".join(groups)]
    run(*command, name)
    password = secrets.token_urlsafe(12)
    run("chpasswd", input=f"{name}:{password}\n")
    return Account(name, password, home)


def processes_of(uid: int) -> list[int]:
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    pids.append(int(entry.name))
            except FileNotFoundError:
                continue
    return pids


def stop_processes_of(uid: int, grace: float = 5.0) -> None:
    """End, one by one and by id, whatever still runs as a test account (servers, kernels)."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        pids = processes_of(uid)
        for pid in pids:
            try:
                os.kill(pid, sig)
            except ProcessLookupError:
                pass
        deadline = time.monotonic() + grace
        while processes_of(uid) and time.monotonic() < deadline:
            time.sleep(0.1)


def remove_account(name: str) -> None:
    try:
        entry = pwd.getpwnam(name)
    except KeyError:
        return
    if entry.pw_gecos.split(",")[0] != MARK:
        raise RuntimeError(f"refusing to remove {name}: not an account this test made")
    stop_processes_of(entry.pw_uid)
    run("userdel", "-r", name, check=False)
    run("userdel", "-f", name, check=False)  # a second try, if a process held the home


def remove_group(name: str) -> None:
    run("groupdel", name, check=False)


def remove_leftovers() -> None:
    """Accounts, groups and grants left by an earlier run that was killed before cleaning up."""
    restore_leftover_grants()
    for entry in pwd.getpwall():
        if entry.pw_name.startswith("bahub") and entry.pw_gecos.split(",")[0] == MARK:
            remove_account(entry.pw_name)
    with open("/etc/group", encoding="utf-8") as groups:
        for line in groups:
            name = line.split(":", 1)[0]
            if name.startswith("bahub") and name.endswith(("-instructors", "-students")):
                remove_group(name)


# --- permissions -------------------------------------------------------------------------------


ACL_XATTR = "system.posix_acl_access"
_ACL_USER_OBJ, _ACL_GROUP_OBJ, _ACL_GROUP, _ACL_MASK, _ACL_OTHER = 0x01, 0x04, 0x08, 0x10, 0x20
_UNDEFINED = 0xFFFFFFFF
#: Where a run notes what it opened, so that the next run can close it if this one was killed.
GRANTS_NOTE = Path(tempfile.gettempdir()) / "balancing-act-hub-test-grants.json"


def _acl(mode: int, gids: list[int]) -> bytes:
    """A POSIX access ACL (the kernel's xattr format): ``mode`` plus traverse for ``gids``."""
    entries = [
        (_ACL_USER_OBJ, (mode >> 6) & 7, _UNDEFINED),
        (_ACL_GROUP_OBJ, (mode >> 3) & 7, _UNDEFINED),
    ]
    entries += [(_ACL_GROUP, 1, gid) for gid in sorted(gids)]
    entries += [(_ACL_MASK, ((mode >> 3) & 7) | 1, _UNDEFINED), (_ACL_OTHER, mode & 7, _UNDEFINED)]
    return struct.pack("<I", 2) + b"".join(struct.pack("<HHI", *entry) for entry in entries)


class TraversalGrant:
    """Let the class's accounts reach the course environment for the run, and no one else.

    The servers run the checkout's .venv, whose interpreter may live under a private folder (a
    pyenv build under /root, or a clone under a private temporary folder). Each folder on the
    way that others cannot traverse gets an ACL entry letting the class's groups traverse it
    (no listing), removed again at the end; where ACLs are not supported, o+x for the run.
    """

    def __init__(self, targets: list[Path], gids: list[int]):
        self.targets = [Path(os.path.realpath(t)) for t in targets]
        self.gids = gids
        self.changed: list[tuple[Path, int, str]] = []

    def __enter__(self):
        folders = []
        for target in self.targets:
            for folder in [*reversed(target.parents), target]:
                if folder not in folders:
                    folders.append(folder)
        for folder in folders:
            mode = stat.S_IMODE(folder.stat().st_mode)
            if mode & stat.S_IXOTH:
                continue
            try:
                os.getxattr(folder, ACL_XATTR)
                continue  # an ACL is there already: not ours to touch; the check below tells
            except OSError:
                pass
            try:
                os.setxattr(folder, ACL_XATTR, _acl(mode, self.gids))
                how = "acl"
            except OSError:
                os.chmod(folder, mode | stat.S_IXOTH)
                how = "chmod"
            self.changed.append((folder, mode, how))
            GRANTS_NOTE.write_text(json.dumps([(str(f), m, h) for f, m, h in self.changed]))
        return self

    def __exit__(self, *exc):
        for folder, mode, how in reversed(self.changed):
            restore(folder, mode, how)
        GRANTS_NOTE.unlink(missing_ok=True)


def restore(folder: Path, mode: int, how: str) -> None:
    if how == "acl":
        try:
            os.removexattr(folder, ACL_XATTR)
        except OSError:
            pass
    os.chmod(folder, mode)


def restore_leftover_grants() -> None:
    if GRANTS_NOTE.exists():
        for folder, mode, how in reversed(json.loads(GRANTS_NOTE.read_text())):
            restore(Path(folder), mode, how)
        GRANTS_NOTE.unlink()
