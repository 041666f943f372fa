"""The export catalog: every entity and measurement folder with its columns for both exporters.

The single source of truth is the pair of dbt seeds (``seeds/measurement_types.csv`` and
``seeds/entity_columns.csv``); this module reads them so the generator, the loader's validation and
the tests agree with the dbt models by construction.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path

import pyarrow as pa

from iot_facts.settings import SEEDS_DIR


class Family(StrEnum):
    """The two Haltian exporters that write side by side into one bucket."""

    LEGACY = "legacy"
    V1 = "v1"


@dataclass(frozen=True)
class Column:
    """One physical column of an export file and the canonical column it feeds."""

    canonical: str
    raw: str
    arrow_type: pa.DataType
    nullable: bool


@dataclass(frozen=True)
class Folder:
    """One export folder (an entity or a measurement type) of one exporter family."""

    family: Family
    name: str
    kind: str  # "metadata" or "measurement"
    dataset: str  # entity name (devices, spaces, ...) or measurement type (co2, ...)
    columns: tuple[Column, ...]

    def schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.raw, c.arrow_type, nullable=c.nullable) for c in self.columns])


_DECIMAL = re.compile(r"decimal(128|256)\((\d+);(\d+)\)")
_SIMPLE_TYPES: dict[str, pa.DataType] = {
    "string": pa.string(),
    "bool": pa.bool_(),
    "int8": pa.int8(),
    "int32": pa.int32(),
    "int64": pa.int64(),
    "uint32": pa.uint32(),
    "float": pa.float32(),
    "double": pa.float64(),
    "timestamp[ms]": pa.timestamp("ms", tz="UTC"),
    "timestamp[us]": pa.timestamp("us", tz="UTC"),
}


def arrow_type(spec: str) -> pa.DataType:
    """Parse the type notation used in the seeds (``decimal128(38;20)``, ``int8``, ...)."""
    match = _DECIMAL.fullmatch(spec)
    if match:
        bits, precision, scale = match.groups()
        factory = pa.decimal128 if bits == "128" else pa.decimal256
        return factory(int(precision), int(scale))
    try:
        return _SIMPLE_TYPES[spec]
    except KeyError:
        raise ValueError(f"unknown type notation in seed: {spec!r}") from None


def read_seed(name: str, seeds_dir: Path = SEEDS_DIR) -> list[dict[str, str]]:
    """The rows of a seed CSV as dicts of strings."""
    with (seeds_dir / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# Columns every measurement file carries besides its value columns.
_MEASUREMENT_COMMON = {
    Family.LEGACY: (
        Column("device_id", "deviceId", pa.string(), False),
        Column("measured_at", "ts", pa.timestamp("ms", tz="UTC"), False),
        Column("organization_id", "organizationId", pa.string(), True),
    ),
    # v1 timestamps are microseconds per the v1 types table (the docs conflict; staging normalizes).
    Family.V1: (
        Column("device_id", "deviceId", pa.string(), False),
        Column("measured_at", "measuredAt", pa.timestamp("us", tz="UTC"), False),
    ),
}
# Legacy entity tables carry organizationId (v1 removed it); the organization table is the org.
_LEGACY_ORG_COLUMN = Column("organization_id", "organizationId", pa.string(), True)


@cache
def folders(seeds_dir: Path = SEEDS_DIR) -> dict[tuple[Family, str], Folder]:
    """Every known folder keyed by (family, folder name)."""
    result: dict[tuple[Family, str], Folder] = {}
    measurement_rows = read_seed("measurement_types.csv", seeds_dir)
    for family in Family:
        by_folder: dict[str, list[dict[str, str]]] = {}
        for row in measurement_rows:
            if row[f"{family}_column"]:
                by_folder.setdefault(row["folder"], []).append(row)
        for name, rows in by_folder.items():
            values = tuple(
                Column(
                    r["value_name"],
                    r[f"{family}_column"],
                    arrow_type(r[f"{family}_type"]),
                    r["is_nullable"] == "true",
                )
                for r in rows
            )
            result[(family, name)] = Folder(
                family,
                name,
                "measurement",
                rows[0]["measurement_type"],
                _MEASUREMENT_COMMON[family] + values,
            )
    entity_rows = read_seed("entity_columns.csv", seeds_dir)
    for family in Family:
        by_entity: dict[str, list[dict[str, str]]] = {}
        for row in entity_rows:
            if row[f"{family}_folder"]:
                by_entity.setdefault(row[f"{family}_folder"], []).append(row)
        for name, rows in by_entity.items():
            cols = tuple(
                Column(
                    r["column_name"],
                    r[f"{family}_column"],
                    arrow_type(r[f"{family}_type"]),
                    r["is_key"] != "true",
                )
                for r in rows
                if r[f"{family}_column"]
            )
            if family is Family.LEGACY and name != "organization":
                cols = (*cols, _LEGACY_ORG_COLUMN)
            result[(family, name)] = Folder(family, name, "metadata", rows[0]["entity"], cols)
    return result


def folder(family: Family, name: str) -> Folder | None:
    """The known folder, or None for a folder this project has never seen."""
    return folders().get((family, name))


def measurement_folders(family: Family) -> list[Folder]:
    return [f for (fam, _), f in folders().items() if fam is family and f.kind == "measurement"]


def entity_folders(family: Family) -> list[Folder]:
    return [f for (fam, _), f in folders().items() if fam is family and f.kind == "metadata"]


def accepted_columns(family: Family, name: str) -> dict[str, Column]:
    """The raw column names dbt staging reads in one folder's files, each with the column (and so
    the type) it stands for: the family's own spellings first, then, for measurements, the other
    exporter's (staging coalesces both, as renames have been seen in both directions)."""
    own = folder(family, name)
    if own is None:
        return {}
    accepted = {c.raw: c for c in own.columns}
    other = folder(Family.V1 if family is Family.LEGACY else Family.LEGACY, name)
    if own.kind == "measurement" and other is not None:
        for column in other.columns:
            accepted.setdefault(column.raw, column)
    return accepted
