"""Decode a downloaded IoT Core export object and stage its events as Parquet.

Every line is parsed (gzip-aware; objects concatenated on one line are split): the staged table
has one row per event and per bad line (iot_facts.iot_core.decode), so dbt accounts for every
line and keeps bad ones as rejects with the line number, the text and the reason. Only an
object that cannot be read at all (a corrupt gzip stream) is quarantined.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq

from iot_facts.iot_core.decode import PARQUET_SCHEMA, DecodeError, decode_events, to_parquet_table
from iot_facts.iot_core.paths import IotCoreKey
from iot_facts.loader.validate import Validation, schema_fingerprint

BAD_LINES = "bad line"  # in the manifest reason of an object with bad lines (the loader warns)


def convert(source: Path, parsed: IotCoreKey, out: Path) -> Validation:
    """Decode ``source`` completely and write its events and bad lines to ``out``."""
    try:
        decoded = decode_events(source.read_bytes(), gzipped=parsed.compressed or None)
    except DecodeError as error:
        return Validation("quarantined", f"unreadable object: {error}", None, None)
    table = to_parquet_table(decoded)
    pq.write_table(table, out, compression="zstd")
    bad = len(decoded.bad_lines)
    reason = (
        f"{bad} {BAD_LINES}{'s' if bad != 1 else ''} (staged as rejects; first: line "
        f"{decoded.bad_lines[0].line_number}: {decoded.bad_lines[0].reason})"
        if bad
        else None
    )
    status = "empty" if table.num_rows == 0 else "ok"
    return Validation(status, reason, table.num_rows, schema_fingerprint(PARQUET_SCHEMA))
