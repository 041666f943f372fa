"""Split an IoT Core export object into its JSON events, keeping every bad line visible.

A Firehose batch holds one event per line when the rule's Firehose action has the newline
separator, and all events concatenated on one line (``{...}{...}``) when it has none; a direct S3
object holds one event. Both are read the same way: lines split on ``\\n``, then each line into
consecutive JSON values with ``json.JSONDecoder.raw_decode``.

The rule for a line that goes wrong part-way: the objects fully decoded before the error are
events; the rest of the line, from the first byte that is not part of a good object, is one bad
line with the reason. Nothing is skipped silently (DuckDB's ``read_json(ignore_errors=true)`` can
swallow the good line after a truncated one; this does not), and the next line starts afresh.
Empty and whitespace-only lines are not data and are ignored. Only strict JSON is accepted:
``NaN`` and ``Infinity`` are bad, because DuckDB's JSON reader would reject them later.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from dataclasses import dataclass, field

import pyarrow as pa

GZIP_MAGIC = b"\x1f\x8b"
MAX_RAW_CHARS = 10_000  # a bad line is kept for diagnosis, not as a second copy of the object
_NOT_SPACE = re.compile(r"[^ \t\n\r]")  # JSON's whitespace is allowed between objects

PARQUET_SCHEMA = pa.schema(
    [
        pa.field("line_number", pa.int64(), nullable=False),
        pa.field("object_in_line", pa.int32(), nullable=False),
        pa.field("event_json", pa.string()),  # null for bad lines
        pa.field("raw_text", pa.string()),  # null for events
        pa.field("parse_error", pa.string()),  # null for events
    ]
)


class DecodeError(Exception):
    """The object as a whole cannot be read (a corrupt or truncated gzip stream)."""


@dataclass(frozen=True)
class Event:
    line_number: int  # 1-based
    object_in_line: int  # 0-based position among the JSON values of the line
    text: str  # the object's JSON text exactly as delivered


@dataclass(frozen=True)
class BadLine:
    line_number: int  # 1-based
    object_in_line: int  # how many good objects preceded the bad part on this line
    raw_text: str  # the bad part of the line, cut to MAX_RAW_CHARS
    reason: str


@dataclass
class Decoded:
    events: list[Event] = field(default_factory=list)
    bad_lines: list[BadLine] = field(default_factory=list)


def _reject_constant(name: str) -> object:
    raise ValueError(f"non-standard JSON constant {name}")


_DECODER = json.JSONDecoder(parse_constant=_reject_constant)


def decode_events(data: bytes, *, gzipped: bool | None = None) -> Decoded:
    """Decode an object's bytes; ``gzipped=None`` detects gzip by its magic bytes."""
    if gzipped is None:
        gzipped = data[:2] == GZIP_MAGIC
    if gzipped:
        data = _gunzip(data)
    decoded = Decoded()
    for number, line in enumerate(data.split(b"\n"), start=1):
        _decode_line(number, line, decoded)
    return decoded


def _gunzip(data: bytes) -> bytes:
    try:
        return gzip.decompress(data)  # all members: Firehose may concatenate them
    except (OSError, EOFError, zlib.error) as error:  # BadGzipFile is an OSError
        raise DecodeError(f"corrupt or truncated gzip stream: {error}") from error


def _decode_line(number: int, line: bytes, decoded: Decoded) -> None:
    try:
        text = line.decode("utf-8")
        invalid: UnicodeDecodeError | None = None
    except UnicodeDecodeError as error:
        # Keep the objects before the first bad byte (a no-separator batch is one long line).
        text = line[: error.start].decode("utf-8")
        invalid = error
    position = _skip_space(text, 0)
    index = 0
    while position < len(text):
        try:
            value, end = _DECODER.raw_decode(text, position)
            reason = None if isinstance(value, dict) else f"JSON {_kind(value)}, not an object"
        except json.JSONDecodeError as error:
            reason = f"invalid JSON at column {error.pos + 1}: {error.msg}"
        except ValueError as error:  # a rejected constant, or an integer beyond Python's limit
            reason = f"invalid JSON: {error}"
        except RecursionError:
            reason = "invalid JSON: nested too deeply"
        if reason is not None:
            if invalid is not None:  # the text was cut at the bad byte: say so first
                reason = f"{_utf8_reason(line, invalid)}; {reason}"
            _bad(decoded, number, index, line, text, position, reason)
            return
        decoded.events.append(Event(number, index, text[position:end]))
        index += 1
        position = _skip_space(text, end)
    if invalid is not None:
        _bad(decoded, number, index, line, text, position, _utf8_reason(line, invalid))


def _skip_space(text: str, position: int) -> int:
    match = _NOT_SPACE.search(text, position)
    return match.start() if match else len(text)


def _utf8_reason(line: bytes, error: UnicodeDecodeError) -> str:
    return f"not UTF-8: byte 0x{line[error.start]:02x} at byte {error.start + 1} of the line"


def _bad(
    decoded: Decoded, number: int, index: int, line: bytes, text: str, position: int, reason: str
) -> None:
    # The bad part runs to the end of the line; counted in bytes of the original line so that the
    # undecodable tail after a UTF-8 error is shown too (escaped, since it is not text).
    start = len(text[:position].encode("utf-8"))
    raw = line[start:].decode("utf-8", errors="backslashreplace")
    if len(raw) > MAX_RAW_CHARS:
        reason = f"{reason} (text cut to {MAX_RAW_CHARS:,} of {len(raw):,} characters)"
        raw = raw[:MAX_RAW_CHARS]
    decoded.bad_lines.append(BadLine(number, index, raw, reason))


def _kind(value: object) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    return "number"


def to_parquet_table(decoded: Decoded) -> pa.Table:
    """One row per event and per bad line, in line order (bad parts follow a line's events)."""
    rows: list[tuple[int, int, str | None, str | None, str | None]] = [
        (e.line_number, e.object_in_line, e.text, None, None) for e in decoded.events
    ]
    rows += [
        (b.line_number, b.object_in_line, None, b.raw_text, b.reason) for b in decoded.bad_lines
    ]
    rows.sort(key=lambda row: (row[0], row[1]))
    columns = list(zip(*rows, strict=True)) if rows else [()] * len(PARQUET_SCHEMA)
    return pa.Table.from_arrays(
        [
            pa.array(list(values), type=f.type)
            for values, f in zip(columns, PARQUET_SCHEMA, strict=True)
        ],
        schema=PARQUET_SCHEMA,
    )
