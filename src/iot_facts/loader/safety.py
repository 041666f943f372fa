"""Map object keys to local paths without ever leaving the landing directory."""

from __future__ import annotations

import re
from pathlib import Path

# Directories the loader owns inside the landing directory; no object key may write into them.
RESERVED = ("_manifest", "_quarantine", ".tmp")
# A conservative allow-list per path segment. Haltian keys only use [A-Za-z0-9_.-].
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._=+@,-]*")


class UnsafeKeyError(ValueError):
    """The key would resolve outside the landing directory or uses characters we refuse."""


def local_path(dest: Path, key: str) -> Path:
    """The path under ``dest`` that mirrors ``key``; raises UnsafeKeyError for unsafe keys."""
    if not key or key.startswith("/") or "\\" in key:
        raise UnsafeKeyError("absolute path or backslash in key")
    segments = key.split("/")
    for segment in segments:
        if segment in ("", ".", ".."):
            raise UnsafeKeyError(f"path segment {segment!r} is not allowed")
        if not _SEGMENT.fullmatch(segment):
            raise UnsafeKeyError(f"characters outside [A-Za-z0-9._=+@,-] in segment {segment!r}")
    if segments[0] in RESERVED:
        raise UnsafeKeyError(f"key writes into the loader's reserved directory {segments[0]!r}")
    root = dest.resolve()
    path = (root / key).resolve()
    if not path.is_relative_to(root):  # a symlinked directory inside dest could still escape
        raise UnsafeKeyError("key resolves outside the landing directory")
    return path
