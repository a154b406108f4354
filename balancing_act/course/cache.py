"""A small on-disk cache for work that every notebook would otherwise repeat.

Validating the tables takes about two seconds and bundling the offline chart JavaScript
about one and a half; a class's worth of lessons and autograded submissions would pay that
every time. Entries are keyed by a hash of everything the result depends on, so a changed
input simply misses the cache. The cache is an optimisation only: if its folder cannot be
written, work is redone and nothing fails.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

CACHE_ENV_VAR = "BALANCING_ACT_CACHE"


def cache_dir() -> Path:
    base = os.environ.get(CACHE_ENV_VAR) or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.expanduser("~/.cache"), "balancing_act"
    )
    return Path(base)


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256()
    for part in parts:
        data = part.encode("utf-8") if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little"))
        digest.update(data)
    return digest.hexdigest()


def folder_fingerprint(folder: Path) -> list[bytes | str]:
    """Every file under ``folder``: its relative path and its bytes."""
    parts: list[bytes | str] = []
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        parts += [str(path.relative_to(folder)), path.read_bytes()]
    return parts


def read(kind: str, key: str) -> bytes | None:
    try:
        return (cache_dir() / kind / key).read_bytes()
    except OSError:
        return None


def write(kind: str, key: str, value: bytes) -> None:
    target = cache_dir() / kind / key
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        temporary = target.with_suffix(f".{os.getpid()}.tmp")
        temporary.write_bytes(value)
        temporary.replace(target)  # atomic: parallel graders never read half a file
    except OSError:
        pass
