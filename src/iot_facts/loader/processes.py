"""Staging in worker processes.

A download is mostly Python work under the GIL (botocore builds and signs each request, parses
the response, the body is hashed, the Parquet file checked), so one process saturates one core
at ~200 small files a second whatever the thread count. Worker processes, each with its own S3
client and download threads, use every core. The parent keeps the plan, the manifest and the
progress; workers only download and validate files into the temporary directory and return
their manifest rows. The parent places each file and records it in one step (``placed``), so a
file is never in place without its row, whatever happens to the workers.
"""

from __future__ import annotations

import ctypes
import logging
import math
import multiprocessing
import os
import signal
import sys
import threading
import time
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor, as_completed
from typing import NamedTuple

from iot_facts.loader import interrupts
from iot_facts.loader.manifest import ManifestRow
from iot_facts.loader.stager import Attempt, Item, Stager
from iot_facts.loader.stores import ObjectInfo


class Outcome(NamedTuple):
    """An ``Attempt`` after placing: the object, and its recorded row or why it failed."""

    info: ObjectInfo
    row: ManifestRow | None  # placed (or quarantined) and to be recorded
    problem: str | None  # failed, or could not be placed: retried next run


AUTO_MIN_FILES = 500  # below this, starting processes (~1 s each) costs more than it saves
AUTO_MAX_PROCESSES = 8
BATCH_FILES = 200  # files per task: progress granularity versus idle threads at a batch's end

_stager: Stager | None = None  # set in each worker by _start
_threads: ThreadPoolExecutor | None = None


def process_count(requested: int | None, files: int) -> int:
    """``requested`` if given (at most one per file), else one per usable CPU for large runs."""
    if requested is not None:
        return max(1, min(requested, files))
    if files < AUTO_MIN_FILES:
        return 1
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    return max(1, min(cpus or 1, AUTO_MAX_PROCESSES))


def stage_in_processes(
    stager: Stager, todo: list[Item], processes: int, workers: int
) -> Iterator[Outcome]:
    """Stage ``todo`` in ``processes`` worker processes, yielding outcomes as batches finish.
    Closing the iterator early (an interrupt) stops the workers; files they had staged but not
    reported are fetched again on the next run (they are complete files, never partial)."""
    size = max(1, min(BATCH_FILES, math.ceil(len(todo) / (processes * 4))))
    batches = [todo[i : i + size] for i in range(0, len(todo), size)]
    pool = ProcessPoolExecutor(
        processes,
        # spawn, not fork: the parent has live threads and sockets (listing, S3 client)
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start,
        # the stager pickles as a recipe: its store reconnects
        initargs=(stager, workers, os.getpid()),
    )
    try:
        pending: dict[Future[list[Attempt]], list[Item]] = {
            pool.submit(_stage_batch, batch): batch for batch in batches
        }
        for future in as_completed(pending):
            batch = pending.pop(future)
            try:
                results = future.result()
            except Exception as error:  # noqa: BLE001 - e.g. a worker was killed: retried next run
                results = [Attempt(None, f"worker process failed: {error!r}")] * len(batch)
            # unpacked rather than item.info: a plain (info, parsed, target) tuple is an Item too
            for (info, _, _), attempt in zip(batch, results, strict=True):
                yield from placed(stager, info, attempt)
    except BaseException:
        _terminate(pool)
        raise
    pool.shutdown()


def placed(stager: Stager, info: ObjectInfo, attempt: Attempt) -> Iterator[Outcome]:
    """Place a staged file and hand its row to the caller, who records it before asking for
    the next outcome: one step that an interrupt cannot split (``interrupts.deferred``)."""
    problem = attempt.problem
    with interrupts.deferred():
        row = None
        if attempt.staged is not None:
            try:
                row = stager.place(attempt.staged)
            except OSError as error:  # retried next run, like a failed download
                problem = str(error)
        yield Outcome(info, row, problem)


def _terminate(pool: ProcessPoolExecutor) -> None:
    # Python 3.14 has terminate_workers(); before it, the pool's process table is the only handle
    workers = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in workers:
        process.terminate()


def _start(stager: Stager, workers: int, parent: int) -> None:
    global _stager, _threads  # one stager and thread pool per worker process
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _die_with(parent)
    logging.getLogger("botocore").setLevel(logging.WARNING)  # never log requests or credentials
    _stager = stager
    _threads = ThreadPoolExecutor(max_workers=max(1, workers))


_PR_SET_PDEATHSIG = 1  # linux/prctl.h
WATCHDOG_SECONDS = 0.5


def _die_with(parent: int) -> None:
    """End this worker when the parent process ends, however it ends (SIGKILL included):
    an orphaned worker would go on downloading for nobody. Linux sends SIGKILL on the parent's
    death (prctl); a watchdog thread notices a new parent pid anywhere else, or if the parent
    died before prctl took effect."""
    if sys.platform == "linux":
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCHDOG_SECONDS)
        os.kill(os.getpid(), signal.SIGKILL)

    threading.Thread(target=watch, name="parent-watchdog", daemon=True).start()


def _stage_batch(batch: list[Item]) -> list[Attempt]:
    assert _stager is not None and _threads is not None, "worker not initialised"
    return list(_threads.map(_stager.attempt, batch))
