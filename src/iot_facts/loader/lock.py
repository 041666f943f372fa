"""The landing directory's lock: one loader at a time.

Two loaders at once would delete each other's temporary files and the last manifest save would
win. A loader holds an exclusive ``flock`` on ``<landing>/_manifest/.lock`` for its whole run
(reading the manifest, staging, saving it). Another process that must not see a run half done
(a dbt wrapper, a backup) can take the same lock shared: ``landing_lock(dest, shared=True)``,
or ``flock -s <landing>/_manifest/.lock dbt build`` from a shell.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_RELATIVE = Path("_manifest") / ".lock"
_POLL_SECONDS = 0.1


class LockTimeoutError(RuntimeError):
    """Another process held the landing directory's lock for longer than we may wait."""


def lock_path(dest: Path) -> Path:
    return dest / LOCK_RELATIVE


@contextmanager
def landing_lock(dest: Path, timeout: float = 60.0, *, shared: bool = False) -> Iterator[None]:
    """Hold the landing directory's lock (exclusive unless ``shared``), waiting at most
    ``timeout`` seconds for it. The exclusive holder writes its pid into the file, so a
    waiter can name it; the lock itself is the kernel's and ends with the process."""
    path = lock_path(dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        mode = fcntl.LOCK_SH if shared else fcntl.LOCK_EX
        deadline = time.monotonic() + max(0.0, timeout)
        while True:
            try:
                fcntl.flock(fd, mode | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    raise LockTimeoutError(_busy(path, timeout)) from None
                time.sleep(_POLL_SECONDS)
        if not shared:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        try:
            yield
        finally:
            if not shared:
                os.ftruncate(fd, 0)  # an empty file: no loader holds it
    finally:
        os.close(fd)  # releases the lock


def _busy(path: Path, timeout: float) -> str:
    holder = path.read_text().strip() if path.exists() else ""
    who = f"another loader (pid {holder})" if holder.isdigit() else "another process (shared)"
    return f"the landing directory is locked by {who}; waited {timeout:g} s for {path}"
