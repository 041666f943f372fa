"""Ctrl-C at a safe point.

A file renamed into place but not yet recorded would be a staged file that no manifest knows.
The loader places and records each file as one step inside ``deferred()``; a SIGINT arriving
during that step is held and raised as KeyboardInterrupt when the step ends.
"""

from __future__ import annotations

import signal
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType

_depth = 0  # deferred() sections open in the main thread
_pending = False  # a SIGINT arrived inside one


def _handler(signum: int, frame: FrameType | None) -> None:
    global _pending
    if _depth:
        _pending = True
        return
    raise KeyboardInterrupt


@contextmanager
def handled() -> Iterator[None]:
    """Route SIGINT through ``_handler`` for the duration of a run. Only the main thread can
    set handlers (and receives Python's signals); a run in another thread is left as is, as is
    a program that installed its own handler."""
    usable = (
        threading.current_thread() is threading.main_thread()
        and signal.getsignal(signal.SIGINT) is signal.default_int_handler
    )
    if not usable:
        yield
        return
    previous = signal.signal(signal.SIGINT, _handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@contextmanager
def deferred() -> Iterator[None]:
    """Hold a SIGINT until the block ends (nests; only the main thread's blocks count)."""
    global _depth, _pending
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    _depth += 1
    try:
        yield
    finally:
        _depth -= 1
    if not _depth and _pending:  # reached only when the block ended normally
        _pending = False
        raise KeyboardInterrupt
