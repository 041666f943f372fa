"""Fetch, check and validate one object, then place it: the unit of work of a sync.

``Stager.attempt`` runs in any download thread or worker process and leaves a ``Staged`` file in
the temporary directory; ``Stager.place`` moves it into the landing directory (or quarantine) in
the process that records it in the manifest. Both the in-process and the worker-process paths
(``processes``) use it; the plan and the manifest are ``sync``'s.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import NamedTuple

from iot_facts.haltian.paths import ExportKey
from iot_facts.loader.layouts import Converted, Parsed, convert, dataset_of, format_of
from iot_facts.loader.manifest import ManifestRow
from iot_facts.loader.safety import QUARANTINE_SUFFIX
from iot_facts.loader.stores import ObjectInfo, Store
from iot_facts.loader.validate import Validation, validate
from iot_facts.sitewise.paths import SiteWiseKey

QUARANTINE = "_quarantine"  # quarantined files keep their key + QUARANTINE_SUFFIX there
TMP = ".tmp"


@dataclass(frozen=True)
class Staged:
    """A downloaded, validated file in the temporary directory, not yet in place."""

    row: ManifestRow  # what the manifest records once it is placed
    tmp: Path
    target: Path  # where it goes (unless quarantined)


class Item(NamedTuple):
    """One object to fetch. A tuple, so a plain ``(info, parsed, target)`` is one too."""

    info: ObjectInfo  # what to fetch
    parsed: Parsed | None  # what its key says (None: no known layout)
    target: Path  # where it goes in the landing directory


class Attempt(NamedTuple):
    """What became of one ``Item`` in a thread or worker: exactly one field is set."""

    staged: Staged | None  # the file, ready to be placed
    problem: str | None  # why it failed (retried next run)


def manifest_row(
    info: ObjectInfo, parsed: Parsed | None, now: datetime, **values: object
) -> ManifestRow:
    """The manifest row of ``info`` as this run sees it; ``values`` override the defaults."""
    haltian = parsed if isinstance(parsed, ExportKey) else None
    sitewise = parsed if isinstance(parsed, SiteWiseKey) else None
    base: dict[str, object] = {
        "key": info.key,
        "local_path": None,
        "size": info.size,
        "etag": info.etag,
        "last_modified": info.last_modified,
        "staged_at": None,
        "last_listed_at": now,
        "family": str(haltian.family) if haltian else None,
        "entity": parsed.folder if parsed else None,
        "dataset": dataset_of(parsed) if parsed else None,
        "kind": parsed.kind if parsed else "unknown",
        "organization_id": haltian.organization_id if haltian else None,
        "window_start": parsed.window_start if parsed else None,
        "window_end": parsed.window_end if parsed else None,
        "row_count": None,
        "schema_fingerprint": None,
        "status": "ok",
        "reason": None,
        "local_size": None,
        "format": format_of(parsed),
        "quality": sitewise.quality if sitewise else None,
        "series_id": sitewise.series_id if sitewise else None,
    }
    base.update(values)
    return ManifestRow(**base)  # type: ignore[arg-type]


class Stager:
    """Fetch, check and validate one object into the temporary directory (``attempt``, in any
    thread or worker process), then place it (``place``, in the process that records it).
    Worker processes receive it pickled (its store connects anew there)."""

    def __init__(self, store: Store, dest: Path, now: datetime) -> None:
        self.store = store
        self.dest = dest
        self.now = now

    def attempt(self, item: Item) -> Attempt:
        """``prepare`` for a pool: the staged file, or why it failed (retried next run)."""
        try:
            return Attempt(self.prepare(*item), None)
        except Exception as error:  # noqa: BLE001 - reported by the caller, retried next run
            return Attempt(None, str(error))

    def prepare(self, info: ObjectInfo, parsed: Parsed | None, target: Path) -> Staged:
        tmp = self.dest / TMP / f"{uuid.uuid4().hex}.part"
        converted = tmp.with_suffix(".parquet.part")
        try:
            self.store.fetch(info, tmp)  # the store checks the MD5 where the ETag allows it
            size = tmp.stat().st_size
            if size != info.size:
                raise OSError(f"received {size} bytes, listing said {info.size}")
            if not isinstance(parsed, Converted):
                result = validate(tmp, parsed)
            elif not parsed.known:  # not decoded: dbt reads no unknown file
                result = Validation("unknown_entity", parsed.problem, None, None)
            else:
                result = convert(tmp, parsed, converted)
                if result.status != "quarantined":
                    # the converted file is staged; quarantine keeps the original
                    tmp.unlink()
                    tmp = converted
        except BaseException:
            tmp.unlink(missing_ok=True)
            converted.unlink(missing_ok=True)
            raise
        # name the object, not the temporary file, in the recorded reason
        reason = result.reason.replace(str(tmp), info.key) if result.reason else None
        common = {
            "row_count": result.row_count,
            "schema_fingerprint": result.fingerprint,
            "status": result.status,
            "reason": reason,
            "staged_at": datetime.now(UTC),
        }
        if result.status == "quarantined":
            return Staged(
                manifest_row(info, parsed, self.now, local_path=None, **common), tmp, target
            )
        row = manifest_row(
            info,
            parsed,
            self.now,
            local_size=tmp.stat().st_size,
            local_path=target.relative_to(self.dest).as_posix(),
            **common,
        )
        return Staged(row, tmp, target)

    def place(self, staged: Staged) -> ManifestRow:
        """Move a prepared file into place (or into quarantine); returns its manifest row."""
        try:
            if staged.row.status == "quarantined":
                quarantined = self.dest / QUARANTINE / f"{staged.row.key}{QUARANTINE_SUFFIX}"
                quarantined.parent.mkdir(parents=True, exist_ok=True)
                staged.tmp.replace(quarantined)
                staged.target.unlink(missing_ok=True)  # never leave an older version behind
            else:
                staged.target.parent.mkdir(parents=True, exist_ok=True)
                # atomic: readers see the old file or the complete new one
                staged.tmp.replace(staged.target)
            return staged.row
        finally:
            staged.tmp.unlink(missing_ok=True)
