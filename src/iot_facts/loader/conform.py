"""Check a downloaded file's columns against the catalog: types, and required columns.

dbt reads all files of a folder as one relation (``read_parquet(..., union_by_name = true)``),
so one file whose column has another type than in the other files (``ts`` as int64 epoch
milliseconds instead of a timestamp) fails every staging model that reads the folder. Before a
file is staged, each catalog column of another type is converted to the catalog type where that
is unambiguous and lossless, and the file rewritten; a column that cannot be converted puts the
file in quarantine, so one bad file never stops the build.

Conversions (anything else is not convertible):

- integer to timestamp: epoch time, its unit chosen by magnitude (``EPOCH_UNITS``); every
  non-null value must fall in the same band, else the unit is ambiguous;
- timestamp of another unit or zone: the same instants; one without a zone is taken as UTC,
  as the exporters document every time in UTC;
- numbers (integer, float, decimal) to another numeric type: only if every value converts
  back to itself exactly;
- text to a timestamp (ISO 8601 with a zone offset), number or boolean, by Arrow's strict
  parser, if every non-null value parses; otherwise the column stays text (DuckDB reads text
  together with any type, and staging rejects the rows it cannot type, with their values);
- a column of nulls only, large or view strings, dictionary-encoded columns (decoded first).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from iot_facts.haltian.catalog import Column, accepted_columns, folder
from iot_facts.haltian.paths import ExportKey

# Epoch integers by magnitude (absolute value, below the bound): 1e11 s is the year 5138 and
# 1e11 ms is March 1973, so within the years 1973-5138 the bands do not overlap.
EPOCH_UNITS = ((10**11, "s"), (10**14, "ms"), (10**17, "us"), (None, "ns"))
EPOCH_UNIT_NAMES = {"s": "seconds", "ms": "milliseconds", "us": "microseconds", "ns": "nanoseconds"}
REQUIRED_MISSING = "required columns missing"


class NotConvertibleError(ValueError):
    """The column's values cannot be converted to the catalog type without guessing."""


@dataclass
class Conformance:
    converted: list[str] = field(default_factory=list)  # notes for the manifest reason
    problems: list[str] = field(default_factory=list)  # why the file must be quarantined
    kept: list[str] = field(default_factory=list)  # text columns left for staging to type


def _epoch_unit(values: pa.ChunkedArray) -> str:
    magnitudes = pc.min_max(pc.abs(values.cast(pa.int64())))
    low, high = magnitudes["min"].as_py(), magnitudes["max"].as_py()
    if high is None:
        return "ms"  # no values: any unit reads the same
    bands = {next(u for bound, u in EPOCH_UNITS if bound is None or v < bound) for v in (low, high)}
    if len(bands) > 1:
        raise NotConvertibleError(f"epoch values from {low} to {high} span several units")
    return bands.pop()


def _exact_round_trip(original: pa.ChunkedArray, converted: pa.ChunkedArray) -> bool:
    back = converted.cast(original.type, safe=False)
    same = pc.equal(original, back)
    if pa.types.is_floating(original.type):
        same = pc.or_kleene(same, pc.is_nan(original))
    # nulls stay nulls through a cast, so only non-null values are compared
    return pc.all(same).as_py() is not False


def convert(values: pa.ChunkedArray, expected: pa.DataType) -> tuple[pa.ChunkedArray, str]:
    """``values`` as ``expected``, and how; NotConvertibleError if that would be a guess."""
    found = values.type
    if pa.types.is_dictionary(found):
        values = values.cast(found.value_type)
        found = values.type
        if found == expected:
            return values, "dictionary-encoded"
    if pa.types.is_null(found):
        return values.cast(expected), "all null"
    text = _is_text(found)
    try:
        if pa.types.is_timestamp(expected) and pa.types.is_integer(found):
            unit = _epoch_unit(values)
            stamps = values.cast(pa.int64()).cast(pa.timestamp(unit, tz="UTC"))
            return stamps.cast(expected), f"epoch {EPOCH_UNIT_NAMES[unit]}"
        if pa.types.is_timestamp(expected) and pa.types.is_timestamp(found):
            how = "no time zone, taken as UTC" if found.tz is None else "same instants"
            return values.cast(expected), how
        if _is_number(expected) and _is_number(found):
            converted = values.cast(expected)
            if not _exact_round_trip(values, converted):
                raise NotConvertibleError("values would change")
            return converted, "exact"
        if text and (
            pa.types.is_timestamp(expected) or _is_number(expected) or pa.types.is_boolean(expected)
        ):
            return values.cast(expected), "text parsed"
        if pa.types.is_string(expected) and (text or pa.types.is_string_view(found)):
            return values.cast(expected), "same text"
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        raise NotConvertibleError(str(error).splitlines()[0]) from None
    raise NotConvertibleError("no unambiguous conversion")


def _is_text(kind: pa.DataType) -> bool:
    return pa.types.is_string(kind) or pa.types.is_large_string(kind)


def _is_number(kind: pa.DataType) -> bool:
    return pa.types.is_integer(kind) or pa.types.is_floating(kind) or pa.types.is_decimal(kind)


def _expected_columns(parsed: ExportKey, schema: pa.Schema) -> dict[str, Column]:
    accepted = accepted_columns(parsed.family, parsed.folder)
    return {name: accepted[name] for name in schema.names if name in accepted}


def conform_types(
    path: Path, parsed: ExportKey, schema: pa.Schema, skip: frozenset[str] = frozenset()
) -> Conformance:
    """Compare the file's catalog columns (``schema``, already read) with their catalog types;
    rewrite the file with the convertible ones converted, unless some column is not convertible
    (then it is left as it is, to be quarantined). ``skip``: columns the loader already rewrote
    on purpose."""
    result = Conformance()
    drifted = {
        name: column
        for name, column in _expected_columns(parsed, schema).items()
        if name not in skip and schema.field(name).type != column.arrow_type
    }
    if not drifted:
        return result  # the common case: no second open of the file
    with pq.ParquetFile(path) as parquet:  # not memory-mapped: the file may be rewritten below
        table = parquet.read()
    for name, column in drifted.items():
        found = schema.field(name).type
        try:
            values, how = convert(table.column(name), column.arrow_type)
        except NotConvertibleError as error:
            if _is_text(found):
                # DuckDB unions text with any type as text, and staging types it row by row,
                # rejecting (with the value) only the rows that do not parse: better than
                # quarantining a whole file for one bad value
                result.kept.append(f"{name} is {found}, catalog expects {column.arrow_type}")
                continue
            result.problems.append(
                f"column {name} is {found}, catalog expects {column.arrow_type}: not convertible "
                f"({error})"
            )
            continue
        table = table.set_column(schema.get_field_index(name), name, values)
        result.converted.append(f"{name} {found} -> {column.arrow_type} ({how})")
    if result.problems:
        return result
    if result.kept:
        result.kept = [
            f"text columns not all parseable, left for staging to type row by row: "
            f"{', '.join(result.kept)}"
        ]
    if result.converted:
        pq.write_table(table, path, compression="zstd")  # keeps the footer (schema metadata)
        result.converted = [f"converted to catalog types: {', '.join(result.converted)}"]
    return result


def missing_required(parsed: ExportKey, schema: pa.Schema) -> list[str]:
    """Required columns (device, time, non-nullable values) of a measurement file that none of
    the spellings staging accepts supplies: dbt rejects every row of such a file."""
    own = folder(parsed.family, parsed.folder)
    if own is None or own.kind != "measurement":
        return []
    accepted = accepted_columns(parsed.family, parsed.folder)
    present = {accepted[name].canonical for name in schema.names if name in accepted}
    missing = [c.raw for c in own.columns if not c.nullable and c.canonical not in present]
    if not missing:
        return []
    return [f"{REQUIRED_MISSING}: {', '.join(missing)} (dbt rejects every row of this file)"]
