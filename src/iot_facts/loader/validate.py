"""Validate a downloaded export file before it is staged."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.haltian.catalog import Family, folder
from iot_facts.haltian.paths import ExportKey

# DuckDB 1.5 decodes Parquet decimals with precision > 38 wrongly unless their byte width is a
# multiple of 8 (duckdb/duckdb#25058). pyarrow decodes them correctly, so such columns are
# rewritten as float64 (what DuckDB would return for them anyway) before dbt reads the file.
MAX_DUCKDB_DECIMAL_PRECISION = 38


@dataclass(frozen=True)
class Validation:
    status: str  # ok | empty | quarantined | unknown_entity
    reason: str | None
    row_count: int | None
    fingerprint: str | None


def schema_fingerprint(schema: pa.Schema) -> str:
    """A short, stable hash of column names and Arrow types (metadata ignored)."""
    text = ";".join(f"{f.name}:{f.type}" for f in schema)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _footer(schema: pa.Schema) -> dict[str, str]:
    return {
        k.decode(errors="replace"): v.decode(errors="replace")
        for k, v in (schema.metadata or {}).items()
        if not k.startswith(b"ARROW:")
    }


def _drift_notes(parsed: ExportKey, schema: pa.Schema) -> list[str]:
    known = folder(parsed.family, parsed.folder)
    if known is None:
        return []
    expected = {c.raw for c in known.columns}
    present = set(schema.names)
    notes = []
    if missing := sorted(expected - present):
        notes.append(f"columns missing vs catalog: {', '.join(missing)}")
    if extra := sorted(present - expected):
        notes.append(f"columns not in catalog: {', '.join(extra)}")
    return notes


def _footer_notes(parsed: ExportKey, footer: dict[str, str], rows: int) -> list[str]:
    """v1 files carry their own description in the footer; report where it disagrees."""
    notes = []
    checks = {
        "queryName": parsed.folder,
        "organizationId": parsed.organization_id,
        "rowCount": str(rows),
    }
    if parsed.kind == "measurement":
        checks["intervalStart"] = parsed.window_start.strftime("%Y-%m-%dT%H:%M:%SZ")
        checks["intervalEnd"] = parsed.window_end.strftime("%Y-%m-%dT%H:%M:%SZ")
    for key, expected in checks.items():
        actual = footer.get(key)
        if actual is None:
            notes.append(f"footer lacks {key}")
        elif actual != expected:
            notes.append(f"footer {key}={actual!r} but path says {expected!r}")
    return notes


def _normalize_wide_decimals(path: Path, table: pa.Table) -> list[str]:
    wide = [
        f.name
        for f in table.schema
        if pa.types.is_decimal(f.type) and f.type.precision > MAX_DUCKDB_DECIMAL_PRECISION
    ]
    if not wide:
        return []
    for name in wide:
        index = table.schema.get_field_index(name)
        table = table.set_column(index, name, table.column(name).cast(pa.float64()))
    pq.write_table(table, path, compression="zstd")
    return [
        f"normalized: decimal columns with precision > 38 ({', '.join(wide)}) rewritten as "
        "float64 because DuckDB misreads them (duckdb/duckdb#25058)"
    ]


def read_whole(path: Path) -> pa.Table:
    """Every page of the file, decoded: a damaged page must not pass. ParquetFile.read rather
    than pq.read_table, whose dataset machinery costs 0.8 ms more per file (bench/README.md)."""
    with pq.ParquetFile(path) as parquet:
        return parquet.read()


def validate(path: Path, parsed: ExportKey | None) -> Validation:
    """Read the whole file and classify it; may rewrite wide decimal columns in place."""
    try:
        table = read_whole(path)
    except (pa.ArrowException, OSError) as error:
        return Validation("quarantined", f"unreadable Parquet: {error}", None, None)
    rows = table.num_rows
    fingerprint = schema_fingerprint(table.schema)
    notes: list[str] = []
    if parsed is None:
        status = "unknown_entity"
        notes.append("key does not follow the legacy or v1 export layout")
    elif not parsed.known:
        status = "unknown_entity"
        notes.append(f"folder {parsed.folder!r} is not in the catalog ({parsed.family} exporter)")
    else:
        status = "empty" if rows == 0 else "ok"
        notes.extend(_drift_notes(parsed, table.schema))
        if parsed.family is Family.V1:
            notes.extend(_footer_notes(parsed, _footer(table.schema), rows))
    if parsed is not None and parsed.problem:
        notes.append(parsed.problem)
    notes.extend(_normalize_wide_decimals(path, table))
    return Validation(status, "; ".join(notes) or None, rows, fingerprint)
