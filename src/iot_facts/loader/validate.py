"""Validate a downloaded export file before it is staged."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.haltian.catalog import Family, folder
from iot_facts.haltian.paths import ExportKey
from iot_facts.loader.conform import conform_types, missing_required

# DuckDB 1.5 decodes Parquet decimals with precision > 38 wrongly unless their byte width is a
# multiple of 8 (duckdb/duckdb#25058). pyarrow decodes them correctly, so such columns are
# rewritten as float64 (what DuckDB would return for them anyway) before dbt reads the file.
MAX_DUCKDB_DECIMAL_PRECISION = 38
# Below this many rows a second open of the file costs more than the string copies it saves.
DICTIONARY_READ_ROWS = 100_000


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


def _wide_decimals(schema: pa.Schema) -> list[str]:
    return [
        f.name
        for f in schema
        if pa.types.is_decimal(f.type) and f.type.precision > MAX_DUCKDB_DECIMAL_PRECISION
    ]


def _normalize_wide_decimals(path: Path, schema: pa.Schema) -> list[str]:
    wide = _wide_decimals(schema)
    if not wide:
        return []
    with pq.ParquetFile(path) as parquet:  # not memory-mapped: the file is rewritten below
        table = parquet.read()
    for name in wide:
        index = schema.get_field_index(name)
        table = table.set_column(index, name, table.column(name).cast(pa.float64()))
    pq.write_table(table, path, compression="zstd")
    return [
        f"normalized: decimal columns with precision > 38 ({', '.join(wide)}) rewritten as "
        "float64 because DuckDB misreads them (duckdb/duckdb#25058)"
    ]


def _dictionary_columns(parquet: pq.ParquetFile) -> list[str]:
    """Top-level string/binary columns dictionary-encoded in every row group: decoded as
    dictionaries, their pages are still all decompressed and decoded, but no string is copied
    out per row (4x less work on a string-heavy file); the indices are bounds-checked after."""
    schema, meta = parquet.schema_arrow, parquet.metadata
    if meta.num_columns != len(schema):
        return []  # nested columns: leaf i is not field i; decode them as they are
    return [
        field.name
        for index, field in enumerate(schema)
        if (pa.types.is_string(field.type) or pa.types.is_binary(field.type))
        and all(
            meta.row_group(g).column(index).has_dictionary_page for g in range(meta.num_row_groups)
        )
    ]


def decode_every_page(path: Path) -> tuple[pa.Schema, int]:
    """Decompress and decode every page of the file, so a damaged page does not pass; return the
    file's Arrow schema (with its footer metadata) and row count. ParquetFile rather than
    pq.read_table, whose dataset machinery costs 0.8 ms more per file (bench/README.md)."""
    with pq.ParquetFile(path) as parquet:
        schema, metadata = parquet.schema_arrow, parquet.metadata
        strings = _dictionary_columns(parquet) if metadata.num_rows >= DICTIONARY_READ_ROWS else []
        if not strings:
            return schema, _decode_row_groups(parquet)
    # read_dictionary is an open-time option: open again, with the footer already parsed, and
    # mapped rather than copied into buffers (a tenth less time on a large file)
    with pq.ParquetFile(
        path, metadata=metadata, read_dictionary=strings, memory_map=True
    ) as parquet:
        return schema, _decode_row_groups(parquet)


def _decode_row_groups(parquet: pq.ParquetFile) -> int:
    """One row group at a time: memory stays at one group's size, not the file's, and reusing
    it avoids the page faults of a fresh file-sized table (a third of a 64 MB file's decode)."""
    rows = 0
    for group in range(parquet.metadata.num_row_groups):
        table = parquet.read_row_group(group)
        table.validate(full=True)  # dictionary indices in bounds, strings valid UTF-8
        rows += table.num_rows
    return rows


def validate(path: Path, parsed: ExportKey | None) -> Validation:
    """Decode the whole file and classify it; may rewrite wide decimal columns, and columns of
    another type than the catalog's (iot_facts.loader.conform), in place."""
    try:
        schema, rows = decode_every_page(path)
    except (pa.ArrowException, OSError) as error:
        return Validation("quarantined", f"unreadable Parquet: {error}", None, None)
    fingerprint = schema_fingerprint(schema)
    notes: list[str] = []
    if parsed is None:
        status = "unknown_entity"
        notes.append("key does not follow the legacy or v1 export layout")
    elif not parsed.known:
        status = "unknown_entity"
        notes.append(f"folder {parsed.folder!r} is not in the catalog ({parsed.family} exporter)")
    else:
        status = "empty" if rows == 0 else "ok"
        notes.extend(missing_required(parsed, schema))
        notes.extend(_drift_notes(parsed, schema))
        if parsed.family is Family.V1:
            notes.extend(_footer_notes(parsed, _footer(schema), rows))
    if parsed is not None and parsed.problem:
        notes.append(parsed.problem)
    rewritten = _normalize_wide_decimals(path, schema)
    notes.extend(rewritten)
    if parsed is not None and parsed.known:
        # wide decimals stay float64: DuckDB unions them with the catalog's decimals
        types = conform_types(path, parsed, schema, skip=frozenset(_wide_decimals(schema)))
        if types.problems:
            status = "quarantined"
            notes[:0] = [f"type drift: {problem}" for problem in types.problems]
        notes.extend(types.converted + types.kept)
        rewritten += types.converted
    if rewritten and status != "quarantined":
        # the fingerprint of what is staged, which --verify compares with the staged file
        fingerprint = schema_fingerprint(pq.read_schema(path))
    return Validation(status, "; ".join(notes) or None, rows, fingerprint)
