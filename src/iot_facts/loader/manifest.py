"""The loader manifest: one row per object ever seen, stored as Parquet under the landing dir.

dbt reads it as a source: it is the record of coverage (which export windows were delivered,
empty files included), so watermarks and freshness come from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST_RELATIVE = Path("_manifest") / "manifest.parquet"
STATUSES = ("ok", "empty", "quarantined", "unknown_entity", "refused")


_TS = pa.timestamp("us", tz="UTC")


def _spec(arrow_type: pa.DataType, description: str) -> dict[str, Any]:
    """A ManifestRow field's metadata: its Parquet type and its documentation."""
    return {"arrow_type": arrow_type, "description": description}


@dataclass
class ManifestRow:
    """One manifest row. The single definition of the manifest's columns (names, order, Parquet
    types, descriptions): SCHEMA below, the dbt source (models/staging/loader/_loader__sources.yml)
    and the typed empty manifest stg_loader__manifest_files falls back on
    (macros/loader/loader_manifest_columns.sql) are derived from it, the last two by
    ``python -m iot_facts.dbt_codegen``."""

    key: str = field(
        metadata=_spec(pa.string(), "S3 object key (also the path under the landing directory).")
    )
    local_path: str | None = field(
        metadata=_spec(
            pa.string(),
            "Path of the staged file relative to the landing directory; null if not staged.",
        )
    )
    size: int = field(metadata=_spec(pa.int64(), "Object size in bytes as listed in S3."))
    etag: str = field(
        metadata=_spec(pa.string(), "S3 ETag (for a local-directory source, size and mtime).")
    )
    last_modified: datetime = field(metadata=_spec(_TS, "S3 LastModified (UTC)."))
    staged_at: datetime | None = field(
        metadata=_spec(_TS, "When the loader staged this version (UTC).")
    )
    last_listed_at: datetime = field(
        metadata=_spec(_TS, "When a loader run last saw the object in the source (UTC).")
    )
    family: str | None = field(
        metadata=_spec(
            pa.string(), "Exporter family, legacy or v1; null when the key follows neither layout."
        )
    )
    entity: str | None = field(
        metadata=_spec(pa.string(), "Export folder name, e.g. measurementCO2 or device.")
    )
    dataset: str | None = field(
        metadata=_spec(
            pa.string(),
            "Catalog name of the folder, e.g. co2 or devices; null for unknown folders.",
        )
    )
    kind: str | None = field(metadata=_spec(pa.string(), "metadata, measurement or unknown."))
    organization_id: str | None = field(
        metadata=_spec(pa.string(), "Organization UUID from the key.")
    )
    window_start: datetime | None = field(
        metadata=_spec(_TS, "Start of the export window named by the file (UTC).")
    )
    window_end: datetime | None = field(
        metadata=_spec(_TS, "End of the export window (legacy hour + 1 h; v1 from the name).")
    )
    row_count: int | None = field(
        metadata=_spec(pa.int64(), "Rows in the file, read by the loader.")
    )
    schema_fingerprint: str | None = field(
        metadata=_spec(pa.string(), "Hash of the file's column names and Arrow types.")
    )
    status: str = field(
        metadata=_spec(pa.string(), "ok, empty, quarantined, unknown_entity or refused.")
    )
    reason: str | None = field(
        metadata=_spec(
            pa.string(), "Why a file was quarantined, refused or flagged, and drift/footer notes."
        )
    )
    local_size: int | None = field(
        metadata=_spec(
            pa.int64(), "Size of the staged file (differs from size only after normalization)."
        )
    )
    deleted_at: datetime | None = field(
        default=None,
        metadata=_spec(
            _TS,
            "When an unfiltered loader run first found the object no longer listed in the source "
            "(UTC); null while it exists. The local copy is kept as history.",
        ),
    )
    format: str | None = field(
        default=None,
        metadata=_spec(
            pa.string(),
            "Export layout the key follows (haltian, sitewise, iot_core); null when none, and in "
            "a manifest written before the column was added.",
        ),
    )
    quality: str | None = field(
        default=None,
        metadata=_spec(
            pa.string(),
            "SiteWise file quality from the file name (GOOD, BAD, UNCERTAIN); null for other "
            "formats.",
        ),
    )
    series_id: str | None = field(
        default=None,
        metadata=_spec(
            pa.string(), "SiteWise time series id from the file name; null for other formats."
        ),
    )


SCHEMA = pa.schema([(f.name, f.metadata["arrow_type"]) for f in fields(ManifestRow)])
DESCRIPTIONS = {f.name: f.metadata["description"] for f in fields(ManifestRow)}


def manifest_path(dest: Path) -> Path:
    return dest / MANIFEST_RELATIVE


def _read_table(dest: Path) -> pa.Table:
    path = manifest_path(dest)
    if not path.exists():
        return pa.Table.from_batches([], schema=SCHEMA)  # SCHEMA.empty_table() imports pandas
    # ParquetFile, not read_table, which imports pyarrow.dataset (~0.4 s)
    table = pq.ParquetFile(path).read()
    if table.schema == SCHEMA:
        return table
    for name in SCHEMA.names:  # a manifest from before a column was added: nulls
        if name not in table.schema.names:
            table = table.append_column(name, _column(SCHEMA.field(name).type, [None] * len(table)))
    return table.select(SCHEMA.names).cast(SCHEMA)


def _rows(table: pa.Table) -> list[ManifestRow]:
    columns = []
    for name in SCHEMA.names:
        column = table.column(name)
        if column.type == _TS:
            # converted as naive values: converting tz-aware ones imports pandas (~1 s)
            values = column.cast(pa.timestamp("us")).to_pylist()
            columns.append([v.replace(tzinfo=UTC) if v is not None else None for v in values])
        else:
            columns.append(column.to_pylist())
    return [ManifestRow(*values) for values in zip(*columns, strict=True)]


def load(dest: Path) -> dict[str, ManifestRow]:
    """Every row, by key."""
    return {row.key: row for row in _rows(_read_table(dest))}


@dataclass(frozen=True)
class Brief:
    """What deciding whether an object is unchanged needs, without building its whole row."""

    etag: str
    size: int
    status: str
    local_path: str | None


class Manifest:
    """The stored manifest and one run's changes to it. A no-change run over 10,000 objects
    reads four columns instead of building 10,000 rows, and writes the stored rows back as they
    are with a new ``last_listed_at``."""

    def __init__(self, dest: Path) -> None:
        self.dest = dest
        self._table = _read_table(dest)
        keys = self._table.column("key").to_pylist()
        self._position = {key: i for i, key in enumerate(keys)}
        names = ("etag", "size", "status", "local_path")
        self._briefs = list(zip(*(self._table.column(n).to_pylist() for n in names), strict=True))
        self._keys = keys
        self._listed = np.zeros(len(keys), dtype=bool)
        self._gone: np.ndarray | None = None  # rows an unfiltered run did not list
        self._changed: dict[str, ManifestRow] = {}
        self._dropped: set[str] = set()

    def brief(self, key: str) -> Brief | None:
        if key in self._changed:
            row = self._changed[key]
            return Brief(row.etag, row.size, row.status, row.local_path)
        position = self._position.get(key)
        if position is None or key in self._dropped:
            return None
        return Brief(*self._briefs[position])

    def stored_rows(self) -> list[ManifestRow]:
        return _rows(self._table)

    def put(self, row: ManifestRow) -> None:
        self._changed[row.key] = row
        self._dropped.discard(row.key)

    def drop(self, key: str) -> None:
        self._changed.pop(key, None)
        self._dropped.add(key)

    def listed(self, key: str) -> None:
        """The object was listed this run and is unchanged: only its last_listed_at moves."""
        position = self._position.get(key)
        if position is not None:
            self._listed[position] = True

    def mark_deleted(self) -> list[str]:
        """After an unfiltered run's listing: every stored row neither listed nor replaced was
        deleted upstream. Returns the keys noticed for the first time (``save`` stamps them)."""
        gone = ~self._listed
        for key in self._changed.keys() | self._dropped:
            if (position := self._position.get(key)) is not None:
                gone[position] = False
        self._gone = gone
        already = _validity(self._table.column("deleted_at"))
        return [self._keys[i] for i in np.flatnonzero(gone & ~already)]

    def save(self, now: datetime) -> Path:
        table = self._table
        table = self._stamp_deletions(table, now)
        if self._listed.any():
            index = SCHEMA.get_field_index("last_listed_at")
            stamps = _timestamps(table.column(index))
            stamps[self._listed] = (now - _EPOCH) // _MICROSECOND
            column = pa.Array.from_buffers(_TS, len(stamps), [None, pa.py_buffer(stamps)])
            table = table.set_column(index, SCHEMA.field(index), column)
        replaced = self._dropped | self._changed.keys()
        if replaced:
            keep = [i for key, i in self._position.items() if key not in replaced]
            table = table.take(_int64s(keep))
        if self._changed:
            table = pa.concat_tables([table, _table(self._changed.values())]).sort_by("key")
        return _write(self.dest, table)

    def _stamp_deletions(self, table: pa.Table, now: datetime) -> pa.Table:
        """Set deleted_at where ``mark_deleted`` first found a row gone; clear it where the
        key is listed again. Untouched (no rewrite) when neither happened."""
        index = SCHEMA.get_field_index("deleted_at")
        valid = _validity(table.column(index))
        back = valid & self._listed
        new = (self._gone & ~valid) if self._gone is not None else np.zeros_like(valid)
        if not (back.any() or new.any()):
            return table
        stamps = _timestamps(table.column(index))
        stamps[new] = (now - _EPOCH) // _MICROSECOND
        valid = (valid | new) & ~back
        validity = pa.py_buffer(np.packbits(valid, bitorder="little"))
        column = pa.Array.from_buffers(_TS, len(stamps), [validity, pa.py_buffer(stamps)])
        return table.set_column(index, SCHEMA.field(index), column)


def _validity(column: pa.ChunkedArray) -> np.ndarray:
    """Which values of ``column`` are not null, from its validity bitmaps (no pandas)."""
    parts = []
    for chunk in column.chunks:
        bitmap = chunk.buffers()[0]
        if bitmap is None:
            parts.append(np.full(len(chunk), chunk.null_count == 0))
        else:
            bits = np.unpackbits(np.frombuffer(bitmap, dtype=np.uint8), bitorder="little")
            parts.append(bits[chunk.offset : chunk.offset + len(chunk)].astype(bool))
    return np.concatenate(parts) if parts else np.zeros(0, dtype=bool)


def _write(dest: Path, table: pa.Table) -> Path:
    """Write atomically: readers (dbt) never see a half-written manifest."""
    path = manifest_path(dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(".parquet.part")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)
    return path


def _table(rows: Iterable[ManifestRow]) -> pa.Table:
    ordered = list(rows)
    # column by column: dataclasses.asdict per row costs seconds at 100,000 rows
    return pa.Table.from_arrays(
        [_column(field.type, [getattr(row, field.name) for row in ordered]) for field in SCHEMA],
        schema=SCHEMA,
    )


def _timestamps(column: pa.ChunkedArray) -> np.ndarray:
    """A writable copy of a timestamp column as int64 microseconds (arbitrary under nulls), read
    from the data buffers: to_numpy would import pandas, a cast pyarrow.compute (~0.15 s)."""
    parts = [
        np.frombuffer(data, dtype=np.int64)[chunk.offset : chunk.offset + len(chunk)]
        if (data := chunk.buffers()[1]) is not None
        else np.zeros(len(chunk), dtype=np.int64)
        for chunk in column.chunks
    ]
    return np.concatenate(parts) if parts else np.zeros(0, dtype=np.int64)


def _int64s(values: list[int]) -> pa.Array:
    return pa.Array.from_buffers(
        pa.int64(), len(values), [None, pa.py_buffer(np.array(values, dtype=np.int64))]
    )


# Columns are assembled from buffers rather than with pa.array: pa.array (and pa.table, and
# pa.scalar) import pandas on first use, about a second, which was a third of a no-change run.
_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_MICROSECOND = timedelta(microseconds=1)


def _column(kind: pa.DataType, values: Sequence[object]) -> pa.Array:
    present = np.fromiter((v is not None for v in values), dtype=bool, count=len(values))
    validity = None if present.all() else pa.py_buffer(np.packbits(present, bitorder="little"))
    if kind == pa.string():
        encoded = [v.encode() if isinstance(v, str) else b"" for v in values]
        offsets = np.zeros(len(values) + 1, dtype=np.int32)
        np.cumsum([len(e) for e in encoded], out=offsets[1:])
        buffers = [validity, pa.py_buffer(offsets), pa.py_buffer(b"".join(encoded))]
    elif kind == pa.int64():
        data = np.fromiter((v or 0 for v in values), dtype=np.int64, count=len(values))  # type: ignore[misc]
        buffers = [validity, pa.py_buffer(data)]
    elif kind == _TS:
        micros = ((v - _EPOCH) // _MICROSECOND if v is not None else 0 for v in values)  # type: ignore[operator]
        buffers = [validity, pa.py_buffer(np.fromiter(micros, dtype=np.int64, count=len(values)))]
    else:
        raise TypeError(f"no manifest column builder for {kind}")
    return pa.Array.from_buffers(kind, len(values), buffers)
