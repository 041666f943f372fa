"""Validate a downloaded SiteWise cold-tier file and convert it to Parquet of a fixed schema.

Every Avro block is decompressed and decoded (fastavro checks each block's sync marker; the
loader checks the Snappy CRC, which fastavro skips, and that each block's records use all its
bytes), every NDJSON line parsed. Why Parquet, not the original: DuckDB 1.5's read_avro drops a
column that the first file of a glob lacks, has no union_by_name, and returns the rows before
the damage of a damaged file without an error; the loader decodes every record to validate
anyway, and a fixed schema per folder lets dbt read all files of a folder as one relation with
read_parquet, as it reads the Haltian exports.
"""

from __future__ import annotations

import io
import json
import math
import zlib
from collections.abc import Sequence
from pathlib import Path

import fastavro
import pyarrow as pa
import pyarrow.parquet as pq

from iot_facts.loader.validate import Validation, schema_fingerprint
from iot_facts.sitewise.paths import SiteWiseKey
from iot_facts.sitewise.schemas import AGG_STATISTICS, ASSET_DATES, HIERARCHY_FIELDS, PARQUET

Record = dict[str, object]


class DamagedError(ValueError):
    """The file cannot be staged as it is; the message is the manifest reason."""


def convert(source: Path, parsed: SiteWiseKey, out: Path) -> Validation:
    """Decode ``source`` completely and, unless it is damaged, write it to ``out`` as Parquet
    with the folder's fixed schema, records in file order. Quarantined: nothing is written."""
    schema = PARQUET[parsed.folder]
    try:
        if parsed.folder in ("raw", "agg"):
            fields, records = _read_avro(source)
            notes = _series_notes(parsed, fields, records)
        else:
            fields, records = _read_ndjson(source, parsed.folder)
            notes = []
        extra = sorted(set(fields) - set(schema.names))
        missing = [name for name in schema.names if name not in fields]
        table = _table(schema, records, parsed.folder)
    except DamagedError as error:
        return Validation("quarantined", str(error), None, None)
    if missing:
        notes.append(f"fields missing from the file, staged as null: {', '.join(missing)}")
    if extra:
        notes.append(f"fields not in the staged schema, dropped: {', '.join(extra)}")
    pq.write_table(table, out, compression="zstd")
    status = "empty" if table.num_rows == 0 else "ok"
    return Validation(status, "; ".join(notes) or None, table.num_rows, schema_fingerprint(schema))


def _read_avro(source: Path) -> tuple[list[str], list[Record]]:
    data = source.read_bytes()
    records: list[Record] = []
    try:
        reader = fastavro.block_reader(io.BytesIO(data))
        writer_schema, codec = reader.writer_schema, reader.codec
        for block in reader:  # fastavro checks each block's sync marker
            payload = block.bytes_.getvalue()
            if codec == "snappy":
                _check_crc(data, block.offset, payload)
            records.extend(block)
            if block.bytes_.tell() != len(payload):
                # a damaged count or length that still decodes: records end inside the block
                raise DamagedError(
                    f"unreadable Avro: block at byte {block.offset} holds "
                    f"{len(payload) - block.bytes_.tell()} bytes after its {block.num_records} "
                    "records"
                )
    except DamagedError:
        raise
    except Exception as error:  # noqa: BLE001 - any decoding failure means a damaged file
        raise DamagedError(f"unreadable Avro: {type(error).__name__}: {error}") from None
    if not isinstance(writer_schema, dict) or writer_schema.get("type") != "record":
        raise DamagedError("Avro schema is not a record")
    return [str(field["name"]) for field in writer_schema["fields"]], records  # type: ignore[index]


def _varint(data: bytes, at: int) -> int:
    """The end of the zig-zag varint at ``at``."""
    while data[at] & 0x80:
        at += 1
    return at + 1


def _check_crc(data: bytes, offset: int, payload: bytes) -> None:
    """A Snappy block ends with the big-endian CRC-32 of its uncompressed bytes (Avro spec).
    fastavro 1.13 skips it, so a flipped bit in a literal would decode as a wrong value."""
    at = _varint(data, offset)  # the record count
    length_end = _varint(data, at)
    length = _unzigzag(data[at:length_end])
    stored = data[length_end + length - 4 : length_end + length]
    if int.from_bytes(stored, "big") != zlib.crc32(payload):
        raise DamagedError(f"unreadable Avro: Snappy CRC mismatch in the block at byte {offset}")


def _unzigzag(encoded: bytes) -> int:
    value = 0
    for shift, byte in enumerate(encoded):
        value |= (byte & 0x7F) << (7 * shift)
    return (value >> 1) ^ -(value & 1)


def _read_ndjson(source: Path, folder: str) -> tuple[list[str], list[Record]]:
    try:
        text = source.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        raise DamagedError(f"not UTF-8: {error}") from None
    records: list[Record] = []
    seen: dict[str, None] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue  # the final newline, or a blank line (NDJSON readers may skip them)
        try:
            value = json.loads(line)
        except json.JSONDecodeError as error:
            raise DamagedError(f"line {number}: {error}") from None
        if not isinstance(value, dict):
            raise DamagedError(f"line {number}: not a JSON object")
        _check_line(number, value, folder)
        seen.update(dict.fromkeys(value))
        records.append(value)
    return list(seen), records


def _check_line(number: int, line: Record, folder: str) -> None:
    """Metadata values are text, and the asset dates epoch seconds; anything else is not the
    documented format (a number where an id belongs would silently not join)."""
    names = PARQUET[folder].names
    for name in names:
        value = line.get(name)
        if value is None:
            continue
        if name in ASSET_DATES:
            if isinstance(value, bool) or not isinstance(value, int):
                raise DamagedError(f"line {number}: {name} is {value!r}, not epoch seconds")
        elif not isinstance(value, str):
            raise DamagedError(f"line {number}: {name} is {value!r}, not a string")
    if folder == "asset_hierarchy_metadata":
        missing = [name for name in HIERARCHY_FIELDS[:3] if line.get(name) is None]
        if missing:
            raise DamagedError(f"line {number}: no {', '.join(missing)}")


def _series_notes(parsed: SiteWiseKey, fields: list[str], records: list[Record]) -> list[str]:
    """Where the records disagree with their file name: recorded, not quarantined."""
    notes = []
    for name, expected in (("seriesId", parsed.series_id), ("quality", parsed.quality)):
        if name in fields and (n := sum(r.get(name) != expected for r in records)):
            notes.append(f"{n} records' {name} differs from the file name's {expected!r}")
    return notes


def _number(value: object) -> float | None:
    """An aggregate as float: Avro numbers, or numeric text (the AWS page types sum as
    string); a boolean (the page types max as boolean) or other text is not a number."""
    if value is None:
        return None
    if isinstance(value, bool):
        raise ValueError(f"{value!r} is a boolean")
    if isinstance(value, int | float):
        return float(value)
    if isinstance(value, str):
        number = float(value)  # ValueError if not numeric
        if math.isinf(number) and "inf" not in value.lower():
            raise ValueError(f"{value!r} overflows a double")
        return number
    raise ValueError(f"{value!r} is not a number")


def _column(name: str, kind: pa.DataType, records: Sequence[Record], folder: str) -> pa.Array:
    values: list[object] = [record.get(name) for record in records]
    if folder == "agg" and name in AGG_STATISTICS:
        for index, value in enumerate(values):
            try:
                values[index] = _number(value)
            except ValueError as error:
                raise DamagedError(f"record {index + 1}: {name} is not numeric: {error}") from None
    try:
        return pa.array(values, type=kind)
    except (pa.ArrowInvalid, pa.ArrowTypeError) as error:
        raise DamagedError(f"{name} does not convert to {kind}: {error}") from None


def _table(schema: pa.Schema, records: list[Record], folder: str) -> pa.Table:
    columns = [_column(field.name, field.type, records, folder) for field in schema]
    return pa.Table.from_arrays(columns, schema=schema)
