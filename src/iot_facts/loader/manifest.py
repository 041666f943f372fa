"""The loader manifest: one row per object ever seen, stored as Parquet under the landing dir.

dbt reads it as a source: it is the record of coverage (which export windows were delivered,
empty files included), so watermarks and freshness come from it.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

MANIFEST_RELATIVE = Path("_manifest") / "manifest.parquet"
STATUSES = ("ok", "empty", "quarantined", "unknown_entity", "refused")


@dataclass
class ManifestRow:
    key: str
    local_path: str | None  # relative to the landing directory; None when nothing is staged
    size: int
    etag: str
    last_modified: datetime
    staged_at: datetime | None
    last_listed_at: datetime
    family: str | None
    entity: str | None  # the export folder name, e.g. measurementCO2 or device
    dataset: str | None  # the catalog name, e.g. co2 or devices
    kind: str | None  # metadata | measurement | unknown
    organization_id: str | None
    window_start: datetime | None
    window_end: datetime | None
    row_count: int | None
    schema_fingerprint: str | None
    status: str
    reason: str | None
    local_size: int | None


_TS = pa.timestamp("us", tz="UTC")
SCHEMA = pa.schema(
    [
        ("key", pa.string()),
        ("local_path", pa.string()),
        ("size", pa.int64()),
        ("etag", pa.string()),
        ("last_modified", _TS),
        ("staged_at", _TS),
        ("last_listed_at", _TS),
        ("family", pa.string()),
        ("entity", pa.string()),
        ("dataset", pa.string()),
        ("kind", pa.string()),
        ("organization_id", pa.string()),
        ("window_start", _TS),
        ("window_end", _TS),
        ("row_count", pa.int64()),
        ("schema_fingerprint", pa.string()),
        ("status", pa.string()),
        ("reason", pa.string()),
        ("local_size", pa.int64()),
    ]
)
assert [f.name for f in fields(ManifestRow)] == SCHEMA.names


def manifest_path(dest: Path) -> Path:
    return dest / MANIFEST_RELATIVE


def _read_table(dest: Path) -> pa.Table:
    path = manifest_path(dest)
    if not path.exists():
        return pa.Table.from_batches([], schema=SCHEMA)  # SCHEMA.empty_table() imports pandas
    # ParquetFile, not read_table, which imports pyarrow.dataset (~0.4 s)
    table = pq.ParquetFile(path).read()
    return table if table.schema == SCHEMA else table.select(SCHEMA.names).cast(SCHEMA)


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
        self._listed = np.zeros(len(keys), dtype=bool)
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

    def save(self, now: datetime) -> Path:
        table = self._table
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
    """A writable copy of a never-null timestamp column as int64 microseconds, read from the
    data buffers: to_numpy would import pandas, a cast pyarrow.compute (~0.15 s)."""
    parts = [
        np.frombuffer(chunk.buffers()[1], dtype=np.int64)[chunk.offset : chunk.offset + len(chunk)]
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
