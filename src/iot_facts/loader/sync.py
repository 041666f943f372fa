"""Plan and run one incremental sync from a store into the landing directory."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor, as_completed
from contextlib import ExitStack, closing
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from iot_facts.iot_core.convert import BAD_LINES
from iot_facts.loader import interrupts
from iot_facts.loader.conform import REQUIRED_MISSING
from iot_facts.loader.exit_codes import ExitCode
from iot_facts.loader.layouts import Converted, Parsed, classify, dataset_of, format_of, staged_key
from iot_facts.loader.lock import landing_lock
from iot_facts.loader.manifest import Brief, Manifest, ManifestRow
from iot_facts.loader.processes import Outcome, placed, process_count, stage_in_processes
from iot_facts.loader.safety import UnsafeKeyError, local_path
from iot_facts.loader.stager import TMP, Attempt, Item, Stager, manifest_row
from iot_facts.loader.stores import ObjectInfo, Store
from iot_facts.loader.validate import decode_every_page, schema_fingerprint, validate

log = logging.getLogger("iot_facts.loader")
_PLAIN_MD5 = re.compile(r"[0-9a-f]{32}")  # a single-part upload's ETag (unless SSE-KMS/SSE-C)


class NothingToLoadError(RuntimeError):
    """The source holds no export files of any layout (usually a wrong bucket prefix)."""


@dataclass
class Options:
    since: datetime | None = None
    until: datetime | None = None
    entities: frozenset[str] | None = None  # folder names or catalog names
    workers: int = 16  # download threads per process
    processes: int | None = None  # None: one per CPU for large runs (processes.process_count)
    dry_run: bool = False
    verify: bool = False
    lock_timeout: float = 60.0  # seconds to wait for another loader to finish
    format: str = "auto"  # auto | haltian | sitewise (iot_facts.loader.layouts)


@dataclass
class Summary:
    source: str
    dest: str
    listed: int = 0
    selected: int = 0
    skipped_by_filter: int = 0
    unchanged: int = 0
    new: int = 0
    changed: int = 0
    fetched: int = 0
    bytes_fetched: int = 0
    failed: int = 0
    reverified: int = 0
    # keys in the manifest that this (unfiltered) run found no longer listed, for the first time
    deleted_upstream: list[str] = field(default_factory=list)
    unknown_folders: list[str] = field(default_factory=list)  # of unknown_entity files staged
    adopted: int = 0  # files found in place but not in the manifest, re-validated and recorded
    processes: int = 1  # worker processes that staged this run's files (1: this process)
    statuses: dict[str, int] = field(default_factory=dict)  # status of files handled this run
    problems: list[str] = field(default_factory=list)  # one line per quarantined/refused/failed
    seconds: float = 0.0
    dry_run: bool = False
    would_fetch: list[str] = field(default_factory=list)

    @property
    def exit_code(self) -> ExitCode:
        if self.failed:
            return ExitCode.FAILED
        if self.statuses.get("quarantined") or self.statuses.get("refused"):
            return ExitCode.QUARANTINED
        return ExitCode.OK


def _selected(parsed: Parsed | None, options: Options) -> bool:
    if parsed is None:
        return options.entities is None  # unknown layouts are only staged on unfiltered runs
    if (
        options.entities is not None
        and not ({parsed.folder} | ({dataset_of(parsed)} - {None})) & options.entities
    ):
        return False
    if parsed.window_start is None or parsed.window_end is None:
        return True  # SiteWise metadata: no window, it describes every window
    if options.since and parsed.window_end <= options.since:
        return False
    return not (options.until and parsed.window_start >= options.until)


def _is_current(prev: Brief | None, info: ObjectInfo, dest: Path) -> bool:
    if prev is None or prev.etag != info.etag or prev.size != info.size:
        return False
    if prev.status in ("quarantined", "refused"):
        return True  # the same bad object: do not fetch it again
    # os.path rather than pathlib: ten times cheaper, and this runs for every listed object
    return prev.local_path is not None and os.path.exists(f"{dest}/{prev.local_path}")  # noqa: PTH110


def _verify(row: ManifestRow, dest: Path) -> str | None:
    """Re-check a staged file against the manifest; return the problem, if any."""
    if row.local_path is None or row.status in ("quarantined", "refused"):
        return None
    path = dest / row.local_path
    if not path.exists():
        return "missing"
    if path.stat().st_size != row.local_size:
        return "size differs from manifest"
    if not row.local_path.endswith(".parquet"):
        return None  # an unknown file staged as it is (a SiteWise key outside the layout)
    try:
        schema, _ = decode_every_page(path)
    except Exception as error:  # noqa: BLE001 - any read failure means re-fetch
        return f"unreadable: {error}"
    if schema_fingerprint(schema) != row.schema_fingerprint:
        return "schema fingerprint differs from manifest"
    return None


def _adopt(info: ObjectInfo, parsed: Parsed | None, target: Path) -> ManifestRow | None:
    """The row for a file already at ``target`` that the manifest does not know (a killed run
    placed it, then could not save the manifest), if it is the listed object: same size, the
    ETag's MD5 where the ETag is one, and it validates. Otherwise None: it is fetched again.
    Never a SiteWise or IoT Core file: what is staged is a conversion, not comparable with the
    object."""
    if isinstance(parsed, Converted):
        return None
    try:
        if not target.is_file() or target.stat().st_size != info.size:
            return None
        if _PLAIN_MD5.fullmatch(info.etag):
            with target.open("rb") as handle:
                if hashlib.file_digest(handle, "md5").hexdigest() != info.etag:
                    return None  # e.g. an older version of the same size
        result = validate(target, parsed)
    except OSError:
        return None
    if result.status == "quarantined":
        return None
    return manifest_row(
        info,
        parsed,
        datetime.now(UTC),
        local_path=info.key,
        local_size=target.stat().st_size,  # validate may have normalized wide decimals
        row_count=result.row_count,
        schema_fingerprint=result.fingerprint,
        status=result.status,
        reason=result.reason.replace(str(target), info.key) if result.reason else None,
        # now, not the file's time: dbt reads what was staged after its high-water mark, and
        # a run since the killed one may have recorded later files
        staged_at=datetime.now(UTC),
    )


def _note_unknown(summary: Summary, row: ManifestRow) -> None:
    """Name the folder of a file dbt will not read: its export folder, or for a key outside
    the export layout, the directory it is in."""
    name = row.entity or row.key.rpartition("/")[0] or "/"
    if name not in summary.unknown_folders:
        summary.unknown_folders.append(name)


def _below_other_keys(keys: Iterable[str]) -> dict[str, str]:
    """Keys that need another listed key to be a directory (``a/f.parquet/x.parquet`` below
    ``a/f.parquet``), each with the shortest such key."""
    listed = set(keys)
    blocked = {}
    for key in listed:
        at = key.find("/")
        while at != -1:
            if key[:at] in listed:
                blocked[key] = key[:at]
                break
            at = key.find("/", at + 1)
    return blocked


class Loader:
    """One sync run. Construct, then call ``run``."""

    def __init__(
        self,
        store: Store,
        dest: Path,
        options: Options,
        progress: Callable[[int, int, int, int], None] | None = None,
    ) -> None:
        self.store = store
        self.dest = dest.resolve()
        self.options = options
        self.progress = progress
        self.now = datetime.now(UTC)
        self.stager = Stager(store, self.dest, self.now)

    def run(self) -> Summary:
        began = time.monotonic()
        summary = Summary(
            source=self.store.description, dest=str(self.dest), dry_run=self.options.dry_run
        )
        listing = list(self.store.list())
        summary.listed = len(listing)
        fmt = self.options.format
        if not any(format_of(classify(info.key, fmt)) for info in listing):
            raise NothingToLoadError(
                f"no {'Haltian, SiteWise or IoT Core' if fmt == 'auto' else fmt} export files "
                f"under {self.store.description} ({len(listing)} objects listed): check the "
                "bucket and prefix (Haltian files live under .../parquet/{org}/ or "
                ".../parquet/v1/{org}/, SiteWise files under {keyPrefix}/raw/, agg/, "
                "asset_metadata/ and asset_hierarchy_metadata/, IoT Core objects under "
                "{prefix}YYYY/MM/DD/HH/ (Firehose) or {prefix}{thingName}/{epochMillis})"
            )
        with ExitStack() as locked:
            if not self.options.dry_run:  # a dry run writes nothing; the manifest is atomic
                locked.enter_context(landing_lock(self.dest, self.options.lock_timeout))
            return self._run(listing, summary, began)

    def _run(self, listing: list[ObjectInfo], summary: Summary, began: float) -> Summary:
        book = Manifest(self.dest)
        rejected: set[str] = set()  # by --verify: fetched again, never adopted as they are
        if self.options.verify:
            for row in book.stored_rows():
                if problem := _verify(row, self.dest):
                    log.warning("verify: %s: %s; fetching it again", row.key, problem)
                    summary.reverified += 1
                    book.drop(row.key)
                    rejected.add(row.key)

        filtered = bool(
            self.options.entities is not None or self.options.since or self.options.until
        )
        todo: list[Item] = []
        blocked = _below_other_keys(info.key for info in listing)
        listed = {info.key for info in listing}
        for info in listing:
            # keys are parsed only to filter, or to fetch: not for every unchanged object
            parsed = classify(info.key, self.options.format) if filtered else None
            if filtered and not _selected(parsed, self.options):
                summary.skipped_by_filter += 1
                continue
            summary.selected += 1
            prev = book.brief(info.key)
            book.listed(info.key)  # it exists upstream, whatever happens to it below
            if (blocker := blocked.get(info.key)) is not None:
                self._refuse_below(info, blocker, prev, book, summary)
                continue
            if _is_current(prev, info, self.dest) and not self._reclassified(info.key, prev):
                summary.unchanged += 1
                continue
            if not filtered:
                parsed = classify(info.key, self.options.format)
            local = staged_key(info.key, parsed)
            if local != info.key and local in listed:
                reason = f"its converted file {local!r} would overwrite that listed object"
                self._refuse(info, parsed, reason, book, summary)
                continue
            try:
                target = local_path(self.dest, local)
            except UnsafeKeyError as error:
                self._refuse(info, parsed, f"unsafe key refused: {error}", book, summary)
                continue
            adoptable = prev is None and info.key not in rejected and not self.options.dry_run
            if adoptable and (row := _adopt(info, parsed, target)):
                book.put(row)  # left in place by a run that could not record it (killed)
                summary.adopted += 1
                if row.status == "unknown_entity":
                    _note_unknown(summary, row)
                summary.statuses[row.status] = summary.statuses.get(row.status, 0) + 1
                continue
            if prev is None:
                summary.new += 1
            else:
                summary.changed += 1
            todo.append(Item(info, parsed, target))

        if not filtered and not self.options.dry_run:
            # only a full listing can tell that a key is gone; the local copy stays as history
            summary.deleted_upstream = book.mark_deleted()
            for key in summary.deleted_upstream:
                log.warning("deleted upstream (local copy kept): %s", key)

        if self.options.dry_run:
            summary.would_fetch = [item.info.key for item in todo]
            summary.seconds = time.monotonic() - began
            return summary

        tmp_dir = self.dest / TMP
        shutil.rmtree(tmp_dir, ignore_errors=True)  # leftovers of an interrupted run
        tmp_dir.mkdir(parents=True, exist_ok=True)
        try:
            self._fetch_all(todo, book, summary)
        finally:
            book.save(self.now)
            shutil.rmtree(tmp_dir, ignore_errors=True)
            summary.seconds = time.monotonic() - began
        return summary

    def _reclassified(self, key: str, prev: Brief | None) -> bool:
        """An unknown file staged as it is that this run's --format stages elsewhere (a SiteWise
        file staged by a --format haltian run, now converted): fetch it again. Only unknown
        rows are parsed here, so an unchanged run stays cheap."""
        if prev is None or prev.status != "unknown_entity":
            return False
        return staged_key(key, classify(key, self.options.format)) != prev.local_path

    def _refuse(
        self,
        info: ObjectInfo,
        parsed: Parsed | None,
        reason: str,
        book: Manifest,
        summary: Summary,
    ) -> None:
        if not self.options.dry_run:
            book.put(manifest_row(info, parsed, self.now, status="refused", reason=reason))
        summary.statuses["refused"] = summary.statuses.get("refused", 0) + 1
        summary.problems.append(f"refused {info.key!r}: {reason}")

    def _refuse_below(
        self, info: ObjectInfo, blocker: str, prev: Brief | None, book: Manifest, summary: Summary
    ) -> None:
        """Refuse a key that lies below another object's key: both cannot be local files, and
        the object itself is the export file. Whichever order they are listed or fetched in."""
        if prev and prev.status == "refused" and (prev.etag, prev.size) == (info.etag, info.size):
            summary.unchanged += 1  # refused before: reported once, like other refused keys
            return
        reason = f"key lies below the object {blocker!r}, which must stay a file"
        self._refuse(info, classify(info.key, self.options.format), reason, book, summary)
        if not self.options.dry_run:
            self._remove_below(info.key, blocker)

    def _remove_below(self, key: str, blocker: str) -> None:
        """Remove what an earlier run staged for a key now refused as below ``blocker``, and
        the directories that leaves empty, so the blocker's file can take their place."""
        try:
            path, stop = local_path(self.dest, key), local_path(self.dest, blocker)
        except UnsafeKeyError:
            return
        if not path.is_file():
            return
        path.unlink()
        for parent in path.parents:
            if not parent.is_relative_to(stop):
                break
            try:
                parent.rmdir()
            except OSError:  # not empty: other keys below it still have files there
                break

    def _fetch_all(
        self,
        todo: list[Item],
        book: Manifest,
        summary: Summary,
    ) -> None:
        total_bytes = sum(item.info.size for item in todo)
        workers = max(1, self.options.workers)
        processes = summary.processes = process_count(self.options.processes, len(todo))
        if todo:
            log.info(
                "fetching %d files: %d process(es), %d threads each", len(todo), processes, workers
            )
        if self.progress:
            self.progress(len(todo), total_bytes, 0, 0)
        outcomes = (
            stage_in_processes(self.stager, todo, processes, workers)
            if processes > 1
            else self._stage_in_threads(todo, workers)
        )
        try:
            # an interrupt stops the workers before the manifest is saved; it only comes
            # between files, never between placing one and recording it (interrupts.py)
            with interrupts.handled(), closing(outcomes):
                for info, row, problem in outcomes:
                    if row is None:
                        summary.failed += 1
                        summary.problems.append(f"failed {info.key}: {problem}")
                        log.error("download failed after retries: %s: %s", info.key, problem)
                    else:
                        book.put(row)
                        summary.fetched += 1
                        summary.bytes_fetched += info.size
                        summary.statuses[row.status] = summary.statuses.get(row.status, 0) + 1
                        if row.status == "unknown_entity":
                            _note_unknown(summary, row)
                        if row.status == "quarantined":
                            summary.problems.append(f"quarantined {info.key}: {row.reason}")
                            log.warning("quarantined %s: %s", info.key, row.reason)
                        elif row.reason and (
                            REQUIRED_MISSING in row.reason or BAD_LINES in row.reason
                        ):
                            log.warning("%s: %s", info.key, row.reason)
                    if self.progress:
                        self.progress(
                            len(todo),
                            total_bytes,
                            summary.fetched + summary.failed,
                            summary.bytes_fetched,
                        )
        except KeyboardInterrupt:
            print("interrupted: finished files are recorded, re-run to resume", file=sys.stderr)
            raise

    def _stage_in_threads(self, todo: list[Item], workers: int) -> Iterator[Outcome]:
        pool = ThreadPoolExecutor(max_workers=workers)
        try:
            pending: dict[Future[Attempt], ObjectInfo] = {
                pool.submit(self.stager.attempt, item): item.info for item in todo
            }
            # as_completed waits on every future once; wait(FIRST_COMPLETED) in a loop
            # re-registers on all pending futures each time: O(n^2) under the GIL, a fifth
            # of a 10,000-file sync (py-spy).
            for future in as_completed(pending):
                info = pending.pop(future)
                yield from placed(self.stager, info, future.result())
        finally:
            # on an interrupt: drop what has not started, and do not wait for downloads in
            # flight: their temporary files are never placed
            pool.shutdown(wait=False, cancel_futures=True)
