"""The loader's exit codes, one definition for the command, its --help and the run summary."""

from __future__ import annotations

from enum import IntEnum


class ExitCode(IntEnum):
    OK = 0
    QUARANTINED = 1  # finished, but files were quarantined or keys refused
    USAGE = 2  # usage, credentials, bucket, endpoint or prefix error, or the landing lock
    FAILED = 3  # some downloads failed after retries (finished files are staged)
    INTERRUPTED = 130  # Ctrl-C: every file already in place is recorded
