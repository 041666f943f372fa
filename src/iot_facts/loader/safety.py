"""Map object keys to local paths without ever leaving the landing directory."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

# Directories the loader owns inside the landing directory; no object key may write into them.
RESERVED = ("_manifest", "_quarantine", ".tmp")
# A conservative allow-list per path segment. Haltian keys only use [A-Za-z0-9_.-].
_SEGMENT = re.compile(r"[A-Za-z0-9][A-Za-z0-9._=+@,-]*")
QUARANTINE_SUFFIX = ".quarantined"  # a quarantined copy's file name is the key's, plus this


class UnsafeKeyError(ValueError):
    """The key would resolve outside the landing directory, uses characters we refuse, or
    names a file the filesystem cannot hold."""


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
    name_max = _name_max(dest)
    for segment in segments[:-1]:
        if len(segment.encode()) > name_max:
            raise UnsafeKeyError(
                f"folder name of {len(segment.encode())} bytes: the filesystem allows {name_max}"
            )
    if len(segments[-1].encode()) > name_max - len(QUARANTINE_SUFFIX):
        raise UnsafeKeyError(
            f"file name of {len(segments[-1].encode())} bytes: the filesystem allows {name_max}, "
            f"less {len(QUARANTINE_SUFFIX)} for a quarantined copy's {QUARANTINE_SUFFIX!r}"
        )
    if segments[0] in RESERVED:
        raise UnsafeKeyError(f"key writes into the loader's reserved directory {segments[0]!r}")
    root = dest.resolve()
    path = (root / key).resolve()
    if not path.is_relative_to(root):  # a symlinked directory inside dest could still escape
        raise UnsafeKeyError("key resolves outside the landing directory")
    return path


@cache
def _name_max(dest: Path) -> int:
    """The longest file name (bytes) the filesystem of ``dest`` (or its nearest existing
    parent: the landing directory may not exist yet) accepts; a rename to a longer one fails
    on every run."""
    for path in (dest, *dest.parents):
        if path.exists():
            try:
                return os.pathconf(path, "PC_NAME_MAX")
            except (OSError, ValueError):
                break
    return 255  # ext4, xfs, btrfs, tmpfs
