"""The loader manifest: one row per object ever seen, stored as Parquet under the landing dir.

dbt reads it as a source: it is the record of coverage (which export windows were delivered,
empty files included), so watermarks and freshness come from it.
"""

from __future__ import annotations

from collections.abc import Sequence
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


def load(dest: Path) -> dict[str, ManifestRow]:
    path = manifest_path(dest)
    if not path.exists():
        return {}
    # ParquetFile, not read_table (which imports pyarrow.dataset), and timestamps converted as
    # naive values: converting tz-aware ones imports pandas. Together 0.8 s of a no-change run.
    table = pq.ParquetFile(path).read()
    if table.schema != SCHEMA:
        table = table.select(SCHEMA.names).cast(SCHEMA)
    columns = []
    for name in SCHEMA.names:
        column = table.column(name)
        if column.type == _TS:
            values = column.cast(pa.timestamp("us")).to_pylist()
            columns.append([v.replace(tzinfo=UTC) if v is not None else None for v in values])
        else:
            columns.append(column.to_pylist())
    return {values[0]: ManifestRow(*values) for values in zip(*columns, strict=True)}


def save(dest: Path, rows: dict[str, ManifestRow]) -> Path:
    """Write atomically: readers (dbt) never see a half-written manifest."""
    path = manifest_path(dest)
    path.parent.mkdir(parents=True, exist_ok=True)
    ordered = [rows[k] for k in sorted(rows)]
    # column by column: dataclasses.asdict per row costs seconds at 100,000 rows
    table = pa.Table.from_arrays(
        [_column(field.type, [getattr(row, field.name) for row in ordered]) for field in SCHEMA],
        schema=SCHEMA,
    )
    tmp = path.with_suffix(".parquet.part")
    pq.write_table(table, tmp, compression="zstd")
    tmp.replace(path)
    return path


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
