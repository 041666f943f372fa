"""Run a command and measure its wall time and the peak RSS of its whole process tree."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

SAMPLE_SECONDS = 0.05


@dataclass(frozen=True)
class Measurement:
    seconds: float
    peak_rss_bytes: int
    stdout: str

    @property
    def peak_rss_gib(self) -> float:
        return self.peak_rss_bytes / 2**30


class CommandFailed(RuntimeError):
    pass


def _tree_rss(root: psutil.Process) -> int:
    """RSS of ``root`` and all its descendants (processes may vanish while we look)."""
    total = 0
    try:
        processes = [root, *root.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for process in processes:
        try:
            total += process.memory_info().rss
        except psutil.NoSuchProcess:
            continue
    return total


def run_measured(
    command: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None
) -> Measurement:
    """Run ``command``; sample the tree's RSS every 50 ms. Raises CommandFailed on non-zero exit.

    stderr is passed through (progress and errors stay visible); stdout is captured.
    """
    began = time.perf_counter()
    process = subprocess.Popen(
        command,
        env={**os.environ, **(env or {})},
        cwd=cwd,
        stdout=subprocess.PIPE,
        text=True,
    )
    peak = 0
    stop = threading.Event()

    def sample() -> None:
        nonlocal peak
        root = psutil.Process(process.pid)
        while not stop.is_set():
            peak = max(peak, _tree_rss(root))
            stop.wait(SAMPLE_SECONDS)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, _ = process.communicate()
    seconds = time.perf_counter() - began
    stop.set()
    sampler.join()
    if process.returncode != 0:
        tail = "\n".join(stdout.splitlines()[-40:])
        raise CommandFailed(f"{' '.join(command)} exited {process.returncode}\n{tail}")
    return Measurement(seconds=seconds, peak_rss_bytes=peak, stdout=stdout)
